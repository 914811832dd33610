// Universal POS tagger: a greedy, left-to-right averaged perceptron distilled from wink-nlp's
// tags (the model file data/nlp/tagger.bin is written by src/nlp/training/train-tagger.ts).
// Why our own: wink's full analysis costs ~2.6 ms per article; this tags one in a fraction of
// that while reproducing wink's tags, which the downstream rules were tuned on.
//
// Speed notes. No feature strings are ever built: every word is reduced once to a few 32-bit
// hashes (word, lower-cased word, suffixes, prefix, shape) computed from char codes, and each
// feature key is a mix of a template number with those integers. Quantized weights live in flat
// Int32Arrays found through open-addressing tables of keys. What depends on one word alone is
// summed once per distinct word (see "word types"); frequent words that the teacher always tags
// the same way skip scoring. What remains per token is a handful of table lookups, and since
// memory latency dominates those, the model is pruned to stay small (~1 MB).
import { readFileSync } from 'node:fs';
import { dataPath } from '../util/paths.js';

// ------------------------------------------------------------------ word types

// Every distinct surface string met is a "type" (kept across documents) whose hashes, lexicon
// class, dictionary tag and summed weights of the features that depend on the word alone are
// computed once. A token then costs one hash of its chars and one lookup; only the features that
// look at neighbours or at the tags already chosen are looked up per token. Types are found by
// a 32-bit hash of the char codes, read straight from the document's text, and checked against
// the type's own string: no token string need be sliced out of the text to be looked up, and the
// type's string (a copy, detached from the article so that no article stays referenced through
// V8's sliced strings) is handed back as the token's text, the same string object for every
// occurrence, whose hash V8 then computes once for every Map lookup downstream.
let typeSlots = new Int32Array(0); // [hash, type + 1] pairs, open addressing
let typeSlotMask = 0;
let typeText: string[] = []; // each type's string
let typeCount = 0;
let typeCapacity = 0;
/** Counts the resets of the types (their numbers are reused after one). */
let typeEpoch = 0;
// What tagging reads of a type per token, side by side (one cache line, not one per array):
// INFO ints per type, at these offsets.
const INFO = 8;
const RAW = 0; // hash of the exact surface form
const LOW = 1; // of the lower-cased form
const SHAPE = 2; // of the collapsed shape ("Xx", "d,d", "x-x")
const FLAGS = 3; // FLAG_* bits plus a length bucket
const CLASS = 4; // tag class in the lexicon (see lexiconClass)
const DICT = 5; // dictionary tag + 1, 0 = score it
const ROWS = 6; // which of its score rows are summed (SELF_ROW | PREV_ROW | NEXT_ROW)
let tInfo = new Int32Array(0);
let tSuf1 = new Int32Array(0); // last 1, 2, 3 and 4 lower-cased characters
let tSuf2 = new Int32Array(0);
let tSuf3 = new Int32Array(0);
let tSuf4 = new Int32Array(0);
let tPre2 = new Int32Array(0); // first 2 characters as written (keeps the capital)
// Per type, nTags summed weights of its word-only features, of the features reading it as the
// previous word and of those reading it as the next word. Each row is summed when a token first
// needs it: a word the dictionary tags never needs its own, and one whose neighbours are all
// dictionary words (punctuation, "the", "of") never needs theirs.
let tScores = new Int32Array(0);
let tPrevScores = new Int32Array(0);
let tNextScores = new Int32Array(0);
const SELF_ROW = 1;
const PREV_ROW = 2;
const NEXT_ROW = 4;
/** Forget the types beyond this many (a long-running process meets ever new strings): ~26 MB. */
const MAX_TYPES = 100_000;
/**
 * Room for this many types from the start (~8 MB, whose pages the system maps only when first
 * written): a few hundred news articles hold ~19k types, and growing from a small table to that
 * size copied and re-inserted everything three times during the first articles (~30 ms).
 */
const INITIAL_TYPES = 32_768;

const FLAG_SENT_START = 1;
const FLAG_UPPER_FIRST = 2;
const FLAG_ALL_UPPER = 4;
const FLAG_HAS_DIGIT = 8;
const FLAG_HAS_HYPHEN = 16;
const FLAG_HAS_LETTER = 32;
const FLAG_NON_ASCII = 64;
const FLAG_HAS_PERIOD = 128;
// bits 8-10: length bucket (1, 2, 3, 4-5, 6-8, 9+)

