// `sitrep eval nlp --gold FILE`: how closely our English layer (src/nlp/english.ts) reproduces its
// teacher, wink-nlp (src/nlp/wink.ts), on the texts of FILE (JSON Lines with a "text" field, such
// as ../shared/data/times/meantime-en.jsonl). Every rule downstream was written against wink's
// tokens and tags, so agreement with wink is what keeps the other evaluations where they were.
// Prints token and sentence-start P/R/F1, agreement of POS, normal and lemma on matched tokens,
// the main tag confusions, and the time each layer took.
import { readFileSync } from 'node:fs';
import type { Token } from '../document/types.js';
import { analyze } from '../nlp/english.js';
import { prf } from './score.js';
import type { EvalResult } from '../cli/commands/eval.js';

interface Counts {
  gold: number;
  found: number;
  matched: number;
}

const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(2) : '-');

function textsOf(file: string, limit?: number): string[] {
  const texts: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('//')) continue;
    const record = JSON.parse(line) as { text?: unknown };
    if (typeof record.text === 'string' && record.text.trim()) texts.push(record.text);
    if (limit !== undefined && texts.length >= limit) break;
  }
  return texts;
}

export async function evaluateNlp(options: { gold: string; limit?: number; verbose?: boolean }): Promise<EvalResult> {
  // wink is a devDependency: only training and this evaluation run it
  let teacher: (text: string) => { tokens: Token[]; sentences: { firstToken: number }[] };
  try {
    teacher = (await import('../nlp/wink.js')).analyze;
  } catch {
    throw new Error('eval nlp needs wink-nlp, the teacher (a devDependency): run `npm install` with dev dependencies');
  }
  const texts = textsOf(options.gold, options.limit);
  // loading models and tables is start-up, not the cost per text
  teacher('Loaded.');
  analyze('Loaded.');
  const tokens: Counts = { gold: 0, found: 0, matched: 0 };
  const sentences: Counts = { gold: 0, found: 0, matched: 0 };
  let pos = 0;
  let normal = 0;
  let lemma = 0;
  const confusions = new Map<string, number>();
  let oursMs = 0;
  let winkMs = 0;
  for (const text of texts) {
    let t0 = performance.now();
    const want = teacher(text);
    winkMs += performance.now() - t0;
    t0 = performance.now();
    const got = analyze(text);
    oursMs += performance.now() - t0;
    const wanted = new Map<string, Token>();
    for (const t of want.tokens) wanted.set(`${t.start}:${t.end}`, t);
    tokens.gold += want.tokens.length;
    tokens.found += got.tokens.length;
    for (const t of got.tokens) {
      const w = wanted.get(`${t.start}:${t.end}`);
      if (!w) continue;
      tokens.matched++;
      if (w.pos === t.pos) pos++;
      else confusions.set(`${w.pos}->${t.pos}`, (confusions.get(`${w.pos}->${t.pos}`) ?? 0) + 1);
      if (w.normal === t.normal) normal++;
      if (w.lemma === t.lemma) lemma++;
    }
    const sentenceStarts = new Set(want.sentences.map((s) => want.tokens[s.firstToken]!.start));
    sentences.gold += sentenceStarts.size;
    sentences.found += got.sentences.length;
    for (const s of got.sentences) if (sentenceStarts.has(s.start)) sentences.matched++;
  }
  const tok = prf(tokens.matched, tokens.found, tokens.gold);
  const sen = prf(sentences.matched, sentences.found, sentences.gold);
  const metrics: Record<string, number> = {
    texts: texts.length,
    tokenP: tok.p,
    tokenR: tok.r,
    tokenF1: tok.f,
    sentenceF1: sen.f,
    posAgreement: tokens.matched ? pos / tokens.matched : 0,
    normalAgreement: tokens.matched ? normal / tokens.matched : 0,
    lemmaAgreement: tokens.matched ? lemma / tokens.matched : 0,
    oursMsPerText: texts.length ? oursMs / texts.length : 0,
    winkMsPerText: texts.length ? winkMs / texts.length : 0,
  };
  const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, options.verbose ? 30 : 8);
  const report = [
    `English layer against its teacher (wink-nlp) on ${texts.length} texts of ${options.gold}`,
    `tokens          P ${(100 * tok.p).toFixed(2)}  R ${(100 * tok.r).toFixed(2)}  F1 ${(100 * tok.f).toFixed(2)}  (${tokens.gold} wink tokens)`,
    `sentence starts P ${(100 * sen.p).toFixed(2)}  R ${(100 * sen.r).toFixed(2)}  F1 ${(100 * sen.f).toFixed(2)}  (${sentences.gold} wink sentences)`,
    `on ${tokens.matched} matched tokens: POS ${pct(pos, tokens.matched)} %  normal ${pct(normal, tokens.matched)} %  lemma ${pct(lemma, tokens.matched)} %`,
    `main POS confusions (wink->ours): ${top.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    `time per text (one pass, after loading; includes V8's warm-up): ours ${metrics.oursMsPerText!.toFixed(2)} ms, wink ${metrics.winkMsPerText!.toFixed(2)} ms`,
  ].join('\n');
  return { metrics, report };
}
