// Places: toponym recognition over the tokens, resolution against the gazetteer, datelines.
// Rules (docs/places.md):
//  - a place is a capitalized token sequence whose folded text is a gazetteer name (longest
//    match), unless its neighbours make it part of a person's name ("Mr. Paris", "Jordan
//    Peterson"), an organization or work ("Kabul University Press", "Gulf News"), or a
//    street or facility named after a place ("Paris Road checkpoint");
//  - candidates are scored by feature (country > region > admin-1 > capital > town),
//    population, and the document: countries and admin-1 regions mentioned elsewhere,
//    the dateline's country, and containment ("Hyderabad, Sindh", "X in Quetta");
//  - one sense per name per document;
//  - a dateline ("QUETTA –", "KABUL (Reuters) -", "Islamabad, March 3 (AP) —") is marked
//    and its country weighs as strong context.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Place, Sentence, Token } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';
import { type Candidate, type Gazetteer, NAME_KNOWN, NAME_PREFIX, foldName, getGazetteer } from '../gazetteer/index.js';
import { isPlainWord } from '../gazetteer/normalize.js';
import { dataPath } from '../util/paths.js';

interface ContextWords {
  titles: Set<string>;
  organizationWords: Set<string>;
  facilityWords: Set<string>;
  institutionWords: Set<string>;
  directionWords: Set<string>;
  runBreakers: Set<string>;
  locativeWords: Set<string>;
  notPlaces: Set<string>;
  neverPlaces: Set<string>;
}

let contextWords: ContextWords | null = null;
function words(): ContextWords {
  if (contextWords) return contextWords;
  const raw = parseYaml(readFileSync(dataPath('places', 'context-words.yaml'), 'utf8')) as Record<
    string,
    string[]
  >;
  const set = (name: string) => new Set((raw[name] ?? []).map((w) => String(w).toLowerCase().replace(/\.$/, '')));
  contextWords = {
    titles: set('titles'),
    organizationWords: set('organization_words'),
    facilityWords: set('facility_words'),
    institutionWords: set('institution_words'),
    directionWords: set('direction_words'),
    runBreakers: set('run_breakers'),
    locativeWords: set('locative_words'),
    notPlaces: set('not_places'),
    neverPlaces: new Set((raw['never_places'] ?? []).map((n) => foldName(String(n)))),
  };
  return contextWords;
}

const UPPER_START_RE = /^\p{Lu}/u;
const HAS_LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/gu;
const NON_LETTERS_RE = /[^\p{L}]/gu;
const SINGLE_CAP_ABBREVIATION_RE = /^\p{Lu}\p{Ll}{1,4}\.$/u;
/** Words that may stand inside a multi-word name ("Bosnia and Herzegovina", "Mazar-i-Sharif"). */
const CONNECTORS = new Set([
  'of', 'the', 'and', 'de', 'del', 'la', 'le', 'les', 'al', 'el', 'i', 'e', 'da', 'do', 'dos', 'das',
  'du', 'des', 'y', 'on', 'upon', 'en', 'sur', '-', "'", '’', '&', 'ul', 'ur', 'an', 'am', 'im', 'bin',
  'au', 'aux', // "Port-au-Prince"
]);
/** An elided French article before a name: "Côte d'Ivoire", "Val-d'Oise". */
const ELIDED_ARTICLE_RE = /^[dl]['’]\p{Lu}/u;
const MAX_NAME_TOKENS = 9;
/** Lower-case words after a name that make it a road named after the place ("Kabul road"). */
const LOWERCASE_ROAD_WORDS = new Set(['road', 'street', 'avenue', 'boulevard', 'highway', 'lane', 'checkpoint', 'drive']);
const ADMIN1_WORDS = new Set(['province', 'state', 'region', 'governorate', 'oblast', 'prefecture', 'territory']);
const ADMIN2_WORDS = new Set(['county', 'district', 'parish', 'borough', 'agency', 'tehsil']);
const CITY_WORDS = new Set(['city', 'town', 'village', 'capital']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'our', 'his', 'her']);
const COMMA_RE = /,/;
/** What separates the items of a list of places: ", ", " and ", ", and ", " or ". */
const LIST_GAP_RE = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)$/;
/** A result in sports listings: "Washington 6-3", "Essex 256-7" (not years: "2008-09"). */
const SCORE_RE = /^\d{1,3}[-–]\d{1,3}$/;
const PARTY_LETTERS = new Set(['D', 'R', 'I']);
const SPEECH_VERBS = new Set(['said', 'says', 'told', 'added', 'noted', 'explained', 'asked', 'stated', 'wrote', 'testified', 'argued', 'replied', 'recalled']);

// "KABUL (Reuters) -", "QUETTA –", "Islamabad, March 3 (AP) —", "WASHINGTON, D.C. —".
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DATELINE_RE = new RegExp(
  String.raw`(^|\n|[.!?]["”]?[ \t]+)[ \t]*(\p{Lu}(?:[\p{L}'’\- ]|\.(?=\S)){1,40}?)` + // place
    String.raw`(?:,[ \t]*(\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*)?))?` + // ", Pakistan"
    String.raw`(,?[ \t]*${MONTH}[ \t]+\d{1,2}(?:,?[ \t]*\d{4})?)?` + // ", March 3"
    String.raw`[ \t]*(\([\p{L}][\p{L} .&'-]{0,30}\))?` + // "(Reuters)"
    String.raw`[ \t]*(?:[-–—]{1,3}|:)[ \t]`,
  'uy',
);
/** Where a dateline may start: a line start, or a sentence end before a word in capitals
 *  (the full pattern is tried only there: scanning every position costs more than the rest
 *  of the recognizer). */