function growInt32(a: Int32Array, size: number) {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

function growTypes(): void {
  typeCapacity = Math.max(INITIAL_TYPES, typeCapacity * 2);
  // The slot table stays at most half full: rebuild it at twice the types' capacity.
  typeSlots = new Int32Array(typeCapacity * 4);
  typeSlotMask = typeCapacity * 2 - 1;
  for (let t = 0; t < typeCount; t++) insertType(tInfo[t * INFO + RAW]!, t);
  tInfo = growInt32(tInfo, typeCapacity * INFO);
  tSuf1 = growInt32(tSuf1, typeCapacity);
  tSuf2 = growInt32(tSuf2, typeCapacity);
  tSuf3 = growInt32(tSuf3, typeCapacity);
  tSuf4 = growInt32(tSuf4, typeCapacity);
  tPre2 = growInt32(tPre2, typeCapacity);
  const rowSize = typeCapacity * (model ? model.nTags : 0);
  tScores = growInt32(tScores, rowSize);
  tPrevScores = growInt32(tPrevScores, rowSize);
  tNextScores = growInt32(tNextScores, rowSize);
}

/** Drop every cached type (after the model or lexicon changes, or when the cache is full). */
function resetTypes(): void {
  typeCount = 0;
  typeText = [];
  typeEpoch++;
  typeCapacity = 0;
  growTypes();
}

// Both char functions below read tables for the codes under 256 rather than branch on the Latin-1
// range: TurboFan compiled such a branch, untaken in the ASCII words seen so far, as a
// deoptimization, and the first word with an "é" then deoptimized the word-type code around it.

/** Each code under 256 lower-cased: ASCII and Latin-1 capitals (not ×). */
const LOWER_CODE = new Uint8Array(256);
/** Each code under 256's shape class (see shapeClass). */
const SHAPE_CLASS = new Uint16Array(256);
for (let c = 0; c < 256; c++) {
  const upper = (c >= 65 && c <= 90) || (c >= 192 && c <= 222 && c !== 215);
  LOWER_CODE[c] = upper ? c + 32 : c;
  if (c >= 97 && c <= 122) SHAPE_CLASS[c] = 2;
  else if (upper) SHAPE_CLASS[c] = 1;
  else if (c >= 48 && c <= 57) SHAPE_CLASS[c] = 3;
  else if (c >= 223 && c !== 247) SHAPE_CLASS[c] = 2;
  else SHAPE_CLASS[c] = c + 16;
}

/** Lower-case a char code without allocating: ASCII and Latin-1 capitals; others unchanged (rare). */
function lowerCode(c: number): number {
  return c < 256 ? LOWER_CODE[c]! : c;
}

/** Shape class of a char code: 1 upper, 2 lower (any other letter-like char), 3 digit, else the code itself. */
function shapeClass(c: number): number {
  if (c < 256) return SHAPE_CLASS[c]!;
  return c < 0x2000 ? 2 : c + 16; // other-script letters; punctuation and symbols
}

const FNV = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

function step(h: number, c: number): number {
  return Math.imul(h ^ c, PRIME);
}

/** Hashes and flags of a new type (one pass over its char codes, plus its last four). */
function hashType(word: string, t: number): void {
  const n = word.length;
  let hr = FNV;
  let hl = FNV;
  let hs = FNV;
  let lastShape = -1;
  let upperCount = 0;
  let letterCount = 0;
  let f = 0;
  for (let k = 0; k < n; k++) {
    const c = word.charCodeAt(k);
    hr = step(hr, c);
    hl = step(hl, lowerCode(c));
    const s = shapeClass(c);
    if (s !== lastShape) {
      hs = step(hs, s);
      lastShape = s;
    }
    if (s === 1) {
      upperCount++;
      letterCount++;
      if (k === 0) f |= FLAG_UPPER_FIRST;
    } else if (s === 2) letterCount++;
    else if (s === 3) f |= FLAG_HAS_DIGIT;
    else if (c === 45) f |= FLAG_HAS_HYPHEN;
    else if (c === 46) f |= FLAG_HAS_PERIOD;
    if (c > 127) f |= FLAG_NON_ASCII;
  }
  if (letterCount > 0) f |= FLAG_HAS_LETTER;
  if (upperCount > 0 && upperCount === letterCount) f |= FLAG_ALL_UPPER;
  const bucket = n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : 6;
  tInfo[t * INFO + FLAGS] = f | (bucket << 8);
  tInfo[t * INFO + RAW] = hr;
  tInfo[t * INFO + LOW] = hl;
  tInfo[t * INFO + SHAPE] = hs;
  // Suffixes are hashed from the end so that each longer one extends the shorter one.
  let h = FNV;
  h = n >= 1 ? step(h, lowerCode(word.charCodeAt(n - 1))) : h;
  tSuf1[t] = h;
  h = n >= 2 ? step(h, lowerCode(word.charCodeAt(n - 2))) : step(h, 0);
  tSuf2[t] = h;
  h = n >= 3 ? step(h, lowerCode(word.charCodeAt(n - 3))) : step(h, 0);
  tSuf3[t] = h;
  h = n >= 4 ? step(h, lowerCode(word.charCodeAt(n - 4))) : step(h, 0);
  tSuf4[t] = h;
  let p = FNV;
  if (n >= 1) p = step(p, word.charCodeAt(0));
  if (n >= 2) p = step(p, word.charCodeAt(1));
  tPre2[t] = p;
}

const typeFeatures = new Int32Array(16);

function insertType(h: number, t: number): void {
  let s = h & typeSlotMask;
  while (typeSlots[s * 2 + 1] !== 0) s = (s + 1) & typeSlotMask;
  typeSlots[s * 2] = h;
  typeSlots[s * 2 + 1] = t + 1;
}

/** Whether `word` is the text [s, e) of src. */
function sameText(word: string, src: string, s: number, e: number): boolean {
  if (word.length !== e - s) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== src.charCodeAt(s + k)) return false;
  return true;
}

