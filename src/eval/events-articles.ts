// `sitrep eval events --gold data/gold/events-wikinews.jsonl [--split dev|heldout]`: hand-coded
// events of whole real articles against the events sitrep finds in them (dispatched from
// events.ts when the records carry an `events` array; format: data/gold/README.md).
//
// Rules:
// - Each article runs through the whole pipeline (annotate()) with published = its date.
// - Scored system events are those with a PLOVER type (root 01 statements, type NONE, are left
//   out, as the gold codes none) that are neither negated nor conditional (the gold codes only
//   events that happened or are told as happening: "did not concede" and "if Parliament were
//   prevented" are not events).
// - Matching is one-to-one and greedy: first pairs whose triggers overlap, most overlap first;
//   then, among the rest, a gold and a system event in the same sentence (sentences of
//   src/nlp/english.ts) with the same PLOVER type, nearest triggers first. A gold event's `also`
//   spans (further tellings of the same event) count as its trigger; a second system event
//   for an event already matched is a false alarm (sitrep should merge it, as `also`).
// - Detection: a matched pair. Type: a matched pair with the same PLOVER type. Root: the same
//   two-digit CAMEO root. Triple: the same type, and the source and target countries agree; a
//   participant's country is its `country`, else the first three letters of its code (so
//   IGO/NGO/IMG codes compare as such); a gold participant left null (not named in the text)
//   is not checked. Precision divides by the system events, recall by the gold events.
// - Dyads: every unordered pair of participant countries with at least 3 gold events; gold and
//   system events between them (system events need not be matched) counted per period with
//   their mean Goldstein weight (data/ontology/cameo.tsv). A period is the event's date cut to
//   the month (year-only dates stay years); events without a date take the article's.
import type { Event } from '../document/types.js';
import { analyze } from '../nlp/english.js';
import { cameo } from '../ontology/cameo.js';
import { annotate } from '../pipeline/annotate.js';
import { readGoldRecords } from './gold.js';
import { participantCountry, prf } from './score.js';

interface GoldParticipant {
  code: string;
  text: string;
  start: number;
  end: number;
}

interface GoldEvent {
  trigger: { start: number; end: number; text: string };
  code: string;
  plover: string;
  source: GoldParticipant | null;
  target: GoldParticipant | null;
  date: string | null;
  /** further mentions of the same event (optional) */
  also?: Array<{ start: number; end: number; text: string }>;
}

interface GoldArticle {
  id: string;
  row?: number;
  split?: string;
  published?: string | null;
  text: string;
  events: GoldEvent[];
}

interface Tally {
  gold: number;
  system: number;
  detected: number;
  type: number;
  root: number;
  triple: number;
}

const emptyTally = (): Tally => ({ gold: 0, system: 0, detected: 0, type: 0, root: 0, triple: 0 });

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function goldCountry(p: GoldParticipant | null): string | null {
  return p && p.code ? p.code.slice(0, 3).toUpperCase() : null;
}