const DATELINE_START_RE = /\n|[.!?](?=["”]?[ \t]+\p{Lu}\p{Lu})/gu;
/** How every dateline ends: a dash or a colon before a space or a tab. */
const DATELINE_GAP_RE = /[-–—:][ \t]/g;

/** A natural feature or park recognized by its generic word, not found in the gazetteer. */
interface NaturalFeature {
  first: number;
  last: number;
  start: number;
  end: number;
  feature: string;
}

const NATURAL_PREFIXES = new Map([
  ['Lake', 'LK'],
  ['Mount', 'MT'],
  ['Mt.', 'MT'],
  ['River', 'STM'],
]);
// (the recognizer pre-checks these words' and 'National''s first letters: C, M, N, R)
const NATURAL_SUFFIXES = new Map([
  ['River', 'STM'],
  ['Creek', 'STM'],
  ['Mountains', 'MTS'],
  ['Canyon', 'VAL'],
]);
/** "Zion National Park", "Pictured Rocks National Lakeshore" */
const NATIONAL_AREAS = new Set(['Park', 'Forest', 'Lakeshore', 'Seashore', 'Monument', 'Preserve', 'Recreation']);

interface Match {
  first: number;
  last: number;
  start: number;
  end: number;
  key: string;
  candidates: readonly Candidate[];
  dateline: boolean;
  /** preceded by a word of place ("in", "near" …) */
  locative: boolean;
  /** candidate index -> local bonus (containment, "X province" …) */
  bonus: Map<number, number>;
  /** a weak name (common word): kept only with evidence */
  weak: boolean;
}

function isCapitalized(token: Token): boolean {
  const code = token.text.charCodeAt(0);
  if (code >= 65 && code <= 90) return true; // A-Z
  if (code < 128) return false;
  return UPPER_START_RE.test(token.text);
}

/** /[\n\r]/.test(text.slice(from, to)) without the slice (gaps are a character or two). */
function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** ELIDED_ARTICLE_RE.test(word), the regex run only on words starting "d'" or "l'". */
function isElided(word: string): boolean {
  // (the length first: reading past the end of a one-letter word deoptimized the caller)
  if (word.length < 3) return false;
  const c = word.charCodeAt(0);
  if (c !== 100 && c !== 108) return false;
  const d = word.charCodeAt(1);
  if (d !== 39 && d !== 0x2019) return false;
  return ELIDED_ARTICLE_RE.test(word);
}

interface WordInfo {
  /** foldName of the word */
  key: string;
  /** whether the gazetteer has the key */
  known: boolean;
  /** only ASCII letters, '.' and "'": the key is the word lower-cased, and a span of such
   *  words joined by single spaces folds to their keys joined by spaces */
  plain: boolean;
  /** whether some longer name starts with the key and a space */
  prefix: boolean;
}

/** Per distinct word (a pure function of the word and the process-wide gazetteer): most
 *  capitalized words recur ("The", "I", "Trump"), so each is folded and looked up once. */
const wordInfos = new Map<string, WordInfo>();
const WORD_INFO_CACHE_SIZE = 50_000;

function wordInfo(text: string, token: Token, gaz: Gazetteer): WordInfo {
  const word = token.text;
  // the token's text is its span of the document (the cache is keyed by the word)
  if (token.end - token.start !== word.length || !text.startsWith(word, token.start)) {
    const key = foldName(text.slice(token.start, token.end));
    const flags = gaz.nameFlags(key);
    return { key, known: (flags & NAME_KNOWN) !== 0, plain: false, prefix: (flags & NAME_PREFIX) !== 0 };
  }
  let info = wordInfos.get(word);
  if (info === undefined) {
    const key = foldName(word);
    const flags = gaz.nameFlags(key);
    info = { key, known: (flags & NAME_KNOWN) !== 0, plain: isPlainWord(word), prefix: (flags & NAME_PREFIX) !== 0 };
    if (wordInfos.size >= WORD_INFO_CACHE_SIZE) wordInfos.clear();
    wordInfos.set(word, info);
  }
  return info;
}

function bare(token: Token): string {
  const n = token.normal;
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

function featurePrior(c: Candidate): number {
  switch (c.feature) {
    case 'PCLI':
      return 7;
    case 'CONT':
      return 6;
    case 'ADM1':
      return 3.5;
    case 'PPLC':
      return 5;
    case 'TERR':
    case 'RGN':
    case 'BRDR':
    case 'SEA':
    case 'STRT':
    case 'GULF':
    case 'ISL':
    case 'MTS':
    case 'MT':
    case 'STM':
    case 'VAL':
    case 'DSRT':
    case 'PASS':
    case 'LK':
    case 'CNL':
    case 'LCTY':
    case 'AIRP':
    case 'BLDG':
      // team-written places have no population: a fixed score like a 300k-people city's
      return 7;
    case 'PPLA':
      return 1.5;
    case 'PPLA2':
      return 0.8;
    case 'ADM2':
      return 0.3;
    case 'PPLX':
      return -1;
    default:
      return 0;
  }
}

function priorScore(c: Candidate): number {
  return featurePrior(c) + 0.9 * Math.log10(c.population + 1);
}

/** The candidate a region's name stands for: the place that contains others. */
function contains(outer: Candidate, inner: Candidate): boolean {
  if (outer.index === inner.index) return false;
  if (outer.feature === 'PCLI') return outer.cc === inner.cc && inner.feature !== 'PCLI';
  if (outer.feature === 'ADM1') return outer.admin1 !== '' && outer.admin1 === inner.admin1 && inner.feature !== 'ADM1';
  if (outer.feature === 'ADM2') return outer.cc === inner.cc && outer.admin1 === inner.admin1 && inner.feature.startsWith('PPL');
  // team regions carry a country only
  if (outer.cc && featurePrior(outer) === 7 && !outer.admin1) return outer.cc === inner.cc && inner.feature.startsWith('PPL');
  return false;
}

function findDatelines(text: string, gaz: Gazetteer): Dateline[] {
  const found: Dateline[] = [];
  const starts = [0];
  DATELINE_START_RE.lastIndex = 0;
  for (let s = DATELINE_START_RE.exec(text); s; s = DATELINE_START_RE.exec(text)) if (s.index > 0) starts.push(s.index);
  let resume = 0;
  /** the first dash or colon before a space after the start last tried */
  let gapAt = -1;
  for (const at of starts) {
    if (at < resume) continue;
    // a dateline lies on one line (past its line break) and ends in a dash or a colon before
    // a space: the full pattern is tried only on the few lines with one
    if (gapAt <= at) {
      DATELINE_GAP_RE.lastIndex = at + 1;
      gapAt = DATELINE_GAP_RE.exec(text)?.index ?? text.length;
    }
    const lineEnd = text.indexOf('\n', at + 1);
    if (gapAt >= (lineEnd < 0 ? text.length : lineEnd)) continue;
    DATELINE_RE.lastIndex = at;
    const m = DATELINE_RE.exec(text);
    if (!m) continue;
    const name = m[2]!.trim();
    const allCaps = !HAS_LOWER_RE.test(name);
    if (!allCaps && !m[4] && !m[5]) continue; // mixed case needs an agency or a date
    if (!allCaps && m[1]!.trim() && m[1] !== '\n') continue; // mid-line: only "CAPITALS —"
    if (name.split(/\s+/).length > 4) continue;
    const key = foldName(name.replace(/[.]$/, ''));
    if (!gaz.has(key)) continue;
    const start = m.index + m[1]!.length + m[0].slice(m[1]!.length).indexOf(name);
    const region = m[3] ? foldName(m[3]) : undefined;
    found.push({ start, end: start + name.length, key, ...(region && gaz.has(region) ? { region } : {}) });
    resume = m.index + m[0].length;
    if (found.length > 3) break;
  }
  return found;
}

interface Dateline {
  start: number;
  end: number;
  key: string;
  region?: string;
}

/** A sentence's first word that may be a place: kept only if the document names the same
 *  place elsewhere. */
interface SentenceInitial {
  i: number;
  j: number;
  key: string;
  spanEnd: number;
}

/** One document's recognition state, read and filled by the passes below (one object shape,
 *  the passes module-level functions of moderate size that V8 compiles early and cheaply). */
class PlaceScan {
  readonly matches: Match[] = [];
  readonly personKeys = new Set<string>();
  /** names seen before an institution of a place ("Henderson Police Department") */
  readonly institutionKeys = new Set<string>();
  readonly sentenceInitial: SentenceInitial[] = [];
  readonly naturalFeatures: NaturalFeature[] = [];
  /** places named inside organizations ("Georgia Bureau of Investigation", "University of
   *  Nebraska"): not places of the story, but they tell where it is */
  readonly organizationPlaceKeys = new Set<string>();
  /** the key and end offset of the name longestNameAt found last */
  bestKey = '';
  bestEnd = 0;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly sentences: readonly Sentence[],
    readonly gaz: Gazetteer,
    readonly w: ContextWords,
    readonly datelines: readonly Dateline[],
    /** per token, CAPITAL and GENERIC (readTokens) */
    readonly bits: Uint8Array,
  ) {}
}

/** A match with every field present (one object shape for all matches). */
function newMatch(
  first: number,
  last: number,
  start: number,
  end: number,
  key: string,
  candidates: readonly Candidate[],
  dateline: boolean,
  locative: boolean,
  weak: boolean,
): Match {
  return { first, last, start, end, key, candidates, dateline, locative, bonus: new Map(), weak };
}

export function annotatePlaces(ctx: AnnotationContext): Place[] {
  const gaz = getGazetteer();
  const w = words();
  const { text } = ctx.doc;
  const tokens = ctx.tokens;

  // Datelines first: they may be in capitals, and their country frames the whole story.
  const datelines = findDatelines(text, gaz);
  const datelineMatches: Match[] = [];
  for (let k = 0; k < datelines.length; k++) {
    const d = datelines[k]!;
    datelineMatches.push(newMatch(-1, -1, d.start, d.end, d.key, gaz.lookup(d.key), true, true, false));
  }

  // one pass over the tokens for what the recognizer asks of each (a capital, a generic
  // word) and for the demonyms, instead of asking token by token, pass after pass
  const demonymCountries = new Set<string>();
  const bits = readTokens(tokens, gaz, demonymCountries);

  const scan = new PlaceScan(text, tokens, ctx.sentences, gaz, w, datelines, bits);
  for (let k = 0; k < datelineMatches.length; k++) scan.matches.push(datelineMatches[k]!);
  for (let s = 0; s < ctx.sentences.length; s++) {
    const sentence = ctx.sentences[s]!;
    scanSentence(scan, sentence.firstToken, sentence.endToken);
  }
  acceptSentenceInitial(scan);
  addNeighbourEvidence(scan);
  addDatelineBonuses(scan);
  const kept = keptMatches(scan);

  // Resolve: one sense per name; document context in two rounds.
  const groups = groupMatches(scan, kept);
  /** Names sharing words with each other ("Dublin" / "Dublin City"), found once for the
   *  coherence and the voting: related[a * n + b] for group keys a, b in iteration order. */
  const groupKeys = [...groups.keys()];
  const related = sharedNamePairs(groupKeys);
  const coherence = spatialCoherence(groups, groupKeys, related);
  const chosen = chooseReadings(groups, kept, coherence, relatedKeysOf(groupKeys, related), demonymCountries);
  return emitPlaces(scan, kept, chosen);
}

function inDateline(datelines: readonly Dateline[], token: Token): boolean {
  for (let k = 0; k < datelines.length; k++) {
    const d = datelines[k]!;
    if (token.start >= d.start && token.start < d.end) return true;
  }
  return false;
}

/** Recognizes the places of the sentence of tokens [from, end): matches, natural features,
 *  and the evidence about names (person names, institutions, organizations) in `scan`. */
function scanSentence(scan: PlaceScan, from: number, end: number): void {
  const { bits, tokens, datelines } = scan;
  let i = from;
  while (i < end) {
    if ((bits[i]! & CAPITAL) === 0) {
      i++;
      continue;
    }
    if (datelines.length > 0 && inDateline(datelines, tokens[i]!)) {
      i++;
      continue;
    }
    const best = longestNameAt(scan, i, end);
    // A river, lake, mountain or park the gazetteer lacks ("Neches River", "Lake
    // Harriet", "Zion National Park"): a place without a point, unless the gazetteer has
    // the whole name.
    const naturalLast = naturalFeatureAfter(scan, i, end, best);
    // the last token read here: one step forward for all three outcomes (an addition met
    // only at the first natural feature deoptimized this loop there)
    let last = i;
    if (naturalLast >= 0) last = naturalLast;
    else if (best >= 0) {
      const match = judge(scan, i, best, scan.bestKey, scan.bestEnd);
      if (match) scan.matches.push(match);
      last = best;
    }
    i = last + 1;
  }
}

/** The last token of the longest gazetteer name starting at token i (before `end`), its key
 *  and end offset left in scan.bestKey and scan.bestEnd; -1 when there is none. */
function longestNameAt(scan: PlaceScan, i: number, end: number): number {
  const { text, tokens, gaz, bits } = scan;
  const first = tokens[i]!;
  let best = -1;
  const limit = Math.min(end, i + MAX_NAME_TOKENS);
  /** the folded span so far, and whether it is plain words joined by single spaces (or
   *  nothing), so that the next word's key extends it ("new" + " " + "york") */
  let spanKey = '';
  let spanPlain = false;
  /** whether some name starts with spanKey and a space */
  let spanIsPrefix = false;
  for (let j = i; j < limit; j++) {
    const t = tokens[j]!;
    let key: string;
    let known: boolean;
    if (j === i) {
      // one word: its key and whether it is a name, looked up once per distinct word
      const info = wordInfo(text, first, gaz);
      key = info.key;
      known = info.known;
      spanPlain = info.plain;
      spanIsPrefix = info.prefix;
    } else {
      // (the token tests first: they end most runs without looking at the text)
      if ((bits[j]! & (CAPITAL | ELIDED)) === 0 && !CONNECTORS.has(t.normal)) break;
      const gapStart = tokens[j - 1]!.end;
      if (hasNewline(text, gapStart, t.start)) break;
      const info = spanPlain ? wordInfo(text, t, gaz) : null;
      if (info !== null && info.plain && t.start === gapStart + 1 && text.charCodeAt(gapStart) === 32) {
        // plain words: the key is the span's so far, a space and the word's; no name
        // goes on with it unless some name starts with the words so far
        if (!spanIsPrefix) break;
        key = `${spanKey} ${info.key}`;
      } else if (info !== null && info.plain && t.start === gapStart) {
        key = spanKey + info.key;
      } else {
        spanPlain = false;
        key = foldName(text.slice(first.start, t.end));
      }
      // whether it is a name and whether a longer one starts with it, in one lookup; keep
      // going only while some name can still start with the span (connectors and
      // punctuation fold to nothing new: foldName trims, "Mazar-i-" is the prefix "mazar i")
      const flags = gaz.nameFlags(key);
      if (flags === 0) break;
      known = (flags & NAME_KNOWN) !== 0;
      spanIsPrefix = (flags & NAME_PREFIX) !== 0;
    }
    spanKey = key;
    if ((bits[j]! & (CAPITAL | ELIDED)) === 0) continue;
    let spanEnd = t.end;
    if (!known) {
      // "Pa." split as "Pa" "."
      const next = tokens[j + 1];
      if (next && next.text === '.' && next.start === t.end && gaz.has(`${key}.`)) {
        key = `${key}.`;
        spanEnd = next.end;
      } else continue;
    }
    best = j;
    scan.bestKey = key;
    scan.bestEnd = spanEnd;
  }
  return best;
}

/** The last token of a natural feature starting at i that ends after token `best`, which
 *  goes to scan.naturalFeatures; -1 when there is none. */
function naturalFeatureAfter(scan: PlaceScan, i: number, end: number, best: number): number {
  // most capitalized words start no such name: look for the generic word first (a prefix
  // word, or a generic word within the next four tokens of the sentence)
  if (!NATURAL_PREFIXES.has(scan.tokens[i]!.text) && !genericWordWithin(scan.bits, i + 1, Math.min(end, i + 5))) return -1;
  return naturalFeatureAt(scan, i, end, best);
}

/** naturalFeatureAfter() past its first test. It files the feature itself and returns a
 *  token index: the compiled scan loop then never reads a property of a feature object,
 *  which deoptimized it at the first natural feature of a first pass. */
function naturalFeatureAt(scan: PlaceScan, i: number, end: number, best: number): number {
  const { text, tokens, w } = scan;
  const first = tokens[i]!;
  const word = first.text;
  let last = -1;
  let feature = '';
  const prefixFeature = NATURAL_PREFIXES.get(word);
  if (prefixFeature) {
    // "River Lune", but not "River Concert Series"
    last = capitalizedRun(scan, i + 1, prefixFeature === 'STM' ? 1 : 3, end);
    if (last < i + 1) return -1;
    feature = prefixFeature;
  } else {
    if (w.titles.has(bare(first)) || DETERMINERS.has(first.normal)) return -1;
    const runEnd = capitalizedRun(scan, i, 3, end);
    if (runEnd < i) return -1;
    const suffix = tokens[runEnd + 1];
    if (!suffix || suffix.sentence !== first.sentence) return -1;
    const suffixFeature = NATURAL_SUFFIXES.get(suffix.text);
    if (suffixFeature) {
      last = runEnd + 1;
      feature = suffixFeature;
    } else if (suffix.text === 'National') {
      const kind = tokens[runEnd + 2];
      if (!kind || !NATIONAL_AREAS.has(kind.text)) return -1;
      last = runEnd + 2;
      feature = 'PRK';
    } else return -1;
  }
  if (last <= best || !endsName(tokens, first, last)) return -1;
  const spanEnd = tokens[last]!.end;
  if (scan.gaz.has(foldName(text.slice(first.start, spanEnd)))) return -1;
  scan.naturalFeatures.push({ first: i, last, start: first.start, end: spanEnd, feature });
  return last;
}

/** The last token of the run of up to `max` capitalized words from token `from` (before
 *  `end`) that may name a natural feature; from - 1 when the run is empty. */
function capitalizedRun(scan: PlaceScan, from: number, max: number, end: number): number {
  const { text, tokens, w, bits } = scan;
  let k = from;
  while (k < end && k - from < max && (bits[k]! & CAPITAL) !== 0 && !w.runBreakers.has(bare(tokens[k]!))) {
    if (k > from && hasNewline(text, tokens[k - 1]!.end, tokens[k]!.start)) break;
    if (NATURAL_SUFFIXES.has(tokens[k]!.text) || tokens[k]!.text === 'National') break;
    // "Mount Sinai Hospital", "Lake Forest College": an institution named after it
    const b = bare(tokens[k]!);
    if (w.organizationWords.has(b) || w.institutionWords.has(b) || w.facilityWords.has(b)) break;
    k++;
  }
  return k - 1;
}

/** Whether no capitalized word of the sentence of `first` follows token `last`. */
function endsName(tokens: readonly Token[], first: Token, last: number): boolean {
  const after = tokens[last + 1];
  return !after || after.sentence !== first.sentence || !isCapitalized(after);
}

/** The letters of a name's surface, as countLetters found them. */
class LetterCounts {
  count = 0;
  upper = 0;
  hasLower = false;
  /** whether the surface is all ASCII */
  ascii = true;
}
const surfaceLetters = new LetterCounts();

/** Fills surfaceLetters: how many letters, how many capitals, whether any is lower-case,
 *  whether all are ASCII. */
function countLetters(surface: string): void {
  let letterCount = 0;
  let upperCount = 0;
  let hasLower = false;
  let ascii = true;
  for (let k = 0; k < surface.length; k++) {
    const c = surface.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      letterCount++;
      upperCount++;
    } else if (c >= 97 && c <= 122) {
      letterCount++;
      hasLower = true;
    } else if (c >= 128) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    const letters = surface.replace(NON_LETTERS_RE, '');
    letterCount = letters.length;
    upperCount = surface.match(UPPER_RE)?.length ?? 0;
    hasLower = HAS_LOWER_RE.test(letters);
  }
  surfaceLetters.count = letterCount;
  surfaceLetters.upper = upperCount;
  surfaceLetters.hasLower = hasLower;
  surfaceLetters.ascii = ascii;
}

function startsDateline(datelines: readonly Dateline[], start: number): boolean {
  for (let k = 0; k < datelines.length; k++) if (datelines[k]!.start === start) return true;
  return false;
}

/** The match of the name of tokens i..j (key, ending at offset spanEnd), or null when its
 *  form or its neighbours say it is no place here. */
function judge(scan: PlaceScan, i: number, j: number, key: string, spanEnd: number): Match | null {
  const { text, tokens, gaz, w } = scan;
  const first = tokens[i]!;
  const last = tokens[j]!;
  const sentence = scan.sentences[first.sentence]!;
  const surface = text.slice(first.start, spanEnd);
  const single = i === j;
  if (single && key.length <= 2 && w.notPlaces.has(key)) return null;
  if (gaz.demonyms.has(key) || w.neverPlaces.has(key)) return null;
  if (single && w.directionWords.has(key)) return null; // "North", "Western"
  // Short acronyms must look like acronyms: "US", "UK", "DRC", "LoC", "U.S.".
  const prev = i > sentence.firstToken ? tokens[i - 1] : undefined;
  const prevPrev = i - 1 > sentence.firstToken ? tokens[i - 2] : undefined;
  countLetters(surface);
  const letterCount = surfaceLetters.count;
  if (surfaceLetters.ascii ? isAsciiAbbreviation(surface) : SINGLE_CAP_ABBREVIATION_RE.test(surface)) {
    // "Ga.", "Kan.": state abbreviations only after a comma ("Atlanta, Ga.") or a party
    // letter ("Sen. Bob Casey, D-Pa.").
    const afterParty = prev?.text === '-' && prevPrev !== undefined && PARTY_LETTERS.has(prevPrev.text);
    if (prev?.text !== ',' && !afterParty) return null;
  } else if (single && letterCount <= 3 && surfaceLetters.upper < 2) return null;
  // A sentence's first word is capitalized anyway: only a proper noun (or a word in
  // capitals, as in headlines and datelines) counts.
  const allCaps = letterCount >= 3 && !surfaceLetters.hasLower;
  if (i === sentence.firstToken && single && first.pos !== 'PROPN' && !allCaps) {
    // kept only if the same name is a place elsewhere in the document
    scan.sentenceInitial.push({ i, j, key, spanEnd });
    return null;
  }
  const candidates = gaz.lookup(key);
  const flags = candidateFlags(candidates);
  const strong = (flags & STRONG) !== 0;
  // "SWAT", "CEO": short words in capitals are acronyms unless they name a country or region
  if (single && allCaps && letterCount <= 5 && (flags & COUNTRY_OR_ADMIN1) === 0) {
    if (!startsDateline(scan.datelines, first.start)) return null;
  }
  // a headline in capitals ("CRICKET - ..."): only famous names count outside datelines
  if (single && allCaps && !strong) return null;

  // "Washington 6-3 Boston": teams in a results line. A country's name stays a place (a
  // national side is named after its country, and NER corpora tag it so).
  const isCountry = (flags & COUNTRY) !== 0;
  if (prev && SCORE_RE.test(prev.text) && !isCountry) return null;
  const weak = single && w.notPlaces.has(key);
  if (prev && prev.end <= first.start && !hasNewline(text, prev.end, first.start)) {
    if (leftNeighbourRejects(scan, i, sentence.firstToken, key, single, strong, prev, prevPrev)) return null;
  }
  const next = tokens[j + 1];
  if (next && next.sentence === first.sentence && next.start >= spanEnd && !hasNewline(text, spanEnd, next.start)) {
    if (rightNeighbourRejects(scan, j, key, surface, single, strong, isCountry, prev, next)) return null;
  }
  const locative = prev ? isLocative(w, prev, prevPrev, weak) : false;
  if (last.pos !== 'PROPN' && !locative && single && !isCapitalized(last)) return null;
  return newMatch(i, j, first.start, spanEnd, key, candidates, false, locative, weak);
}

/** Whether the word before the name starting at token i (key) makes it no place: a
 *  facility's name ("Freedom Plaza"), a title ("Mr. Paris"), an organization ("University of
 *  Texas"), a longer name ("Sheila D. Williams"). Notes person and organization names in `scan`. */
function leftNeighbourRejects(
  scan: PlaceScan,
  i: number,
  sentenceFirst: number,
  key: string,
  single: boolean,
  strong: boolean,
  prev: Token,
  prevPrev: Token | undefined,
): boolean {
  const { w, matches } = scan;
  const p = bare(prev);
  // "Freedom Plaza", "Union Square": a street or facility word after a capitalized word
  // ends the facility's name; it is not a town of that name ("Płaza").
  if (single && w.facilityWords.has(key) && isCapitalized(prev) && !w.runBreakers.has(p)) return true;
  if (w.titles.has(p) && isCapitalized(prev)) {
    if (!strong) scan.personKeys.add(key);
    return true; // "Mr. Paris", "Gen. Jordan"
  }
  if (p === 'of' && prevPrev && isCapitalized(prevPrev) && w.organizationWords.has(bare(prevPrev))) {
    scan.organizationPlaceKeys.add(key);
    return true; // "University of Texas", "Times of India"
  }
  const prevIsPlaceEnd = matches.length > 0 && matches[matches.length - 1]!.end === prev.end;
  const prevIsSentenceStartWord = i - 1 === sentenceFirst && prev.pos !== 'PROPN';
  if (
    isCapitalized(prev) &&
    prev.pos === 'PROPN' &&
    !(prevIsPlaceEnd && strong) &&
    !prevIsSentenceStartWord &&
    !w.runBreakers.has(p) &&
    !w.directionWords.has(p) &&
    !scan.gaz.isCountryOrAdmin1(bare(prev)) &&
    !strong
  ) {
    // "Sheila D. Williams": a small town's name ending a longer name is a surname
    if (!w.organizationWords.has(p)) scan.personKeys.add(key);
    return true;
  }
  return false;
}

/** Whether the word after the name ending at token j (key) makes it no place: an
 *  organization ("Gulf News"), a street ("Paris Road"), a surname ("Jordan Peterson"), a
 *  score ("Washington 6-3"), a speech verb ("Robertson said"). Notes person, institution and
 *  organization names in `scan`. */
function rightNeighbourRejects(
  scan: PlaceScan,
  j: number,
  key: string,
  surface: string,
  single: boolean,
  strong: boolean,
  isCountry: boolean,
  prev: Token | undefined,
  next: Token,
): boolean {
  const { tokens, gaz, w } = scan;
  const n = bare(next);
  if (isCapitalized(next) && !w.runBreakers.has(n)) {
    if (w.organizationWords.has(n)) {
      scan.organizationPlaceKeys.add(key);
      return true;
    }
    if (w.facilityWords.has(n)) {
      // "Paris Road" is a street, but "Florida Highway Patrol" is the state's office
      const office = tokens[j + 2];
      if (!office || office.sentence !== next.sentence || !isCapitalized(office) || !w.institutionWords.has(bare(office))) return true;
    }
    // "Jordan Peterson spoke", "Chad Smith said": even a country's name, alone before one
    // more name and with no article or preposition before it, is a given name. Offices
    // ("U.S. Attorney", "Alaska Gov. Sarah Palin") and institutions keep the place.
    if (
      single &&
      strong &&
      !surface.endsWith('.') && // "Harrisburg, Pa. Smith said": an abbreviation is no given name
      next.pos === 'PROPN' &&
      !w.institutionWords.has(n) &&
      !w.titles.has(n) &&
      !gaz.isCountryOrAdmin1(n) &&
      !(prev && (DETERMINERS.has(prev.normal) || w.locativeWords.has(bare(prev)) || isCapitalized(prev)))
    ) {
      const after = tokens[j + 2];
      if (!after || after.sentence !== next.sentence || !isCapitalized(after)) return true;
    }
    if (w.institutionWords.has(n) || ADMIN2_WORDS.has(n) || ADMIN1_WORDS.has(n)) scan.institutionKeys.add(key);
    if (!strong && !w.institutionWords.has(n) && !gaz.isCountryOrAdmin1(n) && !ADMIN2_WORDS.has(n) && !ADMIN1_WORDS.has(n)) {
      // "Jordan Peterson", "Paris Hilton": a one-word small place before a name is a
      // first name; "Laurel County Clerk" is a county's office.
      if (single && (next.pos === 'PROPN' || next.pos === 'NOUN' || next.pos === 'ADJ')) {
        scan.personKeys.add(key);
        return true;
      }
    }
  } else if (SCORE_RE.test(next.text) && !isCountry) {
    return true; // "Washington 6-3": a team in a results line
  } else if (LOWERCASE_ROAD_WORDS.has(n)) {
    return true;
  } else if (single && !strong && SPEECH_VERBS.has(n)) {
    scan.personKeys.add(key); // "Robertson said"
    return true;
  }
  return false;
}

/** Whether a word of place stands before the name ("in", "in the", "in northern"). */
function isLocative(w: ContextWords, prev: Token, prevPrev: Token | undefined, weak: boolean): boolean {
  const p = bare(prev);
  if (w.locativeWords.has(p)) return true;
  // "at the University", "in the City": a common noun, not evidence for a weak name
  if (weak) return false;
  return (p === 'the' || w.directionWords.has(p)) && prevPrev !== undefined && w.locativeWords.has(bare(prevPrev));
}

/** A sentence's first word is a place when the document uses the same name as one elsewhere. */
function acceptSentenceInitial(scan: PlaceScan): void {
  const { matches, sentenceInitial } = scan;
  const acceptedKeys = new Set<string>();
  for (let k = 0; k < matches.length; k++) acceptedKeys.add(matches[k]!.key);
  for (let k = 0; k < sentenceInitial.length; k++) {
    const s = sentenceInitial[k]!;
    if (!acceptedKeys.has(s.key)) continue;
    const candidates = scan.gaz.lookup(s.key);
    matches.push(newMatch(s.i, s.j, scan.tokens[s.i]!.start, s.spanEnd, s.key, candidates, false, false, false));
  }
}

const BETWEEN_NESTED_RE = /^\s*,\s*$|^\s+in\s+$|^\s*\(\s*$|^\s*,\s*in\s+$/;

/** Evidence between neighbouring places: "Hyderabad, Sindh", "a checkpoint in Quetta,
 *  Pakistan", "Sindh province". Sorts scan.matches by position. */
function addNeighbourEvidence(scan: PlaceScan): void {
  const { text, tokens, matches } = scan;
  matches.sort(byStart);
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    const after = m.last >= 0 ? tokens[m.last + 1] : undefined;
    if (after && after.start >= m.end) addKindWordBonus(m, bare(after));
    const n = matches[k + 1];
    if (!n) continue;
    const between = text.slice(m.end, n.start);
    if (!BETWEEN_NESTED_RE.test(between)) continue;
    // "Arkansas, California, Louisiana, Missouri, Nevada": in a list of places, a state's
    // or a country's name followed by another is the next item, not "Louisiana, Missouri"
    // the town ("Springfield, Greene County, Missouri" still nests: Springfield is a town).
    if (COMMA_RE.test(between) && isRegionFirst(m.candidates) && isListed(text, matches, k)) continue;
    addContainmentBonus(m, n);
    if (m.weak) m.weak = false;
  }
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

/** "Sindh province", "Laurel County", "Quetta city": the readings of that kind gain. */
function addKindWordBonus(m: Match, word: string): void {
  const kind = ADMIN1_WORDS.has(word) ? 1 : ADMIN2_WORDS.has(word) ? 2 : CITY_WORDS.has(word) ? 3 : 0;
  if (kind === 0) return;
  const candidates = m.candidates;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    const f = c.feature;
    if (kind === 1 ? f === 'ADM1' || featurePrior(c) === 7 : kind === 2 ? f === 'ADM2' || f === 'ADM1' : f.startsWith('PPL')) {
      m.bonus.set(c.index, (m.bonus.get(c.index) ?? 0) + (kind === 3 ? 3 : 5));
    }
  }
}

/** Whether match k stands in a list of places (a comma or "and" from its neighbours). */
function isListed(text: string, matches: readonly Match[], k: number): boolean {
  const m = matches[k]!;
  const n = matches[k + 1]!;
  const before = matches[k - 1];
  const after = matches[k + 2];
  return (
    (before !== undefined && LIST_GAP_RE.test(text.slice(before.end, m.start))) ||
    (after !== undefined && LIST_GAP_RE.test(text.slice(n.end, after.start)))
  );
}

/** Inner (m) is contained by outer (n): both get the reading that makes it true. */
function addContainmentBonus(m: Match, n: Match): void {
  for (let a = 0; a < m.candidates.length; a++) {
    const inner = m.candidates[a]!;
    for (let b = 0; b < n.candidates.length; b++) {
      const outer = n.candidates[b]!;
      if (contains(outer, inner)) {
        m.bonus.set(inner.index, Math.max(m.bonus.get(inner.index) ?? 0, 12));
        n.bonus.set(outer.index, Math.max(n.bonus.get(outer.index) ?? 0, 8));
      }
    }
  }
}

/** A dateline names a city ("WASHINGTON —" is the capital, not the state), in the region its
 *  ", Pakistan" part names. */
function addDatelineBonuses(scan: PlaceScan): void {
  const { matches, datelines } = scan;
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    if (!m.dateline) continue;
    for (let a = 0; a < m.candidates.length; a++) {
      const c = m.candidates[a]!;
      if (c.feature.startsWith('PPL')) m.bonus.set(c.index, (m.bonus.get(c.index) ?? 0) + 4);
    }
  }
  for (let k = 0; k < datelines.length; k++) {
    const d = datelines[k]!;
    if (!d.region) continue;
    const m = datelineMatchAt(matches, d.start);
    if (!m) continue;
    const outers = scan.gaz.lookup(d.region);
    for (let a = 0; a < outers.length; a++) {
      for (let b = 0; b < m.candidates.length; b++) {
        const inner = m.candidates[b]!;
        if (contains(outers[a]!, inner)) m.bonus.set(inner.index, 12);
      }
    }
  }
}

