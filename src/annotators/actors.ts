// The actor annotator: finds every mention of a political actor and codes it (country +
// role) on the date it is about. Steps, all linear in the document:
//  1. match knowledge-base phrases (names, aliases, demonyms, capitals, metonyms, agent
//     words) with a token trie, longest match first; find capitalized names the KB lacks;
//  2. join neighbouring pieces into chunks ("acting Sudanese Foreign Minister Ali al-Sadiq",
//     "Poland's parliament", "rebels in the Ivory Coast") and code each chunk;
//  3. group mentions into actors (same KB entry, same composed code, same unknown name or
//     its surname) and resolve "he"/"she"/"the group"/"the militants" to a recent actor.
// The date rule, then-/former/ex- and composition are documented in docs/actors.md.
import type { Actor, ActorMention, Token } from '../document/types.js';
import type { AnnotateOptions, AnnotationContext } from '../pipeline/context.js';
import { formerCode, loadKnowledgeBase, normalizeIsoDate, resolveCode, tokenParts } from '../kb/index.js';
import type { KbEntry, KnowledgeBase, PhraseTarget, TrieNode } from '../kb/index.js';
import { firstEndingAfter } from '../util/search.js';
import { leaderOf } from '../util/counts.js';

// ---------------------------------------------------------------- word classes

/** Tokens allowed between a country word and the agent it qualifies ("Nigerian junior foreign minister"). */
const MODIFIER_POS = new Set(['ADJ', 'NUM', 'ADV']);
const LOCATIVE = new Set(['in', 'at', 'near', 'into', 'across', 'outside', 'around', 'towards', 'toward', 'inside', 'throughout', 'within']);
/** "agent of/in/from COUNTRY" gives the agent its country ("president of Armenia"). */
const AGENT_COUNTRY_PREP = new Set(['of', 'in', 'from', 'at']);
/** "Vietnamese-led forces": a country word may end inside a hyphenated token before these. */
const HYPHEN_SUFFIXES = new Set(['led', 'backed', 'based', 'born', 'run', 'owned', 'dominated', 'allied', 'controlled', 'sponsored', 'supported', 'funded']);
/** Participles between an agent and "in COUNTRY" that keep the country the agent's. */
const LOCATED = new Set(['based', 'stationed', 'headquartered', 'deployed', 'operating', 'active', 'living']);
const DEFINITE = new Set(['the', 'these', 'those', 'this', 'that']);
const NAME_CONNECTORS = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'de', 'da', 'dos', 'du', 'van', 'von', 'der', 'la', 'le', 'ul', 'ud', 'bint']);
const MONTHS_DAYS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
/** Endings of plural nouns, gerunds and adjectives ("Clashes", "Planning", "Humanitarian"). */
const COMMON_WORD_SHAPE = /(?:[^su]s|ing|ian|al|ic|ive|ous|ary|ment|tion|sion|ity|ness|ers)$/;
/** First and last words of names of natural features and sites, which are places, not actors. */
const FEATURE_FIRST_WORDS = new Set(['mount', 'mt.', 'lake', 'cape', 'gulf', 'bay', 'isle', 'port', 'operation']);
const FEATURE_LAST_WORDS = new Set([
  'sea', 'ocean', 'river', 'lake', 'mountain', 'mountains', 'hills', 'island', 'islands', 'peninsula', 'desert', 'valley', 'strait',
  'plaza', 'square', 'street', 'avenue', 'road', 'bridge', 'highway', 'canal', 'park', 'province', 'district', 'county', 'hall', 'tower',
]);
/** Capitalized words that are not names even when tagged PROPN. */
const NOT_NAMES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sir', 'the', 'a', 'an', 'i', 'but', 'and', 'or', 'if', 'when', 'it', 'he', 'she', 'they', 'we',
  'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'in', 'on', 'at', 'for', 'with', 'after', 'before',
  'reuters', 'ap', 'afp', 'upi', 'tass', 'xinhua', 'god', 'islam', 'muslims', 'christians', 'utc', 'gmt',
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'ethnic',
  'hundreds', 'thousands', 'dozens', 'millions', 'scores', 'tens',
]);
/** Last words that make a capitalized name an organization rather than a person. */
const ORG_HEADS = new Set([
  'party', 'front', 'union', 'council', 'commission', 'commision', 'association', 'movement', 'army', 'forces', 'organization',
  'organisation', 'committee', 'group', 'ministry', 'university', 'court', 'assembly', 'agency', 'league', 'alliance',
  'brigade', 'brigades', 'corps', 'bank', 'company', 'corporation', 'institute', 'forum', 'office', 'federation',
  'coalition', 'congress', 'authority', 'service', 'fund', 'society', 'network', 'police', 'guard', 'school', 'college',
  'times', 'post', 'news', 'tribune', 'herald', 'journal', 'prensa', 'press', 'foundation', 'centre', 'center', 'club',
  'board', 'department', 'patrol', 'house', 'church', 'parliament', 'senate', 'airlines', 'airways', 'inc', 'ltd', 'corp',
  'museum', 'hospital', 'airport', 'institution', 'secretariat', 'directorate', 'bureau', 'administration', 'regime',
  'government', 'cabinet', 'mission', 'programme', 'program', 'fund', 'world', 'media', 'television', 'radio', 'agency',
  'mail', 'gazette', 'daily', 'observer', 'chronicle', 'courier', 'monitor', 'mirror', 'telegraph',
]);
const PERSON_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'gen', 'col', 'lt', 'maj', 'capt', 'sgt', 'sen', 'rep', 'gov', 'pres', 'prof', 'sheikh', 'mullah', 'maulana', 'imam']);
const PRONOUNS_PERSON = new Set(['he', 'she', 'him']);
const PRONOUN_GENDER = new Map<string, 'm' | 'f'>([['he', 'm'], ['him', 'm'], ['she', 'f']]);
/** Common nouns for a woman or a man ("his mother", "the widow"): antecedents of she/he that are not actors. */
const GENDERED_NOUNS = new Map<string, 'm' | 'f'>([
  ...['mother', 'wife', 'daughter', 'sister', 'widow', 'woman', 'girl', 'grandmother', 'fiancée', 'fiancee', 'aunt', 'niece'].map((w) => [w, 'f'] as const),
  ...['father', 'husband', 'son', 'brother', 'widower', 'man', 'boy', 'grandfather', 'fiancé', 'uncle', 'nephew'].map((w) => [w, 'm'] as const),
]);
/** Titles that make a name a person in office: only these borrow the document's country. */
const OFFICE_ROLES = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'COP', 'SPY']);
/** Words between a name's comma and its appositive title ("X, the minister", "X, of the council"). */
/** Roles of titles that may name a public office in another sense ("Chief Executive" of Hong Kong). */
const AMBIGUOUS_TITLE_ROLES = new Set(['BUS', 'EDU', 'MED', 'HLH', 'LAB', 'AGR', 'CVL']);
/** Groups whose name before a title and a person makes the person speak for the group. */
const TITLE_GROUP_KINDS = new Set(['armed-group', 'organization']);
/** Verbs that describe a place rather than tell an act of it. */
const STATIVE_LEMMAS = new Set(['be', 'have', 'become', 'remain', 'seem', 'include', 'contain', 'border', 'lie', 'sit']);
/** "Ambassador to Germany", "Envoy for Iran": the country of a post abroad. */
const HOST_PREPOSITIONS = new Set(['to', 'for']);
/** Diplomatic posts, which serve abroad: "in COUNTRY" after them is the host. */
const DIPLOMATIC_POSTS = new Set(['embassy', 'consulate', 'ambassador', 'envoy', 'diplomat', 'consul', 'mission', 'delegation', 'emissary']);
/** KB kinds a title can serve ("spokesman for the PMF", "envoy of the UN"). */
const SERVED_KINDS = new Set(['armed-group', 'organization', 'igo', 'ngo', 'agency']);
const TITLE_PREPOSITIONS = new Set(['for', 'of', 'to', 'at', 'in']);
const APPOSITION_GLUE = new Set(['the', 'a', 'an', 'of', 'its', 'their']);
const GROUP_NOUNS = new Set(['group', 'organization', 'organisation', 'movement', 'militia', 'outfit']);
/** Person pronouns, group nouns and gendered nouns, for one lookup per token (the sets are disjoint). */
const ANAPHORA_WORDS = new Map<string, 'pronoun' | 'group' | 'm' | 'f'>([
  ...[...PRONOUNS_PERSON].map((w) => [w, 'pronoun'] as const),
  ...[...GROUP_NOUNS].map((w) => [w, 'group'] as const),
  ...GENDERED_NOUNS,
]);
/** KB kinds that head a chunk as themselves ("a Somali al-Shabaab fighter" is al-Shabaab). */
const KINDS_AS_ORG = new Set(['armed-group', 'igo', 'ngo', 'agency', 'organization', 'person', 'metonym']);

// ---------------------------------------------------------------- pieces

type PieceKind = 'entry' | 'agent' | 'name' | 'place';

interface Piece {
  kind: PieceKind;
  /** first and last (inclusive) token indexes */
  first: number;
  last: number;
  target?: PhraseTarget;
  /** capitalized unknown name: the words as written */
  name?: string;
  orgLike?: boolean;
  /** a place from the places layer: its country */
  placeCountry?: string;
  /** "former"/"ex-" or "then-" written before it */
  former?: boolean;
  then?: boolean;
  /** "ethnic Albanians": the word names an ethnicity, not a nationality */
  ethnic?: boolean;
}

/**
 * The document's words split at hyphens ("al-Shabaab" -> al, Shabaab), as parallel arrays
 * (one entry per part, no object per part): the token each comes from, its text as written,
 * its lower-cased key, its sentence and the trie node of the phrases it can start (undefined
 * when no KB phrase starts with it).
 */
interface Parts {
  length: number;
  token: number[];
  text: string[];
  key: string[];
  sentence: number[];
  firstNode: (TrieNode | undefined)[];
}

// ---------------------------------------------------------------- per-word facts

// What the parts need of a token's text alone (its lower-cased key, whether it is split into
// parts, the trie node it starts) is kept per word, in plain arrays indexed by the token's word
// id (the context's wordIds, from src/nlp/english.ts) and filled on first sight: a toLowerCase,
// a signature and a look-up in the trie's root map per token cost more than an array read (a
// Map keyed by the text was no faster than the toLowerCase). Word w is at slot w + 1; slot 0 serves the tokens
// without a word id (token lists made outside the English layer). An entry holds for a token
// only when it was made for the token's text (the English layer reuses its ids after forgetting
// its words), and only for the knowledge base it was made with (its trie nodes).
let factsKb: KnowledgeBase | null = null;
/** firstWordBitsOf(factsKb) */
let factsFirstWordBits: Uint32Array = new Uint32Array(0);
/** The text each slot's facts were made for (null: none yet). */
let factText: (string | null)[] = [];
let factKey: string[] = [];
let factNode: (TrieNode | undefined)[] = [];
let factBits: number[] = [];
/** The token holds a hyphen between other characters: it splits into parts (see tokenParts). */
const FACT_HYPHENATED = 1;
/** A lone dash ("-", "–", "—"): no part at all. */
const FACT_DASH = 2;

