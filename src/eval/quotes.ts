// `sitrep eval quotes --gold FILE`: quotes and their speakers against gold data.
// Two formats are read: the project's own Wikinews file (data/gold/quotes-wikinews.jsonl:
// quotes[{start,end,direct,speaker{start,end,text,name}}]) and PolNeAR
// (../shared/data/quotes/polnear-dev.jsonl: quotes[{start,end,speaker,speaker_start,
// speaker_end,is_direct}]). The real pipeline runs on each text.
//
// Content: a system quote matches a gold quote when their content spans overlap; pairs are
// taken one-to-one, largest overlap first. Speaker accuracy is over matched pairs whose gold
// quote has a speaker: right when the speaker mention spans overlap or the names agree.
// PolNeAR also gets exact-match speaker F1 (the speaker span must equal the gold span, and
// the quote must match), the figure published systems report.
import type { Quote } from '../document/types.js';
import { annotate } from '../pipeline/annotate.js';
import { readGoldRecords } from './gold.js';
import { prf } from './score.js';

interface GoldQuote {
  start: number;
  end: number;
  direct: boolean;
  speaker: { start: number; end: number; text: string; name: string } | null;
}

interface GoldDoc {
  id: string;
  /** our file marks articles annotated after the rules were last tuned as "heldout" */
  split: string | null;
  text: string;
  published: string | null;
  quotes: GoldQuote[];
}

type Format = 'sitrep' | 'polnear';

function readGold(path: string, limit?: number): { format: Format; docs: GoldDoc[] } {
  const records = readGoldRecords<Record<string, unknown>>(path);
  const sample = records.find((r) => Array.isArray(r.quotes) && (r.quotes as unknown[]).length > 0) as { quotes: Record<string, unknown>[] } | undefined;
  const format: Format = sample && ('speaker_start' in sample.quotes[0]! || 'is_direct' in sample.quotes[0]!) ? 'polnear' : 'sitrep';
  const docs: GoldDoc[] = [];
  for (const r of records.slice(0, limit ?? records.length)) {
    const text = String(r.text);
    const quotes: GoldQuote[] = [];
    for (const q of (r.quotes as Record<string, unknown>[]) ?? []) {
      if (format === 'polnear') {
        const s = q.speaker_start as number | null;
        const e = q.speaker_end as number | null;
        quotes.push({
          start: q.start as number,
          end: q.end as number,
          direct: Boolean(q.is_direct),
          speaker: s != null && e != null && e > s ? { start: s, end: e, text: text.slice(s, e), name: String(q.speaker ?? text.slice(s, e)) } : null,
        });
      } else {
        const sp = q.speaker as GoldQuote['speaker'];
        quotes.push({ start: q.start as number, end: q.end as number, direct: Boolean(q.direct), speaker: sp ?? null });
      }
    }
    docs.push({ id: String(r.id), split: typeof r.split === 'string' ? r.split : null, text, published: (r.published as string | null) ?? null, quotes });
  }
  return { format, docs };
}

const TITLE = /^(?:(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|president|prime|minister|the|a|an)\.?\s+)+/;

function normalName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(TITLE, '')
    .trim();
}

/** Same person or body: equal names, one inside the other, or the same surname. */
export function sameSpeakerName(a: string, b: string): boolean {
  const x = normalName(a);
  const y = normalName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const pronoun = /^(he|she|they|it|we|i|you|who)$/;
  if (pronoun.test(x) || pronoun.test(y)) return false;
  if (x.includes(y) || y.includes(x)) return true;
  const lx = x.split(/\s+/).pop()!;
  const ly = y.split(/\s+/).pop()!;
  return lx.length > 2 && lx === ly;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

interface Pair {
  gold: GoldQuote;
  system: Quote;
}

function match(gold: GoldQuote[], system: Quote[]): Pair[] {
  const candidates: { g: number; s: number; o: number }[] = [];
  for (let g = 0; g < gold.length; g++) {
    for (let s = 0; s < system.length; s++) {
      const o = overlap(gold[g]!, system[s]!);
      if (o > 0) candidates.push({ g, s, o });
    }
  }
  candidates.sort((a, b) => b.o - a.o);
  const usedG = new Set<number>();
  const usedS = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedG.has(c.g) || usedS.has(c.s)) continue;
    usedG.add(c.g);
    usedS.add(c.s);
    pairs.push({ gold: gold[c.g]!, system: system[c.s]! });
  }
  return pairs;
}