function datelineMatchAt(matches: readonly Match[], start: number): Match | undefined {
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    if (m.dateline && m.start === start) return m;
  }
  return undefined;
}

/** The matches kept: weak names only with evidence somewhere in the document; no person
 *  names. */
function keptMatches(scan: PlaceScan): Match[] {
  const { matches, w } = scan;
  const evidenced = new Set<string>();
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    if (m.locative || m.dateline || m.bonus.size > 0) evidenced.add(m.key);
  }
  const kept: Match[] = [];
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    if (m.candidates.length === 0) continue;
    // "in March", "on Sunday": a month or a day named like a town is a place only in
    // "March, Cambridgeshire" or a dateline
    if (w.runBreakers.has(m.key) && m.bonus.size === 0 && !m.dateline) continue;
    if (m.weak && !evidenced.has(m.key)) continue;
    // a person's name, unless the document also uses it as a place
    if (scan.personKeys.has(m.key) && !m.locative && !m.dateline && !evidenced.has(m.key) && !scan.institutionKeys.has(m.key)) continue;
    kept.push(m);
  }
  return kept;
}

/** The kept matches by name, and the names seen only inside organizations: those take part
 *  in resolution (they vote and are voted for) but are not emitted; a name that is also a
 *  place of the story is already a group. */
