// English normal forms and lemmas, reproducing what wink-nlp's English lite model gave (all the
// downstream rules were tuned on its output) at a small fraction of its cost.
//
// normal: the token lower-cased, with contractions expanded when they were written glued to their
// host ("it's" -> it + is, "don't" -> do + not, "can't" -> can + not), British spellings mapped to
// American ones ("organisation" -> organization) and a few quirks of wink's lexicon kept
// ("through" -> thru).
// lemma: a POS-dependent base form. wink took the lemma from its lexicon when the word had one
// lemma whatever its tag, and otherwise stripped suffixes by tag (NOUN, VERB, ADJ only), keeping a
// stripped form only when the lexicon knew it as a base form of that tag. We cannot ship that
// lexicon, so the rules below strip suffixes the way English morphology does (e-restoration,
// undoubling, -ies -> -y) and check candidates against base forms seen in the reference output;
// tables of irregular forms and of the teacher's exceptions on the reference train split cover
// what the rules get wrong (see the headers of the files under data/nlp/).
//
// Both entry points are memoized per distinct token text / (normal, tag): an article repeats most
// of its words, so the rules run for a few hundred distinct words per article at most.
import { readFileSync } from 'node:fs';
import { dataPath } from '../util/paths.js';

// ------------------------------------------------------------------ data

/** Everything read from data/nlp/, built once per process on first use. */
interface Tables {
  /** lower-cased form -> normal, for spellings and quirks that differ from the lower-cased form */
  normalOfLower: Map<string, string>;
  /** exact surface form -> normal (case-sensitive quirks: "Steve" stays "Steve") */
  normalOfText: Map<string, string>;
  /** exact surface form -> lemma whatever the tag ("United" -> "United", "Later" -> "late") */
  lemmaOfText: Map<string, string>;
  /** normal -> lemma whatever the tag (words wink's lexicon gave a single lemma) */
  lemmaOfNormal: Map<string, string>;
  /** tag -> (normal -> lemma): exceptions by tag */
  lemmaByTag: Map<string, Map<string, string>>;
  /** inflected verb form -> base (irregular verbs) */
  irregularVerb: Map<string, string>;
  /** plural noun form -> singular (irregular nouns) */
  irregularNoun: Map<string, string>;
  /** base forms known per tag, to choose between candidate stems */
  verbBases: Set<string>;
  nounBases: Set<string>;
  adjBases: Set<string>;
  /** learned word ending -> rewrite, for verbs and nouns */
  verbSuffixes: Map<string, SuffixRule>;
  nounSuffixes: Map<string, SuffixRule>;
}

/** A learned rewrite: cut this many characters from the end, then append `add`. */
interface SuffixRule {
  cut: number;
  add: string;
}

/** Longest word ending the suffix table lists. */
const MAX_SUFFIX = 7;

let tables: Tables | null = null;

/** Data lines of a file: trimmed, without blank lines and # comments. */
function dataLines(name: string): string[] {
  const out: string[] = [];
  for (const raw of readFileSync(dataPath('nlp', name), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line && line.charCodeAt(0) !== 35 /* # */) out.push(line);
  }
  return out;
}

/** Inflections and derivations of a British spelling pair, so one line covers a word family. */
function addSpellingFamily(map: Map<string, string>, british: string, american: string): void {
  map.set(british, american);
  const forms: string[] = [];
  if (british.endsWith('ise') || british.endsWith('yse')) {
    const b = british.slice(0, -1);
    const a = american.slice(0, -1);
    for (const s of ['es', 'ed', 'ing', 'ation', 'ations', 'ational']) forms.push(b + s, a + s);
  } else if (british.endsWith('our')) {
    for (const s of ['s', 'ed', 'ing', 'ful', 'less', 'able', 'ably', 'ite', 'ites', 'er', 'ers', 'al', 'ally', 'hood', 'hoods', 'ist', 'ists'])
      forms.push(british + s, american + s);
  } else if (british.endsWith('re')) {
    for (const s of ['s', 'd']) forms.push(british + s, american + s);
  } else if (british.endsWith('ence') || british.endsWith('ogue')) {
    forms.push(british + 's', american + 's');
  }
  for (let i = 0; i < forms.length; i += 2) if (!map.has(forms[i]!)) map.set(forms[i]!, forms[i + 1]!);
}

function tagMap(t: Tables, tag: string): Map<string, string> {
  let m = t.lemmaByTag.get(tag);
  if (!m) t.lemmaByTag.set(tag, (m = new Map()));
  return m;
}

