// Tokenizer and sentence splitter for English news text, reproducing the token and sentence
// boundaries of wink-nlp (English lite model) as analyze() in ./wink.ts reports them, at a small
// fraction of its cost. All downstream rules were tuned to wink's boundaries, so its quirks are
// kept on purpose (e.g. "ca" "n't", "www" "." "bbc" "." "com", "Navaratnam's" "." but "year" "'s" "?").
//
// How wink works, and so how this module is laid out: text is cut into chunks at spaces and line
// breaks; a chunk that is a plain word, a number or a word with one trailing mark is decided at once
// (fast path, character codes only). Any other chunk peels one closing or opening mark and retries,
// or goes through the "recursive" passes: each pass picks out one kind of token (URL, e-mail,
// time, ordinal, currency, decade, bracket/quote, 's, word, number, symbol, punctuation) and hands
// the pieces between its matches to the next pass. Words with periods or hyphens are then kept
// whole or split by the abbreviation, short-form ("U.S.") and hyphen-affix rules.
// Tables (facts) live in data/nlp/: abbreviations.txt, contractions.txt, hyphen-affixes.txt.
import { readFileSync } from 'node:fs';
import { dataPath } from '../util/paths.js';

export interface Segmentation {
  starts: number[]; // token start offsets (UTF-16), ascending
  ends: number[]; // token end offsets (exclusive)
  sentenceStarts: number[]; // index of the first token of each sentence, ascending, first is 0
}

// ---------------------------------------------------------------------------------------------
// Tables, loaded once per process on first use.

let abbrevFolded: Set<string> | null = null; // lower-cased, matched in lower/Title/UPPER case
let abbrevExact: Set<string> = new Set();
let contractions: Map<string, number> = new Map(); // lower-cased word with ' -> length of its base
let prefixes: Set<string> = new Set();
let suffixes: Set<string> = new Set();
let starters: Set<string> = new Set(); // function words that open a sentence after "Inc." etc.
let notAfter: Set<string> = new Set(); // titles ("Dr.") after which no sentence starts

