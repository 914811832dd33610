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

type RunTest = (text: string, start: number, end: number) => boolean;

interface Registered {
  back: number;
  before: ((text: string, anchorStart: number) => boolean) | undefined;
}

/** a letter run whose word is in no list */
const PLAIN = -1;

export class AnchorIndex {
  /** word hash + 1 per table slot (0: empty) */
  private readonly tableKeys = new Int32Array(TABLE_SIZE);
  private readonly letterTests: RunTest[] = [];
  private readonly rules: Registered[] = [];
  /** per table slot, the rules that word anchors (undefined: none) */
  private readonly slotRules: (number[] | undefined)[] = new Array(TABLE_SIZE).fill(undefined);
  /** per letter test, its rule */
  private readonly letterRules: number[] = [];
  /** the rules with a digit test, and the tests */
  private readonly digitRules: number[] = [];
  private readonly digitTests: RunTest[] = [];
  /** the runs of the text last scanned: start, and per run how many separator runs come
   *  before it (walking back `back` chunks is a subtraction) */
  private start = new Int32Array(1024);
  private chunk = new Int32Array(1024);
  /** per rule, the runs of the text last scanned that anchor it, in text order: each rule
   *  reads only its own anchors instead of testing every anchor of every rule */
  private readonly ruleAnchors: number[][] = [];
  /** per rule, how many entries of its ruleAnchors list belong to the text last scanned: the
   *  lists are reused from text to text without truncating them (setting an array's length
   *  is a runtime call that shrinks its storage, which the next text then grows again) */
  private anchorCount = new Int32Array(64);
  /** per rule, the last run added to its anchors (a run may anchor a rule twice: by its word
   *  and by a letter test) */
  private lastAnchor = new Int32Array(64);

  /** Register a rule's anchor; returns its number for `matches`. */
  add(spec: AnchorSpec): number {
    const rule = this.rules.length;
    for (const w of spec.words) {
      const slot = this.slotOf(wordHash(w) + 1, true);
      const list = (this.slotRules[slot] ??= []);
      if (!list.includes(rule)) list.push(rule);
    }
    if (spec.letters) {
      this.letterTests.push(spec.letters);
      this.letterRules.push(rule);
    }
    if (spec.digits) {
      this.digitRules.push(rule);
      this.digitTests.push(spec.digits);
    }
    this.rules.push({ back: spec.back, before: spec.before });
    this.ruleAnchors.push([]);
    if (this.lastAnchor.length <= rule) {
      this.lastAnchor = new Int32Array(rule * 2);
      this.anchorCount = new Int32Array(rule * 2);
    }
    return rule;
  }

  /** Record run n as an anchor of `rule`, once. */
  private anchor(rule: number, n: number): void {
    if (this.lastAnchor[rule] === n) return;
    this.lastAnchor[rule] = n;
    const list = this.ruleAnchors[rule]!;
    const count = this.anchorCount[rule]!;
    if (count < list.length) list[count] = n;
    else list.push(n);
    this.anchorCount[rule] = count + 1;
  }

  private slotOf(key: number, insert: boolean): number {
    const keys = this.tableKeys;
    let slot = key & (TABLE_SIZE - 1);
    for (;;) {
      const k = keys[slot]!;
      if (k === key) return slot;
      if (k === 0) {
        if (!insert) return PLAIN;
        keys[slot] = key;
        return slot;
      }
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
  }

  /** Read a text's runs of letters and digits, and which rules each may anchor. */
  scan(text: string): void {
    const len = text.length;
    // a run takes at least one character: presized, the loop never grows
    if (this.start.length < len + 1) this.grow(len + 1 + (len >> 2));
    this.anchorCount.fill(0);
    this.lastAnchor.fill(-1);
    const tests = this.letterTests;
    const digitTests = this.digitTests;
    let n = 0;
    let i = 0;
    let chunk = 0;
    let inSeparator = false;
    while (i < len) {
      const c = text.charCodeAt(i);
      const s = i;
      if (((c | 32) - 97) >>> 0 < 26) {
        let h = 0;
        let d = c;
        do {
          h = (Math.imul(h, 31) + (d | 32)) & HASH_MASK;
          i++;
        } while (i < len && (((d = text.charCodeAt(i)) | 32) - 97) >>> 0 < 26);
        const slot = this.slotOf(h + 1, false);
        if (slot !== PLAIN) {
          const rules = this.slotRules[slot];
          if (rules !== undefined) for (let r = 0; r < rules.length; r++) this.anchor(rules[r]!, n);
        }
        for (let k = 0; k < tests.length; k++) if (tests[k]!(text, s, i)) this.anchor(this.letterRules[k]!, n);
        inSeparator = false;
      } else if (c - 48 >>> 0 < 10) {
        do i++;
        while (i < len && text.charCodeAt(i) - 48 >>> 0 < 10);
        for (let k = 0; k < digitTests.length; k++) if (digitTests[k]!(text, s, i)) this.anchor(this.digitRules[k]!, n);
        inSeparator = false;
      } else {
        const separator = isSeparator(c);
        if (separator && !inSeparator) chunk++;
        inSeparator = separator;
        i++;
        continue;
      }
      this.start[n] = s;
      this.chunk[n] = chunk;
      n++;
    }
  }

  private grow(size: number): void {
    this.start = new Int32Array(size);
    this.chunk = new Int32Array(size);
  }

  /** Does the text last scanned hold an anchor of the rule numbered `rule`? */
  any(rule: number): boolean {
    return this.anchorCount[rule]! > 0;
  }

  /**
   * The matches of `sticky` (a copy of a rule's pattern with the sticky flag) in the text
   * last scanned, for the rule numbered `rule`: the same as a global scan.
   */
  matches(sticky: RegExp, text: string, rule: number, each: (m: RegExpExecArray) => void): void {
    const { back, before } = this.rules[rule]!;
    const anchors = this.ruleAnchors[rule]!;
    const anchorCount = this.anchorCount[rule]!;
    const start = this.start;
    const chunks = this.chunk;
    /** where the global scan would resume */
    let resume = 0;
    /** runs below this index were tried or lie before `resume` */
    let tried = 0;
    for (let k = 0; k < anchorCount; k++) {
      const i = anchors[k]!;
      const a = start[i]!;
      if (a < resume) continue;
      if (before !== undefined && !before(text, a)) continue;
      // the runs from the start of the `back`-th separator-delimited chunk before the anchor
      const first = chunks[i]! - back;
      let j = i;
      while (j > tried && chunks[j - 1]! >= first) j--;
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