function speakerRight(pair: Pair): boolean {
  const g = pair.gold.speaker;
  const s = pair.system.speaker;
  if (!g || !s) return false;
  if (overlap(g, s) > 0) return true;
  return sameSpeakerName(g.name, s.name) || sameSpeakerName(g.text, s.name);
}


const pct = (x: number) => (100 * x).toFixed(1);
const clip = (s: string, n = 90) => (s.length > n ? s.slice(0, n - 1) + '…' : s).replace(/\s+/g, ' ');

export async function evaluateQuotes(options: { gold: string; limit?: number; verbose?: boolean; split?: string }): Promise<{ metrics: Record<string, number>; report: string }> {
  const { format, docs: all } = readGold(options.gold, options.limit);
  const docs = options.split ? all.filter((d) => d.split === options.split) : all;
  const counts = {
    all: { gold: 0, system: 0, tp: 0, tpSystem: 0, speakerGold: 0, speakerRight: 0 },
    direct: { gold: 0, system: 0, tp: 0, tpSystem: 0, speakerGold: 0, speakerRight: 0 },
    indirect: { gold: 0, system: 0, tp: 0, tpSystem: 0, speakerGold: 0, speakerRight: 0 },
  };
  let exactSpeaker = 0;
  let goldWithSpeaker = 0;
  const bySplit = new Map<string, { gold: number; system: number; tp: number; speakerGold: number; speakerRight: number }>();
  const misses: string[] = [];
  const spurious: string[] = [];
  const wrongSpeakers: string[] = [];
  const started = performance.now();
  for (const doc of docs) {
    const result = annotate({ id: doc.id, title: null, url: null, source: null, published: doc.published, language: 'en', text: doc.text });
    const system = result.quotes;
    const pairs = match(doc.quotes, system);
    const matchedGold = new Set(pairs.map((p) => p.gold));
    const matchedSystem = new Set(pairs.map((p) => p.system));
    for (const kind of ['direct', 'indirect'] as const) {
      const want = kind === 'direct';
      counts[kind].gold += doc.quotes.filter((q) => q.direct === want).length;
      counts[kind].system += system.filter((q) => q.direct === want).length;
      // a gold quote of this kind found (by either kind of system quote)
      counts[kind].tp += pairs.filter((p) => p.gold.direct === want).length;
      counts[kind].tpSystem += pairs.filter((p) => p.system.direct === want).length;
    }
    counts.all.gold += doc.quotes.length;
    counts.all.system += system.length;
    counts.all.tp += pairs.length;
    counts.all.tpSystem += pairs.length;
    goldWithSpeaker += doc.quotes.filter((q) => q.speaker).length;
    if (doc.split) {
      const c = bySplit.get(doc.split) ?? { gold: 0, system: 0, tp: 0, speakerGold: 0, speakerRight: 0 };
      c.gold += doc.quotes.length;
      c.system += system.length;
      c.tp += pairs.length;
      for (const pair of pairs) {
        if (!pair.gold.speaker) continue;
        c.speakerGold++;
        if (speakerRight(pair)) c.speakerRight++;
      }
      bySplit.set(doc.split, c);
    }
    for (const pair of pairs) {
      if (!pair.gold.speaker) continue;
      const kind = pair.gold.direct ? 'direct' : 'indirect';
      const right = speakerRight(pair);
      counts[kind].speakerGold++;
      counts.all.speakerGold++;
      if (right) {
        counts[kind].speakerRight++;
        counts.all.speakerRight++;
      } else if (options.verbose) {
        wrongSpeakers.push(`${doc.id}: “${clip(doc.text.slice(pair.gold.start, pair.gold.end), 60)}” gold ${pair.gold.speaker.text} (${pair.gold.speaker.name}) / system ${pair.system.speaker ? `${pair.system.speaker.text} (${pair.system.speaker.name})` : 'none'}`);
      }
      const s = pair.system.speaker;
      if (s && s.start === pair.gold.speaker.start && s.end === pair.gold.speaker.end) exactSpeaker++;
    }
    if (options.verbose) {
      for (const q of doc.quotes) if (!matchedGold.has(q)) misses.push(`${doc.id}: [${q.direct ? 'direct' : 'indirect'}] “${clip(doc.text.slice(q.start, q.end))}” — ${q.speaker?.text ?? 'no speaker'}`);
      for (const q of system) if (!matchedSystem.has(q)) spurious.push(`${doc.id}: [${q.direct ? 'direct' : 'indirect'}] “${clip(q.text)}” — ${q.speaker?.text ?? 'no speaker'} (${q.verb ?? ''})`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const metrics: Record<string, number> = { documents: docs.length, docsPerSecond: docs.length / seconds };
  const lines: string[] = [`quotes: ${docs.length} documents (${format} format), ${counts.all.gold} gold quotes, ${counts.all.system} found, ${(docs.length / seconds).toFixed(0)} docs/s`];
  lines.push('');
  lines.push('                 content P    R     F1    speaker acc (matched with gold speaker)');
  for (const kind of ['all', 'direct', 'indirect'] as const) {
    const c = counts[kind];
    // precision for one kind: system quotes of that kind that match a gold quote;
    // recall: gold quotes of that kind that some system quote matches
    const p = c.system ? c.tpSystem / c.system : 0;
    const r = c.gold ? c.tp / c.gold : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    const acc = c.speakerGold ? c.speakerRight / c.speakerGold : 0;
    metrics[`${kind}.precision`] = p;
    metrics[`${kind}.recall`] = r;
    metrics[`${kind}.f1`] = f;
    metrics[`${kind}.speakerAccuracy`] = acc;
    lines.push(`  ${kind.padEnd(9)} ${String(c.gold).padStart(5)} ${pct(p).padStart(6)} ${pct(r).padStart(5)} ${pct(f).padStart(5)}    ${pct(acc)} % (${c.speakerRight}/${c.speakerGold})`);
  }
  lines.push('  (direct/indirect P counts system quotes of that kind matching any gold quote; R counts gold quotes of that kind found)');
  if (bySplit.size > 1) {
    lines.push('');
    for (const [split, c] of bySplit) {
      const { p, r, f } = prf(c.tp, c.system, c.gold);
      const acc = c.speakerGold ? c.speakerRight / c.speakerGold : 0;
      metrics[`${split}.f1`] = f;
      metrics[`${split}.speakerAccuracy`] = acc;
      lines.push(`  ${split.padEnd(9)} ${String(c.gold).padStart(5)} ${pct(p).padStart(6)} ${pct(r).padStart(5)} ${pct(f).padStart(5)}    ${pct(acc)} % (${c.speakerRight}/${c.speakerGold})   (articles marked "${split}")`);
    }
  }
  if (format === 'polnear') {
    const { p, r, f } = prf(exactSpeaker, counts.all.system, goldWithSpeaker);
    metrics['speakerExact.precision'] = p;
    metrics['speakerExact.recall'] = r;
    metrics['speakerExact.f1'] = f;
    lines.push('');
    lines.push(`exact-match speaker F1 (all attributions): P ${pct(p)}  R ${pct(r)}  F1 ${pct(f)}`);
    lines.push('  published on PolNeAR: CofeNet 83.2, Stanford CoreNLP 13.9, rule baseline 10.7');
  }
  if (options.verbose) {
    const show = (title: string, items: string[]) => {
      lines.push('', `${title} (${items.length}):`);
      for (const item of items.slice(0, 80)) lines.push('  ' + item);
      if (items.length > 80) lines.push(`  … ${items.length - 80} more`);
    };
    show('missed gold quotes', misses);
    show('spurious system quotes', spurious);
    show('wrong speakers', wrongSpeakers);
  }
  return { metrics, report: lines.join('\n') };
}