/** Forget every word's facts when another knowledge base is in use (its trie nodes differ). */
function useFactsOf(kb: KnowledgeBase): void {
  if (kb === factsKb) return;
  factsKb = kb;
  factsFirstWordBits = firstWordBitsOf(kb);
  factText = [];
  factKey = [];
  factNode = [];
  factBits = [];
}

/** The slot holding the facts of a token's text (made now if the slot holds another word's); wordId -1: none. */
function factSlotOf(kb: KnowledgeBase, text: string, wordId: number): number {
  const slot = wordId + 1;
  if (slot < factText.length && factText[slot] === text) return slot;
  // grown by push, so that the arrays stay packed
  while (factText.length <= slot) {
    factText.push(null);
    factKey.push('');
    factNode.push(undefined);
    factBits.push(0);
  }
  const key = text.toLowerCase();
  factText[slot] = text;
  factKey[slot] = key;
  factNode[slot] = firstNodeOf(kb, key);
  factBits[slot] = text.length > 1 && text.includes('-') ? FACT_HYPHENATED : text === '-' || text === '–' || text === '—' ? FACT_DASH : 0;
  return slot;
}

/** The parts of the tokens; wordIds = the tokens' word ids (the context's wordIds), null when they have none. */
function buildParts(tokens: Token[], wordIds: Int32Array | null, kb: KnowledgeBase): Parts {
  useFactsOf(kb);
  // packed arrays filled by push: one part for most tokens, several for a hyphenated word
  const token: number[] = [];
  const text: string[] = [];
  const key: string[] = [];
  const sentence: number[] = [];
  const firstNode: (TrieNode | undefined)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const tt = t.text;
    const slot = factSlotOf(kb, tt, wordIds === null ? -1 : wordIds[i]!);
    const bits = factBits[slot]!;
    if (bits === 0) {
      token.push(i);
      text.push(tt);
      key.push(factKey[slot]!);
      sentence.push(t.sentence);
      firstNode.push(factNode[slot]);
    } else if (bits === FACT_HYPHENATED) {
      const split = tokenParts(tt);
      for (let k = 0; k < split.length; k++) {
        const partKey = split[k]!.toLowerCase();
        token.push(i);
        text.push(split[k]!);
        key.push(partKey);
        sentence.push(t.sentence);
        firstNode.push(firstNodeOf(kb, partKey));
      }
    }
  }
  return { length: token.length, token, text, key, sentence, firstNode };
}

/** A new piece, every field present (one object shape for all pieces). */
function newPiece(kind: PieceKind, first: number, last: number): Piece {
  return {
    kind,
    first,
    last,
    target: undefined,
    name: undefined,
    orgLike: undefined,
    placeCountry: undefined,
    former: undefined,
    then: undefined,
    ethnic: undefined,
  };
}

const ARTICLES = new Set(['al', 'Al', 'el', 'El', 'AL', 'EL']);

function exactMatches(target: PhraseTarget, parts: Parts, from: number): boolean {
  const exact = target.exact;
  if (!exact) return true;
  for (let k = 0; k < exact.length; k++) {
    const want = exact[k]!;
    const got = parts.text[from + k]!;
    if (want === got) continue;
    // headlines and shouting: an all-capitals word matches a capitalized phrase word
    if (got.length > 3 && got === got.toUpperCase() && got === want.toUpperCase()) continue;
    // the Arabic article is written al/Al/el/El whatever the KB spelling ("Al-Qaeda", "al Qaeda"):
    // the trie matched the part's lower-cased key already
    if (ARTICLES.has(want)) continue;
    // a name written in lower case ("al-Qaeda", "de Mistura") capitalized at a sentence start
    if (k === 0 && want[0] !== want[0]!.toUpperCase() && got[0] === want[0]!.toUpperCase() && got.slice(1) === want.slice(1)) continue;
    return false;
  }
  return true;
}

function bestTarget(node: TrieNode, parts: Parts, from: number): PhraseTarget | null {
  let best: PhraseTarget | null = null;
  const targets = node.targets;
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    if (!exactMatches(t, parts, from)) continue;
    if (!best || t.rank > best.rank) best = t;
  }
  return best;
}

function isDemonymTarget(t: PhraseTarget): boolean {
  return t.via === 'demonym';
}

/**
 * A 16-bit signature of a word (its length and first, second and last characters): words
 * whose signature no first word of a KB phrase has cannot start a phrase, which a bit
 * table tells without a lookup in the trie's (large) root map.
 */
function wordSignature(word: string): number {
  const n = word.length;
  if (n === 0) return 0;
  const h = ((n * 65599 + word.charCodeAt(0)) * 65599 + word.charCodeAt(n > 1 ? 1 : 0)) * 65599 + word.charCodeAt(n - 1);
  return Math.imul(h | 0, 0x9e3779b1) >>> 16;
}

/** Bit table of the signatures of the trie's first words, computed once per knowledge base. */
const firstWordBitsByKb = new WeakMap<KnowledgeBase, Uint32Array>();
function firstWordBitsOf(kb: KnowledgeBase): Uint32Array {
  let bits = firstWordBitsByKb.get(kb);
  if (!bits) {
    bits = new Uint32Array(2048);
    for (const word of kb.trie.next.keys()) {
      const sig = wordSignature(word);
      bits[sig >>> 5] |= 1 << (sig & 31);
    }
    firstWordBitsByKb.set(kb, bits);
  }
  return bits;
}

/** The trie node of the KB phrases whose first word is `key`, if any (kb: the one of useFactsOf). */
function firstNodeOf(kb: KnowledgeBase, key: string): TrieNode | undefined {
  const sig = wordSignature(key);
  if ((factsFirstWordBits[sig >>> 5]! & (1 << (sig & 31))) === 0) return undefined;
  return kb.trie.next.get(key);
}

/** Longest KB/agent match starting at each part, greedy left to right, within sentences. */
function matchPhrases(kb: KnowledgeBase, parts: Parts): Piece[] {
  const pieces: Piece[] = [];
  const n = parts.length;
  const partToken = parts.token;
  const partKey = parts.key;
  const partSentence = parts.sentence;
  const partFirstNode = parts.firstNode;
  const root = kb.trie;
  let i = 0;
  while (i < n) {
    let node: TrieNode | undefined = partFirstNode[i];
    if (!node) {
      i++;
      continue;
    }
    let foundTarget: PhraseTarget | null = null;
    let foundEnd = -1;
    const sentence = partSentence[i]!;
    for (let j = i; ; ) {
      if (node.targets.length) {
        const t = bestTarget(node, parts, i);
        if (t) {
          foundTarget = t;
          foundEnd = j;
        }
      }
      j++;
      if (j >= n || partSentence[j] !== sentence) break;
      node = node.next.get(partKey[j]!);
      if (!node) break;
    }
    if (foundTarget) {
      const first = partToken[i]!;
      const last = partToken[foundEnd]!;
      // a phrase must not start or end inside a token ("ex-minister" is fine: the part "minister" is the phrase)
      const startsInside = i > 0 && partToken[i - 1] === first && !/^ex$/i.test(parts.text[i - 1]!);
      const nextInside = foundEnd + 1 < n && partToken[foundEnd + 1] === last;
      // "Greek-Cypriot", "Afghan-Pakistani": two demonyms in one token; the first gives the country
      const demonymPair = nextInside && foundTarget.via === 'demonym' && !!root.next.get(partKey[foundEnd + 1]!)?.targets.some(isDemonymTarget);
      const endsInside = nextInside && !HYPHEN_SUFFIXES.has(partKey[foundEnd + 1]!) && !demonymPair;
      if (!startsInside && !endsInside && foundTarget.entry?.kind !== 'region') {
        const piece = newPiece(foundTarget.via === 'agent' ? 'agent' : 'entry', first, last);
        piece.target = foundTarget;
        pieces.push(piece);
      }
      i = foundEnd + 1;
      if (!startsInside && !endsInside) while (i < n && partToken[i] === last) i++;
    } else i++;
  }
  return pieces;
}