/** The text [s, e) of src as a string of its own (short slices are copies already, see sameText's caller). */
function detachedText(src: string, s: number, e: number): string {
  const word = src.slice(s, e);
  // V8 slices of 13 characters or more point into their parent: copy through a flat concatenation.
  return e - s < 13 ? word : (' ' + word).slice(1);
}

/** The type of the text [s, e) of src, registered on first sight. */
function typeOfSpan(src: string, s: number, e: number): number {
  let h = FNV;
  for (let k = s; k < e; k++) h = Math.imul(h ^ src.charCodeAt(k), PRIME);
  let slot = h & typeSlotMask;
  for (;;) {
    const t = typeSlots[slot * 2 + 1]! - 1;
    if (t < 0) break;
    if (typeSlots[slot * 2] === h && sameText(typeText[t]!, src, s, e)) return t;
    slot = (slot + 1) & typeSlotMask;
  }
  return addType(detachedText(src, s, e));
}

/** Register a new type: hashes, lexicon class and, with a model loaded, dictionary tag and word-only scores. */
function addType(word: string): number {
  if (typeCount >= typeCapacity) growTypes();
  const t = typeCount++;
  typeText[t] = word;
  hashType(word, t);
  insertType(tInfo[t * INFO + RAW]!, t);
  tInfo[t * INFO + CLASS] = lexiconClass(t);
  const m = model;
  if (m) tInfo[t * INFO + DICT] = dictLookup(m, dictKey(t)) + 1;
  tInfo[t * INFO + ROWS] = 0;
  return t;
}

/** Sum one score row of type t (SELF_ROW, PREV_ROW or NEXT_ROW). */
function sumRow(m: Model, t: number, row: number): void {
  tInfo[t * INFO + ROWS] |= row;
  const scores = row === SELF_ROW ? tScores : row === PREV_ROW ? tPrevScores : tNextScores;
  const base = t * m.nTags;
  // The arrays are reused after a reset of the types: start from zero.
  scores.fill(0, base, base + m.nTags);
  const count = row === SELF_ROW ? typeKeys(t, typeFeatures) : row === PREV_ROW ? prevKeys(t, typeFeatures, 0) : nextKeys(t, typeFeatures, 0);
  addScores(m.word, m.entries, typeFeatures, count, scores, base);
}

// ------------------------------------------------------------------ per-token views

/** Per-token copies of type values the neighbours' features read (module buffers, grown on demand). */
let capacity = 0;
let tokType = new Int32Array(0);
let lowHash = new Int32Array(0);
let shapeHash = new Int32Array(0);
let flags = new Int32Array(0); // type flags plus FLAG_SENT_START
let ambiguity = new Int32Array(0);
let tokDict = new Int32Array(0); // the type's dictionary tag + 1

function ensureCapacity(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 1024);
  tokType = new Int32Array(capacity);
  lowHash = new Int32Array(capacity);
  shapeHash = new Int32Array(capacity);
  flags = new Int32Array(capacity);
  ambiguity = new Int32Array(capacity);
  tokDict = new Int32Array(capacity);
}