function tableLines(name: string): string[] {
  return readFileSync(dataPath('nlp', name), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function loadTables(): void {
  abbrevFolded = new Set();
  for (const line of tableLines('abbreviations.txt')) {
    for (const w of line.split(/\s+/)) {
      if (w.startsWith('=')) abbrevExact.add(w.slice(1));
      else abbrevFolded.add(w.toLowerCase());
    }
  }
  for (const line of tableLines('contractions.txt')) {
    const [base, suffix] = line.split(/\s+/) as [string, string];
    contractions.set((base + suffix).toLowerCase(), base.length);
  }
  for (const line of tableLines('sentence-starters.txt')) {
    const words = line.split(/\s+/);
    if (words[0] === 'notafter') for (const w of words.slice(1)) notAfter.add(w);
    else for (const w of words) starters.add(w);
  }
  for (const line of tableLines('hyphen-affixes.txt')) {
    const words = line.split(/\s+/);
    const target = words[0] === 'prefix' ? prefixes : suffixes;
    for (const w of words.slice(1)) target.add(w);
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes (wink's, which only know Latin-1 letters: other letters are "unknown" and
// end up glued back by gluing rule below, as analyze() does).

/**
 * Char codes below 256 that can start a word: ASCII and Latin-1 letters (not × ÷). A table rather
 * than a branch for the Latin-1 range: TurboFan compiled that branch, untaken in the ASCII
 * articles seen so far, as a deoptimization, and the first "é" then deoptimized segment().
 */
const WORD_START = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  WORD_START[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) ? 1 : 0;
}

/** A letter that can start a word: ASCII or Latin-1 letters (not × ÷). */
function isWordStart(c: number): boolean {
  return c < 256 && WORD_START[c] === 1;
}

/** A character that can continue a word: letters, digits, combining accents, word joiner. */
function isWordChar(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || (c >= 0x300 && c <= 0x36f) || c === 0x2060;
}

/** A character of a plain word (no digits): what wink's "word" category accepts. */
function isAlphaChar(c: number): boolean {
  return isWordStart(c) || (c >= 0x300 && c <= 0x36f) || c === 0x2060;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Spaces that separate chunks (wink's splitter): space, no-break and thin spaces, tab, CR, LF. */
function isSplitSpace(c: number): boolean {
  if (c === 32 || c === 10 || c === 13 || c === 9) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f;
}

/** A mark that a plain word may end with and that is then split off (wink's "word + RP"). */
function isWordEndMark(c: number): boolean {
  switch (c) {
    case 0x2019: case 0x201d: case 34: case 93: case 41: case 125: case 0x2026:
    case 44: case 46: case 33: case 59: case 63: case 47: case 58:
      return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Output of the current call (module-level so the helpers need no closures).

let src = '';
let starts: number[] = [];
let ends: number[] = [];
let newlineBefore: number[] = []; // per token: 0 none, 1 a line break, 2 a blank line before it

// Whether the chunk being emitted follows a line break (set by segment, consumed by emit).
let pendingBreak = 0;

const LETTERS = /^\p{L}+$/u;
const NON_ASCII = /[^\x00-\x7F]/;

/** Add a token, gluing it to the previous one as analyze() does (touching letter runs, one non-ASCII). */
function emit(s: number, e: number): void {
  if (e <= s) return;
  const n = ends.length;
  if (n > 0 && ends[n - 1] === s && pendingBreak === 0 && mayGlue(starts[n - 1]!, s, e)) {
    const ps = starts[n - 1]!;
    const prev = src.slice(ps, s);
    const cur = src.slice(s, e);
    if (LETTERS.test(prev) && LETTERS.test(cur) && (NON_ASCII.test(prev) || NON_ASCII.test(cur))) {
      ends[n - 1] = e;
      return;
    }
  }
  starts.push(s);
  ends.push(e);
  newlineBefore.push(pendingBreak);
  pendingBreak = 0;
}

/** Cheap pre-check for gluing: letters meet at the seam and one side has a non-ASCII character. */
function mayGlue(ps: number, s: number, e: number): boolean {
  const l = src.charCodeAt(s - 1);
  const r = src.charCodeAt(s);
  if (!(l >= 128 || isWordStart(l)) || !(r >= 128 || isWordStart(r))) return false;
  for (let i = ps; i < e; i++) if (src.charCodeAt(i) >= 128) return true;
  return false;
}

/** Emit a token that wink looks up in its lexicon first: contractions come out in two. */
function emitLooked(s: number, e: number): void {
  const base = contractionBase(s, e);
  if (base > 0) {
    emit(s, s + base);
    emit(s + base, e);
  } else emit(s, e);
}

function hasApostrophe(s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = src.charCodeAt(i);
    if (c === 39 || c === 0x2019) return true;
  }
  return false;
}

/** Length of the base of a known contraction at [s, e) ("ca" of "can't"), or 0. */
function contractionBase(s: number, e: number): number {
  const len = e - s;
  if (len < 3 || len > 12) return 0;
  // "cannot" is the one listed contraction without an apostrophe: check cheaply before building.
  if (!hasApostrophe(s, e) && !(len === 6 && (src.charCodeAt(s) | 32) === 99 && (src.charCodeAt(s + 3) | 32) === 110)) return 0;
  let hasApos = false;
  let word = '';
  for (let i = s; i < e; i++) {
    let c = src.charCodeAt(i);
    if (c === 0x2019) c = 39;
    if (c === 39) hasApos = true;
    else if (!isWordStart(c)) return 0;
    word += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  if (!hasApos && word !== 'cannot') return 0;
  return contractions.get(word) ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Lexicon stand-ins.

/** Whether [s, e) is a listed abbreviation with its period ("Dr.", "Calif."). */
function isAbbreviation(s: number, e: number): boolean {
  const w = src.slice(s, e);
  if (abbrevExact.has(w)) return true;
  const lower = w.toLowerCase();
  if (!abbrevFolded!.has(lower)) return false;
  // Lower, UPPER or Title case only (wink's lexicon holds those case variants).
  if (w === lower || w === w.toUpperCase()) return true;
  return w[0] !== lower[0] && w.slice(1) === lower.slice(1);
}

/** Whether a string is in wink's lexicon as far as we know (abbreviations, contractions). */
function isKnown(w: string, s: number, e: number): boolean {
  if (w.length > 1 && w.charCodeAt(w.length - 1) === 46 && isAbbreviation(s, e)) return true;
  return contractionBase(s, e) > 0;
}

/** Initials with periods, optionally one trailing letter: "U.S.", "a.m.", "U.S.A", "p.m". */
const SHORT_FORM = /^(?:[a-z]\.)+[a-z]?$/i;
const SHORT_FORM_DOT = /^(?:[a-z]\.)+$/i;

// ---------------------------------------------------------------------------------------------
// Chunks.

/**
 * Tokenize the chunk [a, b) (no spaces inside), whose first character is a letter or a digit
 * followed by more of its kind up to `runEnd` (runEnd = a + 1 for any other first character).
 */
function chunk(a: number, b: number, runEnd: number): void {
  const first = src.charCodeAt(a);
  // Fast path: a plain word, a word with one trailing mark, or digits.
  if (isAlphaChar(first)) {
    const i = runEnd;
    if (i === b) {
      if (b - a >= 4 && (src.charCodeAt(b - 1) | 32) === 116) emitLooked(a, b); // "cannot"
      else emit(a, b);
      return;
    }
    if (i === b - 1 && isWordEndMark(src.charCodeAt(i))) {
      if (src.charCodeAt(i) === 46 && (b - a === 2 || isAbbreviation(a, b))) emit(a, b);
      else {
        emit(a, b - 1);
        emit(b - 1, b);
      }
      return;
    }
  } else if (isDigit(first) && runEnd === b) {
    emit(a, b);
    return;
  }
  chunkMemoized(a, b);
}

// A chunk's tokens depend on its characters alone (chunks are cut at spaces, so none of its tokens
// can glue to another chunk's), and the chunks the fast path cannot decide recur from article to
// article ("it's", "((WN))", "2010,", "(AP)"): their token boundaries, relative to the chunk's
// start, are kept by chunk text, so each distinct one goes through the slow path's regexes once.
const slowChunks = new Map<string, Int32Array>();
/** Start over beyond this many distinct chunks (a long-running process meets ever new ones). */
const MAX_SLOW_CHUNKS = 50_000;

/** chunkSlow(), or the tokens it gave the same characters before. */
function chunkMemoized(a: number, b: number): void {
  const text = src.slice(a, b);
  const known = slowChunks.get(text);
  if (known !== undefined) {
    for (let k = 0; k < known.length; k += 2) {
      starts.push(a + known[k]!);
      ends.push(a + known[k + 1]!);
      newlineBefore.push(pendingBreak);
      pendingBreak = 0;
    }
    return;
  }
  const first = starts.length;
  chunkSlow(a, b);
  const spans = new Int32Array((starts.length - first) * 2);
  for (let t = first; t < starts.length; t++) {
    spans[(t - first) * 2] = starts[t]! - a;
    spans[(t - first) * 2 + 1] = ends[t]! - a;
  }
  if (slowChunks.size >= MAX_SLOW_CHUNKS) slowChunks.clear();
  // Slices of 13 characters or more point into the article: the key is copied, not to keep it.
  slowChunks.set(b - a < 13 ? text : (' ' + text).slice(1), spans);
}

/** The character-class categories wink tries on a whole chunk before splitting it. */
const NUMBER = /^[+-]?\d+(?:[.,\-/:]?\d+)*$/;
const URL = /^(?:(?:https?|ftp):)?\/\/(?:\S+(?::\S*)?@)?[a-z\u00a1-\uffff\d-]+(?:\.[a-z\u00a1-\uffff\d-]+)*\.[a-z\u00a1-\uffff]{2,}(?::\d{2,5})?(?:[/?#]\S*)?$/i;
const EMAIL = /^[-!#$%&'*+/=?^\w{|}~](?:\.?[-!#$%&'*+/=?^\w`{|}~])*@[a-z0-9](?:-?\.?[a-z0-9])*(?:\.[a-z](?:-?[a-z0-9])*)+$/i;
const MENTION = /^@\w+$/;
const HASHTAG = /^#[a-z][a-z0-9]*$/i;
const TIME = /^(?:\d|[01]\d|2[0-3]):?(?:[0-5]\d)?(?:[ap]\.?m\.?|hours|hrs)$/i;
const ORDINAL = /^\d*(?:1\dth|[02-9]?(?:1st|2nd|3rd)|[04-9]th)$/;
const CURRENCY = /^(?:[₿₽₹$£¥€₩]+|₨|US\$|C\$|A\$|USD|AUD|INR|GBP)$/i;
const PUNCT = /^(?:\.{2,}|--|––|[’'‘`“”"[\](){}…,.!;?/:\-–—¿¡])$/;
const SYMBOL = /^[~@#%^+=*|<>&§©±÷×°]$/;
const DECADE = /^['’]?\d0s$|[12]\d\d0s$/;
const WORD = /^[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0300-\u036f\u2060]+$/i;
const WORD_RP = /^[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0300-\u036f\u2060]+[’”"\])}…,.!;?/:]$/i;

/** Whether a string falls into one of wink's whole-token categories (else it is "unknown"). */
function isWholeCategory(w: string): boolean {
  return (
    WORD.test(w) || NUMBER.test(w) || URL.test(w) || EMAIL.test(w) || MENTION.test(w) || HASHTAG.test(w) ||
    TIME.test(w) || ORDINAL.test(w) || CURRENCY.test(w) || PUNCT.test(w) || SYMBOL.test(w) || DECADE.test(w)
  );
}

/** Emit [s, e) that is known or has a category; false if it is "unknown" (nothing emitted). */
function emitKnownOrCategory(s: number, e: number): boolean {
  const w = src.slice(s, e);
  if (isKnown(w, s, e)) {
    emitLooked(s, e);
    return true;
  }
  if (WORD_RP.test(w)) {
    wordWithMark(s, e);
    return true;
  }
  if (isWholeCategory(w)) {
    emit(s, e);
    return true;
  }
  return false;
}

/** A plain word with one trailing mark: the mark is split off, except "X." of one letter. */
function wordWithMark(s: number, e: number): void {
  if (e - s === 2 && src.charCodeAt(e - 1) === 46) emit(s, e);
  else {
    emit(s, e - 1);
    emit(e - 1, e);
  }
}

/** Opening marks a chunk may start with. */
function isOpenMark(c: number): boolean {
  switch (c) {
    case 0x2018: case 39: case 0x201c: case 34: case 91: case 40: case 123: case 0x2026: case 45: case 0x2013:
      return true;
  }
  return false;
}

/** Closing marks a chunk may end with (and that a word before them cannot end with, for LP). */
function isCloseMark(c: number): boolean {
  switch (c) {
    case 0x2019: case 39: case 0x201d: case 34: case 0x2026: case 44: case 46: case 33: case 59: case 63:
    case 45: case 0x2013: case 58: case 0x964: case 0x965:
      return true;
  }
  return false;
}

/** Length of the closing mark at the end of [a, b) as wink reads it (run of periods, --, 's, one mark). */
function closingLength(a: number, b: number, allowPeriod: boolean, allowBrackets: boolean): number {
  const c = src.charCodeAt(b - 1);
  if (c === 46 && allowPeriod) {
    let i = b - 1;
    while (i > a && src.charCodeAt(i - 1) === 46) i--;
    return b - i;
  }
  const p = src.charCodeAt(b - 2);
  if ((c === 45 && p === 45) || (c === 0x2013 && p === 0x2013)) return 2;
  if (c === 115 && p === 39) return 2; // 's
  if (allowBrackets && (c === 93 || c === 41 || c === 125)) return 1;
  if (c === 46) return 0;
  if (c === 39 && !allowPeriod) return 0; // the both-sides form closes with ’ but not '
  return isCloseMark(c) ? 1 : 0;
}

/** Length of the opening mark at a ("--" or one mark), 0 if none. */
function openingLength(a: number, b: number, allowStraight: boolean): number {
  const c = src.charCodeAt(a);
  if (b - a >= 2 && ((c === 45 && src.charCodeAt(a + 1) === 45) || (c === 0x2013 && src.charCodeAt(a + 1) === 0x2013))) return 2;
  if (c === 39 && !allowStraight) return 0;
  return isOpenMark(c) ? 1 : 0;
}

/** A chunk the fast path could not decide: wink's lexicon, categories, one mark peeled, passes. */
function chunkSlow(a: number, b: number): void {
  if (isClitic(a, b)) {
    emit(a, b); // "'s" "'re" "n't" written apart (pre-tokenized text) are lexicon entries
    return;
  }
  if (emitKnownOrCategory(a, b)) return;
  const first = src.charCodeAt(a);
  // Closing mark(s) at the end, nothing opening at the start: decide the rest, then the mark.
  if (b - a >= 3 && !isOpenMark(first) && first !== 0x201c) {
    const k = closingLength(a + 2, b, true, false);
    if (k > 0) {
      if (emitKnownOrCategory(a, b - k)) emit(b - k, b);
      else passes(a, b, 0);
      return;
    }
  }
  // Opening mark at the start, the end no mark.
  const o = openingLength(a, b, true);
  if (o > 0 && b - a > o && !isCloseMark(src.charCodeAt(b - 1)) && !isClosingBracket(src.charCodeAt(b - 1))) {
    const save = starts.length;
    emit(a, a + o);
    if (!emitKnownOrCategory(a + o, b)) {
      truncate(save);
      passes(a, b, 0);
    }
    return;
  }
  // Marks on both sides.
  const o2 = openingLength(a, b, false);
  if (o2 > 0 && b - a >= o2 + 2) {
    const k = closingLength(a + o2 + 1, b, false, true);
    if (k > 0) {
      const save = starts.length;
      emit(a, a + o2);
      if (emitKnownOrCategory(a + o2, b - k)) emit(b - k, b);
      else {
        truncate(save);
        passes(a, b, 0);
      }
      return;
    }
  }
  passes(a, b, 0);
}

const CLITIC = /^(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$/i;

function isClitic(a: number, b: number): boolean {
  return b - a <= 3 && CLITIC.test(src.slice(a, b));
}

function isClosingBracket(c: number): boolean {
  return c === 93 || c === 41 || c === 125;
}

/** Drop tokens emitted after a save point (a peeled mark whose rest turned out "unknown"). */
function truncate(n: number): void {
  if (starts.length > n) {
    pendingBreak = newlineBefore[n]!;
    starts.length = n;
    ends.length = n;
    newlineBefore.length = n;
  }
}

// ---------------------------------------------------------------------------------------------
// The passes: each regex picks out tokens of one kind; text between matches goes to the next pass.

const W = 'a-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff';
const PASS_URL = 0;
const PASS_WORD = 12;
const PASS_SHORT = 15;
const PASS_LETTERS = 17;
const PASSES: RegExp[] = [
  /(?:(?:https?|ftp):)?\/\/(?:\S+(?::\S*)?@)?[a-z\u00a1-\uffff\d-]+(?:\.[a-z\u00a1-\uffff\d-]+)*\.[a-z\u00a1-\uffff]{2,}(?::\d{2,5})?(?:[/?#]\S*)?/gi,
  /[-!#$%&'*+/=?^\w{|}~](?:\.?[-!#$%&'*+/=?^\w`{|}~])*@[a-z0-9](?:-?\.?[a-z0-9])*(?:\.[a-z](?:-?[a-z0-9])*)+/gi,
  /@\w+/g,
  /#[a-z][a-z0-9]*/gi,
  /\p{Extended_Pictographic}/gu,
  /[:;]['’]?-?[)(]+|[:;]-?[\]}3>[{@oO*PpDS/|X?\\]/g,
  /(?:\d|[01]\d|2[0-3]):?(?:[0-5]\d)?(?:[ap]\.?m\.?|hours|hrs)/gi,
  /\d*1\dth|\d*[02-9]?(?:1st|2nd|3rd)|\d*[04-9]th/g,
  /[₿₽₹$£¥€₩]+|₨+|US\$|C\$|A\$|USD|AUD|INR|GBP/g,
  /['’]?\d0s(?!['’])|[12]\d\d0s/g,
  /[‘`“”"[\](){}…!;?¿¡]/g,
  /['’]s$/gi,
  new RegExp(`[${W}][${W}0-9\\u0300-\\u036f\\u2060]*(?:[.\\-–'’&]?[${W}0-9\\u0300-\\u036f\\u2060]+\\.?)+`, 'gi'),
  /[+-]?\d+(?:[.,\-/:]?\d+)*/g,
  /[~@#%^+=*|<>&§©±÷×°]/g,
  /[a-z]\./gi,
  /\.{2,}|--|––|[-–—.'’/:,]/g,
  new RegExp(`[${W}]+`, 'gi'),
];

/** Run the passes from `pass` on [a, b). */
function passes(a: number, b: number, pass: number): void {
  if (pass >= PASSES.length) {
    emit(a, b); // nothing matched: one "unknown" token
    return;
  }
  if (pass === PASS_URL && !mayHaveUrlOrSpecial(a, b)) pass = 10; // skip passes that cannot match
  const re = PASSES[pass]!;
  const piece = src.slice(a, b);
  re.lastIndex = 0;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(piece)) !== null) {
    const ms = m.index;
    const me = ms + m[0].length;
    if (me === ms) {
      re.lastIndex++;
      continue;
    }
    if (ms > at) passes(a + at, a + ms, pass + 1);
    if (pass === PASS_WORD || pass === PASS_SHORT || pass === PASS_LETTERS) wordToken(a + ms, a + me);
    else emitLooked(a + ms, a + me);
    at = me;
  }
  if (at < piece.length) passes(a + at, b, pass + 1);
}

/** Whether [a, b) has a digit, '/', '@', '#', ':' or non-ASCII: else the first ten passes cannot match. */
function mayHaveUrlOrSpecial(a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = src.charCodeAt(i);
    if (c >= 128 || (c >= 48 && c <= 58) || c === 47 || c === 64 || c === 35 || c === 36 || c === 59) return true;
    if ((c === 85 || c === 67 || c === 65 || c === 73 || c === 71) && i + 1 < b) return true; // USD, C$, A$, INR, GBP
  }
  return false;
}

/** A word found by the passes: periods and hyphens inside are kept or split by wink's rules. */
function wordToken(s: number, e: number): void {
  const w = src.slice(s, e);
  if (isKnown(w, s, e) || SHORT_FORM_DOT.test(w)) {
    emitLooked(s, e);
    return;
  }
  if (w.indexOf('.') < 0) {
    hyphenated(s, e);
    return;
  }
  // Build tokens piece by piece across the periods: a piece joins the previous one only while the
  // result still looks like initials ("U.S") or is a known abbreviation.
  let cur = s; // start of the build
  let curEnd = s; // end of the build (cur === curEnd: empty)
  let i = s;
  while (i <= e) {
    let j = i;
    while (j < e && src.charCodeAt(j) !== 46) j++;
    // the word [i, j)
    if (curEnd === cur || buildOk(cur, j)) curEnd = j;
    else {
      hyphenated(cur, curEnd);
      cur = i;
      curEnd = j;
    }
    if (j < e) {
      if (buildOk(cur, j + 1)) curEnd = j + 1;
      else {
        hyphenated(cur, curEnd);
        emit(j, j + 1);
        cur = j + 1;
        curEnd = j + 1;
      }
    }
    i = j + 1;
  }
  if (curEnd > cur) hyphenated(cur, curEnd);
}

function buildOk(s: number, e: number): boolean {
  const w = src.slice(s, e);
  return SHORT_FORM.test(w) || (w.length > 2 && isKnown(w, s, e));
}

/** A word that may have hyphens: kept whole when known, with a digit, or with a listed affix. */
function hyphenated(s: number, e: number): void {
  if (e <= s) return;
  const w = src.slice(s, e);
  let firstHyphen = -1;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isDigit(c)) {
      emitLooked(s, e);
      return;
    }
    if (firstHyphen < 0 && (c === 45 || c === 0x2013 || c === 0x2014)) firstHyphen = i;
  }
  if (firstHyphen < 0 || isKnown(w, s, e)) {
    emitLooked(s, e);
    return;
  }
  const parts = w.split(/[-–—]/);
  if (hasPrefix(parts[0]!) || hasSuffix(parts[parts.length - 1]!)) {
    emit(s, e);
    return;
  }
  let p = s;
  for (let i = s; i < e; i++) {
    const c = src.charCodeAt(i);
    if (c === 45 || c === 0x2013 || c === 0x2014) {
      emitLooked(p, i);
      emit(i, i + 1);
      p = i + 1;
    }
  }
  emitLooked(p, e);
}

function hasPrefix(p: string): boolean {
  if (prefixes.has(p)) return true;
  const lower = p.toLowerCase();
  if (!prefixes.has(lower)) return false;
  return p === p.toUpperCase() || (p[0] !== lower[0] && p.slice(1) === lower.slice(1));
}

function hasSuffix(p: string): boolean {
  return suffixes.has(p) || (p === p.toUpperCase() && suffixes.has(p.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Sentences.

/**
 * Whether a sentence ends after token t: a bare "." "!" "?" does (a run of periods "..." does not);
 * a word with its own period ("Inc.", "D.C.", "3:30am.") does when a capitalized function word
 * follows, unless it is a title ("Dr.", "Gen.") or a single initial ("E.").
 */
function endsSentence(t: number): boolean {
  const s = starts[t]!;
  const e = ends[t]!;
  const c = src.charCodeAt(e - 1);
  if (c === 33 || c === 63) return e - s === 1 || src.charCodeAt(s) === 33 || src.charCodeAt(s) === 63;
  if (c !== 46) return false;
  if (e - s === 1) return true;
  if (src.charCodeAt(e - 2) === 46) return false; // "..."
  if (e - s === 2 || t + 1 >= starts.length) return false;
  const ns = starts[t + 1]!;
  const f = src.charCodeAt(ns);
  if (!(f >= 65 && f <= 90)) return false;
  if (notAfter.has(src.slice(s, e).toLowerCase())) return false;
  return starters.has(src.slice(ns, ends[t + 1]!).toLowerCase());
}

/** Closing brackets attached to the mark before them stay in its sentence. */
function isAttachedBracket(t: number): boolean {
  if (ends[t]! - starts[t]! !== 1 || starts[t] !== ends[t - 1]) return false;
  const c = src.charCodeAt(starts[t]!);
  return c === 41 || c === 93 || c === 125;
}

/** Then one closing quote: a curly one wherever it stands, a straight one only when attached. */
function isClosingQuote(t: number): boolean {
  if (ends[t]! - starts[t]! !== 1) return false;
  const c = src.charCodeAt(starts[t]!);
  if (c === 0x201d || c === 0x2019) return newlineBefore[t] === 0;
  return (c === 34 || c === 39) && starts[t] === ends[t - 1];
}

function splitSentences(): number[] {
  const n = starts.length;
  const out: number[] = [];
  if (n === 0) return out;
  out.push(0);
  for (let t = 0; t < n; t++) {
    let next = -1;
    if (endsSentence(t)) {
      next = t + 1;
      while (next < n && isAttachedBracket(next)) next++;
      if (next < n && isClosingQuote(next)) next++;
      // Spaced periods ". . ." read as one ellipsis; a dash after the mark continues the sentence.
      if (next < n && ends[next]! - starts[next]! === 1) {
        const c = src.charCodeAt(starts[next]!);
        if (c === 46 || c === 45 || c === 0x2013 || c === 0x2014) next = -1;
      }
    }
    if (next > 0 && next < n) {
      out.push(next);
      t = next - 1;
    } else if (t + 1 < n && newlineBefore[t + 1] === 2) out.push(t + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Tokenize `text` and split it into sentences, with wink's boundaries. */
export function segment(text: string): Segmentation {
  if (abbrevFolded === null) loadTables();
  src = text;
  starts = [];
  ends = [];
  newlineBefore = [];
  pendingBreak = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSplitSpace(c)) {
      if (c === 10) pendingBreak = pendingBreak === 0 ? 1 : 2;
      i++;
      continue;
    }
    // One scan to the chunk's end, noting on the way where its leading run of letters (or of
    // digits) ends, which is all chunk()'s fast path needs (neither is ever a space).
    let j = i + 1;
    if (isAlphaChar(c)) while (j < n && isAlphaChar(text.charCodeAt(j))) j++;
    else if (isDigit(c)) while (j < n && isDigit(text.charCodeAt(j))) j++;
    const runEnd = j;
    while (j < n && !isSplitSpace(text.charCodeAt(j))) j++;
    chunk(i, j, runEnd);
    i = j;
  }
  const sentenceStarts = splitSentences();
  const result: Segmentation = { starts, ends, sentenceStarts };
  src = '';
  starts = [];
  ends = [];
  newlineBefore = [];
  return result;
}
