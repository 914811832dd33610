// Quotes and attribution: direct quotes found by their marks, indirect speech found by
// speech verbs ("X said (that) …", "according to X"), the speaker phrase as written next to
// the verb, pronouns and "the group"-style descriptions resolved to an earlier mention, and
// the medium when the attribution names one. Rules and figures: docs/quotes.md.
import type { Actor, Quote, Sentence, Speaker, Token } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';
import { findQuoteMarks, paragraphsOf, type Paragraph, type QuoteMarkSpan } from './quotes/marks.js';
import { quoteLexicon } from './quotes/lexicon.js';
import { findMedium } from './quotes/medium.js';
import { firstNameGender } from './quotes/names.js';
import { firstStartingAt } from '../util/search.js';

const lex = quoteLexicon();

type SpeakerKind = 'name' | 'pronoun' | 'description';

interface SpeakerPhrase {
  /** token range [first, end) */
  first: number;
  end: number;
  kind: SpeakerKind;
  /** for a relative pronoun ("who said"), the phrase it stands for */
  antecedent?: SpeakerPhrase;
}

interface Attribution {
  speaker: SpeakerPhrase;
  /** null for a transcript-style "NAME: …" with no verb */
  verb: string | null;
  verbToken: number;
  medium: string | null;
}

interface Draft {
  start: number;
  end: number;
  direct: boolean;
  attribution: Attribution | null;
  /** index into the mark spans (direct quotes only) */
  mark: number;
  /** the draft whose speaker this one shares (continued or split quote), resolved later */
  inheritFrom: Draft | null;
}

const SPEAKER_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
const PERSON_PRONOUNS = new Set(['he', 'she']);
const PASSIVE_AUX = new Set(['is', 'was', 'were', 'be', 'been', 'being', 'are', "'s"]);
const SKIPPABLE_BEFORE_VERB = new Set(['also', 'later', 'earlier', 'previously', 'then', 'has', 'had', 'have', 'would', 'will', 'did', 'does', 'do', 'further', 'again', 'once', 'reportedly', 'separately', 'recently', 'just', 'now', 'not', "n't", 'never', 'is', 'are', 'was', 'were', 'could', 'should', 'can', 'may', 'might', 'repeatedly', 'publicly', 'privately', 'still', 'already']);
const NP_JOINERS = new Set(['of', 'for', 'at', 'from', 'to', 'and', '&']);
const CLAUSE_START_POS = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ']);
const QUOTE_CHAR = /["\u201c\u201d\u2018\u2019'\u00ab\u00bb]/;
const MEDIUM_NOUNS = new Set(['tweet', 'statement', 'post', 'message', 'letter', 'report', 'release', 'interview', 'video', 'speech', 'op-ed', 'article', 'email', 'posting']);
const RELATIVES = new Set(['who', 'whom', 'which', 'whose']);
const CLAUSE_SUBJECT_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'nobody', 'everyone', 'someone', 'nothing']);
const BE = new Set(['is', 'was', 'are', 'were', "'s", 'be', 'been', 'am', "'m", "'re", 'remain', 'remains', 'remained', 'seemed', 'seems']);
/** verbs that take a "that" clause without reporting anything said or held */
const NOT_REPORTING = new Set(['be', 'have', 'do', 'mean', 'ensure', 'make', 'require', 'seem', 'appear', 'happen', 'prove', 'provide', 'so', 'given', 'except', 'matter', 'imply', 'guarantee', 'see', 'order', 'decide', 'determine', 'like', 'love', 'stipulate']);
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan.', 'feb.', 'aug.', 'sept.', 'oct.', 'nov.', 'dec.', 'spring', 'summer', 'autumn', 'fall', 'winter', 'weekend', 'day', 'days', 'weeks', 'months', 'years', 'decade']);
const TIME_MODIFIERS = new Set(['this', 'last', 'next', 'late', 'early', 'mid', 'that', 'the', 'past', 'coming', 'same']);
const DASHES = new Set(['—', '–', '-', '--']);
/** words that open an embedded question ("questioned whether …", "asked why …") */
const WH_WORDS = new Set(['whether', 'if', 'what', 'why', 'how', 'when', 'who', 'where']);
/** words that label a paragraph rather than name a speaker ("Update: …", "Editor's note: …") */
const HEADLINE_LABELS = new Set(['update', 'updated', 'note', 'notes', 'correction', 'clarification', 'source', 'sources', 'photo', 'photos', 'video', 'watch', 'read', 'related', 'breaking', 'exclusive', 'analysis', 'opinion', 'editorial', 'editor', 'q', 'a', 'full', 'text', 'transcript', 'background', 'live', 'latest', 'warning', 'disclaimer', 'caption', 'credit', 'image', 'file', 'listen', 'see', 'also', 'more', 'contact', 'email', 'follow', 'tags', 'topics', 'summary', 'timeline', 'factbox', 'explainer', 'fact', 'check', 'sitrep', 'ps', 'p.s.', 'n.b.', 'nb']);
/** nouns whose "that" clause is what their holder said or holds ("Trump's claim that …") */
const STANCE_NOUNS = new Set(['claim', 'claims', 'assertion', 'contention', 'allegation', 'allegations', 'insistence', 'argument', 'warning', 'suggestion', 'promise', 'pledge', 'vow', 'threat', 'charge', 'accusation', 'statement', 'announcement', 'prediction', 'belief', 'view', 'assurance', 'admission', 'denial', 'message']);
/** forms of "be" that make an -ing verb a progressive ("is saying", "were demanding") */
const PROGRESSIVE_BE = new Set(['is', 'are', 'was', 'were', 'am', "'s", '’s', "'re", '’re']);
const CLAIMED_DEEDS = new Set(['responsibility', 'credit', 'victory', 'ownership']);
const REFUSALS = new Set(['refuse', 'decline']);
const NON_COMMENT = new Set(['comment', 'discuss', 'elaborate', 'specify', 'identify', 'disclose', 'reveal', 'name', 'answer', 'address']);
const PARENTHESIS = /\s*\([^)]*\)/g;
const POSSESSIVE_END_RE = /[’']s$/;
const WHITESPACE_RUN_RE = /\s+/;
const ARTICLE_RE = /^(the|a|an)$/i;
const TRAILING_STOP_RE = /[.,]$/;
const ASCII_CAPITALS_RE = /^[A-Z]+$/;
const POSSESSIVES = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'you']);
const PARTICIPLES = new Set(['posted', 'published', 'released', 'issued', 'shared', 'broadcast', 'aired', 'carried', 'sent', 'made', 'read', 'given', 'delivered']);
const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'earlier', 'later', 'recently', 'previously', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'also', 'again', 'once']);

function isCapitalized(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && t.text[0] !== t.text[0]!.toLowerCase());
}

/** A token that is a quotation mark by itself (not "’s", which only contains one). */
function isQuoteMark(text: string): boolean {
  return text.length === 1 && QUOTE_CHAR.test(text);
}

function isPunct(t: Token): boolean {
  return t.pos === 'PUNCT' || t.pos === 'SYM';
}

/** Token that may sit inside a speaker noun phrase ("the group's Kabul spokesman"). */
function isNounPhraseToken(t: Token): boolean {
  switch (t.pos) {
    case 'PROPN':
    case 'NOUN':
    case 'ADJ':
    case 'NUM':
    case 'DET':
      return true;
    case 'PART':
      return t.normal === "'s" || t.normal === '’s' || t.normal === "'";
    case 'PRON':
      return t.normal === 'his' || t.normal === 'her' || t.normal === 'its' || t.normal === 'their' || t.normal === 'our';
    case 'PUNCT':
      return t.text === '-' || t.text === '.' || t.text === '&';
    case 'CCONJ':
    case 'SCONJ':
    case 'ADP':
    case 'ADV':
    case 'VERB':
    case 'AUX':
      // "But", "When", "After" open sentences capitalized: they are never part of a name
      return false;
    default:
      return isCapitalized(t);
  }
}

/** wink splits words at some non-ASCII letters ("Brudzi" + "ń" + "ski"): a letter token
 *  with no space before it, after a letter, belongs to the previous word. */
function isGlued(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const p = tokens[i - 1];
  return !!t && !!p && !t.spaceBefore && p.end === t.start && /^\p{L}/u.test(t.text) && /\p{L}$/u.test(p.text);
}

/** An organization's name ends in an organization word ("State Department", "Bank of England"). */
function isOrgName(words: string[]): boolean {
  // (no lower-cased copy of the list: the optimized code deoptimized on the array map() made)
  if (lex.orgWords.has(bareLower(words[words.length - 1]!))) return true;
  for (let k = 0; k < words.length; k++) {
    if (bareLower(words[k]!) === 'of') return k > 0 && lex.orgWords.has(bareLower(words[k - 1]!));
  }
  return false;
}

/** A word lower-cased, without a trailing '.' or ','. */
function bareLower(word: string): string {
  return word.toLowerCase().replace(TRAILING_STOP_RE, '');
}

/** isOrgName over a token range, without building a word list. */
function isOrgNameTokens(tokens: Token[], from: number, end: number): boolean {
  const bare = (k: number) => {
    const n = tokens[k]!.normal;
    const c = n.charCodeAt(n.length - 1);
    return c === 46 || c === 44 ? n.slice(0, -1) : n; // trailing '.' or ','
  };
  if (lex.orgWords.has(bare(end - 1))) return true;
  for (let k = from + 1; k < end; k++) if (tokens[k]!.normal === 'of') return lex.orgWords.has(bare(k - 1));
  return false;
}

/** The verb lemma of a token, also when the tagger took a past form for an adjective
 *  ("Hotak also alleged …" -> allege); "" for tokens that are not verbs. */