function loadTables(): Tables {
  const t: Tables = {
    normalOfLower: new Map(),
    normalOfText: new Map(),
    lemmaOfText: new Map(),
    lemmaOfNormal: new Map(),
    lemmaByTag: new Map(),
    irregularVerb: new Map(),
    irregularNoun: new Map(),
    verbBases: new Set(),
    nounBases: new Set(),
    adjBases: new Set(),
    verbSuffixes: new Map(),
    nounSuffixes: new Map(),
  };
  for (const line of dataLines('spelling-us.txt')) {
    const [british, american] = line.split(/\s+/);
    if (british && american) addSpellingFamily(t.normalOfLower, british, american);
  }
  for (const line of dataLines('irregular-verbs.txt')) {
    const words = line.split(/\s+/);
    t.verbBases.add(words[0]!);
    for (let i = 1; i < words.length; i++) t.irregularVerb.set(words[i]!, words[0]!);
  }
  for (const line of dataLines('irregular-nouns.txt')) {
    const words = line.split(/\s+/);
    t.nounBases.add(words[0]!);
    for (let i = 1; i < words.length; i++) t.irregularNoun.set(words[i]!, words[0]!);
  }
  // Derived from the teacher's output on the reference train split (see the file's header).
  for (const line of dataLines('lemma-bases.txt')) {
    const tab = line.indexOf('\t');
    const tag = line.slice(0, tab);
    const set = tag === 'VERB' ? t.verbBases : tag === 'NOUN' ? t.nounBases : tag === 'ADJ' ? t.adjBases : null;
    if (set) for (const w of line.slice(tab + 1).split(' ')) set.add(w);
  }
  for (const line of dataLines('lemma-keep-case.txt')) for (const name of line.split(/\s+/)) t.lemmaOfText.set(name, name);
  for (const line of dataLines('lemma-suffixes.tsv')) {
    const [tag, ending, rule] = line.split('\t') as [string, string, string];
    const colon = rule.indexOf(':');
    const target = tag === 'VERB' ? t.verbSuffixes : tag === 'NOUN' ? t.nounSuffixes : null;
    if (target) target.set(ending, { cut: Number(rule.slice(0, colon)), add: rule.slice(colon + 1) });
  }
  for (const line of dataLines('lemma-exceptions.tsv')) {
    const [kind, key, value] = line.split('\t') as [string, string, string];
    if (kind === 'normal') t.normalOfText.set(key, value);
    else if (kind === 'normal-lower') t.normalOfLower.set(key, value);
    else if (kind === 'text') t.lemmaOfText.set(key, value);
    else if (kind === 'keep') t.lemmaOfText.set(key, key);
    else if (kind === '*') t.lemmaOfNormal.set(key, value);
    else tagMap(t, kind).set(key, value);
  }
  return t;
}

function data(): Tables {
  if (!tables) tables = loadTables();
  return tables;
}

// ------------------------------------------------------------------ normal

const APOSTROPHE = 39;
const RIGHT_QUOTE = 8217; // ’

function isApostrophe(code: number): boolean {
  return code === APOSTROPHE || code === RIGHT_QUOTE;
}

