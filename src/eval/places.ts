// Evaluation of places against geoparsing gold sets (LGL, GeoVirus as JSON Lines with
// `text` and `toponyms[{start,end,text,lat,lon}]`).
// Recognition: a predicted place matches a gold toponym when their spans overlap (one-to-one,
// first come first served in text order); precision/recall/F1 over spans.
// Resolution, over matched pairs: accuracy@161 km (share within 100 miles), median error in
// km, and AUC of the log error curve (mean of ln(1+km)/ln(20039); lower is better).
// LGL also marks adjectives ("Georgian", "Israeli") as toponyms; sitrep leaves those to the
// actors layer, so recall is also given without them ("recall_nonadjectival").
import type { Document, Place } from '../document/types.js';
import { createContext } from '../pipeline/annotate.js';
import { annotatePlaces } from '../annotators/places.js';
import { foldName, getGazetteer } from '../gazetteer/index.js';
import { readGoldRecords } from './gold.js';
import { prf } from './score.js';

interface GoldToponym {
  start: number;
  end: number;
  text: string;
  lat: number | null;
  lon: number | null;
}

interface GoldDoc {
  id: string;
  title?: string | null;
  url?: string | null;
  published?: string | null;
  text: string;
  toponyms: GoldToponym[];
}

const EARTH_KM = 6371;
const MAX_ERROR_KM = 20039;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function evaluatePlaces(options: {
  gold: string;
  limit?: number;
  verbose?: boolean;
}): Promise<{ metrics: Record<string, number>; report: string }> {
  const docs = readGoldRecords<GoldDoc>(options.gold, options.limit);
  const demonyms = getGazetteer().demonyms;
  let goldCount = 0;
  let goldAdjectival = 0;
  let predCount = 0;
  let matchedGold = 0;
  let matchedAdjectival = 0;
  const errors: number[] = [];
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const farOff: string[] = [];
  let elapsed = 0;
  for (const g of docs) {
    const doc: Document = {
      id: g.id,
      title: g.title ?? null,
      url: g.url ?? null,
      source: null,
      published: g.published ?? null,
      language: 'en',
      text: g.text,
    };
    const ctx = createContext(doc);
    const started = performance.now();
    const predicted: Place[] = annotatePlaces(ctx);
    elapsed += performance.now() - started;
    predCount += predicted.length;
    const used = new Set<number>();
    const golds = [...g.toponyms].sort((a, b) => a.start - b.start);
    for (const t of golds) {
      goldCount++;
      const adjectival = demonyms.has(foldName(t.text));
      if (adjectival) goldAdjectival++;
      const k = predicted.findIndex((p, idx) => !used.has(idx) && p.start < t.end && t.start < p.end);
      if (k < 0) {
        misses.push(`${g.id}: ${t.text} @${t.start} …${g.text.slice(Math.max(0, t.start - 40), t.end + 30).replace(/\s+/g, ' ')}…`);
        continue;
      }
      used.add(k);
      matchedGold++;
      if (adjectival) matchedAdjectival++;
      const p = predicted[k]!;
      if (p.lat !== null && p.lon !== null && t.lat !== null && t.lon !== null) {
        const km = distanceKm(p.lat, p.lon, Number(t.lat), Number(t.lon));
        errors.push(km);
        if (km > 161) farOff.push(`${g.id}: ${t.text} -> ${p.name} (${p.country}, ${p.feature}) ${Math.round(km)} km`);
      }
    }
    predicted.forEach((p, idx) => {
      if (!used.has(idx)) falseAlarms.push(`${g.id}: ${p.text} -> ${p.name} (${p.country}, ${p.feature})`);
    });
  }
  const matchedPred = matchedGold; // one-to-one
  const { p: precision, r: recall, f: f1 } = prf(matchedPred, predCount, goldCount);
  const recallNonAdj = goldCount - goldAdjectival ? (matchedGold - matchedAdjectival) / (goldCount - goldAdjectival) : 0;
  const acc161 = errors.length ? errors.filter((e) => e <= 161).length / errors.length : 0;
  const auc = errors.length ? errors.reduce((s, e) => s + Math.log(1 + e) / Math.log(MAX_ERROR_KM), 0) / errors.length : 0;
  const metrics = {
    documents: docs.length,
    gold: goldCount,
    predicted: predCount,
    matched: matchedGold,
    precision,
    recall,
    f1,
    recall_nonadjectival: recallNonAdj,
    gold_adjectival: goldAdjectival,
    resolved: errors.length,
    accuracy_161km: acc161,
    median_error_km: median(errors),
    auc,
    ms_per_doc: docs.length ? elapsed / docs.length : 0,
  };
  const pct = (x: number) => (100 * x).toFixed(1);
  let report =
    `places on ${options.gold} (${docs.length} documents)\n` +
    `recognition (span overlap): P ${pct(precision)}  R ${pct(recall)}  F1 ${pct(f1)}  ` +
    `(gold ${goldCount}, predicted ${predCount}, matched ${matchedGold}; ` +
    `R without ${goldAdjectival} adjectival gold: ${pct(recallNonAdj)})\n` +
    `resolution over ${errors.length} matched: accuracy@161km ${pct(acc161)}  median error ${median(errors).toFixed(1)} km  AUC ${auc.toFixed(3)}\n` +
    `annotatePlaces: ${metrics.ms_per_doc.toFixed(2)} ms/document\n`;
  if (options.verbose) {
    report += `\nmissed (${misses.length}):\n${misses.join('\n')}\n`;
    report += `\nfalse alarms (${falseAlarms.length}):\n${falseAlarms.join('\n')}\n`;
    report += `\nresolved > 161 km (${farOff.length}):\n${farOff.join('\n')}\n`;
  }
  return { metrics, report };
}