/** A word that can be part of a name: capitalized letters, with inner dots, apostrophes or hyphens ("O'Brien", "D.C.", "Anti-Corruption"). */
const NAME_TOKEN = /^\p{Lu}[\p{L}\p{M}.]*(?:['’]\p{L}[\p{L}\p{M}]+)?(?:-\p{L}[\p{L}\p{M}]*)*$/u;


function isCapitalized(text: string): boolean {
  return /^\p{Lu}/u.test(text);
}

const WRITTEN_LOWER = 1;
const WRITTEN_CAPITALIZED_MID_SENTENCE = 2;

/**
 * How the document writes each of `words` (normal forms): WRITTEN_LOWER when some token of it
 * starts with a lower-case letter, WRITTEN_CAPITALIZED_MID_SENTENCE when some other token of
 * it is capitalized and not sentence-initial. One scan for all the words a document asks
 * about (a scan per word cost several passes over every document's tokens).
 */
function writtenCasesOf(tokens: Token[], sentenceStart: Uint8Array, words: Set<string>): Map<string, number> {
  const casesByWord = new Map<string, number>();
  for (const word of words) casesByWord.set(word, 0);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const cases = casesByWord.get(t.normal);
    if (cases === undefined) continue;
    // ASCII fast path; other scripts by case mapping
    const code = t.text.charCodeAt(0);
    const isLower = code >= 97 && code <= 122 ? true : code < 128 ? false : t.text[0] !== t.text[0]!.toUpperCase();
    const isUpper = code >= 65 && code <= 90 ? true : code < 128 ? false : t.text[0] !== t.text[0]!.toLowerCase();
    if (isLower) casesByWord.set(t.normal, cases | WRITTEN_LOWER);
    else if (isUpper && sentenceStart[t.index] !== 1) casesByWord.set(t.normal, cases | WRITTEN_CAPITALIZED_MID_SENTENCE);
  }
  return casesByWord;
}

/**
 * Whether a lone sentence-initial PROPN at `at` (whose lemma is its normal) is just the
 * sentence's first word ("Reports", "Humanitarian", "Clashes", "Members") rather than a name,
 * given how the document writes the word elsewhere: it is, when the document also writes it in
 * lower case; it is not, when the document capitalizes it inside a sentence too, when it is a
 * known person's surname ("Mugabe said") or shaped like a name or an acronym, or when a known
 * phrase follows ("Oxford University", "Delhi police"); a one-sentence text gives no other use
 * to compare with: there only common-word shapes are first words.
 */
function isFirstWordOnly(tokens: Token[], at: number, cases: number, covered: Uint8Array, knownSurnames: Map<string, unknown>, multiSentence: boolean): boolean {
  if ((cases & WRITTEN_LOWER) !== 0) return true;
  const t = tokens[at]!;
  if ((cases & WRITTEN_CAPITALIZED_MID_SENTENCE) !== 0 || knownSurnames.has(t.normal) || /^\p{L}[\p{Ll}]*\p{Lu}/u.test(t.text) || /^[\p{Lu}\d&.]{2,}$/u.test(t.text)) return false;
  if (at + 1 < tokens.length && covered[at + 1] && tokens[at + 1]!.sentence === t.sentence) return false;
  return multiSentence || COMMON_WORD_SHAPE.test(t.normal);
}

/** Whether token k can be part of a capitalized name (at a sentence start only a PROPN can). */
function isNameLike(tokens: Token[], covered: Uint8Array, k: number, atStart: boolean): boolean {
  const tk = tokens[k]!;
  // cheap test first: most tokens are not capitalized (ASCII by code, other scripts by case mapping)
  if (covered[k]) return false;
  const code = tk.text.charCodeAt(0);
  if (code < 128 ? code < 65 || code > 90 : tk.text[0] === tk.text[0]!.toLowerCase()) return false;
  if (!NAME_TOKEN.test(tk.text) || NOT_NAMES.has(tk.normal) || MONTHS_DAYS.has(tk.normal)) return false;
  if (tk.pos === 'PROPN') return true;
  return !atStart && (tk.pos === 'NOUN' || tk.pos === 'ADJ' || tk.pos === 'X');
}

/** Whether the capitalized words from token `from` (up to five, in its sentence) end with an organization word. */
function endsWithOrgHead(tokens: Token[], covered: Uint8Array, from: number): boolean {
  let k = from;
  while (k < tokens.length && k - from < 5 && tokens[k]!.sentence === tokens[from]!.sentence && isNameLike(tokens, covered, k, false)) k++;
  return k > from && ORG_HEADS.has(tokens[k - 1]!.normal);
}

/** Capitalized names the KB does not know: runs of PROPN (and capitalized NOUN/ADJ) tokens. */
function findNames(tokens: Token[], covered: Uint8Array, sentenceStart: Uint8Array, knownSurnames: Map<string, unknown>, multiSentence: boolean): Piece[] {
  const pieces: Piece[] = [];
  // lone sentence-initial words whose fate depends on how the document writes them elsewhere:
  // their pieces (by index in `pieces`) and their words, settled by one scan after the loop
  let pending: number[] | null = null;
  let pendingWords: Set<string> | null = null;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // "al-Bashir": a lower-case article joined to a capitalized name
    const articleStart = (t.normal === 'al' || t.normal === 'el') && i + 2 < tokens.length && tokens[i + 1]!.text === '-' && !tokens[i + 1]!.spaceBefore && isNameLike(tokens, covered, i + 2, false);
    if (!articleStart && !isNameLike(tokens, covered, i, sentenceStart[i] === 1)) {
      i++;
      continue;
    }
    let j = articleStart ? i + 2 : i;
    while (j + 1 < tokens.length && tokens[j + 1]!.sentence === t.sentence) {
      const next = tokens[j + 1]!;
      // (a name-like word starts with a capital: never the possessive "'s")
      if (isNameLike(tokens, covered, j + 1, false)) {
        j++;
        continue;
      }
      // "Abu Musab al-Zarqawi", "Union of Teachers": connectors inside a name
      // "Cinema for Peace Foundation", "Center on Budget Priorities": for/on inside an
      // organization's name, when the capitalized words after them end with an organization word
      const connector = NAME_CONNECTORS.has(next.normal) || (next.text === '-' && !next.spaceBefore) || next.normal === 'of' || ((next.normal === 'for' || next.normal === 'on') && endsWithOrgHead(tokens, covered, j + 2));
      if (connector && j + 2 < tokens.length && tokens[j + 2]!.sentence === t.sentence) {
        let k = j + 2;
        if (tokens[k]!.text === '-' && k + 1 < tokens.length) k++;
        if (isNameLike(tokens, covered, k, false)) {
          j = k;
          continue;
        }
      }
      break;
    }
    // "Mount Bukak", "Aegean Sea", "Freedom Plaza": natural features and sites are places
    if (FEATURE_FIRST_WORDS.has(t.normal) || (j > i && FEATURE_LAST_WORDS.has(tokens[j]!.normal))) {
      i = j + 1;
      continue;
    }
    // a lone sentence-initial capitalized word is too often just the first word: unless it is a
    // PROPN written as its own lemma and the document's other uses say it is a name (see
    // isFirstWordOnly, settled after this loop)
    if (i === j && sentenceStart[i] === 1) {
      if (t.pos !== 'PROPN' || t.lemma.toLowerCase() !== t.normal) {
        i = j + 1;
        continue;
      }
      (pending ??= []).push(pieces.length);
      (pendingWords ??= new Set()).add(t.normal);
    }
    // acronyms ("PBS", "NATO") name organizations, not people
    const acronym = i === j && /^[\p{Lu}\d&.]{2,}$/u.test(t.text);
    let orgHead = false;
    for (let k = i; k <= j && !orgHead; k++) orgHead = ORG_HEADS.has(tokens[k]!.normal);
    const piece = newPiece('name', i, j);
    piece.name = '';
    piece.orgLike = acronym || orgHead;
    pieces.push(piece);
    i = j + 1;
  }
  if (pending === null) return pieces;
  const casesByWord = writtenCasesOf(tokens, sentenceStart, pendingWords!);
  const kept: Piece[] = [];
  let next = 0;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    if (next < pending.length && pending[next] === k) {
      next++;
      if (isFirstWordOnly(tokens, p.first, casesByWord.get(tokens[p.first]!.normal)!, covered, knownSurnames, multiSentence)) continue;
    }
    kept.push(p);
  }
  return kept;
}

/** Complements of a named institution ("Commission on …", "Ministry of …", "Centre for …"). */
const ORG_COMPLEMENT = new Set(['of', 'on', 'for']);
/** The role an organization's head word gives it when the agents file has no entry for it. */
const ORG_HEAD_ROLES = new Map<string, string>(Object.entries({
  office: 'GOV', council: 'GOV', bureau: 'GOV', secretariat: 'GOV', directorate: 'GOV', department: 'GOV', board: 'GOV', authority: 'GOV',
  league: 'NGO', foundation: 'NGO', society: 'NGO', association: 'NGO', federation: 'NGO', network: 'NGO', fund: 'NGO',
  institute: 'EDU', centre: 'EDU', center: 'EDU', museum: 'EDU',
  airlines: 'BUS', airways: 'BUS', bank: 'BUS', inc: 'BUS', ltd: 'BUS', corp: 'BUS',
  times: 'MED', post: 'MED', news: 'MED', tribune: 'MED', herald: 'MED', journal: 'MED', press: 'MED', radio: 'MED',
  mail: 'MED', gazette: 'MED', daily: 'MED', observer: 'MED', chronicle: 'MED', courier: 'MED', monitor: 'MED', mirror: 'MED', telegraph: 'MED',
  brigade: 'MIL', brigades: 'MIL', corps: 'MIL', guard: 'MIL',
}));
/** Words inside an organization's name that tell its role better than its head ("League for the Defence of Human Rights"). */
const ORG_NAME_ROLE_WORDS: [RegExp, string][] = [[/\bhuman rights\b/i, 'NGO'], [/\b(?:journalists?|press freedom)\b/i, 'NGO']];

function orgHeadRole(p: Piece): string | null {
  for (const [re, role] of ORG_NAME_ROLE_WORDS) if (re.test(p.name ?? '')) return role;
  const words = (p.name ?? '').split(/\s+/);
  return ORG_HEAD_ROLES.get(words[words.length - 1]!.toLowerCase()) ?? null;
}

// ---------------------------------------------------------------- coding

interface Coded {
  /** grouping key: mentions with the same key belong to one actor */
  key: string;
  code: string | null;
  entry: KbEntry | null;
  type: string;
  via: string;
  first: number;
  last: number;
  /** for unknown names: the name's words (for surname merging) */
  nameWords?: string[];
  person?: boolean;
  role?: string | null;
  /** an agent word marked anaphoric in the agents file */
  anaphoric?: boolean;
  /** "Ambassador to Germany Richard Grenell": the token of the post's country before the name */
  postOf?: number;
}

/** A coded mention, every field present (one object shape for all of them). */
function codedOf(
  key: string,
  code: string | null,
  entry: KbEntry | null,
  type: string,
  via: string,
  first: number,
  last: number,
  role?: string | null,
  nameWords?: string[],
  person?: boolean,
  anaphoric?: boolean,
  postOf?: number,
): Coded {
  return { key, code, entry, type, via, first, last, nameWords, person, role, anaphoric, postOf };
}

function isCountryish(p: Piece): boolean {
  if (p.kind === 'place') return true;
  const e = p.target?.entry;
  return !!e && (e.kind === 'country' || e.kind === 'ethnic' || (e.kind === 'metonym' && p.target!.via === 'capital'));
}