function groupMatches(scan: PlaceScan, kept: readonly Match[]): Map<string, Match[]> {
  const groups = new Map<string, Match[]>();
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k]!;
    let g = groups.get(m.key);
    if (!g) groups.set(m.key, (g = []));
    g.push(m);
  }
  for (const key of scan.organizationPlaceKeys) {
    if (groups.has(key) || scan.w.notPlaces.has(key)) continue;
    const candidates = scan.gaz.lookup(key);
    if (candidates.length === 0) continue;
    groups.set(key, [newMatch(-1, -1, -1, -1, key, candidates, false, false, false)]);
  }
  return groups;
}

/** Names sharing words with each name ("Dublin" / "Dublin City"), from sharedNamePairs. */
function relatedKeysOf(groupKeys: readonly string[], related: Uint8Array): Map<string, string[]> {
  const relatedKeys = new Map<string, string[]>();
  for (let a = 0; a < groupKeys.length; a++) {
    for (let b = a + 1; b < groupKeys.length; b++) {
      if (!related[a * groupKeys.length + b]) continue;
      addRelated(relatedKeys, groupKeys[a]!, groupKeys[b]!);
      addRelated(relatedKeys, groupKeys[b]!, groupKeys[a]!);
    }
  }
  return relatedKeys;
}

