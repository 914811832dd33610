// TempEval-3-style evaluation of time expressions against TIMEX3 gold in JSON Lines
// ({id, dct, text, timexes[{start,end,text,type,value}]}): strict span P/R/F1 (exact
// offsets), relaxed span P/R/F1 (any overlap, matched one to one), value and type accuracy
// over the relaxed matches, and value F1 = relaxed F1 × value accuracy (TempEval's
// attribute F1). The document creation time (dct) is the publication date.
//
// To estimate how the rules fare on documents they were not written from, `part` scores a
// subset: "fold:K/N" keeps every N-th document starting at K (0-based), and any other string
// is a regular expression over document ids ("^wsj" for the Wall Street Journal files of
// TimeBank). The report also breaks relaxed F1 and value accuracy down by source family.
import { recognizeTimes, type RecognizedTime } from '../annotators/times/recognizer.js';
import { analyze } from '../nlp/english.js';
import { readGoldRecords } from './gold.js';
import { prf } from './score.js';

interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

interface GoldDoc {
  id: string;
  dct: string | null;
  /** present in MEANTIME records */
  corpus?: string;
  text: string;
  timexes: GoldTimex[];
}

const MEANTIME_ANNOTATED_LINES = 6;

function scopeEnd(text: string, lines: number): number {
  let at = -1;
  for (let i = 0; i < lines; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text.length;
  }
  return at;
}

/** Without a creation time, the document's own first full date (its dateline) stands in. */
function datelineOf(text: string): string {
  const fallback = '2000-01-01';
  const first = recognizeTimes(text, fallback).find((t) => t.anchor === 'absolute' && t.precision === 'day');
  return first ? first.value : fallback;
}

/** ISO day from the creation times the gold files use (YYYY-MM-DD…, or MEANTIME's DD-MM-YYYY). */
function isoDay(dct: string): string | null {
  const iso = /^(\d{4})-?(\d\d)-?(\d\d)/.exec(dct);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = /^(\d\d)-(\d\d)-(\d{4})/.exec(dct);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return null;
}

/** The source family of a document id: the letters it starts with (wsj, APW, NYT, XIE, …). */
function familyOf(id: string): string {
  const m = /^[A-Za-z]+/.exec(id);
  if (!m) return 'other';
  const f = m[0].toLowerCase();
  if (f === 'wsj') return 'wsj';
  if (f === 'apw' || f === 'nyt' || f === 'xie' || f === 'ap' || f === 'sjmn') return 'newswire';
  if (f === 'abc' || f === 'cnn' || f === 'pri' || f === 'voa' || f === 'ea' || f === 'ed') return 'broadcast';
  return 'other';
}

function selectDocs(docs: GoldDoc[], part: string | undefined): GoldDoc[] {
  if (!part) return docs;
  const fold = /^fold:(\d+)\/(\d+)$/.exec(part);
  if (fold) {
    const k = Number(fold[1]);
    const n = Number(fold[2]);
    return docs.filter((_, i) => i % n === k);
  }
  const re = new RegExp(part);
  return docs.filter((d) => re.test(d.id));
}


const pct = (x: number): string => (100 * x).toFixed(1);