function period(date: string | null | undefined, published: string): string {
  const m = /^(\d{4})(-\d{2})?/.exec(date ?? '');
  if (m) return m[1]! + (m[2] ?? '');
  return published.slice(0, 7);
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** One-to-one pairs of gold and system events: trigger overlap first, then same sentence and type. */
export function matchEvents(gold: GoldEvent[], system: Event[], sentenceOf: (offset: number) => number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const usedG = new Set<number>();
  const usedS = new Set<number>();
  const take = (candidates: Array<{ g: number; s: number; score: number }>) => {
    candidates.sort((a, b) => b.score - a.score || a.g - b.g || a.s - b.s);
    for (const c of candidates) {
      if (usedG.has(c.g) || usedS.has(c.s)) continue;
      usedG.add(c.g);
      usedS.add(c.s);
      pairs.push([c.g, c.s]);
    }
  };
  const byOverlap: Array<{ g: number; s: number; score: number }> = [];
  const mentions = (g: GoldEvent) => [g.trigger, ...(g.also ?? [])];
  gold.forEach((g, gi) => system.forEach((s, si) => {
    const o = Math.max(...mentions(g).map((m) => overlap(m, s.trigger)));
    if (o > 0) byOverlap.push({ g: gi, s: si, score: o });
  }));
  take(byOverlap);
  const bySentence: Array<{ g: number; s: number; score: number }> = [];
  gold.forEach((g, gi) => system.forEach((s, si) => {
    if (usedG.has(gi) || usedS.has(si)) return;
    if (g.plover !== s.plover.type) return;
    const sentence = sentenceOf(s.trigger.start);
    const same = mentions(g).filter((m) => sentenceOf(m.start) === sentence);
    if (!same.length) return;
    bySentence.push({ g: gi, s: si, score: -Math.min(...same.map((m) => Math.abs(m.start - s.trigger.start))) });
  }));
  take(bySentence);
  return pairs;
}

interface DyadCell {
  gold: number;
  goldSum: number;
  system: number;
  systemSum: number;
}

export async function evaluateEventArticles(options: { gold: string; limit?: number; verbose?: boolean; split?: string }): Promise<{ metrics: Record<string, number>; report: string }> {
  let articles = readGoldRecords<GoldArticle>(options.gold).filter((a) => Array.isArray(a.events));
  if (options.split) articles = articles.filter((a) => a.split === options.split);
  if (options.limit !== undefined) articles = articles.slice(0, options.limit);

  const all = emptyTally();
  const bySplit = new Map<string, Tally>();
  const byType = new Map<string, { gold: number; system: number; matched: number }>();
  const typeRow = (t: string) => {
    let row = byType.get(t);
    if (!row) byType.set(t, (row = { gold: 0, system: 0, matched: 0 }));
    return row;
  };
  const dyads = new Map<string, Map<string, DyadCell>>();
  const dyadCell = (pair: string, when: string): DyadCell => {
    let periods = dyads.get(pair);
    if (!periods) dyads.set(pair, (periods = new Map()));
    let cell = periods.get(when);
    if (!cell) periods.set(when, (cell = { gold: 0, goldSum: 0, system: 0, systemSum: 0 }));
    return cell;
  };
  const pairOf = (a: string | null, b: string | null): string | null => (a && b ? [a, b].sort().join('-') : null);
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const wrongType: string[] = [];
  const started = process.hrtime.bigint();

  for (const article of articles) {
    const published = String(article.published ?? '2000-01-01').slice(0, 10);
    const text = article.text;
    const result = annotate({ id: article.id, title: null, url: null, source: null, published, language: 'en', text });
    const system = result.events.filter((e) => e.plover.type !== 'NONE' && e.modality !== 'negated' && e.modality !== 'conditional');
    const sentences = analyze(text).sentences;
    const sentenceOf = (offset: number): number => {
      const s = sentences.find((x) => offset >= x.start && offset < x.end);
      return s ? s.index : -1;
    };
    const gold = article.events;
    const pairs = matchEvents(gold, system, sentenceOf);

    const t = emptyTally();
    t.gold = gold.length;
    t.system = system.length;
    for (const g of gold) typeRow(g.plover).gold++;
    for (const s of system) typeRow(s.plover.type).system++;
    for (const [gi, si] of pairs) {
      const g = gold[gi]!;
      const s = system[si]!;
      t.detected++;
      const typeOk = g.plover === s.plover.type;
      if (typeOk) {
        t.type++;
        typeRow(g.plover).matched++;
      }
      if (g.code.slice(0, 2) === s.root) t.root++;
      const gs = goldCountry(g.source);
      const gt = goldCountry(g.target);
      const sourceOk = gs === null || gs === participantCountry(s.source);
      const targetOk = gt === null || gt === participantCountry(s.target);
      if (typeOk && sourceOk && targetOk) t.triple++;
      if (options.verbose && !typeOk) {
        wrongType.push(`  ${article.id}: gold ${g.plover} ${g.code} "${g.trigger.text}", sitrep ${s.plover.type} ${s.code} "${s.trigger.text}"`);
      }
    }
    const matchedG = new Set(pairs.map((p) => p[0]));
    const matchedS = new Set(pairs.map((p) => p[1]));
    if (options.verbose) {
      const context = (start: number) => {
        const s = sentences.find((x) => start >= x.start && start < x.end);
        return s ? text.slice(s.start, s.end).replace(/\s+/g, ' ').slice(0, 220) : '';
      };
      gold.forEach((g, i) => {
        if (!matchedG.has(i)) misses.push(`  ${article.id}: ${g.plover} ${g.code} "${g.trigger.text}" ${goldCountry(g.source) ?? '-'} -> ${goldCountry(g.target) ?? '-'}\n      ${context(g.trigger.start)}`);
      });
      system.forEach((s, i) => {
        if (!matchedS.has(i)) falseAlarms.push(`  ${article.id}: ${s.plover.type} ${s.code} "${s.trigger.text}" ${participantCountry(s.source) ?? '-'} -> ${participantCountry(s.target) ?? '-'}\n      ${context(s.trigger.start)}`);
      });
    }

    for (const k of Object.keys(t) as Array<keyof Tally>) all[k] += t[k];
    if (article.split) {
      const st = bySplit.get(article.split) ?? emptyTally();
      for (const k of Object.keys(t) as Array<keyof Tally>) st[k] += t[k];
      bySplit.set(article.split, st);
    }

    for (const g of gold) {
      const pair = pairOf(goldCountry(g.source), goldCountry(g.target));
      if (!pair) continue;
      const cell = dyadCell(pair, period(g.date, published));
      cell.gold++;
      cell.goldSum += cameo(g.code)?.goldstein ?? 0;
    }
    for (const s of system) {
      const pair = pairOf(participantCountry(s.source), participantCountry(s.target));
      if (!pair) continue;
      const cell = dyadCell(pair, period(s.date?.value, published));
      cell.system++;
      cell.systemSum += s.goldstein;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const metrics: Record<string, number> = { articles: articles.length, gold_events: all.gold, system_events: all.system };
  const lines: string[] = [
    `events in ${articles.length} hand-coded articles${options.split ? ` (split ${options.split})` : ''} (${options.gold}): ${all.gold} gold events, ${all.system} sitrep events with a PLOVER type`,
    '',
    '                      P      R     F1',
  ];
  const scoreLines = (t: Tally, prefix: string, indent: string) => {
    const rows: Array<[string, string, number]> = [
      ['detection', 'detection', t.detected],
      ['PLOVER type', 'type', t.type],
      ['CAMEO root', 'root', t.root],
      ['type+countries', 'triple', t.triple],
    ];
    for (const [label, key, right] of rows) {
      const { p, r, f } = prf(right, t.system, t.gold);
      metrics[`${prefix}${key}_precision`] = p;
      metrics[`${prefix}${key}_recall`] = r;
      metrics[`${prefix}${key}_f1`] = f;
      lines.push(`${indent}${label.padEnd(18 - indent.length)} ${pct(p).padStart(6)} ${pct(r).padStart(6)} ${pct(f).padStart(6)}   (${right} right; ${t.gold} gold, ${t.system} sitrep)`);
    }
  };
  scoreLines(all, '', '');
  if (!options.split) {
    for (const [split, t] of [...bySplit].sort()) {
      lines.push(`split ${split}: ${t.gold} gold events, ${t.system} sitrep`);
      scoreLines(t, `${split}.`, '  ');
    }
  }
  lines.push('', 'per PLOVER type:  gold  sitrep  matched (same type)');
  for (const [type, row] of [...byType].sort((a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]))) {
    lines.push(`  ${type.padEnd(14)} ${String(row.gold).padStart(5)} ${String(row.system).padStart(7)} ${String(row.matched).padStart(8)}`);
  }

  lines.push('', 'dyads with at least 3 gold events (countries either way; mean Goldstein per period):');
  const mean = (sum: number, n: number) => (n ? (sum / n).toFixed(1) : '-');
  const sign = (sum: number, n: number) => (n ? Math.sign(sum) : 0);
  let dyadCount = 0;
  const ranked = [...dyads].map(([pair, periods]) => ({ pair, periods, gold: [...periods.values()].reduce((a, c) => a + c.gold, 0) }))
    .filter((d) => d.gold >= 3)
    .sort((a, b) => b.gold - a.gold || a.pair.localeCompare(b.pair));
  for (const { pair, periods, gold } of ranked) {
    dyadCount++;
    const cells = [...periods.values()];
    const system = cells.reduce((a, c) => a + c.system, 0);
    const goldSum = cells.reduce((a, c) => a + c.goldSum, 0);
    const systemSum = cells.reduce((a, c) => a + c.systemSum, 0);
    metrics[`dyad.${pair}.gold_events`] = gold;
    metrics[`dyad.${pair}.system_events`] = system;
    metrics[`dyad.${pair}.gold_goldstein`] = gold ? goldSum / gold : 0;
    metrics[`dyad.${pair}.system_goldstein`] = system ? systemSum / system : 0;
    lines.push(`  ${pair}: gold ${gold} events, mean ${mean(goldSum, gold)}; sitrep ${system} events, mean ${mean(systemSum, system)}`);
    lines.push(`    period     gold  mean   sitrep  mean`);
    let lastGold = 0;
    let lastSystem = 0;
    for (const [when, c] of [...periods].sort((a, b) => a[0].localeCompare(b[0]))) {
      const g = sign(c.goldSum, c.gold);
      const s = sign(c.systemSum, c.system);
      const turn = [g && lastGold && g !== lastGold ? 'gold turns' : '', s && lastSystem && s !== lastSystem ? 'sitrep turns' : ''].filter(Boolean).join(', ');
      if (g) lastGold = g;
      if (s) lastSystem = s;
      lines.push(`    ${when.padEnd(9)} ${String(c.gold).padStart(5)} ${mean(c.goldSum, c.gold).padStart(5)} ${String(c.system).padStart(8)} ${mean(c.systemSum, c.system).padStart(5)}${turn ? `   <- ${turn}` : ''}`);
    }
  }
  if (!dyadCount) lines.push('  (none)');
  metrics.dyads = dyadCount;
  metrics.articles_per_second = seconds > 0 ? articles.length / seconds : 0;

  if (options.verbose) {
    const few = (list: string[]) => list.slice(0, 40);
    lines.push('', `misses (${misses.length}):`, ...few(misses));
    lines.push('', `false alarms (${falseAlarms.length}):`, ...few(falseAlarms));
    lines.push('', `matched with another type (${wrongType.length}):`, ...few(wrongType));
  }
  return { metrics, report: lines.join('\n') };
}