function addRelated(relatedKeys: Map<string, string[]>, x: string, y: string): void {
  let list = relatedKeys.get(x);
  if (!list) relatedKeys.set(x, (list = []));
  list.push(y);
}

const NO_TOTALS = new Map<string, number>();
const NO_CANDIDATES: Candidate[] = [];

/**
 * Each name's reading: round 0 by priors only, then two rounds with the votes of the other
 * names' readings. Demonyms are not places, but "Georgian officials" says which Georgia the
 * story is about: each country named by a capitalized demonym counts as one more name in
 * that country; a dateline's country weighs too.
 */
function chooseReadings(
  groups: Map<string, Match[]>,
  kept: readonly Match[],
  coherence: Map<string, Map<number, number>>,
  relatedKeys: Map<string, string[]>,
  demonymCountries: Set<string>,
): Map<string, Candidate> {
  const datelineCountries = new Set<string>();
  const chosen = new Map<string, Candidate>();
  for (const [key, group] of groups) chosen.set(key, choose(group, coherence, NO_TOTALS, NO_TOTALS, NO_CANDIDATES, datelineCountries));
  addDatelineCountries(kept, chosen, datelineCountries);
  for (let round = 0; round < 2; round++) {
    // Context from the other names; a name does not vouch for itself, nor for a longer
    // or shorter name of the same words ("Dublin" and "Dublin City").
    const countryTotals = new Map<string, number>();
    for (const cc of demonymCountries) countryTotals.set(cc, 1);
    const admin1Totals = new Map<string, number>();
    for (const c of chosen.values()) {
      if (c.cc) countryTotals.set(c.cc, (countryTotals.get(c.cc) ?? 0) + 1);
      if (c.admin1) admin1Totals.set(c.admin1, (admin1Totals.get(c.admin1) ?? 0) + 1);
    }
    const next = new Map<string, Candidate>();
    for (const [key, group] of groups) {
      const excluded = [chosen.get(key)!];
      const others = relatedKeys.get(key);
      if (others !== undefined) for (let k = 0; k < others.length; k++) excluded.push(chosen.get(others[k]!)!);
      next.set(key, choose(group, coherence, countryTotals, admin1Totals, excluded, datelineCountries));
    }
    for (const [key, c] of next) chosen.set(key, c);
    datelineCountries.clear();
    addDatelineCountries(kept, chosen, datelineCountries);
  }
  return chosen;
}