/** Three capital letters A-Z, as a country code ("USA"; /^[A-Z]{3}$/ without a regex). */
function isCountryCodeShape(code: string): boolean {
  if (code.length !== 3) return false;
  for (let k = 0; k < 3; k++) {
    const c = code.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

function isOrgEntry(p: Piece): boolean {
  const e = p.target?.entry;
  return !!e && KINDS_AS_ORG.has(e.kind) && !(e.kind === 'metonym' && isCountryCodeShape(e.code ?? ''));
}

/** The token at index k, or undefined before the first and after the last (never an out-of-bounds read). */
function tokenAt(tokens: Token[], k: number): Token | undefined {
  return k >= 0 && k < tokens.length ? tokens[k] : undefined;
}

/** The word without one final dot ("Dr." -> "Dr"). */
function withoutFinalDot(word: string): string {
  return word.endsWith('.') ? word.slice(0, -1) : word;
}

/** The last of the pieces that ends before token `at`. */
function lastPieceBefore(pieces: Piece[], at: number): Piece | undefined {
  let found: Piece | undefined;
  for (let k = 0; k < pieces.length; k++) if (pieces[k]!.last < at) found = pieces[k];
  return found;
}

function roleOfCode(code: string | null): string | null {
  return code && code.length >= 6 ? code.slice(3, 6) : null;
}

function typeOf(entry: KbEntry): string {
  switch (entry.kind) {
    case 'country':
    case 'metonym':
    case 'ethnic':
      return 'country';
    case 'armed-group':
      return 'armed-group';
    case 'person':
      return 'person';
    case 'igo':
      return 'igo';
    default:
      return 'organization';
  }
}

/** Words that make a newspaper or broadcaster the state's own. */
const STATE_OWNED = new Set(['official', 'state', 'state-run', 'state-owned', 'government-run', 'government-owned', 'semi-official', 'government-controlled', 'state-controlled', 'government']);
const OPENING_QUOTES = new Set(['"', '“', '‘', "'"]);

/** The KB's country codes, computed once per knowledge base. */
const countryCodesByKb = new WeakMap<KnowledgeBase, Set<string>>();
function countryCodesOf(kb: KnowledgeBase): Set<string> {
  let codes = countryCodesByKb.get(kb);
  if (!codes) {
    codes = new Set(kb.entries.filter((e) => e.kind === 'country' && e.country).map((e) => e.country!));
    countryCodesByKb.set(kb, codes);
  }
  return codes;
}

/** What the coding steps share about one document (built once per document, one shape). */
interface DocState {
  ctx: AnnotationContext;
  doc: AnnotationContext['doc'];
  tokens: Token[];
  sentences: AnnotationContext['sentences'];
  kb: KnowledgeBase;
  sentenceStart: Uint8Array;
  sentenceDate: string[];
  countryCodes: Set<string>;
  dominantCountry: string | null;
  localSurnameAt: Map<string, number>;
  fullNamesBySurname: Map<string, { at: number; entry: KbEntry | null }[]>;
  countriesBySentence: Map<number, string[]>;
  coded: Coded[];
}

/** A word that qualifies a noun after a possessive ("Poland's new parliament"). */
function isPossessiveModifier(t: Token): boolean {
  return MODIFIER_POS.has(t.pos) || (t.pos === 'NOUN' && !isCapitalized(t.text));
}

/** A word allowed between a country word and its agent ("Nigerian junior foreign minister", "Vietnamese-led"). */
function isGapModifier(t: Token): boolean {
  if (MODIFIER_POS.has(t.pos) || t.text === '-' || (t.pos === 'NOUN' && !isCapitalized(t.text))) return true;
  const normal = t.normal;
  return HYPHEN_SUFFIXES.has(normal.charCodeAt(0) === 45 ? normal.slice(1) : normal);
}

/** What joins pieces a and b (a before b): the tokens between them, read in place. */
function gapKind(tokens: Token[], sentenceStart: Uint8Array, a: Piece, b: Piece): 'adjacent' | 'possessive' | 'coord' | 'prep' | 'orgof' | null {
  if (tokens[a.last]!.sentence !== tokens[b.first]!.sentence) return null;
  // the tokens between: from .. b.first - 1
  const from = a.last + 1;
  const count = b.first > from ? b.first - from : 0;
  if (count === 0) return 'adjacent';
  if (count > 4) return null;
  const gap0 = tokens[from]!;
  if (gap0.text === "'s" || gap0.text === "'" || gap0.text === '’s') {
    for (let k = from + 1; k < b.first; k++) if (!isPossessiveModifier(tokens[k]!)) return null;
    return 'possessive';
  }
  if (count <= 3) {
    let modifiers = true;
    let noun = false;
    for (let k = from; k < b.first; k++) {
      const t = tokens[k]!;
      if (!isGapModifier(t)) modifiers = false;
      if (t.pos === 'NOUN') noun = true;
    }
    if (modifiers && !(a.kind === 'agent' && b.kind === 'agent' && noun)) return 'adjacent';
  }
  if (count === 1 && isCountryish(a) && isCountryish(b)) {
    if (gap0.normal === 'and') return 'coord';
    // a comma joins a list of adjectives ("Hungarian, Romanian and Polish officials"), not
    // a clause boundary ("a border with Bulgaria, Macedonian officials said")
    if (gap0.text === ',' && a.target?.via === 'demonym' && b.target?.via === 'demonym') return 'coord';
  }
  // "terror group based in Trinidad", "troops stationed in Kosovo": the participle is skipped
  const skip = LOCATED.has(gap0.normal) && count > 1 ? 1 : 0;
  const head = tokens[from + skip]!.normal;
  // the article after a one-word preposition ("leader of the Taliban")
  const thenThe = count === 1 || tokens[from + 1]!.normal === 'the';
  // "the consulate in Erbil", "ambassador in Kabul": a diplomatic post's country is its host, not its own
  const hosted = head === 'in' || head === 'at';
  if (AGENT_COUNTRY_PREP.has(head) && a.kind === 'agent' && isCountryish(b) && b.target?.via !== 'demonym' && !(hosted && DIPLOMATIC_POSTS.has(tokens[a.last]!.lemma.toLowerCase()))) {
    let rest = true;
    for (let k = from + skip + 1; k < b.first; k++) if (!(tokens[k]!.normal === 'the' || MODIFIER_POS.has(tokens[k]!.pos))) rest = false;
    if (rest) return 'prep';
  }
  // "Union of Teachers", "Federation of Journalists": an organization named after its members
  if (head === 'of' && count === 1 && a.kind === 'name' && a.orgLike && b.kind === 'agent') return 'adjacent';
  // "Commission on International Religious Freedom", "Ministry of Information": an institution
  // written as a proper name goes on with its complement
  if ((a.kind === 'agent' || (a.kind === 'name' && a.orgLike)) && b.kind === 'name' && ORG_COMPLEMENT.has(head) && count <= 2 && thenThe) {
    const word = tokens[a.last]!;
    if (isCapitalized(word.text) && ORG_HEADS.has(word.normal) && sentenceStart[a.last] !== 1) return 'orgof';
  }
  // "president of the Riigikogu", "leader of Hamas", "a member of the Taliban": an office
  // of a known body is that body's
  if (head === 'of' && a.kind === 'agent' && isOrgEntry(b) && b.target?.entry?.kind !== 'person' && count <= 2 && thenThe) return 'adjacent';
  // "the Federal Aviation Office of Germany": an organization's country
  if ((head === 'of' || head === 'in') && count === 1 && a.kind === 'name' && a.orgLike && isCountryish(b) && b.target?.via !== 'demonym') return 'adjacent';
  return null;
}

/** The KB person a one-word name (a surname) at token `first` names, if the document and the KB tell one. */
function kbPersonBySurname(s: DocState, name: string, first: number, titleRole: string | null, date: string): KbEntry | null {
  const { tokens, kb, fullNamesBySurname, localSurnameAt } = s;
  // a surname is one word
  if (/\s/.test(name)) return null;
  const key = name.toLowerCase();
  // "The Hague": a surname after the article is a place or a thing, not the person
  if (first > 0 && tokens[first - 1]!.normal === 'the') return null;
  const written = fullNamesBySurname.get(key);
  if (written) {
    let latest: { at: number; entry: KbEntry | null } | null = null;
    for (let k = 0; k < written.length; k++) if (written[k]!.at < first) latest = written[k]!;
    if (latest) return latest.entry;
  }
  const local = localSurnameAt.get(key);
  if (local !== undefined && local < first) return null;
  let candidates = kb.surnames.get(key) ?? [];
  if (candidates.length > 1 && titleRole) candidates = candidates.filter((e) => roleOfCode(resolveCode(e, date)) === titleRole);
  return candidates.length === 1 ? candidates[0]! : null;
}

/** "President Bush": several KB people share the surname but all one country: that country. */
function surnameCountry(s: DocState, np: Piece): string | null {
  const { kb, localSurnameAt } = s;
  // a surname is one word
  if (/\s/.test(np.name!)) return null;
  const key = np.name!.toLowerCase();
  const local = localSurnameAt.get(key);
  if (local !== undefined && local < np.first) return null;
  const candidates = kb.surnames.get(key) ?? [];
  const country = candidates[0]?.country ?? null;
  if (!country) return null;
  for (let k = 1; k < candidates.length; k++) if (candidates[k]!.country !== country) return null;
  return country;
}

/**
 * True when the words before token `at` make it a verb's object: the verb right before it, or
 * before a short descriptive noun phrase ("shelled the southern regional capital Juba").
 */
function isVerbObject(tokens: Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let k = at - 1, steps = 0; k >= 0 && steps < 5 && tokens[k]!.sentence === sentence; k--, steps++) {
    const t = tokens[k]!;
    if (t.pos === 'VERB') return true;
    if (steps > 0 && !(t.pos === 'DET' || t.pos === 'ADJ' || (t.pos === 'NOUN' && !isCapitalized(t.text)))) return false;
    if (steps === 0 && t.pos !== 'NOUN' && t.pos !== 'VERB') return false;
  }
  return false;
}

/** "official Syrian newspaper", "state-run television": state media speak for the government (CAMEO GOVMED). */
function isStateOwned(tokens: Token[], from: number, to: number): boolean {
  for (let k = Math.max(0, from - 2); k < to; k++) if (STATE_OWNED.has(tokens[k]!.normal)) return true;
  return false;
}

/**
 * The coded title beside an unknown name, joined by a comma (and "the"/"a"/"of the" after it,
 * a person's title such as "Dr" before it), when it names an office: a role, with or without
 * a country. A country or a name alone is no title.
 */
function appositiveTitle(s: DocState, t: Coded | undefined, name: Coded, side: 'after' | 'before'): Coded | null {
  const { tokens, countryCodes } = s;
  // a city ("Washington, DC") or a name beside a name is a place or a list, not a title
  if (!t || !t.code || t.via === 'unknown-name' || t.via === 'capital' || t.via === 'place' || t.type === 'person') return null;
  if (side === 'before' && !name.person) return null;
  if (!(roleOfCode(t.code) ?? (t.code.length === 3 && !countryCodes.has(t.code) ? t.code : null))) return null;
  // the tokens between the two: from .. to - 1
  const from = side === 'after' ? name.last + 1 : t.last + 1;
  const to = side === 'after' ? t.first : name.first;
  if (to <= from || to - from > 3 || tokens[from]!.sentence !== tokens[to]!.sentence) return null;
  if (tokens[from]!.text !== ',') return null;
  if (side === 'after') {
    for (let k = from + 1; k < to; k++) if (!APPOSITION_GLUE.has(tokens[k]!.normal)) return null;
    // the title ends the apposition: a comma, a verb or the sentence's end follows
    const next = tokenAt(tokens, t.last + 1);
    // (or a preposition: "X, spokesperson for the governor")
    if (next && next.sentence === tokens[t.last]!.sentence && !(next.text === ',' || next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'PUNCT' || TITLE_PREPOSITIONS.has(next.normal))) return null;
    return t;
  }
  for (let k = from + 1; k < to; k++) if (!PERSON_TITLES.has(withoutFinalDot(tokens[k]!.normal))) return null;
  // "... the Tunisian Parliament, Samir Dilou said": the title is what the sentence says of the name
  return t;
}

/** "the government", "the central government", "the country's police": a definite office. */
function isDefiniteOffice(tokens: Token[], at: number): boolean {
  let k = at - 1;
  for (let steps = 0; k >= 0 && steps < 2 && (tokens[k]!.pos === 'ADJ' || (tokens[k]!.pos === 'NOUN' && !isCapitalized(tokens[k]!.text))); steps++) k--;
  const t = tokenAt(tokens, k);
  if (!t || t.sentence !== tokens[at]!.sentence) return false;
  if (t.normal === 'the') return true;
  const owner = tokenAt(tokens, k - 1)?.normal;
  return (t.text === "'s" || t.text === '’s') && (owner === 'country' || owner === 'nation');
}

/** The country a country-like piece gives on the date. */
function countryFrom(s: DocState, date: string, p: Piece): string | null {
  const { tokens, countriesBySentence } = s;
  if (p.kind === 'place') return p.placeCountry ?? null;
  const e = p.target!.entry!;
  if (e.kind === 'ethnic') {
    // a people with a home state ("Tamil refugees" -> LKA) take it; one spread over several
    // ("Kurdish fighters in Syria") takes the country the sentence names, if any
    const dated = e.roles.length ? resolveCode(e, date)?.slice(0, 3) : null;
    return dated ?? e.country ?? countriesBySentence.get(tokens[p.first]!.sentence)?.[0] ?? null;
  }
  const c = resolveCode(e, date);
  const own = e.country ?? (c ? c.slice(0, 3) : null);
  if (p.ethnic) {
    // "ethnic Albanians ... in Serbia": the people live in the other country the sentence names
    const named = countriesBySentence.get(tokens[p.first]!.sentence);
    if (named) for (let k = 0; k < named.length; k++) if (named[k] !== own) return named[k]!;
  }
  return own;
}

/** Codes one chunk of pieces into zero or more coded mentions (pushed onto s.coded). */
/** What the coding steps of one chunk share (one shape). */
interface ChunkView {
  chunk: Piece[];
  first: Piece;
  last: Piece;
  date: string;
  former: boolean;
  countries: Piece[];
  orgs: Piece[];
  nameP: Piece[];
  headAgent: Piece | undefined;
  role: string | null;
}

function codeChunk(s: DocState, chunk: Piece[]): void {
  const { tokens, sentenceStart } = s;
  const first = chunk[0]!;
  const last = chunk[chunk.length - 1]!;
  const date = s.sentenceDate[tokens[first.first]!.sentence] ?? s.ctx.referenceDate;
  // the pieces by what they are, in one pass (a piece may be both a country word and an organization)
  let former = false;
  const countries: Piece[] = [];
  const orgs: Piece[] = [];
  const nameP: Piece[] = [];
  let headAgent: Piece | undefined;
  for (let k = 0; k < chunk.length; k++) {
    const p = chunk[k]!;
    if (p.former) former = true;
    if (isCountryish(p)) countries.push(p);
    if (p.kind === 'agent') headAgent = p;
    if (isOrgEntry(p)) orgs.push(p);
    if (p.kind === 'name') nameP.push(p);
  }
  let role = headAgent?.target?.role ?? null;
  if (role === 'MED' && headAgent && isStateOwned(tokens, first.first, headAgent.first)) role = 'GOVMED';

  const v: ChunkView = { chunk, first, last, date, former, countries, orgs, nameP, headAgent, role };
  // (a) a known organization or person heads the chunk
  if (orgs.length) return codeKnownHead(s, v);
  // (b) a title and an unknown name: a person with the title's role
  if (nameP.length && headAgent && !nameP[nameP.length - 1]!.orgLike && nameP[nameP.length - 1]!.first > headAgent.last) return codeTitledName(s, v);
  // (c) country words with an agent: "Nigerian troops", "Hungarian and Romanian officials",
  //     "Poland's parliament", "president of Armenia"; or a country word before an unknown organization
  if (countries.length && (headAgent || nameP.length)) return codeCountryAgent(s, v);
  // (d') two country words in a row: the first is the country, a plural second one the people
  //      ("Iraqi Kurds" -> IRQCVL, "Bosnian Serbs" -> BIHCVL)
  if (countries.length >= 2 && chunk.length === countries.length && allEntries(countries) && gapKind(tokens, sentenceStart, countries[0]!, countries[1]!) === 'adjacent') return codeCountryPair(s, v);
  // (d) a country word alone; a place alone is an actor only as the subject or object of a verb
  if (countries.length) return codeCountryWords(s, v);
  // (e) agents alone: "the militants" refers back; otherwise a role without a country
  if (headAgent) return codeAgentAlone(s, v);
  // (f) unknown names
  codeUnknownNames(s, v);
}

/** Whether every piece is a KB phrase (no place, agent or name). */
function allEntries(pieces: Piece[]): boolean {
  for (let k = 0; k < pieces.length; k++) if (pieces[k]!.kind !== 'entry') return false;
  return true;
}

/** Whether one of the entry's dated roles applies on the date. */
function hasRoleOn(e: KbEntry, date: string): boolean {
  for (let k = 0; k < e.roles.length; k++) {
    const r = e.roles[k]!;
    if ((!r.from || r.from <= date) && (!r.until || date < r.until)) return true;
  }
  return false;
}

/** (a) a known organization or person heads the chunk. */
function codeKnownHead(s: DocState, v: ChunkView): void {
  const { tokens, kb, coded, sentenceStart } = s;
  const { first, last, date, former, countries, orgs, headAgent, role } = v;
  const head = orgs[orgs.length - 1]!;
  const e = head.target!.entry!;
  let code = resolveCode(e, date);
  if (e.kind === 'person') {
    // A title written before the name ("Russian President Boris Yeltsin") is the text's own
    // evidence of the office on the date told, and beats the KB's dated roles.
    const title = headAgent && headAgent.last < head.first ? role : null;
    const countryPiece = lastPieceBefore(countries, head.first);
    const written = countryPiece ? countryFrom(s, date, countryPiece) : null;
    // someone serving an international body on the date ("Secretary-General Kofi Annan")
    // holds that body's office, not their own country's
    const international = !!code && (code.startsWith('IGO') || code.startsWith('NGO'));
    const country = written ?? (international ? null : e.country);
    const orgBefore = orgs.length > 1 ? orgs[orgs.length - 2]!.target!.entry! : null;
    const possessed = headAgent && headAgent.first > head.last && gapKind(tokens, sentenceStart, head, headAgent) === 'possessive' ? role : null;
    if (possessed) {
      // "Zoran Djindjic's opposition coalition", "Kagame's government": the person's country
      // and the noun's role; a group of its own, not the person
      const own = e.country ?? (code && /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : null);
      const groupCode = own ? own + possessed : possessed;
      coded.push(codedOf(`code:${groupCode}`, groupCode, null, 'agent', 'composed', first.first, last.last, possessed));
      return;
    } else if (former) code = formerCode(e, date);
    else if (title && orgBefore && TITLE_GROUP_KINDS.has(orgBefore.kind)) {
      // "Houthi military spokesperson Yahya Sarea", "RSF leader Mohamed Hamdan Dagalo": a
      // title naming a group speaks for the group, whose role on the date is the person's
      code = resolveCode(orgBefore, date) ?? code;
    } else if (title && country && AMBIGUOUS_TITLE_ROLES.has(title) && hasRoleOn(e, date)) {
      // a title that names no public office ("Chief Executive" of Hong Kong reads as
      // business) does not overrule the office the KB dates for the person
    } else if (title && country) code = country + title;
    else if (title && international && !code!.endsWith(title)) code = code + title;
    else if (international && orgBefore) {
      // "U.N. Secretary-General Kofi Annan": the office named before the person is the more precise code
      const office = resolveCode(orgBefore, date);
      if (office && office.startsWith(code!) && office.length > code!.length) code = office;
    }
  } else if (e.kind === 'metonym' && code && code.length >= 6) {
    // "Chile's Defense Department": a generic institution name takes the written country
    const countryPiece = lastPieceBefore(countries, head.first);
    const written = countryPiece ? countryFrom(s, date, countryPiece) : null;
    if (written && written !== code.slice(0, 3)) code = written + code.slice(3);
  } else if (former && headAgent && headAgent.first > head.last && e.country) {
    // "a former CIA official": someone who left the body
    code = e.country + 'ELI';
  } else if (headAgent && headAgent.last < head.first && e.kind === 'igo' && role && code && code.startsWith('IGO') && !code.endsWith(role) && tokenAt(tokens, headAgent.last + 1)?.normal === 'of') {
    // "the Secretary-General of the United Nations": the body's code plus the office's role
    code = code + role;
  } else if (headAgent && headAgent.first > head.last && role && code && !code.endsWith(role) && e.kind !== 'metonym') {
    // "U.N. Secretary-General", "Hamas gunmen": the organization's code plus the agent's role
    code = code + role;
  }
  coded.push(codedOf(`kb:${e.id}`, code, e, typeOf(e), head.target!.via === 'name' ? 'name' : head.target!.via, first.first, last.last));
  return;
}

/** (b) a title and an unknown name. */
function codeTitledName(s: DocState, v: ChunkView): void {
  const { kb, coded, dominantCountry } = s;
  const { first, last, date, former, countries, nameP, role } = v;
  const np = nameP[nameP.length - 1]!;
  const known = kbPersonBySurname(s, np.name!, np.first, role, date);
  if (known) {
    const countryPiece = lastPieceBefore(countries, np.first);
    const country = (countryPiece ? countryFrom(s, date, countryPiece) : null) ?? known.country;
    const code = former ? formerCode(known, date) : role && country ? country + role : resolveCode(known, date);
    coded.push(codedOf(`kb:${known.id}`, code, known, 'person', 'surname', first.first, last.last));
    return;
  }
  const countryPiece = countries[countries.length - 1];
  // no country word beside the title: the country of the KB people with that surname, else
  // the document's dominant country, when there is one
  const country = countryPiece ? countryFrom(s, date, countryPiece) : surnameCountry(s, np) ?? (role && OFFICE_ROLES.has(role) ? dominantCountry : null);
  const r = former ? 'ELI' : role;
  coded.push(codedOf(`name:${np.name}`, country ? country + (r ?? '') : r, null, 'person', 'composed', first.first, last.last, r, np.name!.split(/\s+/), true));
  return;
}

/** (c) country words with an agent, or before an unknown organization. */
function codeCountryAgent(s: DocState, v: ChunkView): void {
  const { tokens, kb, coded, sentenceStart } = s;
  const { chunk, first, last, date, former, countries, nameP, headAgent, role } = v;
  const r = headAgent ? (former && role === 'GOV' ? 'ELI' : role) : null;
  let orgName: Piece | undefined;
  for (let k = 0; k < nameP.length && !orgName; k++) if (nameP[k]!.orgLike) orgName = nameP[k];
  if (!headAgent && !orgName) {
    // "Iraqi Ahmed X": a country adjective before a person's name
    const np = nameP[nameP.length - 1]!;
    const country = countryFrom(s, date, countries[countries.length - 1]!);
    const cp = countries[countries.length - 1]!;
    if (np.first > cp.last) {
      const before = tokenAt(tokens, first.first - 1);
      if (chunk.length === 2 && cp.kind === 'entry' && cp.target?.via !== 'demonym' && before && HOST_PREPOSITIONS.has(before.normal)) {
        // "Ambassador to Germany Richard Grenell", "Special Representative for Iran Brian
        // Hook": the country is the post's, not the person's; the title before codes the name
        const e = cp.target!.entry!;
        coded.push(codedOf(`kb:${e.id}`, resolveCode(e, date), e, typeOf(e), cp.target!.via, cp.first, cp.last, null));
        coded.push(codedOf(`name:${np.name}`, null, null, 'person', 'unknown-name', np.first, np.last, null, np.name!.split(/\s+/), true, undefined, cp.first));
        return;
      }
      coded.push(codedOf(`name:${np.name}`, country, null, 'person', 'composed', first.first, last.last, null, np.name!.split(/\s+/), true));
      return;
    }
  }
  const orgRole = orgName ? orgNameRole(kb, tokens, orgName) : null;
  const useRole = r ?? orgRole;
  // each coordinated country gets the shared role; the last one's mention extends to the head
  // "Iraqi Kurds", "Thailand's Thai Raksa Chart Party": a country word not coordinated with
  // the one before it is not a country of its own; the first country word rules
  const ruling: Piece[] = [];
  for (let k = 0; k < countries.length; k++) {
    const cp = countries[k]!;
    const at = k === 0 ? 0 : chunk.indexOf(cp);
    if (k === 0 || (at > 0 && gapKind(tokens, sentenceStart, chunk[at - 1]!, cp) === 'coord')) ruling.push(cp);
  }
  for (let k = 0; k < ruling.length; k++) {
    const cp = ruling[k]!;
    const country = countryFrom(s, date, cp);
    const isLast = k === ruling.length - 1;
    const ethnic = cp.target?.entry?.kind === 'ethnic' ? cp.target.entry.code : null;
    const code = country ? country + (useRole ?? '') : ethnic ? ethnic + (useRole ?? '') : useRole;
    const spanFirst = isLast ? (k === 0 ? first.first : cp.first) : cp.first;
    const spanLast = isLast ? last.last : cp.last;
    const key = orgName ? `name:${orgName.name}` : `code:${code}`;
    coded.push(codedOf(key, code, null, orgName ? 'organization' : 'agent', 'composed', spanFirst, spanLast, useRole));
  }
}

/** The role of an unknown organization's name: its head word's as an agent word, else by its words (orgHeadRole). */
function orgNameRole(kb: KnowledgeBase, tokens: Token[], orgName: Piece): string | null {
  const targets = kb.trie.next.get(tokens[orgName.last]!.normal)?.targets;
  let role: string | null | undefined;
  if (targets) {
    for (let k = 0; k < targets.length; k++) {
      if (targets[k]!.via === 'agent') {
        role = targets[k]!.role;
        break;
      }
    }
  }
  return role ?? orgHeadRole(orgName);
}

/** (d') two country words in a row. */
function codeCountryPair(s: DocState, v: ChunkView): void {
  const { tokens, coded } = s;
  const { first, last, date, countries } = v;
  const country = countryFrom(s, date, countries[0]!);
  const lastText = tokens[last.last]!.text;
  const code = country ? country + (/[^s]s$/.test(lastText) ? 'CVL' : '') : null;
  coded.push(codedOf(`code:${code}`, code, null, 'agent', 'composed', first.first, last.last, roleOfCode(code)));
  return;
}

/** (d) country words alone. */
function codeCountryWords(s: DocState, v: ChunkView): void {
  const { tokens, doc, kb, coded, countryCodes } = s;
  const { date, countries } = v;
  for (let k = 0; k < countries.length; k++) {
    const cp = countries[k]!;
    if (cp.kind === 'place') {
      const prev = tokenAt(tokens, cp.first - 1);
      const next = tokenAt(tokens, cp.last + 1);
      // "Mokha is less affected", "Jolo was among the areas": a place described with be/have
      // is the place, not an actor
      const subject = next && next.sentence === tokens[cp.last]!.sentence && next.pos === 'VERB' && !STATIVE_LEMMAS.has(next.lemma);
      const object = prev && prev.pos === 'VERB' && !STATIVE_LEMMAS.has(prev.lemma);
      if (!subject && !object) continue;
      const placeText = doc.text.slice(tokens[cp.first]!.start, tokens[cp.last]!.end);
      // "Vrana spoke": a known person's surname acting as a subject is the person, not the place
      const person = subject ? kbPersonBySurname(s, placeText, cp.first, null, date) : null;
      if (person) {
        coded.push(codedOf(`kb:${person.id}`, resolveCode(person, date), person, 'person', 'surname', cp.first, cp.last));
        continue;
      }
      const code = object ? cp.placeCountry! + 'CVL' : cp.placeCountry!;
      const text = doc.text.slice(tokens[cp.first]!.start, tokens[cp.last]!.end);
      coded.push(codedOf(`place:${text}`, code, null, 'country', 'place', cp.first, cp.last, roleOfCode(code)));
      continue;
    }
    const e = cp.target!.entry!;
    const via = cp.target!.via;
    const prev = tokenAt(tokens, cp.first - 1);
    const prevWord = prev?.normal === 'the' ? tokenAt(tokens, cp.first - 2)?.normal : prev?.normal;
    let code = resolveCode(e, date);
    if (via === 'capital') {
      // "Moscow said" stands for the government; "in Moscow" is the place
      // the object of a verb ("blockade Paris") is the city's people
      const after = tokenAt(tokens, cp.last + 1);
      const object = isVerbObject(tokens, cp.first) && after?.pos !== 'VERB' && after?.pos !== 'AUX';
      const seat = e.kind === 'metonym' ? code : e.country ? e.country + 'GOV' : code;
      const place = seat ? seat.slice(0, 3) : e.country;
      // a city named as the scene of an action ("a curfew in Algiers", "aid deliveries in
      // Baghdad") or as its object ("shelled Juba") stands for its people, as PLOVER codes it
      code = (prevWord && LOCATIVE.has(prevWord)) || object ? (place ? place + 'CVL' : null) : seat;
    } else if (e.kind === 'metonym' && prevWord && LOCATIVE.has(prevWord) && e.country) {
      code = countryCodes.has(e.country) && !/^(white|kremlin|pentagon)/.test(e.id) ? (code && code.length === 3 ? code : e.country) : code;
    } else if (via === 'demonym' && ((e.kind === 'country' && e.country) || e.kind === 'ethnic')) {
      const host = countryFrom(s, date, cp);
      if (host) code = host;
      // a plural demonym used as a noun ("Palestinians", "Nigerians") names the people
      const t = tokens[cp.last]!;
      const next = tokenAt(tokens, cp.last + 1);
      const before = tokenAt(tokens, cp.first - 1);
      const followedByNoun = !!next && next.sentence === t.sentence && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ');
      // plural ("Palestinians") or after an article or number ("a Palestinian", "two Afghans")
      const plural = t.text.endsWith('s') && !t.text.endsWith('ss') && t.text !== 'Swiss';
      const counted = !!before && (before.normal === 'a' || before.normal === 'an' || before.pos === 'NUM');
      const asNoun = (plural || counted) && !followedByNoun;
      const people = host ?? e.country ?? code;
      if (asNoun && people) code = people + 'CVL';
    }
    coded.push(codedOf(code && code.length > 3 ? `code:${code}` : `kb:${e.id}`, code, code && code.length > 3 ? null : e, typeOf(e), via === 'demonym' ? 'demonym' : via === 'capital' ? 'capital' : e.kind === 'metonym' ? 'metonym' : via, cp.first, cp.last, roleOfCode(code)));
  }
  return;
}

/** (e) agents alone. */
function codeAgentAlone(s: DocState, v: ChunkView): void {
  const { tokens, coded, dominantCountry, sentences } = s;
  const { first, last, former, headAgent, role } = v;
  const prev = tokenAt(tokens, first.first - 1);
  // in an article about one country, "the government", "the police", "the country's
  // election commission" are that country's (unless they refer back to a named actor)
  const own = dominantCountry && sentences.length > 2 && role && OFFICE_ROLES.has(role) && !former && isDefiniteOffice(tokens, first.first) ? dominantCountry + role : null;
  coded.push(codedOf(`agent:${role}:${tokens[headAgent!.last]!.lemma}`, former && role === 'GOV' ? 'ELI' : own ?? role, null, 'agent', prev && DEFINITE.has(prev.normal) ? 'definite' : 'agent', first.first, last.last, role, undefined, undefined, headAgent!.target?.anaphoric === true));
  return;
}

/** (f) unknown names. */
function codeUnknownNames(s: DocState, v: ChunkView): void {
  const { tokens, kb, coded } = s;
  const { date, nameP } = v;
  for (let k = 0; k < nameP.length; k++) {
    const np = nameP[k]!;
    const known = np.orgLike ? null : kbPersonBySurname(s, np.name!, np.first, null, date);
    if (known) {
      coded.push(codedOf(`kb:${known.id}`, resolveCode(known, date), known, 'person', 'surname', np.first, np.last));
      continue;
    }
    const prev = tokenAt(tokens, np.first - 1);
    const titled = !!prev && PERSON_TITLES.has(withoutFinalDot(prev.normal));
    const words = np.name!.split(/\s+/);
    // an association, league or foundation named with no country is coded as CAMEO codes
    // non-governmental organizations it does not know: NGO
    coded.push(codedOf(`name:${np.name}`, np.orgLike && orgHeadRole(np) === 'NGO' ? 'NGO' : null, null, np.orgLike ? 'organization' : titled || words.length >= 2 ? 'person' : 'unknown', 'unknown-name', np.first, np.last, null, words, !np.orgLike));
  }
}

/** Apposition and abbreviations; returns the abbreviation keys (own key -> key of what it abbreviates). */
function applyAppositions(s: DocState): Map<string, string> {
  const { tokens, coded, countryCodes, dominantCountry } = s;
  // ---- apposition: a person's name the KB does not know takes the code of a title written
  //      beside it, after a comma: "Souhail Alouini, a member of Parliament", "Sharif Hotak, of
  //      the provincial council", "Merkel's spokesperson, Steffen Seibert"
  coded.sort((a, b) => a.first - b.first);
  /** an abbreviation's own key -> the key of what it abbreviates */
  const aliasKeys = new Map<string, string>();
  const codedAt = (k: number): Coded | undefined => (k >= 0 && k < coded.length ? coded[k] : undefined);
  for (let i = 0; i < coded.length; i++) {
    const c = coded[i]!;
    const before = codedAt(i - 1);
    if (c.via === 'unknown-name' && c.first === c.last && before && before.last === c.first - 2 && tokens[c.first - 1]!.text === '(' && /^[\p{Lu}&]{2,}$/u.test(tokens[c.first]!.text) && before.type === 'organization') {
      // "the Commission on International Religious Freedom (USCIRF)": the abbreviation names it
      aliasKeys.set(c.key, before.key);
      c.key = before.key;
      c.code = before.code;
      c.type = before.type;
      c.via = 'alias';
      continue;
    }
    // people with a full name, and organizations ("Cinema for Peace Foundation, a Berlin-based non-profit")
    if (c.via !== 'unknown-name' || (c.code !== null && !(c.code === 'NGO' && !c.person)) || (c.person ? (c.nameWords?.length ?? 0) < 2 : c.type !== 'organization')) continue;
    let title = appositiveTitle(s, codedAt(i + 1), c, 'after');
    if (title) {
      // "Ahmed al-Assadi, a spokesman for the PMF": a bare title serving a named group or
      // body speaks for it
      const served = codedAt(i + 2);
      if (served && served.entry && SERVED_KINDS.has(served.entry.kind) && served.code && title.code!.length === 3) {
        // one or two words between: a preposition, then "the"
        const from = title.last + 1;
        const count = served.first - from;
        if (count >= 1 && count <= 2 && TITLE_PREPOSITIONS.has(tokens[from]!.normal) && (count === 1 || tokens[from + 1]!.normal === 'the')) title = served;
      }
    }
    title ??= appositiveTitle(s, codedAt(i - 1), c, 'before');
    if (!title && c.postOf !== undefined) {
      // the title written before "to/for COUNTRY"
      const t = codedAt(i - 2);
      if (t && t.last === c.postOf - 2 && t.code && t.via !== 'unknown-name' && t.type !== 'person' && roleOfCode(t.code)) title = t;
    }
    if (!title) continue;
    let code = title.code!;
    // a bare office ("spokesperson for the provincial governor") is the document's country's
    if (code.length === 3 && !countryCodes.has(code) && OFFICE_ROLES.has(code) && dominantCountry) code = dominantCountry + code;
    c.code = code;
    c.role = roleOfCode(code) ?? code;
    c.via = 'apposition';
  }
  return aliasKeys;
}

/**
 * What grouping knows of one actor besides its output fields. A class, so that every state has
 * one shape from the start (a gender learnt later must not change it).
 */
class ActorState {
  readonly actor: Actor;
  readonly person: boolean;
  /** the last token of its latest mention */
  lastToken: number;
  /** learnt from the pronouns resolved to it */
  gender: 'm' | 'f' | undefined = undefined;
  /** the roles of its mentions' codes, in order */
  readonly roles: string[] = [];
  /** the first and last token of each of its mentions, in pairs: their lemmas are its heads */
  readonly spans: number[] = [];

  constructor(actor: Actor, person: boolean, lastToken: number) {
    this.actor = actor;
    this.person = person;
    this.lastToken = lastToken;
  }
}

/** Whether a mention of the actor holds a token of that (lower-cased) lemma ("the troops" after "Nigerian troops"). */
function hasHead(tokens: Token[], state: ActorState, lemma: string): boolean {
  const spans = state.spans;
  for (let k = 0; k < spans.length; k += 2) {
    for (let t = spans[k]!; t <= spans[k + 1]!; t++) if (tokens[t]!.lemma.toLowerCase() === lemma) return true;
  }
  return false;
}

/** Adds the mention `c` to the actor, with `code` as its code. */
function addMention(s: DocState, state: ActorState, c: Coded, code: string | null): void {
  const { tokens, doc } = s;
  const start = tokens[c.first]!.start;
  const end = tokens[c.last]!.end;
  const mention: ActorMention = { start, end, text: doc.text.slice(start, end), code, via: c.via };
  state.actor.mentions.push(mention);
  state.lastToken = c.last;
  state.spans.push(c.first, c.last);
  const r = roleOfCode(code) ?? (code && code.length === 3 && !s.countryCodes.has(code) ? code : null);
  if (r && !state.roles.includes(r)) state.roles.push(r);
}

/** The code of the actor's latest mention. */
function latestCode(state: ActorState): string | null | undefined {
  const mentions = state.actor.mentions;
  return mentions[mentions.length - 1]!.code;
}

// The most recent actor (by its latest mention before token `before`; the first made among
// equals) that a pronoun, "the group" or "the militants" can refer to.

/** The most recent person of a compatible gender. */
function recentPerson(states: ActorState[], before: number, gender: 'm' | 'f' | undefined): ActorState | null {
  let best: ActorState | null = null;
  for (let k = 0; k < states.length; k++) {
    const m = states[k]!;
    if (m.lastToken < before && (best === null || m.lastToken > best.lastToken) && m.person && (!m.gender || !gender || m.gender === gender)) best = m;
  }
  return best;
}

/** The most recent armed group or organization. */
function recentGroup(states: ActorState[], before: number): ActorState | null {
  let best: ActorState | null = null;
  for (let k = 0; k < states.length; k++) {
    const m = states[k]!;
    const type = m.actor.type;
    if (m.lastToken < before && (best === null || m.lastToken > best.lastToken) && (type === 'armed-group' || type === 'organization')) best = m;
  }
  return best;
}

/**
 * The most recent actor with the role, named with the same head noun (or any such actor for an
 * anaphoric agent word); insurgents and rebels may also be an armed group.
 */
function recentWithRole(tokens: Token[], states: ActorState[], before: number, role: string, head: string, anaphoric: boolean): ActorState | null {
  let best: ActorState | null = null;
  for (let k = 0; k < states.length; k++) {
    const m = states[k]!;
    if (!(m.lastToken < before && (best === null || m.lastToken > best.lastToken))) continue;
    if (!(m.roles.includes(role) || ((role === 'INS' || role === 'REB') && m.actor.type === 'armed-group'))) continue;
    if (anaphoric || hasHead(tokens, m, head)) best = m;
  }
  return best;
}

/** Pronouns and "the group" (pushed onto s.coded); returns where the gendered nouns are. */
function anaphoraOf(s: DocState, covered: Uint8Array): { m: number[]; f: number[] } {
  const { tokens, coded } = s;
  const genderedNouns = { m: [] as number[], f: [] as number[] };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const word = ANAPHORA_WORDS.get(t.normal);
    if (word === undefined) continue;
    if (word === 'pronoun') {
      if (t.pos === 'PRON') coded.push(codedOf('pronoun', null, null, 'pronoun', 'pronoun', k, k));
    } else if (word === 'group') {
      if (k > 0 && tokens[k - 1]!.normal === 'the' && !covered[k]) coded.push(codedOf('group', null, null, 'pronoun', 'pronoun', k - 1, k));
    } else genderedNouns[word].push(k);
  }
  return genderedNouns;
}