function verbLemma(t: Token): string {
  if (t.pos === 'VERB' || t.pos === 'AUX') return t.lemma;
  // "says", "claims" are sometimes tagged as nouns; a bare "state" or "report" is a noun
  if (t.pos === 'NOUN') return t.normal !== t.lemma ? t.lemma : '';
  if (t.pos === 'ADJ' && t.normal.endsWith('ed')) {
    const e = t.normal.slice(0, -1);
    if (lex.cue.has(e) || lex.indirect.has(e) || lex.indirectWithThat.has(e)) return e;
    const ed = t.normal.slice(0, -2);
    if (lex.cue.has(ed) || lex.indirect.has(ed) || lex.indirectWithThat.has(ed)) return ed;
  }
  return '';
}

function isThat(t: Token | undefined): boolean {
  return t !== undefined && t.normal === 'that';
}

/** The tokens the indirect-speech pass acts on: every other token meets one of its
 *  `continue`s before doing anything. A superset, in order: "according", an adjective before
 *  "that", and verbs (or past forms tagged otherwise) whose lemma is a reporting one or that
 *  take a "that" clause. Kept small and apart so V8 optimizes it early. */
function indirectTriggers(tokens: Token[]): number[] {
  const out: number[] = [];
  for (let v = 0; v < tokens.length; v++) {
    const t = tokens[v]!;
    const pos = t.pos;
    if (pos === 'ADP' || pos === 'PROPN') {
      if (t.normal === 'according') out.push(v);
      continue;
    }
    if (pos !== 'VERB' && pos !== 'AUX' && pos !== 'NOUN' && pos !== 'ADJ') continue;
    // (the next token is read only by the tests that need it: most tokens are nouns)
    if (t.normal === 'according' || (pos === 'ADJ' && isThat(tokens[v + 1]))) {
      out.push(v);
      continue;
    }
    const lemma = verbLemma(t);
    if (lemma && (lex.reporting.has(lemma) || (pos === 'VERB' && isThat(tokens[v + 1])))) out.push(v);
  }
  return out;
}

/** A byte mask reused from document to document: a typed array allocated per document (a
 *  backing store each) costs more than clearing the bytes of one. */
class ScratchMask {
  private bytes = new Uint8Array(4096);

  /** A mask of `length` zero bytes (a view valid until the next call). */
  zeroed(length: number): Uint8Array {
    if (this.bytes.length < length) this.bytes = new Uint8Array(length + (length >> 1));
    else this.bytes.fill(0, 0, length);
    return this.bytes.subarray(0, length);
  }
}

/** The start offsets of the document's tokens, in an array reused from document to document
 *  (a view valid until the next call). */
let startsScratch = new Int32Array(4096);

function tokenStarts(tokens: Token[]): Int32Array {
  const n = tokens.length;
  if (startsScratch.length < n) startsScratch = new Int32Array(n + (n >> 1));
  for (let i = 0; i < n; i++) startsScratch[i] = tokens[i]!.start;
  return startsScratch.subarray(0, n);
}

/** firstStartingAt() over token starts: the first index whose start is >= offset, or starts.length. */
function firstAtOrAfter(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** token index -> inside quoted content; character offset -> inside quoted content, inside a place */
const insideQuoteScratch = new ScratchMask();
const quotedScratch = new ScratchMask();
const placeScratch = new ScratchMask();

/** The whole mention before the comma at `comma` (appositive or relative clause included,
 *  from `head` on), named by `named`; just `named` when there is no usable head. */
function wholeMention(head: SpeakerPhrase | null, comma: number, named: SpeakerPhrase): SpeakerPhrase {
  return head ? { first: head.first, end: comma + 1, kind: named.kind, antecedent: named } : named;
}

/** t is ")", tested by character code: V8 compiles text === ')' into a pointer test against the
 *  internalized literal, which deoptimized findIndirect at the first fresh token string. */
function isCloseParen(t: Token): boolean {
  return t.text.length === 1 && t.text.charCodeAt(0) === 41;
}

function isCueVerb(t: Token): boolean {
  return lex.cue.has(verbLemma(t));
}

function isHeadToken(t: Token): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN' || (isCapitalized(t) && !isPunct(t) && t.pos !== 'DET');
}

/**
 * The state of one document's quote search, shared by its passes (module-level methods, so
 * V8 compiles each pass on its own instead of one ~700-line function full of closures).
 * Every field is set in the constructor: one object shape for all documents.
 */
class QuoteScan {
  readonly ctx: AnnotationContext;
  readonly text: string;
  readonly tokens: Token[];
  readonly paragraphs: Paragraph[];
  readonly marks: QuoteMarkSpan[];
  /** the tokens' starts, for the binary searches of tokenFrom() */
  readonly starts: Int32Array;
  /** token index -> inside quoted content (marks included) */
  readonly insideQuote: Uint8Array;
  readonly drafts: Draft[] = [];
  /** verb tokens already used by an attribution */
  readonly usedVerbs = new Set<number>();
  /** the draft of each mark (null for marks that are no speech) */
  readonly markDraft: (Draft | null)[] = [];
  /** [open, close) offset pairs of the direct quotes, flat */
  readonly directRanges: number[] = [];

  constructor(ctx: AnnotationContext, paragraphs: Paragraph[], marks: QuoteMarkSpan[]) {
    this.ctx = ctx;
    this.text = ctx.doc.text;
    this.tokens = ctx.tokens;
    this.paragraphs = paragraphs;
    this.marks = marks;
    // the binary searches read the tokens' starts from one compact array, not a token per step
    this.starts = tokenStarts(ctx.tokens);
    this.insideQuote = insideQuoteScratch.zeroed(ctx.tokens.length);
  }

  // ---- offsets <-> tokens
  /** first token whose start >= offset */
  tokenFrom(offset: number): number {
    return firstAtOrAfter(this.starts, offset);
  }

  sentenceOf(i: number) {
    return this.ctx.sentences[this.tokens[i]!.sentence]!;
  }

  /** Token ranges covered by quoted content (marks included): speech verbs there are the
   *  quoted person's words, not attributions. */
  markInsideQuotes(): void {
    const insideQuote = this.insideQuote;
    for (const m of this.marks) {
      const a = this.tokenFrom(m.open);
      const b = this.tokenFrom(m.close >= 0 ? m.close + 1 : m.end);
      for (let i = a; i < b; i++) insideQuote[i] = 1;
    }
  }

  isAccordingTo(i: number): boolean {
    return this.tokens[i]?.normal === 'according' && this.tokens[i + 1]?.normal === 'to';
  }

  verbText(i: number): string {
    return this.tokens[i]!.text.toLowerCase();
  }

  overlapsDirect(s: number, e: number): boolean {
    const ranges = this.directRanges;
    for (let k = 0; k < ranges.length; k += 2) if (ranges[k]! < e && s < ranges[k + 1]!) return true;
    return false;
  }

  mediumBefore(sentenceStart: number, f: number, verb: string): string | null {
    const tokens = this.tokens;
    return findMedium(this.text.slice(sentenceStart, tokens[Math.min(f, tokens.length - 1)]!.start), verb);
  }

  // ---- offsets <-> tokens
  // ---- speaker phrases
  phraseKind(first: number, end: number): SpeakerKind {
    const tokens = this.tokens;
    if (end - first === 1 && SPEAKER_PRONOUNS.has(tokens[first]!.normal)) return 'pronoun';
    for (let i = first; i < end; i++) {
      const t = tokens[i]!;
      if (t.pos === 'PROPN' || (isCapitalized(t) && i > first && !isPunct(t))) return 'name';
      if (i === first && isCapitalized(t) && t.pos !== 'DET' && !lex.anaphoricNouns.has(t.normal)) return 'name';
    }
    return 'description';
  }

  /** The noun phrase ending at token `last` (inclusive), not reaching before `floor`. */
  nounPhraseBackward(last: number, floor: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    const t = tokens[last];
    if (!t || last < floor) return null;
    if (t.pos === 'PRON' && SPEAKER_PRONOUNS.has(t.normal)) return { first: last, end: last + 1, kind: 'pronoun' };
    if (!isHeadToken(t)) return null;
    let j = last;
    let sawDeterminer = false;
    while (j - 1 >= floor && last - j < 12) {
      const p = tokens[j - 1]!;
      if (!sawDeterminer && (isNounPhraseToken(p) || isGlued(tokens, j))) {
        j--;
        if (p.pos === 'DET') sawDeterminer = true;
        continue;
      }
      sawDeterminer = false;
      // "a spokesman for the army", "head of the UN mission", "Smith and Jones"
      if (NP_JOINERS.has(p.normal) && j - 2 >= floor && isHeadToken(tokens[j - 2]!)) {
        j--;
        continue;
      }
      break;
    }
    // a phrase never starts with a joiner or a hyphen
    while (j < last && (NP_JOINERS.has(tokens[j]!.normal) || isPunct(tokens[j]!))) j++;
    return { first: j, end: last + 1, kind: this.phraseKind(j, last + 1) };
  }

  /** The noun phrase starting at token `first`, not reaching `ceiling`. */
  nounPhraseForward(first: number, ceiling: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    const t = tokens[first];
    if (!t || first >= ceiling) return null;
    if (t.pos === 'PRON' && SPEAKER_PRONOUNS.has(t.normal)) return { first, end: first + 1, kind: 'pronoun' };
    if (!isNounPhraseToken(t)) return null;
    let j = first;
    let lastHead = -1;
    while (j < ceiling && j - first < 12) {
      const c = tokens[j]!;
      if (c.pos === 'DET' && lastHead >= first) break; // "Friday the United States": a new phrase
      if (isNounPhraseToken(c) || (j > first && isGlued(tokens, j))) {
        if (isHeadToken(c) || (j > first && isGlued(tokens, j) && lastHead === j - 1)) lastHead = j;
        j++;
        continue;
      }
      if (NP_JOINERS.has(c.normal) && lastHead === j - 1 && j + 1 < ceiling && isNounPhraseToken(tokens[j + 1]!)) {
        j++;
        continue;
      }
      break;
    }
    if (lastHead < first) return null;
    return { first, end: lastHead + 1, kind: this.phraseKind(first, lastHead + 1) };
  }