function addDatelineCountries(kept: readonly Match[], chosen: Map<string, Candidate>, datelineCountries: Set<string>): void {
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k]!;
    if (m.dateline) datelineCountries.add(chosen.get(m.key)!.cc);
  }
}

/**
 * The best reading of a name: prior, local evidence, coherence, and the votes of the other
 * names' current readings (document totals less the votes in `excluded`: the name's own
 * and those of names sharing its words).
 */
function choose(
  group: readonly Match[],
  coherence: Map<string, Map<number, number>>,
  countryTotals: Map<string, number>,
  admin1Totals: Map<string, number>,
  excluded: readonly Candidate[],
  datelineCountries: Set<string>,
): Candidate {
  let best: Candidate | null = null;
  let bestScore = -Infinity;
  const groupCoherence = coherence.get(group[0]!.key);
  const candidates = group[0]!.candidates;
  for (let a = 0; a < candidates.length; a++) {
    const c = candidates[a]!;
    let score = priorScore(c);
    let local = 0;
    for (let k = 0; k < group.length; k++) local = Math.max(local, group[k]!.bonus.get(c.index) ?? 0);
    score += local;
    score += groupCoherence?.get(c.index) ?? 0;
    let cw = c.cc ? (countryTotals.get(c.cc) ?? 0) : 0;
    let aw = c.admin1 ? (admin1Totals.get(c.admin1) ?? 0) : 0;
    for (let k = 0; k < excluded.length; k++) {
      const x = excluded[k]!;
      if (c.cc && x.cc === c.cc) cw--;
      if (c.admin1 && x.admin1 === c.admin1) aw--;
    }
    if (c.cc) score += 3 * Math.min(3, Math.max(0, cw));
    score += 3 * Math.min(2, Math.max(0, aw));
    if (datelineCountries.has(c.cc)) score += 3;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best!;
}

/** The places of the kept matches (in their chosen readings) and the natural features. */
function emitPlaces(scan: PlaceScan, kept: readonly Match[], chosen: Map<string, Candidate>): Place[] {
  const { text, gaz, naturalFeatures } = scan;
  const places: Place[] = [];
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k]!;
    const c = preferCityOverNamesake(chosen.get(m.key)!, m.candidates);
    places.push({
      text: text.slice(m.start, m.end),
      start: m.start,
      end: m.end,
      name: c.name,
      lat: c.lat,
      lon: c.lon,
      country: c.cc ? gaz.alpha3(c.cc) : null,
      feature: c.feature,
      geonameid: c.geonameid,
      ...(m.dateline ? { dateline: true } : {}),
    });
  }
  if (naturalFeatures.length === 0) return places;
  for (let k = 0; k < naturalFeatures.length; k++) {
    const f = naturalFeatures[k]!;
    const surface = text.slice(f.start, f.end);
    places.push({ text: surface, start: f.start, end: f.end, name: surface, lat: null, lon: null, country: null, feature: f.feature, geonameid: null });
  }
  return places.sort(byStart);
}