/** The actor's code: the one most of its mentions have (the first such in text order). */
function dominantCodeOf(actor: Actor): string | null {
  const mentions = actor.mentions;
  if (mentions.length === 1) return mentions[0]!.code || null;
  const counts = new Map<string, number>();
  for (let k = 0; k < mentions.length; k++) {
    const code = mentions[k]!.code;
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestN = 0;
  for (let k = 0; k < mentions.length; k++) {
    const code = mentions[k]!.code;
    const n = code ? counts.get(code)! : 0;
    if (code && n > bestN) {
      best = code;
      bestN = n;
    }
  }
  return best;
}

/** Pronouns and "the group", then mentions grouped into actors with their codes. */
function groupActors(s: DocState, covered: Uint8Array, aliasKeys: Map<string, string>): Actor[] {
  const { tokens, coded, doc, countryCodes } = s;
  const genderedNouns = anaphoraOf(s, covered);
  coded.sort((a, b) => a.first - b.first);

  // ---- group mentions into actors
  const actors: Actor[] = [];
  const states: ActorState[] = [];
  const byKey = new Map<string, ActorState>();
  const surnames = new Map<string, ActorState>();
  const textOf = (c: Coded): string => doc.text.slice(tokens[c.first]!.start, tokens[c.last]!.end);

  for (let i = 0; i < coded.length; i++) {
    const c = coded[i]!;
    let state: ActorState | null = null;
    if (c.key === 'pronoun') {
      // the most recent person of a compatible gender (learnt from the pronouns already
      // resolved to them: after "she", "he" skips that person)
      const gender = PRONOUN_GENDER.get(tokens[c.first]!.normal);
      state = recentPerson(states, c.first, gender);
      // "Mir-Mohammadi's mother died … She was …": a gendered noun named after the candidate
      // is the likelier antecedent, and it is no actor
      let noun: number | undefined;
      if (gender) {
        const nouns = genderedNouns[gender];
        for (let k = 0; k < nouns.length; k++) if (nouns[k]! < c.first) noun = nouns[k];
      }
      if (state && noun !== undefined && noun > state.lastToken && tokens[c.first]!.sentence - tokens[noun]!.sentence <= 1) state = null;
      if (state) {
        addMention(s, state, c, latestCode(state) ?? null);
        if (!state.gender && gender) state.gender = gender;
      }
      continue;
    }
    if (c.key === 'group') {
      state = recentGroup(states, c.first);
      if (state) addMention(s, state, c, latestCode(state) ?? null);
      continue;
    }
    if (c.via === 'definite' && c.role) {
      // "the militants" after "Taliban militants": the most recent actor with that role, named
      // with the same noun ("the troops" after "Nigerian troops"), or any such actor for the
      // words the agents file marks anaphoric (militants, rebels: often said of a named group)
      state = recentWithRole(tokens, states, c.first, c.role, tokens[c.last]!.lemma.toLowerCase(), !!c.anaphoric);
      if (state) {
        addMention(s, state, c, latestCode(state) ?? c.code);
        continue;
      }
    }
    state = byKey.get(aliasKeys.get(c.key) ?? c.key) ?? null;
    if (!state && c.nameWords && c.nameWords.length === 1) {
      // "Siddiqui" after "Farhan Siddiqui"
      state = surnames.get(c.nameWords[0]!) ?? null;
    }
    const fullName = c.nameWords ?? (c.entry?.kind === 'person' ? textOf(c).split(/\s+/) : null);
    if (state) {
      // a surname mention takes the person's code when it has none of its own
      let known: string | null = null;
      if (c.code === null) {
        const mentions = state.actor.mentions;
        for (let k = 0; k < mentions.length; k++) if (mentions[k]!.code) known = mentions[k]!.code!;
      }
      addMention(s, state, c, known ? known : c.code);
      // a later bare surname follows the full name written most recently
      if (fullName && fullName.length >= 2) surnames.set(fullName[fullName.length - 1]!, state);
      continue;
    }
    const name = c.entry ? c.entry.names[0] ?? c.entry.adjectives[0] ?? textOf(c) : textOf(c);
    const actor: Actor = {
      id: `a${actors.length + 1}`,
      name: c.nameWords ? c.nameWords.join(' ') : name,
      code: null,
      country: null,
      roles: [],
      type: c.type,
      mentions: [],
      kb: c.entry?.id ?? null,
    };
    actors.push(actor);
    state = new ActorState(actor, c.type === 'person', c.last);
    states.push(state);
    byKey.set(c.key, state);
    if (fullName && fullName.length >= 2) surnames.set(fullName[fullName.length - 1]!, state);
    addMention(s, state, c, c.code);
  }

  // ---- actor-level code, country, roles
  for (let k = 0; k < states.length; k++) {
    const state = states[k]!;
    const a = state.actor;
    const best = dominantCodeOf(a);
    a.code = best;
    const prefix = best?.slice(0, 3) ?? null;
    a.country = prefix && countryCodes.has(prefix) ? prefix : null;
    a.roles = state.roles;
  }
  return actors;
}

/** Places found by the places layer that no KB phrase covers, as pieces (marks them covered). */
function placePiecesOf(ctx: AnnotationContext, tokens: Token[], covered: Uint8Array, sentenceStart: Uint8Array): Piece[] {
  const placePieces: Piece[] = [];
  const places = ctx.places;
  for (let i = 0; i < places.length; i++) {
    const place = places[i]!;
    if (!place.country) continue;
    const firstTok = firstEndingAfter(tokens, place.start);
    if (firstTok >= tokens.length || tokens[firstTok]!.start >= place.end) continue;
    let lastTok = firstTok;
    while (lastTok + 1 < tokens.length && tokens[lastTok + 1]!.start < place.end) lastTok++;
    let free = true;
    for (let k = firstTok; k <= lastTok; k++) if (covered[k]) free = false;
    // "Feliciano Valencia": a place word right after a capitalized name word belongs to the name
    let b = firstTok - 1;
    while (b > 0 && tokens[b]!.text === '-' && !tokens[b + 1]!.spaceBefore) b--; // "Al-Sabah"
    const before = tokenAt(tokens, b);
    if (before && before.sentence === tokens[firstTok]!.sentence && before.pos === 'PROPN' && isCapitalized(before.text) && !covered[before.index] && sentenceStart[before.index] !== 1) free = false;
    if (!free) continue;
    for (let k = firstTok; k <= lastTok; k++) covered[k] = 1;
    const piece = newPiece('place', firstTok, lastTok);
    piece.placeCountry = place.country;
    placePieces.push(piece);
  }
  return placePieces;
}

/** Whether some piece of the chunk is a country word or a place. */
function hasCountryish(chunk: Piece[]): boolean {
  for (let k = 0; k < chunk.length; k++) if (isCountryish(chunk[k]!)) return true;
  return false;
}

/** Pieces joined into chunks by the gaps between them. */
function buildChunks(tokens: Token[], sentenceStart: Uint8Array, pieces: Piece[]): Piece[][] {
  const chunks: Piece[][] = [];
  let current: Piece[] | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const prev = current === null ? null : current[current.length - 1]!;
    const gap = prev ? gapKind(tokens, sentenceStart, prev, p) : null;
    let joins = current !== null && prev !== null && gap !== null;
    if (joins) {
      // a chunk ends at a name (the head): "President X Y" and then a new chunk
      if (prev!.kind === 'name' && p.kind === 'name' && gap !== 'orgof') joins = false;
      else if (gap === 'prep' && hasCountryish(current!)) joins = false;
      // "an Iraqi air base housing U.S. military": a second country word after other words
      // starts an actor of its own ("Iraqi Kurds", "Thailand's Thai …" stay one)
      else if (gap === 'adjacent' && isCountryish(p) && p.first > prev!.last + 1 && hasCountryish(current!)) joins = false;
      // the complement of a named institution is part of an organization's name
      else if (gap === 'orgof') p.orgLike = true;
    }
    if (joins) current!.push(p);
    else chunks.push((current = [p]));
  }
  return chunks;
}