  /**
   * The speaker phrase before a speech verb: skips "also", "has" and the like, and reads an
   * appositive ("Ali Khan, the group's spokesman, said" -> "Ali Khan").
   */
  speakerBefore(verb: number, floor: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    let i = verb - 1;
    let skipped = 0;
    while (i >= floor && skipped < 3 && (SKIPPABLE_BEFORE_VERB.has(tokens[i]!.normal) || tokens[i]!.pos === 'ADV')) {
      i--;
      skipped++;
    }
    if (i < floor) return null;
    // "Sen. David Perdue (R-Ga.) said": the parenthesis belongs to the name
    if (tokens[i]!.text === ')') {
      const reach = floor;
      let open = -1;
      for (let k = i - 1; k >= reach && i - k <= 8; k--) {
        if (tokens[k]!.text === '(') {
          open = k;
          break;
        }
      }
      if (open > reach) {
        const named = this.nounPhraseBackward(open - 1, reach);
        if (named && named.kind === 'name') return { first: named.first, end: i + 1, kind: 'name' };
      }
      return null;
    }
    const t = tokens[i]!;
    if (t.text === ',' && i - 1 >= floor) {
      // appositive or relative clause between two commas
      let c1 = -1;
      for (let k = i - 1; k >= floor && i - k <= 16; k--) {
        if (tokens[k]!.text === ',') {
          c1 = k;
          break;
        }
      }
      if (c1 < 0) return null;
      const head = this.nounPhraseBackward(c1 - 1, floor);
      // "In Kabul, the spokesman said": a phrase after a preposition is no speaker
      const headUsable = head && head.kind !== 'pronoun' && !(head.first > floor && tokens[head.first - 1]!.pos === 'ADP') ? head : null;
      const first = tokens[c1 + 1];
      if (first && RELATIVES.has(first.normal)) return headUsable ? wholeMention(headUsable, i, headUsable) : null;
      const appositive = this.nounPhraseBackward(i - 1, c1 + 1);
      const appositiveWhole = appositive && appositive.first === c1 + 1 ? appositive : null;
      if (!appositiveWhole) return headUsable;
      // "The Senate Minority Leader, Chuck Schumer," / "Ali Khan, the group's spokesman,":
      // the phrase that is a bare personal name wins
      if (headUsable && this.isBareName(headUsable)) return wholeMention(headUsable, i, headUsable);
      if (this.isBareName(appositiveWhole)) return wholeMention(headUsable, i, appositiveWhole);
      if (headUsable && headUsable.kind === 'name') return wholeMention(headUsable, i, headUsable);
      if (appositiveWhole.kind === 'name') return wholeMention(headUsable, i, appositiveWhole);
      return headUsable ? wholeMention(headUsable, i, headUsable) : appositiveWhole;
    }
    const sp = this.nounPhraseBackward(i, floor);
    // "Wells Fargo this month announced", "A poll in late August found": a time phrase
    // between subject and verb is skipped
    if (sp && sp.kind !== 'pronoun' && this.isTimePhrase(sp.first, sp.end)) {
      let j = sp.first - 1;
      if (j >= floor && tokens[j]!.pos === 'ADP') j--;
      if (j >= floor && tokens[j]!.text !== ',') return this.nounPhraseBackward(j, floor) ?? sp;
    }
    return sp;
  }

  isTimePhrase(a: number, b: number): boolean {
    const tokens = this.tokens;
    for (let k = a; k < b; k++) {
      const n = tokens[k]!.normal;
      if (!(TIME_WORDS.has(n) || MONTHS.has(n) || TIME_MODIFIERS.has(n) || tokens[k]!.pos === 'NUM')) return false;
    }
    return true;
  }

  /** "said Jane Doe, a spokeswoman for the army": the mention runs over the appositive to
   *  the end of the clause (`limit`, exclusive), named by the name before it. */
  withAppositiveAfter(sp: SpeakerPhrase, limit: number): SpeakerPhrase {
    const tokens = this.tokens;
    const comma = tokens[sp.end];
    const next = tokens[sp.end + 1];
    if (!comma || comma.text !== ',' || !next || sp.end + 1 >= limit || sp.kind === 'pronoun') return sp;
    const describes = next.pos === 'DET' || next.pos === 'NUM' || next.pos === 'ADJ' || RELATIVES.has(next.normal) || (next.pos === 'NOUN' && !isCapitalized(next)) || lex.titleWords.has(next.normal);
    if (!describes) return sp;
    let end = sp.end + 1;
    while (end < limit && !isQuoteMark(tokens[end]!.text)) end++;
    while (end > sp.end + 1 && isPunct(tokens[end - 1]!)) end--;
    return end > sp.end + 1 ? { first: sp.first, end, kind: sp.kind, antecedent: sp } : sp;
  }

  /** A name with no article and a proper noun at its end ("Chuck Schumer", not "The Senate Minority Leader"). */
  isBareName(sp: SpeakerPhrase): boolean {
    const tokens = this.tokens;
    if (sp.kind !== 'name') return false;
    const first = tokens[sp.first]!;
    const last = tokens[sp.end - 1]!;
    if (first.pos === 'DET') return false;
    return last.pos === 'PROPN' && !lex.titleWords.has(last.normal) && !lex.orgWords.has(last.normal);
  }

  /** "…, adding/saying": the participle's speaker is the subject of the sentence. */
  subjectOfSentence(v: number, floor: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    const insideQuote = this.insideQuote;
    const sentence = this.sentenceOf(v);
    const from = Math.max(floor, sentence.firstToken);
    for (let k = from; k < v; k++) {
      const t = tokens[k]!;
      if (insideQuote[k]) continue; // the quoted person's words hold no subject of ours
      if (t.pos === 'VERB' || (t.pos === 'AUX' && tokens[k + 1]?.pos !== 'VERB')) return this.speakerBefore(k, from);
    }
    return null;
  }

  /** "according to a tweet on Monday by X": the author of the medium speaks. */
  byAgent(sp: SpeakerPhrase | null, ceiling: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    if (!sp || !MEDIUM_NOUNS.has(tokens[sp.end - 1]!.normal)) return sp;
    for (let k = sp.end; k < ceiling && k < sp.end + 6; k++) {
      const t = tokens[k]!;
      if (t.normal === 'by' || t.normal === 'from') return this.nounPhraseForward(k + 1, ceiling) ?? sp;
      if (t.pos === 'VERB' || t.text === ',') break;
    }
    return sp;
  }

  // ---- direct quotes
  wordCount(s: number, e: number) {
    const tokens = this.tokens;
    let n = 0;
    for (let i = this.tokenFrom(s); i < tokens.length && tokens[i]!.start < e; i++) if (!isPunct(tokens[i]!)) n++;
    return n;
  }

  attachAfter(m: QuoteMarkSpan, nextOpen: number): Attribution | null {
    const tokens = this.tokens;
    const text = this.text;
    const paragraphs = this.paragraphs;
    if (m.close < 0) return null;
    let k = this.tokenFrom(m.close + 1);
    const paragraphEnd = paragraphs[m.paragraph]!.end;
    const limit = Math.min(nextOpen, paragraphEnd);
    if (k >= tokens.length || tokens[k]!.start >= limit) return null;
    // A quote ending in a full stop ended its sentence; a capitalized word after it starts
    // the next one ("…." He left.), a lower-case one is a sloppy attribution ("…." he said).
    const lastContentChar = text[m.end - 1]!;
    if (lastContentChar === '.' && isCapitalized(tokens[k]!)) return null;
    if (tokens[k]!.text === ',') k++;
    // window: up to the end of the clause
    let w = k;
    while (w < tokens.length && tokens[w]!.start < limit && w - k < 25) {
      const tx = tokens[w]!.text;
      if (tx === '.' || tx === '!' || tx === '?' || tx === ';' || isQuoteMark(tx)) break;
      w++;
    }
    if (w === k) return null;
    const windowEnd = w < tokens.length ? tokens[w]!.start : text.length;
    const mediumWindow = text.slice(m.close + 1, Math.min(windowEnd, limit));
    const first = tokens[k]!;
    if (this.isAccordingTo(k)) {
      const sp = this.byAgent(this.nounPhraseForward(k + 2, w), w);
      return sp ? { speaker: sp, verb: 'according to', verbToken: k, medium: findMedium(mediumWindow, 'according to') } : null;
    }
    if (isCueVerb(first)) {
      // inverted: "…," said Smith, a spokesman for the army
      const named = this.nounPhraseForward(k + 1, w);
      const sp = named ? this.withAppositiveAfter(named, w) : first.normal.endsWith('ing') ? this.subjectOfSentence(k, 0) : null;
      return sp ? { speaker: sp, verb: this.verbText(k), verbToken: k, medium: findMedium(mediumWindow, this.verbText(k)) } : null;
    }
    for (let v = k + 1; v < w && v - k <= 14; v++) {
      const t = tokens[v]!;
      if (!isCueVerb(t)) {
        if (t.pos === 'VERB') break; // another verb first: not an attribution
        continue;
      }
      const sp = this.speakerBefore(v, k);
      if (sp && sp.first <= k + 1) return { speaker: sp, verb: this.verbText(v), verbToken: v, medium: findMedium(mediumWindow, this.verbText(v)) };
      break;
    }
    return null;
  }