/** Whether a river, lake or park's generic word ("Neches River", "Zion National Park")
 *  stands in tokens [from, to) (by their bits from readTokens). */
function genericWordWithin(bits: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ((bits[k]! & GENERIC) !== 0) return true;
  return false;
}

/** Famous enough that a neighbouring capitalized word does not make it a person's name
 *  ("Minnesota House", "Egypt Dan Kurtzer"), though a title still does ("Mr. Paris"). */
function isStrong(candidates: readonly Candidate[]): boolean {
  for (const c of candidates) {
    // a county's population is the sum of its towns': that does not make its name famous
    if ((c.population >= 100_000 && c.feature !== 'ADM2') || c.feature === 'PCLI' || c.feature === 'PPLC') return true;
    if (featurePrior(c) === 7) return true;
  }
  return false;
}

const STRONG = 1;
const COUNTRY = 2;
const COUNTRY_OR_ADMIN1 = 4;
/** What judge() asks of a name's readings, once per candidate list (the gazetteer shares a
 *  name's list between calls; the flags are a pure function of it). */
const flagsOfCandidates = new WeakMap<readonly Candidate[], number>();

function candidateFlags(candidates: readonly Candidate[]): number {
  let flags = flagsOfCandidates.get(candidates);
  if (flags === undefined) {
    flags = isStrong(candidates) ? STRONG : 0;
    if (candidates.some((c) => c.feature === 'PCLI')) flags |= COUNTRY;
    if (candidates.some((c) => c.feature === 'PCLI' || c.feature === 'ADM1')) flags |= COUNTRY_OR_ADMIN1;
    flagsOfCandidates.set(candidates, flags);
  }
  return flags;
}

/** SINGLE_CAP_ABBREVIATION_RE.test(word) for an ASCII word: a capital, one to four
 *  lower-case letters and a full stop ("Ga.", "Tenn."). */
function isAsciiAbbreviation(word: string): boolean {
  const n = word.length;
  if (n < 3 || n > 6 || word.charCodeAt(n - 1) !== 46) return false;
  const c = word.charCodeAt(0);
  if (c < 65 || c > 90) return false;
  for (let k = 1; k < n - 1; k++) {
    const d = word.charCodeAt(k);
    if (d < 97 || d > 122) return false;
  }
  return true;
}

/** Bits per token: it starts with a capital letter; it is a river, lake or park's generic
 *  word ("River", "Creek", "Mountains", "Canyon", "National"); it is a word after an elided
 *  French article ("d'Ivoire"). */
const CAPITAL = 1;
const GENERIC = 2;
const ELIDED = 4;
/** The bits of the document being read, reused from document to document (a typed array
 *  made per document costs more than filling it); sized for long articles (a 100 KB article
 *  has ~24k tokens), since growing it is a branch that deoptimizes readTokens when first taken. */
let tokenBits = new Uint8Array(32768);

/** The bits of every token, and the countries named by capitalized demonyms ("Georgian
 *  officials"), added to `demonymCountries` in order of first use. A function of its own so
 *  V8 optimizes the loop early. */
function readTokens(tokens: readonly Token[], gaz: Gazetteer, demonymCountries: Set<string>): Uint8Array {
  if (tokenBits.length < tokens.length) tokenBits = new Uint8Array(tokens.length + (tokens.length >> 1));
  const bits = tokenBits;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isCapitalized(t)) {
      // (tested here, once per token, rather than in longestNameAt, whose compiled code the
      // regex test deoptimized at the first such word)
      bits[i] = isElided(t.text) ? ELIDED : 0;
      continue;
    }
    const word = t.text;
    // the generic words start with C, M, N or R: one character code rules most words out
    const c = word.charCodeAt(0);
    bits[i] = (c === 67 || c === 77 || c === 78 || c === 82) && (NATURAL_SUFFIXES.has(word) || word === 'National') ? CAPITAL | GENERIC : CAPITAL;
    const cc = gaz.demonyms.get(t.normal);
    if (cc) demonymCountries.add(cc);
  }
  return bits;
}

/** "Kabul" is the city before the province named after it (a big city inside its namesake). */
function preferCityOverNamesake(best: Candidate, candidates: readonly Candidate[]): Candidate {
  if (best.feature !== 'ADM1' && best.feature !== 'ADM2') return best;
  let city: Candidate | null = null;
  for (const c of candidates) {
    if (!c.feature.startsWith('PPL') || c.admin1 !== best.admin1 || c.population < 100_000) continue;
    if (foldName(c.name) !== foldName(best.name)) continue;
    if (!city || c.population > city.population) city = c;
  }
  return city ?? best;
}

/** Features that are points on a local map (towns, counties, landmarks): their readings
 *  vouch for each other when close. Countries, continents and broad regions do not. */
function isLocalFeature(feature: string): boolean {
  return feature.startsWith('PPL') || feature === 'ADM2' || feature === 'LCTY' || feature === 'AIRP' || feature === 'BLDG';
}

/** How far below a name's best prior-and-local score a reading may be and still vouch for
 *  its neighbours ("Henry County" in Tennessee for "Paris"). */
const VIABLE_MARGIN = 5;
/** Readings of two names closer than this (km) support each other, linearly less with distance. */
const NEAR_KM = 100;
/** Bonus per fully supporting name, and the cap on the sum. */
const COHERENCE_WEIGHT = 4;
const COHERENCE_CAP = 8;
const GRID_DEGREES = 1;
const KM_PER_DEGREE = 111.2;

/**
 * Spatial coherence among the names of a document: local news names several small places
 * near each other ("Rogersville", "Logan", "Greene County", "Webster County" are all in
 * south-west Missouri), while each name alone has namesakes in a dozen states. A reading of
 * a name gains for every other name that has a plausible reading within NEAR_KM of it (or,
 * for an admin-1 reading, inside it), so the readings that cluster win over the merely
 * populous ones. Plausible = within VIABLE_MARGIN of that name's best score before context,
 * so a town never vouches for a namesake of a country ("Peru, Indiana" for "Lima").
 * Names sharing words ("Dublin", "Dublin City") do not vouch for each other.
 * Returns, per name key, candidate index -> bonus.
 */
