// Trains the POS tagger (src/nlp/tagger.ts) by distilling wink-nlp's tags, and writes
// data/nlp/tagger.bin. Usage (after `npm run build`):
//   node dist/nlp/training/train-tagger.js [--ref ref.jsonl] [--out file] [--epochs N]
// Without --ref the reference is rebuilt by running today's wink-based analyze() over the texts
// in ../shared/data (the same texts and train/test split as the reference dump): Wikinews
// articles in our gold sets, MEANTIME, Osorio, PLOVER and NGEC are the test split; the other
// Wikinews articles, LGL, GeoVirus, PolNeAR and TimeBank are the train split. Only the train
// split is learned from; agreement is printed for both. Deterministic: seeded shuffling and no
// dependence on Map iteration order beyond insertion order.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dataPath } from '../../util/paths.js';
import { jsonLines, referenceTexts } from './reference.js';
import { analyze } from '../wink.js';
import { featureKeys, installLexicon, lexiconKey, loadTagger, MAX_FEATURES, MODEL_MAGIC, NO_TAG, PAIR_FEATURES_FROM, prepareTokens, tagTokens, tokenDictKey } from '../tagger.js';

interface RefDoc {
  src: string;
  split: 'train' | 'test' | 'dev';
  words: string[];
  starts: number[];
  /** whitespace before each token (the tagger's rule for a detached "'s") */
  spaces: boolean[];
  tags: string[];
}

// ------------------------------------------------------------------ the reference

/** Run the teacher (wink) over the texts. */
function buildReference(): RefDoc[] {
  return referenceTexts().map(({ src, text, split }) => {
    const a = analyze(text);
    return {
      src,
      split,
      words: a.tokens.map((t) => t.text),
      starts: a.sentences.map((s) => s.firstToken),
      spaces: a.tokens.map((t) => t.spaceBefore),
      tags: a.tokens.map((t) => t.pos),
    };
  });
}

/** Read a dump made by /tmp/nlpref/make.mjs-style scripts (same content, faster to iterate). */
function readReference(file: string): RefDoc[] {
  return jsonLines(file).map((r) => {
    const text = r.text as string;
    const tokens = r.tokens as Array<[number, number, string, string, string]>;
    return {
      src: r.src as string,
      split: r.split as 'train' | 'test' | 'dev',
      words: tokens.map((t) => text.slice(t[0], t[1])),
      starts: (r.sentences as Array<[number, number]>).map((s) => s[0]),
      spaces: tokens.map((t) => t[0] > 0 && /\s/.test(text[t[0] - 1]!)),
      tags: tokens.map((t) => t[4]),
    };
  });
}

// ------------------------------------------------------------------ training tables

/** Growable open-addressing table: feature key -> row of weights (one per tag). */
let nTags = 0;
let slotKeys = new Int32Array(1 << 20);
let slotRows = new Int32Array(1 << 20);
let slotMask = (1 << 20) - 1;
let rowCount = 0;
let rowKeys = new Int32Array(1 << 18);
/** 1 for the rows of pair features (written apart: the tagger reads them per token) */
let rowIsPair = new Uint8Array(1 << 18);
let weights: Float64Array = new Float64Array(0);
let totals: Float64Array = new Float64Array(0);
let stamps: Float64Array = new Float64Array(0);

function findRow(k: number): number {
  let s = k & slotMask;
  for (;;) {
    const v = slotKeys[s]!;
    if (v === k) return slotRows[s]!;
    if (v === 0) return -1;
    s = (s + 1) & slotMask;
  }
}

function growSlots(): void {
  const oldKeys = slotKeys;
  const oldRows = slotRows;
  slotKeys = new Int32Array(oldKeys.length * 2);
  slotRows = new Int32Array(oldKeys.length * 2);
  slotMask = slotKeys.length - 1;
  for (let s = 0; s < oldKeys.length; s++) {
    if (oldKeys[s] === 0) continue;
    let t = oldKeys[s]! & slotMask;
    while (slotKeys[t] !== 0) t = (t + 1) & slotMask;
    slotKeys[t] = oldKeys[s]!;
    slotRows[t] = oldRows[s]!;
  }
}