  attachBefore(m: QuoteMarkSpan, previousClose: number): Attribution | null {
    const tokens = this.tokens;
    const text = this.text;
    const paragraphs = this.paragraphs;
    const ctx = this.ctx;
    const openToken = this.tokenFrom(m.open);
    const paragraphStart = paragraphs[m.paragraph]!.start;
    const floorOffset = Math.max(paragraphStart, previousClose + 1);
    const markSentence = openToken < tokens.length ? this.sentenceOf(openToken) : null;
    let floor = this.tokenFrom(floorOffset);
    // the attribution sits in the sentence holding the opening mark, or right before it
    // when that sentence ends in a colon ("He said:" / "The statement read:")
    if (markSentence && tokens[openToken]!.start >= floorOffset) {
      const sentenceFloor = markSentence.firstToken;
      const prev = tokens[openToken - 1];
      if (sentenceFloor > floor && !(prev && prev.text === ':')) floor = sentenceFloor;
      else if (prev && prev.text === ':' && sentenceFloor > floor) floor = Math.max(floor, ctx.sentences[Math.max(0, markSentence.index - 1)]!.firstToken);
    }
    let i = openToken - 1;
    if (i < floor) return null;
    // "According to Smith, “…”"
    for (let k = Math.max(floor, i - 12); k < i; k++) {
      if (this.isAccordingTo(k)) {
        const sp = this.nounPhraseForward(k + 2, openToken);
        if (sp && tokens[sp.end]?.text === ',' && sp.end + 1 >= i) return { speaker: sp, verb: 'according to', verbToken: k, medium: null };
      }
    }
    // transcripts and interviews: a paragraph opening with "NAME: "…""
    if (tokens[i]!.text === ':' && tokens[floor] && tokens[floor]!.start === paragraphStart) {
      const sp = this.nounPhraseBackward(i - 1, floor);
      if (sp && sp.first === floor && sp.kind === 'name' && sp.end - sp.first <= 4) return { speaker: sp, verb: null, verbToken: -1, medium: null };
    }
    // "The palace issued the following statement from the king: “…”"
    if (tokens[i]!.text === ':') {
      for (let k = i - 1; k > floor && i - k <= 8; k--) {
        if ((tokens[k]!.normal === 'from' || tokens[k]!.normal === 'by') && MEDIUM_NOUNS.has(tokens[k - 1]!.normal)) {
          const sp = this.nounPhraseForward(k + 1, i);
          if (sp && sp.end === i) return { speaker: sp, verb: tokens[k - 1]!.normal, verbToken: k - 1, medium: tokens[k - 1]!.normal };
        }
      }
    }
    // skip ':' ',' 'that', then up to a few tokens of prepositional phrase ("in a statement on
    // Telegram", "on Monday"), looking for the speech verb
    let v = -1;
    let gap = 0;
    for (let k = i; k >= floor && gap <= 11; k--, gap++) {
      const t = tokens[k]!;
      if (isCueVerb(t)) {
        v = k;
        break;
      }
      // "He said, in remarks published by CNN in February, "…"": the participle is no new verb
      if (PARTICIPLES.has(t.normal) && tokens[k - 1]?.pos !== 'PRON') continue;
      if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === '.' || isQuoteMark(t.text)) break;
    }
    if (v >= 0) {
      if (PASSIVE_AUX.has(tokens[v - 1]?.normal ?? '')) return null;
      let sp = this.speakerBefore(v, floor);
      if (!sp && tokens[v]!.normal.endsWith('ing')) sp = this.subjectOfSentence(v, paragraphs[m.paragraph] ? this.tokenFrom(paragraphs[m.paragraph]!.start) : 0);
      // split quote: "…," wrote Trump on Twitter, "…"
      if (!sp && v > 0 && (tokens[v - 1]!.text === ',' || isQuoteMark(tokens[v - 1]!.text))) sp = this.nounPhraseForward(v + 1, openToken);
      if (sp) return { speaker: sp, verb: this.verbText(v), verbToken: v, medium: findMedium(text.slice(Math.min(tokens[sp.first]!.start, tokens[Math.max(floor, 0)]!.start), m.open), this.verbText(v)) };
      return null;
    }
    // "X called the attack “an act of barbarity”": the sentence subject speaks
    for (let k = floor; k < i; k++) {
      const t = tokens[k]!;
      if (t.pos !== 'VERB') continue;
      if (!lex.subjectVerbs.has(t.lemma)) return null;
      const sp = this.speakerBefore(k, floor);
      if (sp && sp.first === floor) return { speaker: sp, verb: this.verbText(k), verbToken: k, medium: null };
      return null;
    }
    return null;
  }

  // ---- indirect speech
  /** A finite clause starts at f: a subject (pronoun or noun phrase) and then a verb that is
   *  not an infinitive or a participle ("the United States was in breach", "he would run"). */
  finiteClauseAt(f: number, end: number): boolean {
    const tokens = this.tokens;
    const t = tokens[f];
    if (!t || f >= end) return false;
    let k: number;
    if (t.pos === 'PRON' && CLAUSE_SUBJECT_PRONOUNS.has(t.normal)) k = f + 1;
    else if (t.normal === 'there') k = f + 1;
    else {
      const np = this.nounPhraseForward(f, end);
      if (!np) return false;
      k = np.end;
    }
    while (k < end && (tokens[k]!.pos === 'ADV' || tokens[k]!.normal === 'not' || isQuoteMark(tokens[k]!.text))) k++;
    const v = tokens[k];
    if (!v || k >= end) return false;
    if (v.pos === 'AUX') return true;
    if (v.pos !== 'VERB' || v.normal.endsWith('ing')) return false;
    // "shows wooden pews scattered inside": an -ed form with no object may be a participle
    if (v.normal.endsWith('ed')) {
      const after = tokens[k + 1];
      return !!after && k + 1 < end && after.pos !== 'ADP' && after.pos !== 'ADV' && (!isPunct(after) || isQuoteMark(after.text));
    }
    return true;
  }

  /** The speaker of a reporting verb: the phrase before it; for "…, saying" or "… and said"
   *  the subject of the sentence; for "who said" the relative pronoun standing for its head. */
  subjectFor(v: number, floor: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    const ctx = this.ctx;
    const t = tokens[v]!;
    // "Sen. David Perdue (R-Ga.) said": the splitter cut the sentence after the parenthesis
    if (v === floor && v > 0 && tokens[v - 1]!.text === ')') floor = ctx.sentences[tokens[v - 1]!.sentence]!.firstToken;
    const prev = tokens[v - 1];
    // (after a form of "be" the -ing verb is a progressive with its own subject: "X is stressing that")
    if (t.normal.endsWith('ing') && t.pos !== 'NOUN' && !(prev && PROGRESSIVE_BE.has(prev.normal))) {
      if (prev && (prev.text === ',' || prev.normal === 'by' || prev.normal === 'while' || prev.normal === 'after' || prev.normal === 'before')) return this.subjectOfSentence(v, floor);
      return null;
    }
    let i = v - 1;
    while (i >= floor && (SKIPPABLE_BEFORE_VERB.has(tokens[i]!.normal) || tokens[i]!.pos === 'ADV')) i--;
    if (i < floor) return null;
    const before = tokens[i]!;
    if (RELATIVES.has(before.normal) || (before.normal === 'that' && tokens[i - 1] && isHeadToken(tokens[i - 1]!))) {
      let h = i - 1;
      if (tokens[h]?.text === ',') h--;
      const head = h >= floor ? this.nounPhraseBackward(h, floor) : null;
      if (!head || head.kind === 'pronoun') return null;
      return { first: i, end: i + 1, kind: 'description', antecedent: head };
    }
    if (before.normal === 'and' || before.normal === 'but') {
      // "X announced the arrest … and said …": the coordinated verb shares the subject
      return this.subjectOfSentence(v, floor);
    }
    return this.speakerBefore(v, floor);
  }

  /** "According to exit polls, …": a short phrase the tagger did not read as a noun phrase */
  shortPhraseUntilComma(first: number, end: number): SpeakerPhrase | null {
    const tokens = this.tokens;
    for (let k = first; k < end && k - first <= 5; k++) {
      if (tokens[k]!.text === ',') return k > first ? { first, end: k, kind: this.phraseKind(first, k) } : null;
      if (isPunct(tokens[k]!) || tokens[k]!.pos === 'PRON') return null;
    }
    return null;
  }

  /** "at least", "at most", "up to", "more than": the start of a number, not a preposition */
  isQuantifier(f: number): boolean {
    const tokens = this.tokens;
    const a = tokens[f]?.normal;
    const b = tokens[f + 1]?.normal;
    return (a === 'at' && (b === 'least' || b === 'most')) || (a === 'up' && b === 'to') || ((a === 'more' || a === 'fewer' || a === 'less') && b === 'than');
  }

  hasVerb(a: number, b: number): boolean {
    const tokens = this.tokens;
    for (let i = a; i < b; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
    return false;
  }

  skipPrepositionalPhrases(f: number, end: number): number {
    const tokens = this.tokens;
    // "on Monday", "in a statement on Telegram", "at a press conference", "last week", ","
    for (let rounds = 0; rounds < 4 && f < end; rounds++) {
      const t = tokens[f]!;
      if (t.text === ',' ) {
        f++;
        continue;
      }
      const deictic = (t.normal === 'last' || t.normal === 'this' || t.normal === 'next') && TIME_WORDS.has(tokens[f + 1]?.normal ?? '');
      if (deictic || TIME_WORDS.has(t.normal) || t.pos === 'ADV') {
        let g = f + 1;
        while (g < end && (TIME_WORDS.has(tokens[g]!.normal) || tokens[g]!.pos === 'PROPN' && /day$/.test(tokens[g]!.normal))) g++;
        f = g;
        continue;
      }
      if (t.pos === 'ADP' && t.normal !== 'that' && !this.isQuantifier(f)) {
        const np = this.nounPhraseForward(f + 1, end);
        if (!np || np.kind === 'pronoun') break;
        // don't swallow the reported clause: a phrase followed by a verb is its subject
        const after = tokens[np.end];
        if (after && PARTICIPLES.has(after.normal)) {
          f = np.end + 1; // "in a statement posted on Telegram"
          continue;
        }
        if (after && (after.pos === 'VERB' || after.pos === 'AUX')) break;
        f = np.end;
        continue;
      }
      break;
    }
    return f;
  }

  pushIndirect(firstToken: number, lastToken: number, attribution: Attribution, speakerInside = false): boolean {
    const tokens = this.tokens;
    const text = this.text;
    const drafts = this.drafts;
    const usedVerbs = this.usedVerbs;
    if (lastToken < firstToken) return false;
    let a = firstToken;
    let b = lastToken;
    while (a < b && (isPunct(tokens[a]!) && !QUOTE_CHAR.test(tokens[a]!.text))) a++;
    while (b > a && tokens[b]!.text === ',') b--;
    const start = tokens[a]!.start;
    const end = tokens[b]!.end;
    if (end - start < 8) return false;
    // speech that is already a direct quote keeps the direct reading
    const opening = text[start]!;
    if (QUOTE_CHAR.test(opening) && this.overlapsDirect(start, end)) return false;
    const sp = attribution.speaker;
    if (!speakerInside && tokens[sp.first]!.start < end && start < tokens[sp.end - 1]!.end) return false;
    usedVerbs.add(attribution.verbToken);
    drafts.push({ start, end, direct: false, attribution, mark: -1, inheritFrom: null });
    return true;
  }

  /** "According to X, CLAUSE." / "CLAUSE, according to X(, CLAUSE)." */
  readAccordingTo(v: number, sentence: Sentence, contentEndToken: number): void {
    const tokens = this.tokens;
    const sp = this.byAgent(this.nounPhraseForward(v + 2, sentence.endToken) ?? this.shortPhraseUntilComma(v + 2, sentence.endToken), sentence.endToken);
    if (!sp) return;
    const opening = v === sentence.firstToken || (v === sentence.firstToken + 1 && tokens[v - 1]!.pos === 'CCONJ');
    if (tokens[sp.end]?.text === ',' && sp.end + 1 <= contentEndToken && (opening || tokens[v - 1]!.text === ',')) {
      // "According to X, CLAUSE." / "CLAUSE, according to X, CLAUSE."
      const from = opening ? sp.end + 1 : sentence.firstToken;
      this.pushIndirect(from, contentEndToken, { speaker: sp, verb: 'according to', verbToken: v, medium: null }, !opening);
    } else if (v > sentence.firstToken && (tokens[v - 1]!.text === ',' || DASHES.has(tokens[v - 1]!.text))) {
      // "CLAUSE, according to X."
      this.pushIndirect(sentence.firstToken, v - 2, { speaker: sp, verb: 'according to', verbToken: v, medium: null });
    }
  }

  /** A reporting verb at token v: the indirect quote it introduces, if any. Returns the token
   *  to go on after (v, or the start of the reported clause when one was taken). */
  readReportingVerb(v: number, sentence: Sentence, contentEndToken: number): number {
    const tokens = this.tokens;
    const text = this.text;
    const t = tokens[v]!;
    const pos = t.pos;
    // "X is convinced / afraid / confident that CLAUSE": a stated attitude of the subject
    if (pos === 'ADJ' && tokens[v + 1]?.normal === 'that' && v > sentence.firstToken && BE.has(tokens[v - 1]!.normal) && this.finiteClauseAt(v + 2, contentEndToken + 1)) {
      const subject = this.subjectFor(v - 1, sentence.firstToken);
      if (subject && subject.kind !== 'description') this.pushIndirect(v + 2, contentEndToken, { speaker: subject, verb: this.verbText(v), verbToken: v, medium: null });
      return v;
    }
    const lemma = verbLemma(t);
    if (!lemma) return v;
    // most verbs report nothing: only a listed lemma or a verb before "that" goes on
    if (!lex.reporting.has(lemma) && !(pos === 'VERB' && tokens[v + 1]?.normal === 'that')) return v;
    const plain = lex.indirect.has(lemma);
    // any verb with a "that" clause reports what its subject says or holds ("X lamented
    // that …"), except the verbs of consequence and purpose ("this means that", "ensure that")
    const withThat = lex.indirectWithThat.has(lemma) || (pos === 'VERB' && tokens[v + 1]?.normal === 'that' && !NOT_REPORTING.has(lemma) && this.finiteClauseAt(v + 2, contentEndToken + 1));
    const bareClause = lex.indirectClause.has(lemma);
    const intent = lex.intent.has(lemma);
    const objectTo = lex.objectTo.has(lemma);
    const particle = lex.particle.get(lemma);
    const judgement = lex.judgement.get(lemma);
    const question = lex.question.has(lemma) && WH_WORDS.has(tokens[v + 1]?.normal ?? '');
    if (!plain && !withThat && !bareClause && !intent && !objectTo && !particle && !judgement && !question) return v;
    const prev = tokens[v - 1];
    // (a form of "be" before an -ing verb is the progressive, "is stressing that …", not a passive)
    if (prev && ((PASSIVE_AUX.has(prev.normal) && !(PROGRESSIVE_BE.has(prev.normal) && t.normal.endsWith('ing'))) || prev.normal === 'to')) return v;
    // "claimed responsibility/credit for the attack" is a deed, not a statement
    if (lemma === 'claim' && CLAIMED_DEEDS.has(tokens[v + 1]?.normal ?? '')) return v;
    // a participle used as an adjective or a noun ("the planned wall", "his wants") is no verb
    if (prev && (prev.pos === 'DET' || (prev.pos === 'PRON' && POSSESSIVES.has(prev.normal)))) return v;
    const verb = this.verbText(v);
    // "X questioned whether CLAUSE", "asked why …", "has not said when …": an embedded question
    // (a finite clause after the question word, or a verb when it is the subject: "who will
    // occupy"; not an infinitive: "discussed how to win" is a topic)
    const afterWh = tokens[v + 2];
    if (question && t.pos === 'VERB' && v + 2 <= contentEndToken && afterWh &&
        (this.finiteClauseAt(v + 2, contentEndToken + 1) || ((afterWh.pos === 'AUX' || afterWh.pos === 'VERB') && afterWh.normal !== 'to' && !afterWh.normal.endsWith('ing')))) {
      const subject = this.subjectFor(v, sentence.firstToken);
      if (subject && this.pushIndirect(v + 1, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, v + 1))) return v;
    }
    // "X called for / pushed for NP", "X called on NP to …", "X accused NP of …"
    if (particle && particle.has(tokens[v + 1]?.normal ?? '')) {
      const subject = this.subjectFor(v, sentence.firstToken);
      if (subject && v + 2 <= contentEndToken) this.pushIndirect(v + 2, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, v + 2));
      return v;
    }
    // "X called NP a disgrace / NP "…"", "X described NP as …", "X accused NP of …", "X cited NP"
    if (judgement && t.pos === 'VERB' && prev?.text !== ',' && !(particle && particle.has(tokens[v + 1]?.normal ?? ''))) {
      const object = this.nounPhraseForward(v + 1, sentence.endToken) ?? (tokens[v + 1]?.pos === 'PRON' && OBJECT_PRONOUNS.has(tokens[v + 1]!.normal) ? { first: v + 1, end: v + 2, kind: 'pronoun' as const } : null);
      const next = object ? tokens[object.end] : undefined;
      const complement =
        judgement.size === 0 ||
        (next !== undefined && object!.end <= contentEndToken &&
          (judgement.has(next.normal) || (judgement.has('*') && (next.pos === 'DET' || next.pos === 'ADJ' || isQuoteMark(next.text)))));
      if (object && complement) {
        const subject = this.subjectFor(v, sentence.firstToken);
        if (subject && this.pushIndirect(v + 1, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, v + 1))) return v;
      }
      if (!plain && !withThat && !bareClause && !intent && !objectTo && !particle) return v;
    }
    // "X wants to / plans to / agreed to VERB …"
    if (intent && tokens[v + 1]?.normal === 'to' && tokens[v + 2] && (tokens[v + 2]!.pos === 'VERB' || tokens[v + 2]!.pos === 'AUX' || tokens[v + 2]!.pos === 'ADV')) {
      // "refused to say whether …", "declined to comment": a statement not made
      if (REFUSALS.has(lemma) && (lex.cue.has(tokens[v + 2]!.lemma) || NON_COMMENT.has(tokens[v + 2]!.lemma))) return v;
      const subject = this.subjectFor(v, sentence.firstToken);
      if (subject) this.pushIndirect(v + 1, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, v + 1));
      return v;
    }
    // "X urged / asked / told NP (not) to VERB …"
    if (objectTo) {
      const object = this.nounPhraseForward(v + 1, sentence.endToken) ?? (tokens[v + 1]?.pos === 'PRON' ? { first: v + 1, end: v + 2, kind: 'pronoun' as const } : null);
      let k = object ? object.end : -1;
      if (k > 0 && (tokens[k]?.normal === 'not' || tokens[k]?.normal === 'never')) k++;
      if (object && tokens[k]?.normal === 'to' && tokens[k + 1] && (tokens[k + 1]!.pos === 'VERB' || tokens[k + 1]!.pos === 'AUX')) {
        const subject = this.subjectFor(v, sentence.firstToken);
        if (subject) this.pushIndirect(v + 1, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, v + 1));
        return v;
      }
      if (!plain && !withThat && !bareClause) return v;
    }
    if (!plain && !withThat && !bareClause) return v;
    // forward: "X said (on Monday) (in a statement) (that) CLAUSE"
    let f = v + 1;
    if (lex.object.has(lemma)) {
      const object = this.nounPhraseForward(f, sentence.endToken);
      if (object && object.kind !== 'pronoun') {
        // the addressee is one short phrase ("reporters", "the BBC", "local media")
        // DET? ADJ* PROPN* NOUN*: stops where a new phrase begins ("local media Adamowicz's heart")
        let e = f;
        if (tokens[e]!.pos === 'DET') e++;
        while (e < object.end && tokens[e]!.pos === 'ADJ') e++;
        while (e < object.end && (tokens[e]!.pos === 'PROPN' || isGlued(tokens, e)) && !TIME_WORDS.has(tokens[e]!.normal)) e++;
        while (e < object.end && tokens[e]!.pos === 'NOUN' && !TIME_WORDS.has(tokens[e]!.normal)) e++;
        f = Math.max(e, f + 1);
      }
      else if (tokens[f] && tokens[f]!.pos === 'PRON' && OBJECT_PRONOUNS.has(tokens[f]!.normal)) f++;
      else if (lemma === 'tell') return v;
    }
    f = this.skipPrepositionalPhrases(f, sentence.endToken);
    const subject = this.subjectFor(v, sentence.firstToken) ?? { first: -1, end: -1, kind: 'description' as const };
    const hasSubject = subject.first >= 0;
    if (hasSubject && tokens[f] && tokens[f]!.normal === 'that' && f + 1 <= contentEndToken && !(tokens[f + 1] && (tokens[f + 1]!.pos === 'VERB' || tokens[f + 1]!.pos === 'AUX'))) {
      if (this.pushIndirect(f + 1, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, f))) v = f;
      return v;
    }
    const clauseFollows =
      hasSubject && f <= contentEndToken && f < sentence.endToken && !isQuoteMark(tokens[f]!.text) &&
      (plain ? (CLAUSE_START_POS.has(tokens[f]!.pos) || this.isQuantifier(f)) && tokens[f]!.normal !== 'to' && this.hasVerb(f, contentEndToken + 1) : bareClause && this.finiteClauseAt(f, contentEndToken + 1));
    if (clauseFollows) {
      if (this.pushIndirect(f, contentEndToken, this.attributionAt(subject, verb, v, sentence.start, f))) v = f - 1;
      return v;
    }
    // "CLAUSE, X said (on Monday)." / "CLAUSE, X said, CLAUSE." / "CLAUSE, said X."
    const commaBeforeSubject = hasSubject && subject.first > sentence.firstToken + 2 && tokens[subject.first - 1]!.text === ',';
    if (commaBeforeSubject && f > contentEndToken) {
      this.pushIndirect(sentence.firstToken, subject.first - 2, { speaker: subject, verb, verbToken: v, medium: findMedium(text.slice(tokens[subject.first]!.start, sentence.end), verb) });
      return v;
    }
    if (commaBeforeSubject && (tokens[f]?.text === ',' || tokens[f - 1]?.text === ',') && f + 1 < contentEndToken && (plain || withThat || bareClause)) {
      // the attribution interrupts the reported clause: the content is the whole sentence
      this.pushIndirect(sentence.firstToken, contentEndToken, { speaker: subject, verb, verbToken: v, medium: findMedium(text.slice(tokens[subject.first]!.start, tokens[f]!.start), verb) }, true);
      return v;
    }
    if (prev && prev.text === ',' && v > sentence.firstToken + 2 && !t.normal.endsWith('ing')) {
      const named = this.nounPhraseForward(v + 1, sentence.endToken);
      const after = named ? this.skipPrepositionalPhrases(named.end, sentence.endToken) : -1;
      if (named && (after > contentEndToken || tokens[after]?.text === ',')) {
        const sp = after > contentEndToken ? named : this.withAppositiveAfter(named, contentEndToken + 1);
        this.pushIndirect(sentence.firstToken, v - 2, { speaker: sp, verb, verbToken: v, medium: findMedium(text.slice(tokens[v]!.start, sentence.end), verb) });
      }
    }
    return v;
  }

  attributionAt(speaker: SpeakerPhrase, verb: string, v: number, sentenceStart: number, f: number): Attribution {
    return { speaker, verb, verbToken: v, medium: this.mediumBefore(sentenceStart, f, verb) };
  }

  // ---- direct quotes
  /** A draft for each quote mark that holds speech, with the attribution next to it. */
  findDirect(): void {
    const marks = this.marks;
    const text = this.text;
    for (let mi = 0; mi < marks.length; mi++) {
      const m = marks[mi]!;
      const nextOpen = mi + 1 < marks.length && marks[mi + 1]!.paragraph === m.paragraph ? marks[mi + 1]!.open : text.length;
      const previousClose = mi > 0 && marks[mi - 1]!.paragraph === m.paragraph ? (marks[mi - 1]!.close >= 0 ? marks[mi - 1]!.close : marks[mi - 1]!.end) : -1;
      const attribution = this.attachAfter(m, nextOpen) ?? this.attachBefore(m, previousClose);
      const words = this.wordCount(m.start, m.end);
      // Scare quotes, titles and single words are not speech ("a 'sharp tool'", 'Argo').
      if (words < 3 || (m.single && !attribution)) {
        this.markDraft.push(null);
        continue;
      }
      const draft: Draft = { start: m.start, end: m.end, direct: true, attribution, mark: mi, inheritFrom: null };
      if (attribution) this.usedVerbs.add(attribution.verbToken);
      this.markDraft.push(draft);
      this.drafts.push(draft);
    }
  }

  /** Continued and split quotes share a speaker: the paragraph that re-opens an unclosed
   *  quote, and a quote that opens its own sentence right after a quote of the same or the
   *  previous paragraph ("…," he said. "…"). */
  linkContinued(): void {
    const { marks, drafts, tokens, text, paragraphs, markDraft } = this;
    let previous: Draft | null = null;
    for (const d of drafts) {
      const m = marks[d.mark]!;
      if (!d.attribution && previous) {
        const pm = marks[previous.mark]!;
        const continued = m.continues >= 0 && markDraft[m.continues] === previous;
        const openToken = this.tokenFrom(m.open);
        const sentenceStartsWithQuote = openToken < tokens.length && this.sentenceOf(openToken).start >= m.open - 1;
        const near = pm.paragraph === m.paragraph || (pm.paragraph === m.paragraph - 1 && m.open === paragraphs[m.paragraph]!.start);
        // "…" and "…": two quotes joined by a conjunction share the attribution
        const joined = pm.close >= 0 && pm.paragraph === m.paragraph && /^[\s,;]*(?:and|or|but|then)?[\s,;]*$/.test(text.slice(pm.close + 1, m.open));
        // "…," said X, a spokesman for Y, "…": the attribution sits between the two parts
        const pv = previous.attribution ? tokens[previous.attribution.verbToken]! : null;
        const between = pv !== null && pm.close >= 0 && pm.paragraph === m.paragraph && pv.start > pm.close && pv.end <= m.open && /^[^.!?]*,\s*$/.test(text.slice(pm.close + 1, m.open));
        if (continued || joined || between || (near && sentenceStartsWithQuote)) d.inheritFrom = previous;
      }
      previous = d;
    }
    // a continued quote whose attribution comes in a later part ("…\n\n"…," he said.)
    for (let k = drafts.length - 1; k >= 0; k--) {
      const d = drafts[k]!;
      if (d.attribution || d.inheritFrom) continue;
      const next = drafts[k + 1];
      if (next && marks[next.mark]!.continues === d.mark && next.attribution) d.attribution = next.attribution;
    }
    for (const d of drafts) this.directRanges.push(marks[d.mark]!.open, marks[d.mark]!.close >= 0 ? marks[d.mark]!.close + 1 : d.end);
  }

  // ---- indirect speech
  /** Headlines and transcripts: a paragraph that opens with a short name and a colon before
   *  a clause ("Pence: Flowers Won't Be at Debate", "WALLACE: But, Governor, …") reports
   *  what that name said; a quotation mark after the colon is the direct rule's. */
  findColonHeadlines(): void {
    const tokens = this.tokens;
    for (const p of this.paragraphs) {
      const f = this.tokenFrom(p.start);
      if (f >= tokens.length || tokens[f]!.start >= p.end) continue;
      let c = f;
      while (c < tokens.length && c - f <= 4 && tokens[c]!.start < p.end && tokens[c]!.text !== ':') c++;
      if (c === f || c - f > 4 || tokens[c]?.text !== ':' || this.insideQuote[c]) continue;
      let names = true;
      for (let k = f; k < c; k++) {
        const t = tokens[k]!;
        if (!(isCapitalized(t) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.text === '.')) || HEADLINE_LABELS.has(t.normal)) names = false;
      }
      if (!names) continue;
      // a dateline ("WASHINGTON: …") names a place, not a speaker
      const nameStart = tokens[f]!.start;
      const nameEnd = tokens[c - 1]!.end;
      if (this.ctx.places.some((pl) => pl.start < nameEnd && nameStart < pl.end)) continue;
      const next = tokens[c + 1];
      if (!next || next.start >= p.end || isQuoteMark(next.text) || !isCapitalized(next)) continue;
      let last = c + 1;
      while (last + 1 < tokens.length && tokens[last + 1]!.start < p.end) last++;
      while (last > c + 1 && isPunct(tokens[last]!) && !isQuoteMark(tokens[last]!.text)) last--;
      if (!this.hasVerb(c + 1, last + 1)) continue;
      this.pushIndirect(c + 1, last, { speaker: { first: f, end: c, kind: 'name' }, verb: null, verbToken: c, medium: null });
    }
  }

  /** A stance noun with its holder's possessive and a "that" clause: "Trump's claim that
   *  CLAUSE", "the ministry's warning that CLAUSE" report what the possessor said. */
  findStanceNouns(): void {
    const tokens = this.tokens;
    for (let i = 2; i + 2 < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.pos !== 'NOUN' || !STANCE_NOUNS.has(t.normal) || tokens[i + 1]!.normal !== 'that' || this.insideQuote[i]) continue;
      const poss = tokens[i - 1]!.normal;
      if (poss !== "'s" && poss !== '’s') continue;
      const sentence = this.sentenceOf(i);
      const holder = this.nounPhraseBackward(i - 2, sentence.firstToken);
      if (!holder || holder.kind === 'pronoun' || !this.finiteClauseAt(i + 2, sentence.endToken)) continue;
      let last = sentence.endToken - 1;
      while (last > i + 2 && isPunct(tokens[last]!) && !isQuoteMark(tokens[last]!.text)) last--;
      // the speaker span keeps the possessive, as PolNeAR marks it ("Donald Trump’s")
      this.pushIndirect(i + 2, last, { speaker: { ...holder, end: i }, verb: t.normal, verbToken: i, medium: null });
    }
  }

  /** Indirect quotes: the sentences' reporting verbs and "according to", read in one pass. */
  findIndirect(): void {
    const { marks, tokens, insideQuote, usedVerbs } = this;
    // colons right before an opening mark, found from the marks (no pass over all tokens)
    const colonsBeforeQuotes: number[] = [];
    for (const m of marks) {
      const k = this.tokenFrom(m.open) - 1;
      if (k > 0 && tokens[k]!.text === ':' && !insideQuote[k]) colonsBeforeQuotes.push(k);
    }
    let colonAt = 0;
    // the tokens that may report speech, found in one small pass: sentences without one are
    // skipped, and within a sentence only they are read
    const triggers = indirectTriggers(tokens);
    let trig = 0;
    for (const sentence of this.ctx.sentences) {
      while (trig < triggers.length && triggers[trig]! < sentence.firstToken) trig++;
      if (trig >= triggers.length) break;
      if (triggers[trig]! >= sentence.endToken) continue;
      // the reported clause runs to the sentence end, final punctuation left out
      let sentenceContentEnd = sentence.endToken - 1;
      // a colon that opens a direct quote ends the reported clause ("X indicated …: "…"")
      while (colonAt < colonsBeforeQuotes.length && colonsBeforeQuotes[colonAt]! <= sentence.firstToken) colonAt++;
      if (colonAt < colonsBeforeQuotes.length && colonsBeforeQuotes[colonAt]! < sentence.endToken - 1) sentenceContentEnd = colonsBeforeQuotes[colonAt]!;
      while (sentenceContentEnd > sentence.firstToken && isPunct(tokens[sentenceContentEnd]!) && !isCloseParen(tokens[sentenceContentEnd]!)) sentenceContentEnd--;
      for (let v = sentence.firstToken; v < sentence.endToken; v++) {
        // on to the next trigger (v only moves forward)
        while (trig < triggers.length && triggers[trig]! < v) trig++;
        if (trig >= triggers.length) break;
        v = triggers[trig]!;
        if (v >= sentence.endToken) break;
        const t = tokens[v]!;
        const pos = t.pos;
        // only verbs (and "according to", and past forms the tagger took for nouns or adjectives)
        if (pos !== 'VERB' && pos !== 'AUX' && pos !== 'NOUN' && pos !== 'ADJ' && pos !== 'ADP' && pos !== 'PROPN') continue;
        if (insideQuote[v] || usedVerbs.has(v)) continue;
        const contentEndToken = Math.max(sentenceContentEnd, v);
        if (t.normal === 'according' && this.isAccordingTo(v)) this.readAccordingTo(v, sentence, contentEndToken);
        else if (pos === 'VERB' || pos === 'AUX' || pos === 'NOUN' || pos === 'ADJ') v = this.readReportingVerb(v, sentence, contentEndToken);
      }
    }
  }

  /** A quoted fragment with no attribution of its own inside reported speech is part of that
   *  speech ("Duda said his heart was restarted "and there is hope""): the indirect quote,
   *  which knows the speaker, stands for it.
   *  Reported speech inside reported speech ("X said Y wants to …") is part of the outer
   *  report, which is what the text attributes: an indirect quote whose verb lies inside
   *  another quote's content gives way, the longest reports first. */
  keptDrafts(): Draft[] {
    const { drafts, tokens } = this;
    const byLength = drafts.filter((d) => !d.direct).sort((a, b) => b.end - b.start - (a.end - a.start));
    const indirect: Draft[] = [];
    for (const d of byLength) {
      const at = d.attribution ? tokens[d.attribution.verbToken]!.start : -1;
      if (at >= 0 && indirect.some((x) => x.start <= at && at < x.end)) continue;
      indirect.push(d);
    }
    const keptIndirect = new Set(indirect);
    const kept = drafts.filter((d) => (d.direct ? !(!d.attribution && indirect.some((x) => x.start <= d.start && d.end <= x.end + 2)) : keptIndirect.has(d)));
    kept.sort((a, b) => a.start - b.start);
    return kept;
  }
}