/** Lower-case without allocating when the text has no upper-case ASCII letter (most tokens). */
function lower(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

/**
 * What is known of one distinct token text: its normal out of context, its lemma when the text
 * alone decides it, whether its normal may depend on its neighbours, and the lemmas already
 * computed for the tags it was seen with (a word takes one or two tags: the first pair is kept
 * in the entry itself, so that the common case reads one object).
 */
interface Entry {
  normal: string;
  textLemma: string | undefined;
  /** a clitic ("'s", "n't"), expanded by context */
  clitic: boolean;
  /** a host that changes before a glued "n't" ("ca" -> "can"), else undefined */
  ntHost: string | undefined;
  /** the first tag it was seen with and the lemma under it (most words take one tag) */
  tag: string | undefined;
  lemma: string;
  /** the lemmas under further tags, when it takes more than one */
  moreTags: string[] | null;
  moreLemmas: string[] | null;
}

const entries = new Map<string, Entry>();

/** The memo entry of a token text, created on first sight: lower case, then spelling maps and quirks. */
function entryOf(text: string): Entry {
  let e = entries.get(text);
  if (e === undefined) entries.set(text, (e = newEntry(text)));
  return e;
}

function newEntry(text: string): Entry {
  const t = data();
  let normal = t.normalOfText.get(text);
  if (normal === undefined) {
    const low = lower(text);
    normal = t.normalOfLower.get(low) ?? low;
  }
  const clitic = isClitic(text);
  const ntHost = !clitic && text.length <= 3 ? NT_HOST.get(lower(text)) : undefined;
  return { normal, textLemma: t.lemmaOfText.get(text), clitic, ntHost, tag: undefined, lemma: '', moreTags: null, moreLemmas: null };
}

/**
 * A lookup table as a Map, not a plain object: V8 interns a string used as a property key, and
 * adding a word never seen before to its string table cost ~0.4-0.8 us per lookup (vs 0.05 us for
 * Map.get), paid for every new word's normal; nor is "constructor" or "toString" a key of a Map.
 */
function table(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

/** Clitics that expand when glued to their host; keys use the straight apostrophe. */
const CLITIC = table({ "n't": 'not', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am' });
/** Hosts of "'s" that make it "is" (or "us" after "let"); elsewhere "'s" is possessive. */
const S_IS = table({ it: 'is', that: 'is', there: 'is', he: 'is', she: 'is', what: 'is', who: 'is', where: 'is', how: 'is', let: 'us' });
/** Hosts that change before a glued "n't" ("can't" -> ca + n't -> can + not). */
const NT_HOST = table({ ca: 'can', wo: 'will', ai: 'are', sha: 'shall' });

/** Whether a token is a clitic ("n't", "'s", "’re"): an apostrophe first or second, at most 4 long. */
function isClitic(text: string): boolean {
  const n = text.length;
  if (n < 2 || n > 4) return false;
  return isApostrophe(text.charCodeAt(0)) || (n === 3 && isApostrophe(text.charCodeAt(1)));
}

/** Straight-apostrophe, lower-case key of a short token. */
function cliticKey(text: string): string {
  return lower(text).replace('’', "'");
}

/** Whether token i is written glued to token i-1 (no space between); unknown spacing counts as glued. */
function glued(spaceBefore: ArrayLike<boolean> | undefined, i: number): boolean {
  return i > 0 && (spaceBefore === undefined || !spaceBefore[i]);
}

/** Whether a token is a quote mark (an opening quote glued to "It's" stopped wink expanding "'s"). */
function isQuoteToken(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === APOSTROPHE || c === 96 /* ` */ || c === 8216 /* ‘ */;
}

/** The normal of a clitic token, or undefined when it is not expanded. */
function cliticNormal(texts: string[], i: number, spaceBefore: ArrayLike<boolean> | undefined): string | undefined {
  const text = texts[i]!;
  const key = cliticKey(text);
  const clitic = CLITIC.get(key);
  if (clitic !== undefined) return glued(spaceBefore, i) ? clitic : undefined;
  if (key !== "'s" || !glued(spaceBefore, i)) return undefined;
  const host = texts[i - 1]!;
  const expanded = S_IS.get(lower(host));
  if (expanded === undefined) return undefined;
  // "WHO's" is the organization's; an all-capital "HE'S" still expands.
  if (host.length > 1 && host === host.toUpperCase() && text.charCodeAt(1) === 115 /* s */) return undefined;
  // wink did not expand "'s" in "'It's" or "``It's" (its tokenizer split the quote off first).
  if (i > 1 && glued(spaceBefore, i - 1) && isQuoteToken(texts[i - 2]!)) return undefined;
  return expanded;
}

/** Whether token i + 1 is an "n't" glued to token i. */
function ntFollows(texts: string[], i: number, spaceBefore: ArrayLike<boolean> | undefined): boolean {
  const next = texts[i + 1]!;
  if (next.length !== 3 || !isApostrophe(next.charCodeAt(1)) || !glued(spaceBefore, i + 1)) return false;
  return (next.charCodeAt(0) | 32) === 110 /* n */ && (next.charCodeAt(2) | 32) === 116 /* t */;
}

/** The normal of token i, whose entry is `entry`, in its context. */
function normalIn(texts: string[], i: number, spaceBefore: ArrayLike<boolean> | undefined, entry: Entry): string {
  if (entry.clitic) return cliticNormal(texts, i, spaceBefore) ?? entry.normal;
  if (entry.ntHost !== undefined && i + 1 < texts.length && ntFollows(texts, i, spaceBefore)) return entry.ntHost;
  return entry.normal;
}

/**
 * Normal forms of one document's tokens, in order. `spaceBefore[i]` (optional) tells whether
 * whitespace precedes token i: wink expanded contractions only when written glued ("don't", not
 * the pre-tokenized "do n't"); without it every neighbour counts as glued.
 */
export function normalsOf(texts: string[], spaceBefore?: ArrayLike<boolean>): string[] {
  const n = texts.length;
  const out: string[] = []; // by push: see analyze() in english.ts
  for (let i = 0; i < n; i++) out.push(normalIn(texts, i, spaceBefore, entryOf(texts[i]!)));
  return out;
}

// ------------------------------------------------------------------ lemma

function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/** The stem without its last letter when it ends in a doubled consonant ("stopp" -> "stop"). */
function undoubled(stem: string): string | undefined {
  const n = stem.length;
  if (n < 3) return undefined;
  const c = stem.charCodeAt(n - 1);
  if (c !== stem.charCodeAt(n - 2) || isVowel(c)) return undefined;
  return stem.slice(0, -1);
}

/** The rewrite the learned suffix table gives a word: its longest listed ending wins. */
function suffixRewrite(w: string, rules: Map<string, SuffixRule>): string | undefined {
  for (let len = Math.min(MAX_SUFFIX, w.length - 1); len >= 1; len--) {
    const rule = rules.get(w.slice(w.length - len));
    if (rule !== undefined) return w.slice(0, w.length - rule.cut) + rule.add;
  }
  return undefined;
}

/**
 * Candidate base forms of an inflected word, most regular first: wink kept a stripped form only
 * when its lexicon knew it as a base form, and so do we with the bases seen in the reference.
 */
function candidates(w: string, tag: string): string[] {
  const out: string[] = [];
  const n = w.length;
  if (tag === 'ADJ') {
    const cut = w.endsWith('est') ? 3 : w.endsWith('er') ? 2 : 0;
    if (cut === 0) return out;
    const stem = w.slice(0, n - cut);
    out.push(stem, stem + 'e');
    const single = undoubled(stem);
    if (single) out.push(single);
    if (stem.endsWith('i')) out.push(stem.slice(0, -1) + 'y');
    return out;
  }
  if (tag === 'VERB' && (w.endsWith('ing') || w.endsWith('ed'))) {
    const stem = w.slice(0, w.endsWith('ed') ? n - 2 : n - 3);
    out.push(stem, stem + 'e');
    const single = undoubled(stem);
    if (single) out.push(single);
    if (stem.endsWith('i')) out.push(stem.slice(0, -1) + 'y');
    if (stem.endsWith('y')) out.push(stem.slice(0, -1) + 'ie'); // dying -> die
    return out;
  }
  if (w.endsWith('s')) {
    out.push(w.slice(0, -1));
    if (w.endsWith('es')) out.push(w.slice(0, -2));
    if (w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
    if (tag === 'NOUN' && w.endsWith('ves')) out.push(w.slice(0, -3) + 'f', w.slice(0, -3) + 'fe');
  }
  return out;
}

/** Whether a word is a hyphenated compound: wink's lexicon had next to none, so it left them whole. */
function hasHyphen(w: string): boolean {
  return w.indexOf('-') > 0;
}

/** Whether a word ends like an inflected verb (-s, -ed, -ing) or a plural noun (-s): the learned rewrites were learned on those only. */
function isInflected(w: string, tag: string): boolean {
  const last = w.charCodeAt(w.length - 1);
  if (last === 115 /* s */) return true;
  return tag === 'VERB' && (w.endsWith('ed') || w.endsWith('ing'));
}

/** Lemma of a NOUN, VERB or ADJ normal that no table lists. */
function inflectedLemma(w: string, tag: string, t: Tables): string {
  const bases = tag === 'VERB' ? t.verbBases : tag === 'NOUN' ? t.nounBases : t.adjBases;
  if (w.length < 4 || bases.has(w) || hasHyphen(w)) return w;
  const preferred = isInflected(w, tag) ? suffixRewrite(w, tag === 'VERB' ? t.verbSuffixes : t.nounSuffixes) : undefined;
  if (preferred !== undefined && bases.has(preferred)) return preferred;
  for (const c of candidates(w, tag)) if (bases.has(c)) return c;
  if (tag === 'NOUN' && w.endsWith('men')) return w.slice(0, -3) + 'man';
  return preferred ?? w;
}

/**
 * Lemmas of clitics written apart from their host ("do n't" in pre-tokenized text), which wink
 * left unexpanded in the normal but still lemmatized.
 */
const CLITIC_LEMMA = table({
  "n't": 'not', 'n’t': 'not', "'re": 'be', '’re': 'be', "'ve": 'have', '’ve': 'have', "'ll": 'will', '’ll': 'will',
  "'m": 'be', '’m': 'be', ca: 'can', ll: 'will',
});

/** Lemma of a normal under a tag, from the tables and the suffix rules (no memo). */
export function lemmaByRule(normal: string, tag: string): string {
  const t = data();
  const clitic = CLITIC_LEMMA.get(normal);
  if (clitic !== undefined) return clitic;
  const byTag = t.lemmaByTag.get(tag)?.get(normal);
  if (byTag !== undefined) return byTag;
  const any = t.lemmaOfNormal.get(normal);
  if (any !== undefined) return any;
  if (tag === 'VERB' || tag === 'AUX') return t.irregularVerb.get(normal) ?? inflectedLemma(normal, 'VERB', t);
  if (tag === 'NOUN') return t.irregularNoun.get(normal) ?? inflectedLemma(normal, 'NOUN', t);
  if (tag === 'ADJ') return inflectedLemma(normal, 'ADJ', t);
  return normal;
}

/** Memo of lemmas by tag and normal, for normals that differ from their text's (expanded clitics). */
const cliticMemo = new Map<string, string>();

/** The lemma of a token with this entry, normal and tag (memoized in the entry). */
function lemmaIn(entry: Entry, normal: string, tag: string): string {
  if (entry.textLemma !== undefined) return entry.textLemma;
  if (normal !== entry.normal) {
    const key = tag + ' ' + normal;
    let lemma = cliticMemo.get(key);
    if (lemma === undefined) cliticMemo.set(key, (lemma = lemmaByRule(normal, tag)));
    return lemma;
  }
  if (entry.tag === tag) return entry.lemma;
  if (entry.tag === undefined) {
    entry.tag = tag;
    return (entry.lemma = lemmaByRule(normal, tag));
  }
  return otherTagLemma(entry, normal, tag);
}

/** The lemma of a word under a tag other than the first it was seen with. */
function otherTagLemma(entry: Entry, normal: string, tag: string): string {
  if (entry.moreTags === null) {
    entry.moreTags = [];
    entry.moreLemmas = [];
  }
  const seen = entry.moreTags;
  let k = 0;
  while (k < seen.length && seen[k] !== tag) k++;
  if (k === seen.length) {
    seen.push(tag);
    entry.moreLemmas!.push(lemmaByRule(normal, tag));
  }
  return entry.moreLemmas![k]!;
}

/** Lemmas of one document's tokens: surface texts, their normals and Universal POS tags, in order. */
export function lemmasOf(texts: string[], normals: string[], tags: string[]): string[] {
  const n = texts.length;
  const out: string[] = []; // by push: see analyze() in english.ts
  for (let i = 0; i < n; i++) out.push(lemmaIn(entryOf(texts[i]!), normals[i]!, tags[i]!));
  return out;
}

// Entries by word type: the tagger numbers every distinct token text (see tagger.ts), so a
// document whose tokens come with those numbers finds its entries in an array, not a Map.
let typeEntries: Entry[] = [];
let typeEntriesEpoch = -1;

/**
 * normalsOf() and lemmasOf() in one pass, for tokens numbered by the tagger's word types:
 * types[i] = the type of texts[i], valid while the tagger's typesEpoch() is `epoch`. Appends
 * each token's normal and lemma to normals and lemmas (empty at the call).
 */
export function normalsAndLemmas(
  texts: string[],
  types: Int32Array,
  epoch: number,
  tags: string[],
  spaceBefore: ArrayLike<boolean>,
  normals: string[],
  lemmas: string[],
): void {
  if (epoch !== typeEntriesEpoch) {
    typeEntries = [];
    typeEntriesEpoch = epoch;
  }
  const n = texts.length;
  for (let i = 0; i < n; i++) {
    const t = types[i]!;
    let entry = typeEntries[t];
    if (entry === undefined) entry = typeEntries[t] = newEntry(texts[i]!);
    const normal = normalIn(texts, i, spaceBefore, entry);
    normals.push(normal);
    lemmas.push(lemmaIn(entry, normal, tags[i]!));
  }
}