function addRow(k: number): number {
  if ((rowCount + 1) * 2 > slotKeys.length) growSlots();
  if (rowCount >= rowKeys.length) {
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    const keys = new Int32Array(rowKeys.length * 2);
    keys.set(rowKeys);
    rowKeys = keys;
    const pairs = new Uint8Array(rowIsPair.length * 2);
    pairs.set(rowIsPair);
    rowIsPair = pairs;
    weights = grow(weights);
    totals = grow(totals);
    stamps = grow(stamps);
  }
  let s = k & slotMask;
  while (slotKeys[s] !== 0) s = (s + 1) & slotMask;
  slotKeys[s] = k;
  slotRows[s] = rowCount;
  rowKeys[rowCount] = k;
  return rowCount++;
}

function predict(feats: Int32Array, count: number, scores: Float64Array): number {
  scores.fill(0);
  for (let j = 0; j < count; j++) {
    const r = findRow(feats[j]!);
    if (r < 0) continue;
    const base = r * nTags;
    for (let t = 0; t < nTags; t++) scores[t]! += weights[base + t]!;
  }
  let best = 0;
  for (let t = 1; t < nTags; t++) if (scores[t]! > scores[best]!) best = t;
  return best;
}

/** Averaged-perceptron update with lazy totals (each weight remembers when it last changed). */
function bump(row: number, tag: number, delta: number, now: number): void {
  const i = row * nTags + tag;
  totals[i]! += (now - stamps[i]!) * weights[i]!;
  stamps[i] = now;
  weights[i]! += delta;
}

function update(feats: Int32Array, count: number, truth: number, guess: number, now: number): void {
  for (let j = 0; j < count; j++) {
    let r = findRow(feats[j]!);
    if (r < 0) r = addRow(feats[j]!);
    if (j >= PAIR_FEATURES_FROM) rowIsPair[r] = 1;
    bump(r, truth, 1, now);
    bump(r, guess, -1, now);
  }
}

/** mulberry32: a small seeded PRNG so that every run shuffles alike. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ the tag dictionary



/** How many uses a word's tag counts add up to, and its most frequent tag (the first on ties). */
function tally(c: Int32Array): { sum: number; best: number } {
  let sum = 0;
  let best = 0;
  for (let t = 0; t < nTags; t++) {
    sum += c[t]!;
    if (c[t]! > c[best]!) best = t;
  }
  return { sum, best };
}
/** Words (as written) seen often in train and tagged one way nearly always: key -> tag. */
function buildDictionary(docs: RefDoc[], tagIndex: Map<string, number>, opts: Options): Map<number, number> {
  const counts = new Map<number, Int32Array>();
  for (const d of docs) {
    prepareTokens(d.words, d.starts);
    for (let i = 0; i < d.words.length; i++) {
      const k = tokenDictKey(i);
      let c = counts.get(k);
      if (!c) counts.set(k, (c = new Int32Array(nTags)));
      c[tagIndex.get(d.tags[i]!)!]!++;
    }
  }
  const dict = new Map<number, number>();
  for (const [k, c] of counts) {
    const { sum, best } = tally(c);
    if (sum >= opts.dictCount && c[best]! >= opts.dictShare * sum) dict.set(k, best);
  }
  return dict;
}

// ------------------------------------------------------------------ the lexicon

/**
 * Tag classes of the words seen at least opts.lexCount (3) times in train, as written and
 * lower-cased: (most frequent tag + 1) | (mask of tags taking >= opts.lexShare (5 %) of the uses) << 5.
 * Rarer words stay out so that training meets unknown words as the tagger will.
 */