export function annotateQuotes(ctx: AnnotationContext): Quote[] {
  if (ctx.tokens.length === 0) return [];
  const paragraphs = paragraphsOf(ctx.doc.text);
  const scan = new QuoteScan(ctx, paragraphs, findQuoteMarks(ctx.doc.text, paragraphs));
  scan.markInsideQuotes();
  scan.findDirect();
  scan.linkContinued();
  scan.findIndirect();
  scan.findColonHeadlines();
  scan.findStanceNouns();
  const kept = scan.keptDrafts();
  if (kept.length === 0) return [];
  return resolveSpeakers(ctx, kept, scan.marks, scan);
}

// ------------------------------------------------------------------ speaker resolution

interface Candidate {
  start: number;
  end: number;
  /** the name, computed on first use (most candidates are never picked) */
  name: string | null;
  /** lower-case last word: the key for gender and surname look-ups */
  key: string;
  actor: string | null;
  person: boolean;
  org: boolean;
  sentence: number;
  gender: 'm' | 'f' | null;
}

const MALE_TITLES = new Set(['mr', 'mr.', 'sir', 'lord', 'king', 'prince', 'father']);
const FEMALE_TITLES = new Set(['ms', 'ms.', 'mrs', 'mrs.', 'miss', 'dame', 'lady', 'queen', 'princess']);