/** Map every token of a document to its type and copy what neighbours need. */
export function prepareTokens(texts: string[], sentenceStarts: number[]): void {
  const n = texts.length;
  startDocument(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const word = texts[i]!;
    while (s < sentenceStarts.length && sentenceStarts[s]! < i) s++;
    setToken(i, typeOfSpan(word, 0, word.length), i === 0 || (s < sentenceStarts.length && sentenceStarts[s] === i));
  }
}

/**
 * prepareTokens() for the tokens [starts[i], ends[i]) of `text`, without slicing them out:
 * returns the tokens' texts (each type's own string, see "word types").
 */
export function prepareSpans(text: string, starts: number[], ends: number[], sentenceStarts: number[]): string[] {
  if (!model) loadTagger(); // before the types are made: they hold the model's scores
  const n = starts.length;
  startDocument(n);
  const texts: string[] = []; // by push: see analyze() in english.ts
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = typeOfSpan(text, starts[i]!, ends[i]!);
    texts.push(typeText[t]!);
    while (s < sentenceStarts.length && sentenceStarts[s]! < i) s++;
    setToken(i, t, i === 0 || (s < sentenceStarts.length && sentenceStarts[s] === i));
  }
  return texts;
}

/** The word types of the last prepared document's tokens (the first n entries). */
export function preparedTypes(): Int32Array {
  return tokType;
}

/** Changes whenever type numbers are reused: what is memoized by type number is then stale. */
export function typesEpoch(): number {
  return typeEpoch;
}

function startDocument(n: number): void {
  ensureCapacity(n + 1);
  if (typeCapacity === 0 || typeCount + n > MAX_TYPES) resetTypes();
}

function setToken(i: number, t: number, sentenceStart: boolean): void {
  tokType[i] = t;
  const at = t * INFO;
  lowHash[i] = tInfo[at + LOW]!;
  shapeHash[i] = tInfo[at + SHAPE]!;
  ambiguity[i] = tInfo[at + CLASS]!;
  flags[i] = sentenceStart ? tInfo[at + FLAGS]! | FLAG_SENT_START : tInfo[at + FLAGS]!;
  tokDict[i] = tInfo[at + DICT]!;
}

// ------------------------------------------------------------------ the lexicon

// Words seen a few times in training -> their tag class (most frequent tag, plus a bit mask of
// every tag they take often). The teacher starts from a lexicon tag per word and lets context
// rules change it, so the classes of the *next* words (not yet tagged here) carry much of what
// its rules look at. Keyed by the word as written, then lower-cased.
let lexSlots = new Int32Array(16);
let lexValues = new Int32Array(16);
let lexMask = 15;
const LOWER_KEY = 0x51ed27;
/** Class of a word found only lower-cased (keeps it apart from the same class as written). */
const LOWER_CLASS = 1 << 30;

/** Install the lexicon (model loading and training). */
export function installLexicon(keys: Int32Array, values: Int32Array): void {
  const size = tableSize(keys.length);
  lexSlots = new Int32Array(size);
  lexValues = new Int32Array(size);
  lexMask = size - 1;
  for (let j = 0; j < keys.length; j++) {
    let s = keys[j]! & lexMask;
    while (lexSlots[s] !== 0) s = (s + 1) & lexMask;
    lexSlots[s] = keys[j]!;
    lexValues[s] = values[j]!;
  }
  typeCapacity = 0; // cached classes are stale
}

/** Lexicon key of token i (of the last prepared document) as written (lower = false) or lower-cased. */
export function lexiconKey(i: number, lower: boolean): number {
  const t = tokType[i]!;
  return lower ? key(101, tInfo[t * INFO + LOW]!, LOWER_KEY) : key(101, tInfo[t * INFO + RAW]!, 0);
}

function lexiconLookup(k: number): number {
  let s = k & lexMask;
  for (;;) {
    const v = lexSlots[s]!;
    if (v === k) return lexValues[s]!;
    if (v === 0) return 0;
    s = (s + 1) & lexMask;
  }
}

/** Tag class of type t: as written, else lower-cased (marked), else 0 (unknown). */
function lexiconClass(t: number): number {
  const c = lexiconLookup(key(101, tInfo[t * INFO + RAW]!, 0));
  if (c !== 0) return c;
  const l = lexiconLookup(key(101, tInfo[t * INFO + LOW]!, LOWER_KEY));
  return l !== 0 ? l | LOWER_CLASS : 0;
}

