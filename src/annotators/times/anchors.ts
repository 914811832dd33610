// Anchored matching: run a rule's pattern only where it can match, with the same result as
// running it over the whole text.
//
// Most rules can only match around a word of their own: the duration rule around a unit word
// ("three years"), the month rules around a month name, the year rule around a year-like
// number. The text is read once into its runs of ASCII letters and of digits; a rule that
// declares an anchor (a word or a kind of number that every match holds as a whole run) and
// the most separator runs its pattern can cross before that anchor (`back`) is then tried,
// with the sticky flag, only at the run starts within that reach of an anchor, in text order,
// skipping what an earlier match consumed, just as the global scan would. Since every rule's
// pattern begins with a word boundary followed by a letter or digit, a match can only begin
// at a run start, and no match can begin outside those windows, so the matches are the same.
// Separators are the characters \s matches plus "-", so that `[\s-]+` counts as one run.

/** A rule's anchor: the words (lower case) and numbers that every match holds as whole runs. */
export interface AnchorSpec {
  /** letter runs that anchor a match (compared case-insensitively) */
  words: readonly string[];
  /** a digit run that anchors a match (start, end in the text) */
  digits?: (text: string, start: number, end: number) => boolean;
  /** a letter run that anchors a match, beyond `words` (start, end in the text) */
  letters?: (text: string, start: number, end: number) => boolean;
  /** the most separator runs a match can hold before its anchor */
  back: number;
  /** a cheaper necessary condition on the text before an anchor word; false skips it */
  before?: (text: string, anchorStart: number) => boolean;
}

const LETTER = 1;
const DIGIT = 2;

/** The runs of a text: starts, ends, kinds and the rules each anchors (bit masks). */
export interface Runs {
  count: number;
  start: Int32Array;
  end: Int32Array;
  mask: Int32Array;
}

// Words are looked up by a hash of their lower-cased letters (kept a small integer) in an
// open-addressing table; two words that share a hash only make an anchor too many, which
// costs a few tries and never a match.
const HASH_MASK = 0x3fffffff;
const TABLE_SIZE = 4096;

function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + (word.charCodeAt(i) | 32)) & HASH_MASK;
  return h;
}

/** true for the characters JavaScript's \s matches, and "-" */
export function isSeparator(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return c === 45;
  return (
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288 ||
    c === 65279
  );
}