/** An actor mention, for linking a speaker span to an actor. */
interface ActorMention {
  start: number;
  end: number;
  actor: Actor;
}

/** An actor's last-word key and the gender of its first name, computed once per actor. */
interface ActorKeys {
  key: string;
  gender: 'm' | 'f' | null;
}

/**
 * Speaker resolution over one document: the actor mentions, the names a pronoun may point
 * back to and what is known of their gender. A class of one fixed shape whose steps are
 * small functions: the single function with closures made per call that this replaced was
 * V8's largest optimizing compile in the pipeline (~200-300 ms, three times in a first pass).
 */
class SpeakerResolver {
  readonly text: string;
  readonly tokens: Token[];
  readonly actors: Actor[];
  /** actor mentions sorted by start */
  readonly actorMentions: ActorMention[] = [];
  /** names a pronoun may point back to, sorted by start */
  readonly candidates: Candidate[] = [];
  /** surnames of the people among our own name runs */
  readonly knownSurnames = new Set<string>();
  /** gender by lower-case last word */
  readonly genderOf = new Map<string, 'm' | 'f'>();

  constructor(ctx: AnnotationContext) {
    this.text = ctx.doc.text;
    this.tokens = ctx.tokens;
    this.actors = ctx.actors;
    const actors = ctx.actors;
    for (let i = 0; i < actors.length; i++) {
      const actor = actors[i]!;
      const mentions = actor.mentions;
      for (let k = 0; k < mentions.length; k++) this.actorMentions.push({ start: mentions[k]!.start, end: mentions[k]!.end, actor });
    }
    this.actorMentions.sort(byStart);
  }