// ------------------------------------------------------------------ feature keys

/** Mix a template number and up to two integers into one feature key (never 0: 0 marks empty slots). */
function key(template: number, a: number, b: number): number {
  let h = Math.imul(template + 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ a, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h ^ b, 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

/** Out-of-document neighbours (before the first, after the last token). */
const PAD_LEFT = 0x1234567;
const PAD_RIGHT = 0x7654321;
/** Tag number used for "no previous tag" (before the first token). */
export const NO_TAG = 31;

/** Keys of the features that depend on the word alone (summed once per type). */
function typeKeys(t: number, out: Int32Array): number {
  out[0] = key(0, 0, 0); // bias
  out[1] = key(1, tInfo[t * INFO + RAW]!, 0);
  out[2] = key(2, tInfo[t * INFO + LOW]!, 0);
  out[3] = key(3, tSuf1[t]!, 0);
  out[4] = key(4, tSuf2[t]!, 0);
  out[5] = key(5, tSuf3[t]!, 0);
  out[6] = key(6, tSuf4[t]!, 0);
  out[7] = key(7, tPre2[t]!, 0);
  out[8] = key(9, tInfo[t * INFO + FLAGS]!, 0);
  out[9] = key(25, tInfo[t * INFO + CLASS]!, 0);
  out[10] = key(8, tInfo[t * INFO + SHAPE]!, 0);
  return 11;
}

// The features of a token that read one neighbour's type alone are summed once per type too,
// as that type's row "when it is the previous word" and "when it is the next word".

/** Keys of the features read from the previous token's type (t = -1: none). */
function prevKeys(t: number, out: Int32Array, k: number): number {
  out[k++] = key(13, t < 0 ? PAD_LEFT : tInfo[t * INFO + LOW]!, 0);
  out[k++] = key(14, t < 0 ? PAD_LEFT : tSuf3[t]!, 0);
  out[k++] = key(15, t < 0 ? PAD_LEFT : tInfo[t * INFO + SHAPE]!, 0);
  return k;
}

/** Keys of the features read from the next token's type (t = -1: none). */
function nextKeys(t: number, out: Int32Array, k: number): number {
  if (t < 0) {
    out[k++] = key(16, PAD_RIGHT, 0);
    out[k++] = key(17, PAD_RIGHT, 0);
    out[k++] = key(21, PAD_RIGHT, 0);
    out[k++] = key(26, PAD_RIGHT, 0);
    out[k++] = key(18, PAD_RIGHT, 0);
    return k;
  }
  out[k++] = key(16, tInfo[t * INFO + LOW]!, 0);
  out[k++] = key(17, tSuf3[t]!, 0);
  out[k++] = key(21, tInfo[t * INFO + SHAPE]!, tInfo[t * INFO + FLAGS]! & FLAG_UPPER_FIRST);
  out[k++] = key(26, tInfo[t * INFO + CLASS]!, 0);
  out[k++] = key(18, tPre2[t]!, 0);
  return k;
}

/** Keys of the features read from the two previous tags alone (a table at run time). */
function tagKeys(t1: number, t2: number, out: Int32Array, k: number): number {
  out[k++] = key(10, t1, 0);
  out[k++] = key(11, t1, t2);
  return k;
}

/**
 * Keys of the features of token i that pair its word with a neighbour or with the previous
 * tag, from out[k] on; returns the new count. t1 = the previous token's tag (NO_TAG at the
 * document start); n = token count.
 */
function pairKeys(i: number, n: number, t1: number, out: Int32Array, k: number): number {
  const w = lowHash[i]!;
  const wPrev = i > 0 ? lowHash[i - 1]! : PAD_LEFT;
  let wNext = PAD_RIGHT;
  let shNext = PAD_RIGHT;
  let aNext = PAD_RIGHT;
  if (i + 1 < n) {
    wNext = lowHash[i + 1]!;
    shNext = shapeHash[i + 1]!;
    aNext = ambiguity[i + 1]!;
  }
  if ((flags[i]! & FLAG_SENT_START) !== 0) {
    // Only sentence-initial tokens (a few per cent) pay for these two.
    out[k++] = key(23, shapeHash[i]!, 1);
    out[k++] = key(27, w, 1);
  }
  out[k++] = key(12, t1, w);
  out[k++] = key(19, w, wNext);
  out[k++] = key(20, wPrev, w);
  out[k++] = key(22, t1, wNext);
  out[k++] = key(24, w, shNext);
  out[k++] = key(31, ambiguity[i]!, aNext);
  out[k++] = key(28, t1, aNext);
  out[k++] = key(29, w, aNext);
  out[k++] = key(30, t1, ambiguity[i]!);
  return k;
}

/**
 * All feature keys of token i of the last prepared document (training); returns the count.
 * The pair features come last, from index PAIR_FEATURES_FROM on (the model keeps them apart).
 */
export function featureKeys(i: number, n: number, t1: number, t2: number, out: Int32Array): number {
  let k = typeKeys(tokType[i]!, out);
  k = prevKeys(i > 0 ? tokType[i - 1]! : -1, out, k);
  k = nextKeys(i + 1 < n ? tokType[i + 1]! : -1, out, k);
  k = tagKeys(t1, t2, out, k);
  return pairKeys(i, n, t1, out, k);
}

export const PAIR_FEATURES_FROM = 11 + 3 + 5 + 2;

/** Upper bound on featureKeys()' count (for buffer sizes). */
export const MAX_FEATURES = 40;

/** Tag-dictionary key of type t (frequent words the teacher always tags alike). */
function dictKey(t: number): number {
  return key(100, tInfo[t * INFO + RAW]!, 0);
}

/** Tag-dictionary key of token i of the last prepared document (training). */
export function tokenDictKey(i: number): number {
  return dictKey(tokType[i]!);
}

// ------------------------------------------------------------------ the model

/**
 * Open-addressing table of pairs [feature key, (first entry << 5) | entry count]; key 0 = empty.
 * Key and row share a cache line: memory latency, not arithmetic, is what tagging costs.
 */
interface FeatureTable {
  slots: Int32Array;
  mask: number;
  /**
   * One bit per hashed key, set for the table's features: most pair features looked up (two
   * words side by side) are absent, and this small filter stays in the core's cache where the
   * table does not, so most misses cost one cache hit instead of a trip to memory.
   */
  filter: Int32Array;
  filterMask: number;
}

interface Model {
  tags: string[];
  nTags: number;
  /** Features of the word alone or of one neighbour or of the tags (read once per type). */
  word: FeatureTable;
  /** Pair features (read per token): a separate, smaller table that stays in cache. */
  pair: FeatureTable;
  /** Non-zero weights, each (quantized weight << 5) | tag, a feature's entries side by side. */
  entries: Int32Array;
  /** Rows of the missing neighbours: [before the first token, after the last] */
  padRows: Int32Array;
  /** Row of the two previous tags' features for each (t1 << 5 | t2) */
  tagRows: Int32Array;
  dictSlots: Int32Array;
  dictTags: Int32Array; // tag + 1
  dictMask: number;
  partTag: number;
}

let model: Model | null = null;

export const MODEL_MAGIC = 'SPT1';

/** Build a power-of-two open-addressing table at most half full. */
function tableSize(n: number): number {
  let size = 16;
  while (size < n * 2) size <<= 1;
  return size;
}

/** Read data/nlp/tagger.bin (layout in data/nlp/tagger.README.md). */
function loadModel(file: string): Model {
  const buf = readFileSync(file);
  // The file opens with a plain-text header (provenance) ended by a NUL byte.
  const headerEnd = buf.indexOf(0);
  let off = (headerEnd + 4) & ~3;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = (): number => {
    const v = view.getUint32(off, true);
    off += 4;
    return v;
  };
  if (buf.toString('latin1', off, off + 4) !== MODEL_MAGIC) throw new Error(`${file}: not a tagger model`);
  off += 4;
  const nTags = u32();
  const nFeat = u32();
  const nDict = u32();
  const nEntries = u32();
  const nLex = u32();
  const nPair = u32();
  off += 4; // the weights' scale (only needed to read them as numbers: argmax ignores it)
  const tagLen = u32();
  // The names as the source's string literals: V8 keeps those internalized, so the annotators'
  // many `t.pos === 'VERB'` tests compare pointers instead of characters.
  const tags = buf.toString('latin1', off, off + tagLen).split(',').map((tag) => UPOS_TAGS.find((known) => known === tag) ?? tag);
  // Tags are 5-bit numbers in the entries, and 31 is NO_TAG.
  if (nTags > 31 || !tags.includes('PART')) throw new Error(`${file}: unexpected tag set ${tags.join(',')}`);
  off = (off + tagLen + 3) & ~3;
  // Copy into fresh aligned typed arrays (the Buffer's offset need not be aligned).
  const int32s = (count: number): Int32Array => {
    const a = new Int32Array(count);
    for (let i = 0; i < count; i++) a[i] = view.getInt32(off + i * 4, true);
    off += count * 4;
    return a;
  };
  const dictKeys = int32s(nDict);
  const dictTagBytes = buf.subarray(off, off + nDict);
  off = (off + nDict + 3) & ~3;
  const featKeys = int32s(nFeat);
  const counts = buf.subarray(off, off + nFeat);
  off = (off + nFeat + 3) & ~3;
  const entries = int32s(nEntries);
  const lexKeys = int32s(nLex);
  installLexicon(lexKeys, int32s(nLex));
  // The last nPair features are the pair features; entries follow the features' order.
  const firstEntry = new Int32Array(nFeat);
  for (let r = 1; r < nFeat; r++) firstEntry[r] = firstEntry[r - 1]! + counts[r - 1]!;
  const word = buildTable(featKeys, counts, firstEntry, 0, nFeat - nPair);
  const pair = buildTable(featKeys, counts, firstEntry, nFeat - nPair, nFeat);
  const dsize = tableSize(nDict);
  const dictSlots = new Int32Array(dsize);
  const dictTags = new Int32Array(dsize);
  const dictMask = dsize - 1;
  for (let d = 0; d < nDict; d++) {
    let s = dictKeys[d]! & dictMask;
    while (dictSlots[s] !== 0) s = (s + 1) & dictMask;
    dictSlots[s] = dictKeys[d]!;
    dictTags[s] = dictTagBytes[d]! + 1;
  }
  const m: Model = {
    tags,
    nTags,
    word,
    pair,
    entries,
    padRows: new Int32Array(2 * nTags),
    tagRows: new Int32Array(32 * 32 * nTags),
    dictSlots,
    dictTags,
    dictMask,
    partTag: tags.indexOf('PART'),
  };
  const feats = new Int32Array(MAX_FEATURES);
  addScores(m.word, entries, feats, prevKeys(-1, feats, 0), m.padRows, 0);
  addScores(m.word, entries, feats, nextKeys(-1, feats, 0), m.padRows, nTags);
  for (let t1 = 0; t1 < 32; t1++) {
    for (let t2 = 0; t2 < 32; t2++) {
      addScores(m.word, entries, feats, tagKeys(t1, t2, feats, 0), m.tagRows, ((t1 << 5) | t2) * nTags);
    }
  }
  return m;
}

/**
 * Table of features from..to with its filter (about 12 bits per key). Up to 80 % full: the filter
 * turns most misses away, and a hit's probes run along one or two cache lines.
 */
function buildTable(keys: Int32Array, counts: Uint8Array, firstEntry: Int32Array, from: number, to: number): FeatureTable {
  let size = 16;
  while (size * 0.8 < to - from) size <<= 1;
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  let filterWords = 256;
  while (filterWords * 32 < (to - from) * 12) filterWords <<= 1;
  const filter = new Int32Array(filterWords);
  const filterMask = filterWords - 1;
  for (let r = from; r < to; r++) {
    const k = keys[r]!;
    filter[(k >>> 5) & filterMask]! |= 1 << (k & 31);
    let s = k & mask;
    while (slots[s * 2] !== 0) s = (s + 1) & mask;
    slots[s * 2] = k;
    slots[s * 2 + 1] = (firstEntry[r]! << 5) | counts[r]!;
  }
  return { slots, mask, filter, filterMask };
}

/** The tag a dictionary word always gets, or -1. */
function dictLookup(m: Model, k: number): number {
  const slots = m.dictSlots;
  let s = k & m.dictMask;
  for (;;) {
    const v = slots[s]!;
    if (v === k) return m.dictTags[s]! - 1;
    if (v === 0) return -1;
    s = (s + 1) & m.dictMask;
  }
}

/** Add the weights of every known feature to scores[base..base+nTags) (integers). */
function addScores(
  table: FeatureTable,
  entries: Int32Array,
  feats: Int32Array,
  count: number,
  scores: Int32Array,
  base: number,
): void {
  const slots = table.slots;
  const mask = table.mask;
  const wrap = mask * 2 + 1;
  const filter = table.filter;
  const filterMask = table.filterMask;
  for (let j = 0; j < count; j++) {
    const k = feats[j]!;
    if ((filter[(k >>> 5) & filterMask]! & (1 << (k & 31))) === 0) continue;
    let s = (k & mask) << 1;
    for (;;) {
      const v = slots[s]!;
      if (v === k) {
        const packed = slots[s + 1]!;
        const end = (packed >>> 5) + (packed & 31);
        for (let e = packed >>> 5; e < end; e++) {
          const x = entries[e]!;
          scores[base + (x & 31)]! += x >> 5;
        }
        break;
      }
      if (v === 0) break;
      s = (s + 2) & wrap;
    }
  }
}

/**
 * Best tag of token i: the summed rows of its type, of its neighbours' types (as neighbours) and
 * of the previous two tags, plus the weights of the pair features.
 */
function bestTag(m: Model, i: number, n: number, t1: number, t2: number, feats: Int32Array, scores: Int32Array): number {
  const nTags = m.nTags;
  const type = tokType[i]!;
  if ((tInfo[type * INFO + ROWS]! & SELF_ROW) === 0) sumRow(m, type, SELF_ROW);
  const self = type * nTags;
  let prevRow = m.padRows;
  let prev = 0;
  if (i > 0) {
    const t = tokType[i - 1]!;
    if ((tInfo[t * INFO + ROWS]! & PREV_ROW) === 0) sumRow(m, t, PREV_ROW);
    prevRow = tPrevScores;
    prev = t * nTags;
  }
  let nextRow = m.padRows;
  let next = nTags;
  if (i + 1 < n) {
    const t = tokType[i + 1]!;
    if ((tInfo[t * INFO + ROWS]! & NEXT_ROW) === 0) sumRow(m, t, NEXT_ROW);
    nextRow = tNextScores;
    next = t * nTags;
  }
  const tags = m.tagRows;
  const tagBase = ((t1 << 5) | t2) * nTags;
  for (let t = 0; t < nTags; t++) {
    scores[t] = tScores[self + t]! + prevRow[prev + t]! + nextRow[next + t]! + tags[tagBase + t]!;
  }
  addScores(m.pair, m.entries, feats, pairKeys(i, n, t1, feats, 0), scores, 0);
  let best = 0;
  let bestScore = scores[0]!;
  for (let t = 1; t < nTags; t++) {
    if (scores[t]! > bestScore) {
      bestScore = scores[t]!;
      best = t;
    }
  }
  return best;
}

const featBuffer = new Int32Array(MAX_FEATURES);
let scoreBuffer = new Int32Array(0);

/** The Universal POS tags, written as literals (see where the model's tag names are read). */
const UPOS_TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE'];

/** Load the model once per process (or worker thread); a path may be given for tests and training. */
export function loadTagger(file: string = dataPath('nlp', 'tagger.bin')): void {
  model = loadModel(file);
  scoreBuffer = new Int32Array(model.nTags);
  typeCapacity = 0; // cached types hold the previous model's scores
}

/**
 * Whether a token is "'s" (or "’s"). Written apart from its word ("It 's", as in text rebuilt
 * from treebank tokens) wink does not read it as "is" and tags it PART; attached, it decides by
 * context. The reference's train split has no detached ones, so this is a rule, not learned.
 */
function isCliticS(word: string): boolean {
  if (word.length !== 2) return false;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1) | 32;
  return (a === 39 || a === 0x2019) && b === 115;
}

/**
 * One Universal POS tag per token. texts = one document's token surface strings in order;
 * sentenceStarts = index of each sentence's first token (ascending); spaceBefore (optional) =
 * whether whitespace precedes each token (only a detached "'s" uses it).
 */
export function tagTokens(texts: string[], sentenceStarts: number[], spaceBefore?: ArrayLike<boolean>): string[] {
  if (!model) loadTagger();
  prepareTokens(texts, sentenceStarts);
  return tagPrepared(texts, spaceBefore);
}

/** tagTokens() of the document last given to prepareSpans() (whose texts it returned). */
export function tagPrepared(texts: string[], spaceBefore?: ArrayLike<boolean>): string[] {
  const m = model!;
  const n = texts.length;
  const out: string[] = []; // by push: see analyze() in english.ts
  let t1 = NO_TAG;
  let t2 = NO_TAG;
  for (let i = 0; i < n; i++) {
    let tag = tokDict[i]! - 1;
    if (spaceBefore !== undefined && spaceBefore[i] === true && i > 0 && isCliticS(texts[i]!)) tag = m.partTag;
    else if (tag < 0) tag = bestTag(m, i, n, t1, t2, featBuffer, scoreBuffer);
    out.push(m.tags[tag]!);
    t2 = t1;
    t1 = tag;
  }
  return out;
}