function buildLexicon(docs: RefDoc[], tagIndex: Map<string, number>, opts: Options): { keys: Int32Array; values: Int32Array } {
  const counts = new Map<number, Int32Array>();
  const count = (k: number, t: number): void => {
    let c = counts.get(k);
    if (!c) counts.set(k, (c = new Int32Array(nTags)));
    c[t]!++;
  };
  for (const d of docs) {
    prepareTokens(d.words, d.starts);
    for (let i = 0; i < d.words.length; i++) {
      const t = tagIndex.get(d.tags[i]!)!;
      count(lexiconKey(i, false), t);
      count(lexiconKey(i, true), t);
    }
  }
  const entries: Array<[number, number]> = [];
  for (const [k, c] of counts) {
    const { sum, best } = tally(c);
    if (sum < opts.lexCount) continue;
    let mask = 0;
    for (let t = 0; t < nTags; t++) if (c[t]! >= opts.lexShare * sum) mask |= 1 << t;
    entries.push([k, (best + 1) | (mask << 5)]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return { keys: Int32Array.from(entries, (e) => e[0]), values: Int32Array.from(entries, (e) => e[1]) };
}

// ------------------------------------------------------------------ training and writing

interface Options {
  ref?: string;
  out: string;
  epochs: number;
  seed: number;
  minWeight: number;
  dev: boolean;
  lexCount: number;
  lexShare: number;
  /** pair features (the tagger's per-token lookups) may be pruned harder */
  minPairWeight: number;
  /** dictionary words: seen at least dictCount times in train, dictShare of them with one tag */
  dictCount: number;
  dictShare: number;
}

function train(docs: RefDoc[], tagIndex: Map<string, number>, dict: Map<number, number>, opts: Options): void {
  weights = new Float64Array(rowKeys.length * nTags);
  totals = new Float64Array(rowKeys.length * nTags);
  stamps = new Float64Array(rowKeys.length * nTags);
  const feats = new Int32Array(MAX_FEATURES);
  const scores = new Float64Array(nTags);
  const order = docs.map((_, i) => i);
  const rand = random(opts.seed);
  let now = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let right = 0;
    let seen = 0;
    for (const di of order) {
      const d = docs[di]!;
      const n = d.words.length;
      prepareTokens(d.words, d.starts);
      let t1 = NO_TAG;
      let t2 = NO_TAG;
      for (let i = 0; i < n; i++) {
        const truth = tagIndex.get(d.tags[i]!)!;
        let guess = dict.get(tokenDictKey(i)) ?? -1;
        if (guess < 0) {
          now++;
          const count = featureKeys(i, n, t1, t2, feats);
          guess = predict(feats, count, scores);
          if (guess !== truth) update(feats, count, truth, guess, now);
        }
        if (guess === truth) right++;
        seen++;
        t2 = t1;
        t1 = guess;
      }
    }
    console.log(`epoch ${epoch + 1}: ${((100 * right) / seen).toFixed(2)} % on train while learning, ${rowCount} features`);
    // Fisher-Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
  }
  // Average: each weight's total over all steps divided by the number of steps.
  for (let i = 0; i < rowCount * nTags; i++) {
    totals[i]! += (now - stamps[i]!) * weights[i]!;
    weights[i] = totals[i]! / now;
  }
}

/** Serialize: text header, NUL, then the little-endian binary layout of data/nlp/tagger.README.md. */
function writeModel(
  file: string,
  tags: string[],
  dict: Map<number, number>,
  lexicon: { keys: Int32Array; values: Int32Array },
  opts: Options,
): { features: number; bytes: number } {
  // Keep weights whose magnitude matters; drop rows left empty.
  const floor = (r: number): number => (rowIsPair[r] ? opts.minPairWeight : opts.minWeight);
  const keptRows: number[] = [];
  let maxAbs = 0;
  let entries = 0;
  for (let r = 0; r < rowCount; r++) {
    let nnz = 0;
    for (let t = 0; t < nTags; t++) {
      const w = Math.abs(weights[r * nTags + t]!);
      if (w >= floor(r)) {
        nnz++;
        if (w > maxAbs) maxAbs = w;
      }
    }
    if (nnz > 0) {
      keptRows.push(r);
      entries += nnz;
    }
  }
  // Word-level features first, then the pair features (each group in training order).
  keptRows.sort((a, b) => rowIsPair[a]! - rowIsPair[b]! || a - b);
  const pairCount = keptRows.filter((r) => rowIsPair[r] === 1).length;
  const scale = maxAbs / 32767;
  const header = [
    '# sitrep POS tagger model (src/nlp/tagger.ts), written by src/nlp/training/train-tagger.ts.',
    '# A greedy averaged perceptron distilled from the Universal POS tags of wink-nlp 2 with',
    '# wink-eng-lite-web-model (MIT): the teacher tagged the train split of ../shared/data (Wikinews',
    '# articles outside our gold sets, CC BY 2.5; LGL; GeoVirus, CC BY 2.5 Wikinews text; PolNeAR;',
    '# TimeBank/AQUAINT) and this model learned to reproduce those tags. Holds only hashed keys of',
    '# features and words with weights and tag classes, no text. Layout: data/nlp/tagger.README.md.',
    `# epochs ${opts.epochs}, seed ${opts.seed}, min |weight| ${opts.minWeight} (pair features ${opts.minPairWeight}), dictionary ${opts.dictCount}/${opts.dictShare}, lexicon ${opts.lexCount}/${opts.lexShare}, ${keptRows.length} features (${pairCount} pair features), ${dict.size} dictionary words, ${lexicon.keys.length} lexicon entries`,
    '',
  ].join('\n');
  const headerBytes = Buffer.from(header, 'utf8');
  const tagBytes = Buffer.from(tags.join(','), 'latin1');
  const pad = (n: number): number => (n + 3) & ~3;
  let size = pad(headerBytes.length + 1);
  size += 4 + 4 * 7 + 4 + pad(tagBytes.length);
  size += 4 * dict.size + pad(dict.size);
  size += 4 * keptRows.length + pad(keptRows.length);
  size += 4 * entries;
  size += 8 * lexicon.keys.length;
  const buf = Buffer.alloc(size);
  headerBytes.copy(buf, 0);
  let off = pad(headerBytes.length + 1);
  buf.write(MODEL_MAGIC, off, 'latin1');
  off += 4;
  for (const v of [nTags, keptRows.length, dict.size, entries, lexicon.keys.length, pairCount]) {
    buf.writeUInt32LE(v, off);
    off += 4;
  }
  buf.writeFloatLE(scale, off);
  off += 4;
  buf.writeUInt32LE(tagBytes.length, off);
  off += 4;
  tagBytes.copy(buf, off);
  off = pad(off + tagBytes.length);
  // Dictionary entries sorted by key so that the file does not depend on counting order.
  const dictEntries = [...dict].sort((a, b) => a[0] - b[0]);
  for (const [k] of dictEntries) {
    buf.writeInt32LE(k, off);
    off += 4;
  }
  for (const [, t] of dictEntries) buf[off++] = t;
  off = pad(off);
  for (const r of keptRows) {
    buf.writeInt32LE(rowKeys[r]!, off);
    off += 4;
  }
  for (const r of keptRows) {
    let nnz = 0;
    for (let t = 0; t < nTags; t++) if (Math.abs(weights[r * nTags + t]!) >= floor(r)) nnz++;
    buf[off++] = nnz;
  }
  off = pad(off);
  // Each kept weight as one int32: (weight / scale, rounded) << 5 | tag.
  for (const r of keptRows) {
    for (let t = 0; t < nTags; t++) {
      const w = weights[r * nTags + t]!;
      if (Math.abs(w) < floor(r)) continue;
      const q = Math.max(-32767, Math.min(32767, Math.round(w / scale)));
      buf.writeInt32LE(q * 32 + t, off);
      off += 4;
    }
  }
  off = pad(off);
  for (const k of lexicon.keys) {
    buf.writeInt32LE(k, off);
    off += 4;
  }
  for (const v of lexicon.values) {
    buf.writeInt32LE(v, off);
    off += 4;
  }
  writeFileSync(file, buf);
  return { features: keptRows.length, bytes: size };
}

/** Agreement of the written model with the reference, per split, and the main confusions. */
function evaluate(docs: RefDoc[], file: string): void {
  loadTagger(file);
  for (const split of ['train', 'dev', 'test'] as const) {
    let right = 0;
    let total = 0;
    const confusions = new Map<string, number>();
    const bySrc = new Map<string, [number, number]>();
    for (const d of docs) {
      if (d.split !== split) continue;
      const got = tagTokens(d.words, d.starts, d.spaces);
      const s = bySrc.get(d.src) ?? [0, 0];
      for (let i = 0; i < got.length; i++) {
        total++;
        s[1]++;
        if (got[i] === d.tags[i]) {
          right++;
          s[0]++;
        } else {
          const c = `${d.tags[i]}->${got[i]}`;
          confusions.set(c, (confusions.get(c) ?? 0) + 1);
        }
      }
      bySrc.set(d.src, s);
    }
    if (total === 0) continue;
    const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`${split}: ${((100 * right) / total).toFixed(2)} % of ${total} tokens agree with wink`);
    console.log(`  by source: ${[...bySrc].map(([k, [a, b]]) => `${k} ${((100 * a) / b).toFixed(2)}`).join(', ')}`);
    console.log(`  main confusions (wink->ours): ${top.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { out: dataPath('nlp', 'tagger.bin'), epochs: 10, seed: 1, minWeight: 0.5, minPairWeight: 1.5, dictCount: 5, dictShare: 0.98, dev: false, lexCount: 3, lexShare: 0.05 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--ref' && v) opts.ref = argv[++i];
    else if (a === '--out' && v) opts.out = argv[++i]!;
    else if (a === '--epochs' && v) opts.epochs = Number(argv[++i]);
    else if (a === '--seed' && v) opts.seed = Number(argv[++i]);
    else if (a === '--min-weight' && v) opts.minWeight = Number(argv[++i]);
    else if (a === '--dev') opts.dev = true;
    else if (a === '--lex-count' && v) opts.lexCount = Number(argv[++i]);
    else if (a === '--lex-share' && v) opts.lexShare = Number(argv[++i]);
    else if (a === '--min-pair-weight' && v) opts.minPairWeight = Number(argv[++i]);
    else if (a === '--dict-count' && v) opts.dictCount = Number(argv[++i]);
    else if (a === '--dict-share' && v) opts.dictShare = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const docs = opts.ref ? readReference(opts.ref) : buildReference();
  // --dev: every tenth train text is held out for choosing settings without looking at test.
  if (opts.dev) docs.filter((d) => d.split === 'train').forEach((d, i) => i % 10 === 0 && (d.split = 'dev'));
  const trainDocs = docs.filter((d) => d.split === 'train');
  console.log(`reference: ${docs.length} texts (${trainDocs.length} train) in ${Date.now() - t0} ms`);
  // Tags in a fixed order (alphabetical) so that the file is reproducible.
  const tags = [...new Set(trainDocs.flatMap((d) => d.tags))].sort();
  nTags = tags.length;
  const tagIndex = new Map(tags.map((t, i) => [t, i] as [string, number]));
  const lexicon = buildLexicon(trainDocs, tagIndex, opts);
  installLexicon(lexicon.keys, lexicon.values);
  const dict = buildDictionary(trainDocs, tagIndex, opts);
  train(trainDocs, tagIndex, dict, opts);
  const { features, bytes } = writeModel(opts.out, tags, dict, lexicon, opts);
  console.log(`wrote ${opts.out}: ${features} features, ${dict.size} dictionary words, ${bytes} bytes, ${Date.now() - t0} ms in all`);
  evaluate(docs, opts.out);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