  /** The actor whose mention overlaps [start, end) most, or null. */
  actorAt(start: number, end: number): Actor | null {
    const actorMentions = this.actorMentions;
    let best: Actor | null = null;
    let bestOverlap = 0;
    // mentions are sorted by start and short: begin a little before `start`
    const lo = firstStartingAt(actorMentions, start - 200);
    for (let k = lo; k < actorMentions.length; k++) {
      const m = actorMentions[k]!;
      if (m.start >= end) break;
      const overlap = Math.min(end, m.end) - Math.max(start, m.start);
      if (overlap > bestOverlap) {
        best = m.actor;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  actorById(id: string): Actor | null {
    const actors = this.actors;
    for (let i = 0; i < actors.length; i++) if (actors[i]!.id === id) return actors[i]!;
    return null;
  }

  nameOf(c: Candidate): string {
    return (c.name ??= cleanName(this.text.slice(c.start, c.end)));
  }

  /** Nearest earlier compatible candidate; within a sentence the leftmost (the subject). */
  antecedent(offset: number, sentence: number, want: 'person' | 'org', gender: 'm' | 'f' | null): Candidate | null {
    const candidates = this.candidates;
    const hi = firstStartingAt(candidates, offset);
    for (let s = sentence; s >= Math.max(0, sentence - 6); s--) {
      let pick: Candidate | null = null;
      for (let k = hi - 1; k >= 0; k--) {
        const c = candidates[k]!;
        if (c.sentence < s) break;
        if (c.sentence !== s) continue;
        if (want === 'person' ? !c.person : !c.org) continue;
        if (want === 'person' && gender) {
          const known = this.genderOf.get(c.key);
          if (known && known !== gender) continue;
        }
        pick = c; // keep going left: the leftmost in the sentence wins
      }
      if (pick) return pick;
    }
    return null;
  }
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

function resolveSpeakers(ctx: AnnotationContext, drafts: Draft[], marks: QuoteMarkSpan[], scan: QuoteScan): Quote[] {
  const r = new SpeakerResolver(ctx);
  const text = r.text;
  const tokens = r.tokens;
  // Names that a pronoun may point back to: actor mentions when the actor layer has them,
  // and capitalized name runs of our own (outside quotes) otherwise.
  // character masks: one pass each instead of a search per token
  const quotedMask = quotedScratch.zeroed(text.length + 1);
  for (let k = 0; k < marks.length; k++) quotedMask.fill(1, marks[k]!.start, marks[k]!.end);
  const placeMask = placeCharacters(ctx.places, text.length);
  // antecedents lie before the speakers that need them: nothing after the last speaker is read
  let horizon = 0;
  for (let k = 0; k < drafts.length; k++) {
    const a = drafts[k]!.attribution;
    if (a) horizon = Math.max(horizon, tokens[a.speaker.first]!.start);
  }
  addActorCandidates(r, horizon, quotedMask, scan);
  addNameRuns(tokens, horizon, quotedMask, placeMask, r.actorMentions.length ? r : null, r.knownSurnames, r.candidates);
  r.candidates.sort(byStart);
  const candidates = r.candidates;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.gender && !r.genderOf.has(c.key)) r.genderOf.set(c.key, c.gender);
  }
  return quotesOf(r, drafts);
}

/** A mask of the characters inside places. A function of its own: places come in several
 *  object shapes, and the first unseen one deoptimizes only this loop. */
function placeCharacters(places: AnnotationContext['places'], textLength: number): Uint8Array {
  const placeMask = placeScratch.zeroed(textLength + 1);
  for (let k = 0; k < places.length; k++) placeMask.fill(1, Math.max(0, places[k]!.start), Math.max(0, places[k]!.end));
  return placeMask;
}

/** The actor mentions before `horizon` and outside quotes as candidates. */
function addActorCandidates(r: SpeakerResolver, horizon: number, quotedMask: Uint8Array, scan: QuoteScan): void {
  const tokens = r.tokens;
  const actorMentions = r.actorMentions;
  const actorKeys = new Map<Actor, ActorKeys>();
  for (let k = 0; k < actorMentions.length; k++) {
    const m = actorMentions[k]!;
    if (m.start >= horizon) break;
    if (quotedMask[m.start] === 1) continue;
    const type = m.actor.type;
    let keys = actorKeys.get(m.actor);
    if (!keys) {
      keys = actorKeysOf(m.actor);
      actorKeys.set(m.actor, keys);
    }
    const at = scan.tokenFrom(m.start);
    r.candidates.push({
      start: m.start,
      end: m.end,
      name: m.actor.name,
      key: keys.key,
      actor: m.actor.id,
      person: type === 'person' || type === 'agent' || type === 'unknown',
      org: type !== 'person',
      sentence: at < tokens.length ? tokens[at]!.sentence : 0,
      gender: keys.gender,
    });
  }
}

function actorKeysOf(actor: Actor): ActorKeys {
  const name = actor.name;
  const sp = name.lastIndexOf(' ');
  const key = (sp < 0 ? name : name.slice(sp + 1)).toLowerCase();
  return { key, gender: actor.type === 'person' ? firstNameGender(name.slice(0, Math.max(0, name.indexOf(' '))).toLowerCase()) : null };
}

/** One quote per kept draft, its speaker resolved, in draft order. */
function quotesOf(r: SpeakerResolver, drafts: Draft[]): Quote[] {
  const text = r.text;
  const quotes: Quote[] = [];
  const resolved = new Map<Draft, Quote['speaker']>();
  const quoteOf = new Map<Draft, Quote>();
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k]!;
    let speaker: Quote['speaker'] = null;
    let verb: string | null = null;
    let medium: string | null = null;
    if (d.attribution) {
      const a = d.attribution;
      verb = a.verb;
      medium = a.medium;
      speaker = attributedSpeaker(r, a);
    } else if (d.inheritFrom) {
      speaker = resolved.get(d.inheritFrom) ?? null;
      const q = quoteOf.get(d.inheritFrom);
      verb = q?.verb ?? null;
      medium = q?.medium ?? null;
    }
    // a direct quote nobody can be found for is kept only when it reads like speech
    if (!speaker && d.direct && wordsIn(text.slice(d.start, d.end)) < 6) continue;
    resolved.set(d, speaker);
    const quote: Quote = {
      id: `q${quotes.length + 1}`,
      text: text.slice(d.start, d.end),
      start: d.start,
      end: d.end,
      direct: d.direct,
      speaker: speaker ? { text: speaker.text, start: speaker.start, end: speaker.end, name: speaker.name, actor: speaker.actor } : null,
      verb,
      medium,
    };
    quoteOf.set(d, quote);
    quotes.push(quote);
  }
  return quotes;
}