/** true for the characters JavaScript's \s matches */
export function isSpace(c: number): boolean {
  return c !== 45 && isSeparator(c);
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** \w: letters, digits and "_" */
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

/** Does the letter run ending at `end` (exclusive) end with one of the words (lower case)? */
export function runEndsWith(text: string, end: number, words: readonly string[]): boolean {
  let start = end;
  while (start > 0 && isLetter(text.charCodeAt(start - 1))) start--;
  const len = end - start;
  for (const w of words) {
    if (w.length > len) continue;
    let k = 0;
    const from = end - w.length;
    while (k < w.length && (text.charCodeAt(from + k) | 32) === w.charCodeAt(k)) k++;
    if (k === w.length) return true;
  }
  return false;
}

/** The end of the word (letters or digits) just before the spaces before `pos`, or -1. */
export function wordEndBefore(text: string, pos: number): number {
  if (pos === 0 || !isSpace(text.charCodeAt(pos - 1))) return -1;
  let p = pos - 1;
  while (p > 0 && isSpace(text.charCodeAt(p - 1))) p--;
  return p;
}

export class AnchorIndex {
  /** hash + 1 per slot (0: empty) and the rules that word anchors */
  private readonly tableKeys = new Int32Array(TABLE_SIZE);
  private readonly tableMasks = new Int32Array(TABLE_SIZE);
  private readonly digitSpecs: { bit: number; test: (text: string, start: number, end: number) => boolean }[] = [];
  private readonly letterSpecs: { bit: number; test: (text: string, start: number, end: number) => boolean }[] = [];
  private readonly specs: AnchorSpec[] = [];
  private runs: Runs = { count: 0, start: new Int32Array(1024), end: new Int32Array(1024), mask: new Int32Array(1024) };

  /** Register a rule's anchor; returns its bit. At most 31 rules. */
  add(spec: AnchorSpec): number {
    const index = this.specs.length;
    if (index >= 31) throw new Error('too many anchored rules');
    const bit = 1 << index;
    this.specs.push(spec);
    for (const w of spec.words) {
      const key = wordHash(w) + 1;
      let slot = key & (TABLE_SIZE - 1);
      while (this.tableKeys[slot] !== 0 && this.tableKeys[slot] !== key) slot = (slot + 1) & (TABLE_SIZE - 1);
      this.tableKeys[slot] = key;
      this.tableMasks[slot] |= bit;
    }
    if (spec.digits) this.digitSpecs.push({ bit, test: spec.digits });
    if (spec.letters) this.letterSpecs.push({ bit, test: spec.letters });
    return bit;
  }

  /** Read a text's runs and the rules each anchors. */
  scan(text: string): Runs {
    let runs = this.runs;
    let n = 0;
    const len = text.length;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (isLetter(c)) {
        const s = i;
        let h = 0;
        do {
          h = (Math.imul(h, 31) + (text.charCodeAt(i) | 32)) & HASH_MASK;
          i++;
        } while (i < len && isLetter(text.charCodeAt(i)));
        let mask = this.lookup(h + 1);
        const letterSpecs = this.letterSpecs;
        for (let k = 0; k < letterSpecs.length; k++) if (letterSpecs[k]!.test(text, s, i)) mask |= letterSpecs[k]!.bit;
        if (n === runs.start.length) runs = this.grow();
        runs.start[n] = s;
        runs.end[n] = i;
        runs.mask[n] = mask;
        n++;
      } else if (isDigit(c)) {
        const s = i;
        do i++;
        while (i < len && isDigit(text.charCodeAt(i)));
        let mask = 0;
        const digitSpecs = this.digitSpecs;
        for (let k = 0; k < digitSpecs.length; k++) if (digitSpecs[k]!.test(text, s, i)) mask |= digitSpecs[k]!.bit;
        if (n === runs.start.length) runs = this.grow();
        runs.start[n] = s;
        runs.end[n] = i;
        runs.mask[n] = mask;
        n++;
      } else i++;
    }
    runs.count = n;
    return runs;
  }

  private lookup(key: number): number {
    const keys = this.tableKeys;
    let slot = key & (TABLE_SIZE - 1);
    for (;;) {
      const k = keys[slot]!;
      if (k === key) return this.tableMasks[slot]!;
      if (k === 0) return 0;
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
  }

  private grow(): Runs {
    const r = this.runs;
    const size = r.start.length * 2;
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    const mask = new Int32Array(size);
    start.set(r.start);
    end.set(r.end);
    mask.set(r.mask);
    this.runs = { count: r.count, start, end, mask };
    return this.runs;
  }

  /**
   * The matches of `sticky` (a copy of a rule's pattern with the sticky flag) in the text
   * last scanned, for the rule registered as `bit`: the same as a global scan.
   */
  matches(sticky: RegExp, text: string, bit: number, each: (m: RegExpExecArray) => void): void {
    const spec = this.specs[31 - Math.clz32(bit)]!;
    const { count, start, mask } = this.runs;
    const back = spec.back;
    const before = spec.before;
    /** where the global scan would resume */
    let resume = 0;
    /** runs below this index were tried or lie before `resume` */
    let tried = 0;
    for (let i = 0; i < count; i++) {
      if ((mask[i]! & bit) === 0) continue;
      const a = start[i]!;
      if (a < resume) continue;
      if (before !== undefined && !before(text, a)) continue;
      // the start of the `back`-th separator-delimited chunk before the anchor
      let p = a;
      while (p > 0 && !isSeparator(text.charCodeAt(p - 1))) p--;
      for (let k = 0; k < back && p > 0; k++) {
        while (p > 0 && isSeparator(text.charCodeAt(p - 1))) p--;
        while (p > 0 && !isSeparator(text.charCodeAt(p - 1))) p--;
      }
      let j = i;
      while (j > tried && start[j - 1]! >= p) j--;
      for (; j <= i; j++) {
        const s = start[j]!;
        if (s < resume) continue;
        if (s > 0 && isWordChar(text.charCodeAt(s - 1))) continue;
        sticky.lastIndex = s;
        const m = sticky.exec(text);
        if (m === null) continue;
        const e = m.index + m[0].length;
        resume = e > s ? e : s + 1;
        each(m);
      }
      tried = i + 1;
    }
  }
}