function spatialCoherence(
  groups: Map<string, Match[]>,
  keys: string[],
  related: Uint8Array,
): Map<string, Map<number, number>> {
  const result = new Map<string, Map<number, number>>();
  if (keys.length < 2) return result;
  const grid = new Map<number, GridPoint[]>();
  /** admin-1 code -> groups with a plausible reading that is that admin-1 region */
  const admin1Groups = new Map<string, number[]>();
  /** country code -> groups with a plausible place or admin-1 reading in that country */
  const countryMembers = new Map<string, number[]>();
  /** per group, the reading that scores best before context */
  const topReading = new Int32Array(keys.length).fill(-1);
  for (let g = 0; g < keys.length; g++) {
    placePlausibleReadings(groups.get(keys[g]!)!, g, topReading, grid, admin1Groups, countryMembers);
  }
  // related[g * n + h]: names sharing words do not vouch for each other
  // the places inside each admin-1 region, found once
  const groupsInAdmin1 = new Map<string, number[]>();
  for (const list of grid.values()) {
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (!p.admin1) continue;
      let inside = groupsInAdmin1.get(p.admin1);
      if (!inside) groupsInAdmin1.set(p.admin1, (inside = []));
      if (!inside.includes(p.group)) inside.push(p.group);
    }
  }
  const support = new Support(keys.length);
  for (let g = 0; g < keys.length; g++) {
    const key = keys[g]!;
    const candidates = groups.get(key)![0]!.candidates;
    const bonuses = new Map<number, number>();
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (isLocalFeature(c.feature)) {
        supportNearby(support, grid, c, g);
        // inside a plausible admin-1 reading of another name ("Gainesville" and "Georgia")
        const regions = c.admin1 ? admin1Groups.get(c.admin1) : undefined;
        if (regions) supportAllBut(support, regions, g);
      } else if (c.feature === 'ADM1' && c.admin1) {
        // an admin-1 reading is supported by plausible places inside it
        const inside = groupsInAdmin1.get(c.admin1);
        if (inside) supportAllBut(support, inside, g);
      } else if (c.feature === 'PCLI') {
        // a country is supported by plausible places inside it, as a region is ("Taiwan"
        // the country, not its namesake province, next to "Kaohsiung")
        const members = countryMembers.get(c.cc);
        if (members) supportAllBut(support, members, g);
      }
      if (support.touched.length === 0) continue;
      const total = support.collect(related, g * keys.length);
      if (total > 0) bonuses.set(c.index, Math.min(COHERENCE_CAP, COHERENCE_WEIGHT * total));
    }
    keepRegionFirst(candidates, topReading[g]!, bonuses);
    if (bonuses.size) result.set(key, bonuses);
  }
  return result;
}

/** A plausible local reading of a name, filed in its grid cell of spatialCoherence. */
class GridPoint {
  constructor(
    readonly group: number,
    readonly index: number,
    readonly lat: number,
    readonly lon: number,
    readonly admin1: string,
  ) {}
}

function gridCellOf(lat: number, lon: number): number {
  return Math.floor((lat + 90) / GRID_DEGREES) * 1000 + Math.floor((lon + 180) / GRID_DEGREES);
}

/** Per-name scores before context (prior plus best local bonus), reused across calls. */
const readingScores: number[] = [];

/** Files the plausible readings of name g (within VIABLE_MARGIN of its best score before
 *  context) in the grid, the admin-1 regions and the countries; notes its top reading. */
function placePlausibleReadings(
  group: Match[],
  g: number,
  topReading: Int32Array,
  grid: Map<number, GridPoint[]>,
  admin1Groups: Map<string, number[]>,
  countryMembers: Map<string, number[]>,
): void {
  const candidates = group[0]!.candidates;
  const scores = readingScores;
  scores.length = 0;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    let local = 0;
    for (let j = 0; j < group.length; j++) local = Math.max(local, group[j]!.bonus.get(c.index) ?? 0);
    scores.push(priorScore(c) + local);
  }
  let best = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k]! > best) {
      best = scores[k]!;
      topReading[g] = candidates[k]!.index;
    }
  }
  for (let k = 0; k < candidates.length; k++) {
    if (scores[k]! < best - VIABLE_MARGIN) continue;
    const c = candidates[k]!;
    if (c.cc && (c.feature === 'ADM1' || isLocalFeature(c.feature))) {
      let members = countryMembers.get(c.cc);
      if (!members) countryMembers.set(c.cc, (members = []));
      if (members.length === 0 || members[members.length - 1] !== g) members.push(g);
    }
    if (c.feature === 'ADM1' && c.admin1) {
      let list = admin1Groups.get(c.admin1);
      if (!list) admin1Groups.set(c.admin1, (list = []));
      if (list.length === 0 || list[list.length - 1] !== g) list.push(g);
    } else if (isLocalFeature(c.feature)) {
      const cell = gridCellOf(c.lat, c.lon);
      let list = grid.get(cell);
      if (!list) grid.set(cell, (list = []));
      list.push(new GridPoint(g, c.index, c.lat, c.lon, c.admin1));
    }
  }
}

/** The support other names give one reading: the strongest per name, summed at the end. */
class Support {
  readonly amount: Float64Array;
  /** the names with support, in the order they first got it */
  readonly touched: number[] = [];
  constructor(names: number) {
    this.amount = new Float64Array(names);
  }
  add(h: number, amount: number): void {
    if (this.amount[h] === 0) this.touched.push(h);
    if (amount > this.amount[h]!) this.amount[h] = amount;
  }
  /** The sum over names not related to this one (row `rowStart` of the related matrix); clears. */
  collect(related: Uint8Array, rowStart: number): number {
    let total = 0;
    const touched = this.touched;
    for (let k = 0; k < touched.length; k++) {
      const h = touched[k]!;
      if (!related[rowStart + h]) total += this.amount[h]!;
      this.amount[h] = 0;
    }
    touched.length = 0;
    return total;
  }
}

function supportAllBut(support: Support, names: number[], g: number): void {
  for (let k = 0; k < names.length; k++) if (names[k] !== g) support.add(names[k]!, 1);
}

/** Readings of other names in the 3x3 grid cells around c support it, less with distance. */
function supportNearby(support: Support, grid: Map<number, GridPoint[]>, c: Candidate, g: number): void {
  const row = Math.floor((c.lat + 90) / GRID_DEGREES);
  const col = Math.floor((c.lon + 180) / GRID_DEGREES);
  const cosLat = Math.cos((c.lat * Math.PI) / 180);
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const list = grid.get((row + dr) * 1000 + col + dc);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const p = list[k]!;
        if (p.group === g || p.index === c.index) continue;
        const dy = (p.lat - c.lat) * KM_PER_DEGREE;
        const dx = (p.lon - c.lon) * KM_PER_DEGREE * cosLat;
        const km = Math.sqrt(dx * dx + dy * dy);
        if (km < NEAR_KM) support.add(p.group, 1 - km / NEAR_KM);
      }
    }
  }
}

/** Towns named after a state or a country cluster where their namesakes were founded
 *  ("California", "Nevada", "Louisiana" and "Oregon" are all towns in Missouri): a name
 *  whose first reading is a country or a region does not lose it to a cluster of towns. */
function keepRegionFirst(candidates: readonly Candidate[], top: number, bonuses: Map<number, number>): void {
  let topCandidate: Candidate | undefined;
  for (let k = 0; k < candidates.length; k++) {
    if (candidates[k]!.index === top) {
      topCandidate = candidates[k]!;
      break;
    }
  }
  if (!topCandidate || isLocalFeature(topCandidate.feature)) return;
  let townBest = 0;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (isLocalFeature(c.feature)) townBest = Math.max(townBest, bonuses.get(c.index) ?? 0);
  }
  if (townBest > (bonuses.get(top) ?? 0)) bonuses.set(top, townBest);
}

/** Which names are others with more words ("Dublin" / "Dublin City", "Richmond" /
 *  "City of Richmond"): such names are one place mentioned twice and do not vouch for
 *  each other. A symmetric matrix over every pair of keys (related[a * n + b]); each key
 *  is padded once rather than once per pair. */
function sharedNamePairs(keys: string[]): Uint8Array {
  const n = keys.length;
  const related = new Uint8Array(n * n);
  const padded = keys.map((k) => ` ${k} `);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const la = keys[a]!.length;
      const lb = keys[b]!.length;
      if (la === lb) continue;
      const shared = la < lb ? padded[b]!.includes(padded[a]!) : padded[a]!.includes(padded[b]!);
      if (shared) related[a * n + b] = related[b * n + a] = 1;
    }
  }
  return related;
}

/** Whether a name's most likely reading before context is a country or an admin-1 region. */
function isRegionFirst(candidates: readonly Candidate[]): boolean {
  let best: Candidate | null = null;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const score = priorScore(c);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best !== null && (best.feature === 'PCLI' || best.feature === 'ADM1');
}