/** The document's dominant country: more than half of its country-word mentions (else, in an article, a clear leader). */
function dominantCountryOf(matched: Piece[], placePieces: Piece[], sentenceCount: number): string | null {
  let dominantCountry: string | null = null;
  const counts = new Map<string, number>();
  let all = 0;
  for (let k = 0; k < matched.length; k++) {
    const e = matched[k]!.target?.entry;
    if (!e || e.kind !== 'country' || !e.country) continue;
    counts.set(e.country, (counts.get(e.country) ?? 0) + 1);
    all++;
  }
  // (at most one country has more than half)
  for (let k = 0; k < matched.length && !dominantCountry; k++) {
    const e = matched[k]!.target?.entry;
    if (e && e.kind === 'country' && e.country && counts.get(e.country)! * 2 > all) dominantCountry = e.country;
  }
  if (!dominantCountry && sentenceCount > 2) {
    // an article: the places it tells of count too, and the country named most often (at
    // least twice, clearly ahead of the next) is the one it is about
    for (let k = 0; k < placePieces.length; k++) {
      const country = placePieces[k]!.placeCountry!;
      counts.set(country, (counts.get(country) ?? 0) + 1);
    }
    const { key: best, count: bestN, runnerUp: secondN } = leaderOf(counts);
    if (best && bestN >= 2 && bestN >= secondN * 2) dominantCountry = best;
  }
  return dominantCountry;
}