export async function evaluateTimes(options: {
  gold: string;
  limit?: number;
  verbose?: boolean;
  /** "fold:K/N" or a regular expression over document ids (see the header) */
  part?: string;
}): Promise<{ metrics: Record<string, number>; report: string }> {
  const docs = selectDocs(readGoldRecords<GoldDoc>(options.gold, options.limit), options.part);
  let goldCount = 0;
  let predCount = 0;
  let strictTp = 0;
  let relaxedTp = 0;
  let valueOk = 0;
  let typeOk = 0;
  let chars = 0;
  let elapsed = 0;
  let analysisElapsed = 0;
  const families = new Map<string, { gold: number; predicted: number; relaxed: number; value: number }>();
  const misses: string[] = [];
  const falsePositives: string[] = [];
  const wrongValues: string[] = [];
  for (const doc of docs) {
    // the pipeline tags parts of speech for every annotator; only the time rules are timed
    const a0 = performance.now();
    const { tokens } = analyze(doc.text);
    const t0 = performance.now();
    analysisElapsed += t0 - a0;
    const dct = (doc.dct && isoDay(doc.dct)) || datelineOf(doc.text);
    const all = recognizeTimes(doc.text, dct, tokens);
    // MEANTIME annotated only the start of each article (title, dateline and the first
    // sentences, one per line: every gold timex lies in the first six lines), so only
    // predictions there can be judged.
    const scope = doc.corpus ? scopeEnd(doc.text, MEANTIME_ANNOTATED_LINES) : doc.text.length;
    const predicted = all.filter((t) => t.start < scope);
    elapsed += performance.now() - t0;
    chars += doc.text.length;
    const gold = [...doc.timexes].sort((a, b) => a.start - b.start);
    goldCount += gold.length;
    predCount += predicted.length;
    const family = families.get(familyOf(doc.id)) ?? { gold: 0, predicted: 0, relaxed: 0, value: 0 };
    families.set(familyOf(doc.id), family);
    family.gold += gold.length;
    family.predicted += predicted.length;
    const usedPred = new Set<number>();
    const context = (s: number, e: number): string =>
      (doc.text.slice(Math.max(0, s - 40), s) + '[' + doc.text.slice(s, e) + ']' + doc.text.slice(e, e + 30)).replace(/\s+/g, ' ');
    for (const g of gold) {
      // the exact match first, then the overlapping prediction with the most shared characters
      let best = -1;
      let bestOverlap = 0;
      for (let i = 0; i < predicted.length; i++) {
        if (usedPred.has(i)) continue;
        const p = predicted[i]!;
        const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (overlap <= 0) continue;
        const score = p.start === g.start && p.end === g.end ? Infinity : overlap;
        if (score > bestOverlap) {
          bestOverlap = score;
          best = i;
        }
      }
      if (best < 0) {
        if (options.verbose) misses.push(`${doc.id} ${dct} ${g.type} ${g.value}: ${context(g.start, g.end)}`);
        continue;
      }
      usedPred.add(best);
      const p: RecognizedTime = predicted[best]!;
      relaxedTp++;
      family.relaxed++;
      if (p.start === g.start && p.end === g.end) strictTp++;
      if (p.value === g.value) {
        valueOk++;
        family.value++;
      }
      else if (options.verbose) wrongValues.push(`${doc.id} ${dct} gold ${g.type} ${g.value} got ${p.type} ${p.value}: ${context(p.start, p.end)} (gold "${g.text}")`);
      if (p.type === g.type) typeOk++;
    }
    if (options.verbose) {
      predicted.forEach((p, i) => {
        if (!usedPred.has(i)) falsePositives.push(`${doc.id} ${dct} ${p.type} ${p.value}: ${context(p.start, p.end)}`);
      });
    }
  }
  const strict = prf(strictTp, predCount, goldCount);
  const relaxed = prf(relaxedTp, predCount, goldCount);
  const valueAccuracy = relaxedTp ? valueOk / relaxedTp : 0;
  const typeAccuracy = relaxedTp ? typeOk / relaxedTp : 0;
  const metrics: Record<string, number> = {
    documents: docs.length,
    gold: goldCount,
    predicted: predCount,
    strictPrecision: strict.p,
    strictRecall: strict.r,
    strictF1: strict.f,
    relaxedPrecision: relaxed.p,
    relaxedRecall: relaxed.r,
    relaxedF1: relaxed.f,
    valueAccuracy,
    valueF1: relaxed.f * valueAccuracy,
    typeAccuracy,
    typeF1: relaxed.f * typeAccuracy,
    megabytesPerSecond: elapsed ? chars / 1e6 / (elapsed / 1000) : 0,
  };
  const out: string[] = [];
  out.push(`time expressions: ${docs.length} documents, ${goldCount} gold, ${predCount} predicted`);
  out.push(`strict span   P ${pct(strict.p)}  R ${pct(strict.r)}  F1 ${pct(strict.f)}`);
  out.push(`relaxed span  P ${pct(relaxed.p)}  R ${pct(relaxed.r)}  F1 ${pct(relaxed.f)}`);
  out.push(`value         accuracy ${pct(valueAccuracy)}  F1 ${pct(metrics.valueF1!)}`);
  out.push(`type          accuracy ${pct(typeAccuracy)}  F1 ${pct(metrics.typeF1!)}`);
  out.push(
    `speed         ${metrics.megabytesPerSecond!.toFixed(2)} MB/s (${(chars / 1e6).toFixed(2)} MB in ${elapsed.toFixed(0)} ms; part-of-speech analysis, shared with the other annotators, ${analysisElapsed.toFixed(0)} ms more)`,
  );
  if (families.size > 1) {
    for (const [name, f] of [...families].sort((a, b) => b[1].gold - a[1].gold)) {
      const r = prf(f.relaxed, f.predicted, f.gold);
      out.push(`  ${name.padEnd(10)} ${String(f.gold).padStart(5)} gold  relaxed F1 ${pct(r.f)}  value accuracy ${pct(f.relaxed ? f.value / f.relaxed : 0)}`);
    }
  }
  if (options.verbose) {
    out.push('', `-- missed (${misses.length})`, ...misses);
    out.push('', `-- false positives (${falsePositives.length})`, ...falsePositives);
    out.push('', `-- wrong values (${wrongValues.length})`, ...wrongValues);
  }
  return { metrics, report: out.join('\n') };
}