/** The speaker of an attribution: its text, and the name and actor of the phrase it stands for
 *  (through the antecedent of a pronoun or of "the group"). */
function attributedSpeaker(r: SpeakerResolver, a: Attribution): Speaker {
  const tokens = r.tokens;
  const text = r.text;
  const spanFirst = tokens[a.speaker.first]!;
  const spanLast = tokens[a.speaker.end - 1]!;
  const spanText = text.slice(spanFirst.start, spanLast.end);
  // a relative pronoun ("who said") is named and linked through the phrase it stands for
  const ref = a.speaker.antecedent ?? a.speaker;
  const first = tokens[ref.first]!;
  const last = tokens[ref.end - 1]!;
  const refText = text.slice(first.start, last.end);
  let name = ref.kind === 'name' ? cleanName(refText) : refText;
  let actor = r.actorAt(first.start, last.end);
  if (ref.kind === 'pronoun' || (ref.kind === 'description' && isAnaphoric(tokens, ref))) {
    const ante = antecedentOf(r, ref, first);
    if (ante) {
      name = r.nameOf(ante);
      actor = ante.actor ? r.actorById(ante.actor) : r.actorAt(ante.start, ante.end);
    }
  } else if (ref.kind === 'name') {
    addNamedSpeaker(r, name, first, last, actor);
  }
  return { text: spanText, start: spanFirst.start, end: spanLast.end, name, actor: actor?.id ?? null };
}

/** The candidate a pronoun or "the group" speaker points back to; a pronoun's gender is noted for it. */
function antecedentOf(r: SpeakerResolver, ref: SpeakerPhrase, first: Token): Candidate | null {
  const pronoun = first.normal;
  const want = ref.kind === 'pronoun' && PERSON_PRONOUNS.has(pronoun) ? 'person' : ref.kind === 'pronoun' && pronoun === 'i' ? 'person' : 'org';
  const gender = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null;
  const ante = r.antecedent(first.start, first.sentence, want, gender);
  if (ante && gender && !r.genderOf.has(ante.key)) r.genderOf.set(ante.key, gender);
  return ante;
}

/** A named speaker becomes the most salient antecedent from here on. */
function addNamedSpeaker(r: SpeakerResolver, name: string, first: Token, last: Token, actor: Actor | null): void {
  const words = name.split(WHITESPACE_RUN_RE);
  const isOrg = isOrgName(words);
  const person = !isOrg && (words.length > 1 || r.knownSurnames.has(words[0]!.toLowerCase()));
  const key = words[words.length - 1]!.toLowerCase();
  const gender = person && words.length > 1 ? firstNameGender(words[0]!.toLowerCase()) : null;
  if (gender && !r.genderOf.has(key)) r.genderOf.set(key, gender);
  const entry: Candidate = { start: first.start, end: last.end, name, key, actor: actor?.id ?? null, person, org: !person, sentence: first.sentence, gender };
  const candidates = r.candidates;
  let at = candidates.length;
  while (at > 0 && candidates[at - 1]!.start > entry.start) at--;
  candidates.splice(at, 0, entry);
}

/** Capitalized name runs of our own (outside quotes, before `horizon`) that a pronoun may
 *  point back to, added to `candidates` unless an actor mention covers them (`actors`, null
 *  when there are none); the surnames of the people among them go to `knownSurnames`. A
 *  function of its own so V8 optimizes the loop early. */
function addNameRuns(
  tokens: Token[],
  horizon: number,
  quotedMask: Uint8Array,
  placeMask: Uint8Array,
  actors: SpeakerResolver | null,
  knownSurnames: Set<string>,
  candidates: Candidate[],
): void {
  for (let i = 0; i < tokens.length && tokens[i]!.start < horizon; i++) {
    const t = tokens[i]!;
    if (!(t.pos === 'PROPN' || (t.pos === 'X' && isCapitalized(t))) || quotedMask[t.start] === 1) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.sentence === t.sentence && (tokens[j + 1]!.pos === 'PROPN' || isGlued(tokens, j + 1))) j++;
    const start = t.start;
    const end = tokens[j]!.end;
    const hasOrgWord = isOrgNameTokens(tokens, i, j + 1);
    // (all ASCII capitals: no upper-cased copy of the word needed to compare with)
    const acronym = j === i && t.text.length >= 2 && t.text.length <= 6 && ASCII_CAPITALS_RE.test(t.text);
    const before = i > 0 ? tokens[i - 1]!.normal : '';
    const titledMale = MALE_TITLES.has(before) || MALE_TITLES.has(t.normal);
    const titledFemale = FEMALE_TITLES.has(before) || FEMALE_TITLES.has(t.normal);
    const surname = tokens[j]!.normal;
    const place = anySet(placeMask, start, end);
    const person = !hasOrgWord && !acronym && !place && (j > i || titledMale || titledFemale || knownSurnames.has(surname));
    if (person && j > i) knownSurnames.add(surname);
    // gender from a title ("Mr", "Queen") or a first name whose use is overwhelmingly one sex
    const gender = titledMale ? 'm' : titledFemale ? 'f' : person && j > i ? firstNameGender(t.normal) : null;
    if (actors === null || !actors.actorAt(start, end)) {
      // a single capitalized word that is not a known person may be an organization ("Hamas")
      candidates.push({ start, end, name: null, key: surname, actor: null, person, org: !person && !place, sentence: t.sentence, gender });
    }
    i = j;
  }
}

/** Whether any of mask[from..to) is set. */
function anySet(mask: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (mask[i]) return true;
  return false;
}

function wordsIn(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function isAnaphoric(tokens: Token[], sp: SpeakerPhrase): boolean {
  // "the group", "the ministry": a definite article and a head noun that names an organization
  return sp.end - sp.first === 2 && tokens[sp.first]!.normal === 'the' && lex.anaphoricNouns.has(tokens[sp.first + 1]!.normal);
}

/** A speaker's name without titles and articles: "Interior Minister Joachim Brudziński" -> "Joachim Brudziński". */
function cleanName(span: string): string {
  const words = span.replace(PARENTHESIS, '').replace(POSSESSIVE_END_RE, '').split(WHITESPACE_RUN_RE);
  let i = 0;
  if (isOrgName(words)) {
    // an organization keeps its whole name ("State Department"), only the article goes
    if (words.length > 1 && ARTICLE_RE.test(words[0]!)) i = 1;
    return words.slice(i).join(' ');
  }
  while (i < words.length - 1) {
    const w = words[i]!.toLowerCase().replace(TRAILING_STOP_RE, '');
    const parts = w.split('-');
    if (w === 'the' || w === 'a' || w === 'an' || lex.titleWords.has(w) || parts.every((p) => lex.titleWords.has(p))) i++;
    else if (words[i]![0] !== words[i]![0]!.toUpperCase()) i++; // lower-case descriptors ("former")
    else break;
  }
  return words.slice(i).join(' ');
}