/** The first token of each surname of the document's unknown full names. */
function localSurnamesOf(names: Piece[]): Map<string, number> {
  const localSurnameAt = new Map<string, number>();
  for (let k = 0; k < names.length; k++) {
    const n = names[k]!;
    const words = n.name!.split(/\s+/);
    if (words.length < 2) continue;
    const last = words[words.length - 1]!.toLowerCase();
    if (!localSurnameAt.has(last)) localSurnameAt.set(last, n.first);
  }
  return localSurnameAt;
}

type WrittenName = { at: number; entry: KbEntry | null };

/** Full names written in the document, by surname, in order (KB people and unknown names). */
function fullNamesBySurnameOf(tokens: Token[], matched: Piece[], names: Piece[]): Map<string, WrittenName[]> {
  const fullNamesBySurname = new Map<string, WrittenName[]>();
  const add = (p: Piece, entry: KbEntry | null) => {
    if (p.last === p.first) return;
    const key = tokens[p.last]!.normal;
    const list = fullNamesBySurname.get(key);
    if (list) list.push({ at: p.first, entry });
    else fullNamesBySurname.set(key, [{ at: p.first, entry }]);
  };
  for (let k = 0; k < matched.length; k++) {
    const p = matched[k]!;
    const entry = p.kind === 'name' ? null : p.target?.entry ?? null;
    if (p.kind === 'name' || entry?.kind === 'person') add(p, entry);
  }
  for (let k = 0; k < names.length; k++) add(names[k]!, null);
  fullNamesBySurname.forEach((list) => {
    if (list.length > 1) list.sort((a, b) => a.at - b.at);
  });
  return fullNamesBySurname;
}

/** The countries each sentence names (country words and places), in order. */
function countriesBySentenceOf(tokens: Token[], pieces: Piece[]): Map<number, string[]> {
  const countriesBySentence = new Map<number, string[]>();
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const country = p.kind === 'place' ? p.placeCountry : p.target?.entry?.kind === 'country' ? p.target.entry.country : null;
    if (!country) continue;
    const sentence = tokens[p.first]!.sentence;
    const list = countriesBySentence.get(sentence) ?? [];
    list.push(country);
    countriesBySentence.set(sentence, list);
  }
  return countriesBySentence;
}

/** 1 at each sentence's first token and at the word after an opening quote (sentence-initial too). */
function sentenceStartsOf(tokens: Token[], sentences: AnnotationContext['sentences']): Uint8Array {
  const starts = new Uint8Array(tokens.length);
  for (let k = 0; k < sentences.length; k++) starts[sentences[k]!.firstToken] = 1;
  for (let k = 0; k + 1 < tokens.length; k++) {
    const text = tokens[k]!.text;
    if (text.length === 1 && OPENING_QUOTES.has(text)) starts[k + 1] = 1;
  }
  return starts;
}

/** The date each sentence is about: a full or partial date written in it, else publication. */
function sentenceDatesOf(ctx: AnnotationContext): string[] {
  const { tokens, times } = ctx;
  const sentenceDate = new Array<string>(ctx.sentences.length).fill(ctx.referenceDate);
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t.value)) continue;
    const tok = tokenAt(tokens, firstEndingAfter(tokens, t.start));
    if (tok && sentenceDate[tok.sentence] === ctx.referenceDate) sentenceDate[tok.sentence] = normalizeIsoDate(t.value) ?? ctx.referenceDate;
  }
  return sentenceDate;
}

/** "Karen Bass": an ethnic word right before a capitalized name it is not part of is a given name, not a people. */
function withoutGivenNames(tokens: Token[], matched: Piece[]): Piece[] {
  let ethnic = false;
  for (let k = 0; k < matched.length && !ethnic; k++) ethnic = matched[k]!.target?.entry?.kind === 'ethnic';
  if (!ethnic) return matched;
  const matchStarts = new Set<number>();
  for (let k = 0; k < matched.length; k++) matchStarts.add(matched[k]!.first);
  const kept: Piece[] = [];
  for (let k = 0; k < matched.length; k++) {
    const p = matched[k]!;
    if (p.target?.entry?.kind === 'ethnic') {
      const next = tokenAt(tokens, p.last + 1);
      if (next && next.sentence === tokens[p.last]!.sentence && next.pos === 'PROPN' && isCapitalized(next.text) && !matchStarts.has(next.index)) continue;
    }
    kept.push(p);
  }
  return kept;
}

/** "ex-minister", "former", "then-", "ethnic" written before a piece: its flags. */
function markWordsBefore(tokens: Token[], pieces: Piece[]): void {
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const text = tokens[p.first]!.text;
    // /^ex-/i
    if (text.length > 2 && (text[0] === 'e' || text[0] === 'E') && (text[1] === 'x' || text[1] === 'X') && text[2] === '-') p.former = true;
    const prev = tokenAt(tokens, p.first - 1);
    if (!prev) continue;
    const prev2 = tokenAt(tokens, p.first - 2);
    if (prev.normal === 'former' || prev.normal === 'ex') p.former = true;
    if (prev.text === '-' && prev2 && prev2.normal === 'then') p.then = true;
    if (prev.normal === 'then-') p.then = true;
    if (prev.normal === 'ethnic') p.ethnic = true;
  }
}

/** The tokens' word ids when the English layer made the list (one id per token), else null. */
function wordIdsOfTokens(ctx: AnnotationContext): Int32Array | null {
  const ids = ctx.wordIds;
  return ids !== undefined && ids.length === ctx.tokens.length ? ids : null;
}

export function annotateActors(ctx: AnnotationContext, options: AnnotateOptions = {}): Actor[] {
  const { tokens, sentences, doc } = ctx;
  if (tokens.length === 0) return [];
  const kb = loadKnowledgeBase(options.kbPaths ?? []);
  const parts = buildParts(tokens, wordIdsOfTokens(ctx), kb);

  const sentenceDate = sentenceDatesOf(ctx);
  const sentenceStart = sentenceStartsOf(tokens, sentences);

  const matched = withoutGivenNames(tokens, matchPhrases(kb, parts));
  const covered = new Uint8Array(tokens.length);
  for (let i = 0; i < matched.length; i++) for (let k = matched[i]!.first; k <= matched[i]!.last; k++) covered[k] = 1;
  // Places found by the places layer (not already KB phrases) can give an agent its country
  // ("police in Lahore", "Sindh government") and are not unknown names.
  const placePieces = placePiecesOf(ctx, tokens, covered, sentenceStart);
  const names = findNames(tokens, covered, sentenceStart, kb.surnames, sentences.length > 1);
  for (let k = 0; k < names.length; k++) names[k]!.name = doc.text.slice(tokens[names[k]!.first]!.start, tokens[names[k]!.last]!.end);
  const pieces = matched.concat(placePieces, names).sort((a, b) => a.first - b.first);
  markWordsBefore(tokens, pieces);

  // ---- chunks: pieces joined by modifiers, "'s", "and" between country words, or "of/in COUNTRY"
  const coded: Coded[] = [];
  const countryCodes = countryCodesOf(kb);

  const chunks = buildChunks(tokens, sentenceStart, pieces);

  // The document's dominant country: more than half of its country-word mentions.
  const dominantCountry = dominantCountryOf(matched, placePieces, sentences.length);

  // A lone surname may name a KB person ("President Mugabe", "Putin") unless the document
  // introduced someone else with that surname first.
  const localSurnameAt = localSurnamesOf(names);
  // Full names written in the document, by surname, in order: KB people ("Nawaz Sharif") and
  // names the KB lacks (entry null). A later bare surname follows the most recent one.
  const fullNamesBySurname = fullNamesBySurnameOf(tokens, matched, names);

  // The countries each sentence names (country words and places), in order.
  const countriesBySentence = countriesBySentenceOf(tokens, pieces);

  const s: DocState = {
    ctx,
    doc,
    tokens,
    sentences,
    kb,
    sentenceStart,
    sentenceDate,
    countryCodes,
    dominantCountry,
    localSurnameAt,
    fullNamesBySurname,
    countriesBySentence,
    coded,
  };
  for (let k = 0; k < chunks.length; k++) codeChunk(s, chunks[k]!);

  const aliasKeys = applyAppositions(s);
  return groupActors(s, covered, aliasKeys);
}
