// The event annotator: for every sentence, who did what to whom, coded in CAMEO and PLOVER,
// with date, place, fatalities, modality and attribution (docs/events.md).
//
// Per sentence: (1) verb triggers, by lemma, with the most specific pattern of
// data/events/verbs.yaml; frames ("promised to X", "threatened to X", "demanded that Y X",
// "refused to X", "will X") turn the embedded verb's code into an intent/threat/demand/
// refusal code; (2) event nouns of data/events/nouns.yaml, carried by a support verb
// ("imposed a curfew") or standing alone with actors in their modifiers ("Israeli
// airstrikes on Hamas positions"); (3) source and target from the shallow parse in
// events/clauses.ts; (4) attributes; then events told twice are merged.
import type {
  Actor,
  Event,
  EventDate,
  EventParticipant,
  EventPlace,
  Modality,
  Sentence,
  Token,
} from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';
import { cameo, type CameoCode } from '../ontology/cameo.js';
import { applyFrame, eventPatterns, singular, type EventPatterns, type Frame, type NounPattern, type VerbPattern } from './events/patterns.js';
import { FULL_STOP, isCharToken, isClauseBoundary, isComma, isReducedRelative, isWord, QUESTION_MARK, tokenIfAny, verbGroup, type VerbGroup } from './events/clauses.js';
import { findFatalities, modalityOf, SPEECH_VERBS, type FatalityReading } from './events/attributes.js';
import { completeFromPhrase, composeCode, countryOfMention, hasOwnCode, mentionRef, needsCountry, ROLE_CODES, withCountry, type MentionRef } from './events/participants.js';
import { agentRole, loadKnowledgeBase, resolveCode, type TrieNode } from '../kb/index.js';
import { firstEndingAfter } from '../util/search.js';
import { leaderOf } from '../util/counts.js';

interface Candidate {
  code: string;
  triggerFirst: number;
  triggerLast: number;
  sources: MentionRef[];
  targets: MentionRef[];
  group: VerbGroup | null;
  framed: boolean;
  sentenceIndex: number;
  /** each source acts on the others ("X and Y clashed") */
  reciprocal?: boolean | undefined;
  /** an event named only to say it failed ("the ceasefire collapsed"): not coded, but later
   * references ("called off the truce") find its parties */
  referenceOnly?: boolean | undefined;
}

/**
 * Candidates, verb groups and contexts are built by these functions, with their properties
 * always in one order, so that each kind shares one hidden class: literals of several shapes
 * and spread copies made the optimized code deoptimize ("wrong map") while warming up.
 */
function candidate(
  code: string,
  triggerFirst: number,
  triggerLast: number,
  sources: MentionRef[],
  targets: MentionRef[],
  group: VerbGroup | null,
  framed: boolean,
  sentenceIndex: number,
  reciprocal: boolean | undefined,
  referenceOnly: boolean | undefined,
): Candidate {
  return { code, triggerFirst, triggerLast, sources, targets, group, framed, sentenceIndex, reciprocal, referenceOnly };
}

function withNegation(group: VerbGroup, negated: boolean): VerbGroup {
  // the order of verbGroup() in events/clauses.ts
  return { start: group.start, verb: group.verb, end: group.end, passive: group.passive, negated, modals: group.modals };
}

/** The property order createContext() gives a context (src/pipeline/annotate.ts). */
const CONTEXT_KEY_ORDER = 'doc,tokens,sentences,wordIds,referenceDate,times,places,actors,quotes,events';

function withTokens(input: AnnotationContext, tokens: Token[]): AnnotationContext {
  if (Object.keys(input).join(',') !== CONTEXT_KEY_ORDER) return { ...input, tokens };
  return {
    doc: input.doc,
    tokens,
    sentences: input.sentences,
    wordIds: input.wordIds,
    referenceDate: input.referenceDate,
    times: input.times,
    places: input.places,
    actors: input.actors,
    quotes: input.quotes,
    events: input.events,
  };
}

/** Codes whose actors act jointly: "X and Y met / agreed / signed" is coded both ways. */
const SYMMETRIC_ROOTS = new Set(['03', '04', '05', '06']);
const VIOLENT_ROOTS = new Set(['18', '19', '20']);
const GAP = 7;
const SUBJECT_WINDOW = 25;
const OBJECT_WINDOW = 14;
const COORDINATORS = new Set(['and', '&']);
const TARGET_PREPOSITIONS = new Set(['on', 'against', 'of', 'with', 'to', 'into', 'toward', 'towards', 'upon']);
/** Nouns that embed another event like their verbs do ("its demand that Israel ease ..."). */
const FRAME_NOUNS = new Set(['demand', 'call', 'appeal', 'threat', 'offer', 'promise', 'pledge', 'ultimatum', 'refusal', 'plea']);
/** Participles that work as prepositions inside a noun phrase. */
const PREPOSITIONAL_PARTICIPLES = new Set(['following', 'including', 'regarding', 'concerning', 'excluding', 'involving', 'targeting']);
/** Participles after "be" that describe a state, not a passive act ("were engaged in", "is prepared to"). */
const ADJECTIVAL_PARTICIPLES = new Set(['engaged', 'involved', 'embroiled', 'prepared', 'committed', 'determined', 'resolved', 'poised', 'set', 'ready', 'willing']);
/** Verbs that report a statement and nothing more: CAMEO 010 when no other code applies. */
const STATEMENT_VERBS = new Set(['say', 'tell', 'announce', 'state', 'add', 'declare', 'speak', 'remark', 'comment', 'stress', 'note', 'explain', 'brief', 'reiterate', 'emphasise', 'emphasize', 'assert', 'write', 'tweet']);
/** Parts of speech that open a direct object. */
const OBJECT_STARTS = new Set(['DET', 'NOUN', 'ADJ', 'PRON', 'NUM', 'PROPN']);
const YEAR_FIRST = /^\d{4}/;
/** Auxiliaries the tagger may call verbs ("to have attacked"). */
const AUXILIARY_LEMMAS = new Set(['have', 'be', 'get', 'do']);
/** Verbs whose gerund object is the act itself ("began expelling", "resumed shelling"). */
const ASPECTUAL_VERBS = new Set(['begin', 'start', 'continue', 'resume', 'keep', 'stop', 'finish']);
/** Verbs that tell an event noun (their subject) failed or ended: "the ceasefire collapsed" is no ceasefire. */
const FAILURE_VERBS = new Set(['collapse', 'fail', 'falter', 'unravel', 'expire', 'lapse', 'crumble', 'founder', 'stall']);
/** Verbs whose subject event noun struck their object ("airstrikes hit the district"). */
const IMPACT_VERBS = new Set(['hit', 'strike', 'target', 'pound', 'destroy', 'kill', 'wound', 'damage', 'rock']);
/** Violent verbs that name a reciprocal act: "X and Y clashed" is X against Y and Y against X. */
const RECIPROCAL_VERBS = new Set(['clash', 'fight', 'battle', 'exchange', 'skirmish', 'scuffle']);
/** Accusation verbs whose "of VERB-ing" is the accused act, not an act of the accuser. */
const ACCUSATION_VERBS = new Set(['accuse', 'blame', 'charge', 'suspect', 'convict', 'acquit']);
/** Modals that make a warning announce the speaker's own act ("warned that it would act"). */
const MODALS_OF_THREAT = new Set(['will', 'would', "'ll", 'shall', 'could', 'may', 'might']);
/** Plural role words without a plural ending. */
const PLURAL_ROLES = new Set(['police', 'people', 'military', 'officials', 'authorities', 'forces', 'troops', 'militants', 'rebels']);
/** Nouns for the two parties of a relation: "the two sides", "both countries". */
const PAIR_NOUNS = new Set(['sides', 'countries', 'nations', 'neighbours', 'neighbors', 'governments', 'parties', 'leaders', 'delegations']);
/** Prepositions that place an event noun in time rather than in a verb's object. */
const TEMPORAL_PREPOSITIONS = new Set(['after', 'before', 'during', 'since', 'following', 'amid', 'despite', 'until', 'ahead', 'prior']);
/** Definite determiners: "the strikes", "these attacks" refer to an event already told. */
const DEFINITE = new Set(['the', 'this', 'these', 'those', 'that']);
/** Words of aerial attack: a "strike" among them is an air strike. */
const AERIAL_WORDS = new Set(['airstrike', 'airstrikes', 'jet', 'jets', 'warplane', 'warplanes', 'aircraft', 'drone', 'drones', 'air', 'aerial', 'helicopter', 'helicopters', 'gunship', 'gunships']);
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'whom', 'whose']);
/** Prepositions that introduce where something happened rather than to whom. */
const LOCATIVES = new Set(['in', 'at', 'near', 'inside', 'outside', 'across', 'throughout', 'within']);
const REPORTING_VERBS = new Set(['say', 'tell', 'announce', 'state', 'add', 'declare', 'insist', 'conclude', 'stress', 'argue', 'write', 'note', 'urge', 'warn', 'believe', 'decide', 'rule', 'demand']);

/**
 * The key a verb is listed under: its lemma, or a plain de-inflection of the word when the
 * lemmatizer's lemma is not listed (wink gives "stag" for "staged").
 */
function verbKey(t: Token, listed: { has(key: string): boolean }): string {
  const lemma = t.lemma.toLowerCase();
  if (listed.has(lemma)) return lemma;
  const w = t.normal;
  const n = w.length;
  // candidates tried in order without building a list (this runs for every verb)
  if (w.endsWith('ed')) {
    const a = w.slice(0, n - 1);
    if (isListedKey(listed, a)) return a;
    const b = w.slice(0, n - 2);
    if (isListedKey(listed, b)) return b;
    const c = w.slice(0, n - 3);
    if (isListedKey(listed, c)) return c;
  }
  if (w.endsWith('ing')) {
    const stem = w.slice(0, n - 3);
    const withE = stem + 'e';
    if (isListedKey(listed, withE)) return withE;
    if (isListedKey(listed, stem)) return stem;
    const c = w.slice(0, n - 4);
    if (isListedKey(listed, c)) return c;
  }
  if (w.endsWith('s')) {
    const a = w.slice(0, n - 1);
    if (isListedKey(listed, a)) return a;
    const b = w.slice(0, n - 2);
    if (isListedKey(listed, b)) return b;
  }
  return lemma;
}

/** A de-inflected form is tried only when long enough to be a word (a module function, not a closure per call). */
function isListedKey(listed: { has(key: string): boolean }, key: string): boolean {
  return key.length > 2 && listed.has(key);
}

/** A participle used as an adjective ("the leading activist", "this divided island"), not a clause's verb. */
function isModifierVerb(tokens: Token[], i: number): boolean {
  const prev = tokenIfAny(tokens, i - 1);
  const next = tokenIfAny(tokens, i + 1);
  if (!prev) return false;
  if (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.normal === "'s" || prev.text === '-') return true;
  const w = tokens[i]!.normal;
  return (w.endsWith('ing') || w.endsWith('ed')) && next !== undefined && (next.pos === 'NOUN' || next.pos === 'ADJ') && prev.pos === 'ADP';
}

/** Participles without a participle ending, as a Set: see isCharToken() in events/clauses.ts for why not ===. */
const UNINFLECTED_PARTICIPLES = new Set(['held', 'shot', 'hit', 'struck']);

/** A past participle by its form ("frozen", "detained", "held"), not a past tense like "froze". */
function isParticipleForm(t: Token): boolean {
  const w = t.normal;
  return (w.endsWith('en') && w.length > 4) || (w.endsWith('ed') && t.lemma !== w) || UNINFLECTED_PARTICIPLES.has(w);
}

function matchesWord(set: Set<string>, t: Token): boolean {
  // a word matches by its lemma, its form or its singular, tried lazily (runs for every pattern word)
  return set.has(t.lemma.toLowerCase()) || set.has(t.normal) || set.has(singular(t.normal));
}

/** An ASCII capital A-Z (what /^[A-Z]/ tests, without a regex per token). */
function isUpperAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}

const GAP_STOPS = new Set(['.', ';', ':', '?', '!', '(', ')']);
/** Pattern gaps may cross commas and quotation marks (appositives, quoted names) but not clause ends. */
function isGapStop(t: Token): boolean {
  return (t.pos === 'PUNCT' && GAP_STOPS.has(t.text)) || t.pos === 'SCONJ';
}

/** Match a verb pattern whose verb is token v; returns the index of the last matched word or -1. */
function matchVerbPattern(tokens: Token[], v: number, end: number, pattern: VerbPattern): number {
  let j = v + 1;
  let last = v;
  let gap = 0;
  const parts = pattern.parts;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (part === 'gap') {
      gap = GAP;
      continue;
    }
    let found = -1;
    for (let k = j; k < end && k <= j + gap; k++) {
      const t = tokens[k]!;
      if (matchesWord(part, t)) {
        found = k;
        break;
      }
      if (isGapStop(t) || (t.pos === 'VERB' && k > j)) break;
    }
    if (found < 0) return -1;
    last = found;
    j = found + 1;
    gap = 0;
  }
  return last;
}

function bestVerbPattern(tokens: Token[], v: number, end: number, list: VerbPattern[] | undefined): { pattern: VerbPattern; last: number } | null {
  if (!list) return null;
  for (let i = 0; i < list.length; i++) {
    const last = matchVerbPattern(tokens, v, end, list[i]!);
    if (last >= 0) return { pattern: list[i]!, last };
  }
  return null;
}

/** Whether any of the verb patterns matches with its verb at v (a loop, not a some() closure per call). */
function anyVerbPatternMatches(tokens: Token[], v: number, end: number, list: VerbPattern[]): boolean {
  for (let i = 0; i < list.length; i++) if (matchVerbPattern(tokens, v, end, list[i]!) >= 0) return true;
  return false;
}

/** Whether any of the noun patterns matches with its head at h. */
function anyNounPatternMatches(tokens: Token[], h: number, start: number, list: NounPattern[]): boolean {
  for (let i = 0; i < list.length; i++) if (matchNounPattern(tokens, h, start, list[i]!) >= 0) return true;
  return false;
}

/** Match a noun pattern whose head is token h; returns the first token of the phrase or -1. */
function matchNounPattern(tokens: Token[], h: number, start: number, pattern: NounPattern): number {
  const n = pattern.words.length;
  // an open pattern ("anniversary of *") has any head: its last word comes up to GAP words before h
  if (!pattern.open && !matchesWord(pattern.words[n - 1]!, tokens[h]!)) return -1;
  let k = h;
  for (let w = pattern.open ? n - 1 : n - 2; w >= 0; w--) {
    const gap = pattern.open && w === n - 1 ? GAP : pattern.gapAfter[w] ? GAP : 0;
    k--;
    // hyphenated compounds are split into tokens ("cease-fire"): skip the hyphen
    if (k >= start && tokens[k]!.text === '-') k--;
    const last = k - gap;
    while (k >= start && k >= last && !matchesWord(pattern.words[w]!, tokens[k]!)) {
      // a gap stays inside the phrase: no clause ends, no verbs
      if (gap === 0 || isGapStop(tokens[k]!) || tokens[k]!.pos === 'VERB') return -1;
      k--;
    }
    if (k < start || k < last) return -1;
  }
  return k;
}

export function annotateEvents(input: AnnotationContext): Event[] {
  const patterns = eventPatterns();
  const datelineEnd = datelineEndToken(input);
  const mentions = indexMentions(input, datelineEnd);
  const mentionAt = new Int32Array(input.tokens.length).fill(-1);
  // The loops over tokens and sentences are functions of their own and this one has none:
  // V8 compiled it on the stack, several times, with the whole sentence coder inlined.
  const named = retagNamedWords(input.tokens, mentions, mentionAt);
  const tokens = retagVerbs(named, input.tokens);
  const ctx: AnnotationContext = tokens === input.tokens ? input : withTokens(input, tokens);
  const candidates = codeSentences(ctx, patterns, mentions, mentionAt, datelineEnd);
  return buildEvents(ctx, candidates, mentions, mentionAt);
}

/**
 * Notes each token's mention in mentionAt. A word inside a multi-word actor name is part of
 * the name, not a verb ("the Red Cross", tagged Cross/VERB): the shallow parse sees it as a
 * proper noun. Returns the tokens, copied if one changed.
 */
function retagNamedWords(original: Token[], mentions: MentionRef[], mentionAt: Int32Array): Token[] {
  let tokens = original;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    for (let t = m.first; t <= m.last; t++) {
      mentionAt[t] = i;
      if (m.last > m.first && tokens[t]!.pos === 'VERB') {
        if (tokens === original) tokens = tokens.slice();
        tokens[t] = retagged(tokens[t]!, 'PROPN', tokens[t]!.lemma);
      }
    }
  }
  return tokens;
}

/**
 * A gerund after an aspectual verb is a verb ("began expelling", tagged NOUN), and so is
 * "hand" before "over" after a subject ("demanded that Kabul hand over ..."). Returns the
 * tokens, copied (unless they already are a copy of the original) if one changed.
 */
function retagVerbs(given: Token[], original: Token[]): Token[] {
  let tokens = given;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos !== 'NOUN') continue;
    const prev = tokens[i - 1]!;
    const hand = isWord(t, 'hand');
    if (prev.pos !== 'VERB' && !hand) continue; // neither case can apply
    const gerund = t.normal.endsWith('ing') && prev.pos === 'VERB' && ASPECTUAL_VERBS.has(prev.lemma);
    const handOver = hand && isWord(tokenIfAny(tokens, i + 1), 'over') && (prev.pos === 'PROPN' || prev.pos === 'NOUN' || prev.pos === 'PRON' || isWord(prev, 'to'));
    if (!gerund && !handOver) continue;
    if (tokens === original) tokens = tokens.slice();
    tokens[i] = retagged(t, 'VERB', handOver ? 'hand' : t.lemma);
  }
  return tokens;
}

function codeSentences(ctx: AnnotationContext, P: EventPatterns, mentions: MentionRef[], mentionAt: Int32Array, datelineEnd: number): Candidate[] {
  const candidates: Candidate[] = [];
  const sentences = ctx.sentences;
  for (let s = 0; s < sentences.length; s++) {
    codeSentence(ctx, P, sentences[s]!, mentions, mentionAt, candidates, datelineEnd);
  }
  return candidates;
}

/** The property order analyze() gives a token (src/nlp/english.ts). */
const TOKEN_KEY_ORDER = 'index,text,start,end,normal,lemma,pos,sentence,spaceBefore';

/**
 * A copy of a token with another part of speech and lemma. Built as a literal in the order
 * analyze() builds tokens, so the copy shares the tokens' hidden class: a spread copy has
 * another one, and the optimized per-sentence code deoptimized ("wrong map") on the first
 * retagged token, which slowed the JIT warm-up. A token of any other shape is spread.
 */
function retagged(t: Token, pos: string, lemma: string): Token {
  if (Object.keys(t).join(',') !== TOKEN_KEY_ORDER) return { ...t, pos, lemma };
  return { index: t.index, text: t.text, start: t.start, end: t.end, normal: t.normal, lemma, pos, sentence: t.sentence, spaceBefore: t.spaceBefore };
}

const DATELINE_SEPARATORS = new Set(['-', '–', '—', '--', ':']);

/**
 * The token index where the story starts after a dateline ("KABUL (Reuters) - ", "QUETTA – ",
 * "Islamabad, March 3 (AP) —"): the dateline is where the report was filed, never a subject.
 * 0 when the document has none.
 */
function datelineEndToken(ctx: AnnotationContext): number {
  const dateline = ctx.places.find((p) => p.dateline);
  if (!dateline) return 0;
  const tokens = ctx.tokens;
  let k = 0;
  while (k < tokens.length && tokens[k]!.end <= dateline.start) k++;
  while (k < tokens.length && tokens[k]!.start < dateline.end) k++;
  const afterPlace = k;
  let depth = 0;
  for (let j = k; j < tokens.length && j - k < 14; j++) {
    const t = tokens[j]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && DATELINE_SEPARATORS.has(t.text)) return j + 1;
    if (depth === 0 && (t.text === '.' || (t.pos === 'VERB' && j > k))) break;
  }
  return afterPlace;
}

/**
 * A mention the actor layer ran across the dateline ("KABUL - Pakistani jets") is cut to the
 * story's words, and coded again from them: a country name or demonym ("Pakistani") and an
 * agent word ("jets" -> MIL) of the knowledge base, as the actor layer codes them.
 */
function afterDateline(m: MentionRef, ctx: AnnotationContext, datelineEnd: number): MentionRef | null {
  const tokens = ctx.tokens;
  const first = datelineEnd;
  const start = tokens[first]!.start;
  const text = ctx.doc.text.slice(start, m.end);
  const kb = loadKnowledgeBase([]);
  let country: string | null = null;
  let role: string | null = null;
  for (let k = first; k <= m.last; k++) {
    const word = tokens[k]!.normal;
    const node: TrieNode | undefined = kb.trie.next.get(word);
    const target = node?.targets.find((x) => x.entry && (x.via === 'demonym' || x.via === 'name' || x.via === 'alias'));
    if (!country && target?.entry) country = resolveCode(target.entry, ctx.referenceDate)?.slice(0, 3) ?? null;
    role = agentRole(kb, word) ?? role;
  }
  if (!country && !role) return null;
  const code = (country ?? '') + (role ?? '');
  return mentionRef(start, m.end, text, m.actor, code, first, m.last, country ?? null, m.place);
}

function indexMentions(ctx: AnnotationContext, datelineEnd = 0): MentionRef[] {
  const refs = mentionRefsOf(ctx.actors, placesByStart(ctx.places));
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  // Map character spans to token indices with one forward walk.
  const tokens = ctx.tokens;
  let t = 0;
  const kept: MentionRef[] = [];
  let lastEnd = -1;
  for (let k = 0; k < refs.length; k++) {
    const m = refs[k]!;
    if (m.start < lastEnd) continue; // nested or overlapping mention: keep the outer one
    while (t < tokens.length && tokens[t]!.end <= m.start) t++;
    let u = t;
    while (u < tokens.length && tokens[u]!.start < m.end) u++;
    if (u === t) continue;
    m.first = t;
    m.last = u - 1;
    if (m.first < datelineEnd) {
      if (m.last < datelineEnd) continue; // the dateline itself ("KABUL") is no actor of the story
      const cut = afterDateline(m, ctx, datelineEnd);
      if (!cut) continue;
      kept.push(cut);
      lastEnd = cut.end;
      continue;
    }
    kept.push(m);
    lastEnd = m.end;
  }
  return kept;
}

/**
 * The places other than the dateline by start offset. A function of its own: places come in
 * several object shapes, and the first unseen one deoptimizes only this loop.
 */
function placesByStart(places: AnnotationContext['places']): Map<number, AnnotationContext['places'][number]> {
  const placeStarts = new Map<number, AnnotationContext['places'][number]>();
  for (let i = 0; i < places.length; i++) if (!places[i]!.dateline) placeStarts.set(places[i]!.start, places[i]!);
  return placeStarts;
}

/**
 * A reference for every actor mention. A name that is only a toponym of the places layer (no
 * actor code) is where something happened; it may be a target's country ("airstrikes hit
 * Barmal") but never acts itself.
 */
function mentionRefsOf(actors: Actor[], placeStarts: Map<number, AnnotationContext['places'][number]>): MentionRef[] {
  const refs: MentionRef[] = [];
  for (let i = 0; i < actors.length; i++) {
    const actor = actors[i]!;
    const mentions = actor.mentions;
    for (let k = 0; k < mentions.length; k++) {
      const m = mentions[k]!;
      const code = m.code ?? actor.code;
      const place = code ? undefined : placeStarts.get(m.start);
      if (place) {
        if (!place.country) continue;
        refs.push(mentionRef(m.start, m.end, m.text, actor, place.country, -1, -1, place.country, true));
        continue;
      }
      refs.push(mentionRef(m.start, m.end, m.text, actor, code, -1, -1, undefined, undefined));
    }
  }
  return refs;
}

// ---------------------------------------------------------------- per sentence

/**
 * The events of one sentence. The work is split into functions of a sensible size that take
 * the sentence's Scope, rather than closures inside one function of hundreds of lines: V8
 * took seconds to optimize that function (and deoptimized it several times), so that most of
 * a first pass over a corpus ran it unoptimized.
 */
function codeSentence(
  ctx: AnnotationContext,
  P: EventPatterns,
  sentence: Sentence,
  mentions: MentionRef[],
  mentionAt: Int32Array,
  out: Candidate[],
  datelineEnd: number,
): void {
  const tokens = ctx.tokens;
  const s0 = sentence.firstToken;
  const s1 = sentence.endToken;
  // A question asks, it does not report ("How do you plan to help ...?", "Could you explain ...?").
  let lastWord = s1 - 1;
  while (lastWord > s0 && tokens[lastWord]!.pos === 'PUNCT' && !isCharToken(tokens[lastWord]!, QUESTION_MARK)) lastWord--;
  const last = tokenIfAny(tokens, lastWord);
  if (last !== undefined && isCharToken(last, QUESTION_MARK)) return;
  const groups = new Map<number, VerbGroup>();
  const verbIndices: number[] = [];
  findVerbGroups(tokens, P, s0, s1, groups, verbIndices);
  const sc: Scope = {
    ctx,
    tokens,
    P,
    sentence,
    s0,
    s1,
    out,
    firstCandidate: out.length,
    mentionAt,
    mentions,
    groups,
    verbIndices,
    consumed: new Uint8Array(s1 - s0),
    subjectCache: new Map<number, MentionRef[]>(),
    datelineEnd,
  };
  for (const v of verbIndices) {
    if (!isConsumed(sc, v)) codeVerbTrigger(sc, v);
  }
  for (let i = s0; i < s1; i++) {
    if (!isConsumed(sc, i)) codeNounTrigger(sc, i);
  }
  finishSentence(sc);
}

/** A frame noun followed by "that" or "to" ("a demand that", "a call to"), or by one word and "that". */
function opensNounFrame(tokens: Token[], i: number): boolean {
  const next = tokenIfAny(tokens, i + 1);
  return next !== undefined && (isWord(next, 'that') || isWord(next, 'to') || (isWord(tokenIfAny(tokens, i + 2), 'that') && next.pos !== 'PUNCT'));
}

/** The verb groups of the sentence: verbs, adjectives that open a frame ("ready to"), and frame nouns ("a demand that"). */
function findVerbGroups(tokens: Token[], P: EventPatterns, s0: number, s1: number, groups: Map<number, VerbGroup>, verbIndices: number[]): void {
  for (let i = s0; i < s1; i++) {
    const t = tokens[i]!;
    if (t.pos === 'VERB' || (t.pos === 'ADJ' && P.frameCues.has(t.normal)) || (t.pos === 'NOUN' && FRAME_NOUNS.has(t.lemma) && opensNounFrame(tokens, i))) {
      groups.set(i, verbGroup(tokens, i, s0, s1));
      verbIndices.push(i);
    }
  }
}

function isConsumed(sc: Scope, i: number): boolean {
  return sc.consumed[i - sc.s0] === 1;
}

function consume(sc: Scope, a: number, b: number): void {
  for (let i = a; i <= b; i++) sc.consumed[i - sc.s0] = 1;
}

// ---- mentions, subjects and objects

/** The mentions covering tokens [from, to) of the sentence, each once, in order. */
function mentionsIn(sc: Scope, from: number, to: number): MentionRef[] {
  const found: MentionRef[] = [];
  const mentionAt = sc.mentionAt;
  const mentions = sc.mentions;
  const end = Math.min(to, sc.s1);
  for (let i = Math.max(from, sc.s0); i < end; i++) {
    const m = mentionAt[i]!;
    if (m >= 0 && (found.length === 0 || found[found.length - 1] !== mentions[m])) found.push(mentions[m]!);
  }
  return found;
}

/** Mentions that may act: not toponyms taken as their country's people. */
function actorsIn(sc: Scope, from: number, to: number): MentionRef[] {
  const found = mentionsIn(sc, from, to);
  const actors: MentionRef[] = [];
  for (let i = 0; i < found.length; i++) if (!found[i]!.place) actors.push(found[i]!);
  return actors;
}

/** A mention and the mentions coordinated with it ("X and Y", "X, Y and Z"). */
function withCoordinated(sc: Scope, first: MentionRef, to: number): MentionRef[] {
  const tokens = sc.tokens;
  const mentionAt = sc.mentionAt;
  const list = [first];
  let cursor = first.last + 1;
  while (cursor < to) {
    // allow "and", ",", determiners and adjectives/nouns between coordinated mentions, but no verbs or prepositions
    let k = cursor;
    let sawCoordinator = false;
    while (k < to && mentionAt[k]! < 0) {
      const t = tokens[k]!;
      if (COORDINATORS.has(t.normal) || t.pos === 'CCONJ') sawCoordinator = true;
      else if (t.pos === 'VERB' || t.pos === 'ADP' || t.pos === 'AUX' || t.pos === 'PRON' || t.pos === 'SCONJ') return list;
      else if (!sawCoordinator && t.pos !== 'NOUN' && t.pos !== 'ADJ' && t.pos !== 'PROPN' && t.pos !== 'PART') return list;
      k++;
      if (k - cursor > 6) return list;
    }
    if (k >= to || !sawCoordinator) return list;
    const next = sc.mentions[mentionAt[k]!]!;
    if (!list.includes(next)) list.push(next);
    cursor = next.last + 1;
  }
  return list;
}

/** The subject of the verb group starting at `groupStart` (cached per sentence). */
function subjectOf(sc: Scope, groupStart: number): MentionRef[] {
  const cache = sc.subjectCache;
  const cached = cache.get(groupStart);
  if (cached) return cached;
  cache.set(groupStart, []); // guards against cycles through coordination
  // A coordinated predicate ("X was indicted ... and will resign", "X opened ... but was
  // still refusing") shares the subject of the predicate before it.
  const before = tokenIfAny(sc.tokens, groupStart - 1);
  if (before && groupStart - 1 > sc.s0 && before.pos === 'CCONJ') {
    const previous = previousClauseVerbIn(sc, groupStart - 1);
    if (previous >= 0) {
      const shared = subjectOf(sc, sc.groups.get(previous)!.start);
      if (shared.length) {
        cache.set(groupStart, shared);
        return shared;
      }
    }
  }
  const result = subjectInRegion(sc, groupStart, subjectRegionStart(sc, groupStart));
  cache.set(groupStart, result);
  return result;
}

/** Where the subject region before a verb group begins: a clause boundary, another clause verb, or the dateline's end. */
function subjectRegionStart(sc: Scope, groupStart: number): number {
  const tokens = sc.tokens;
  const s0 = sc.s0;
  let b = groupStart;
  const floor = Math.max(s0, sc.datelineEnd > groupStart ? s0 : sc.datelineEnd);
  while (b > floor && groupStart - b < SUBJECT_WINDOW) {
    const t = tokens[b - 1]!;
    // a short parenthesis after a name ("the Nigerian Union of Teachers (NUT), ...") is skipped
    if (t.pos === 'PUNCT' && t.text === ')') {
      let open = b - 2;
      while (open >= s0 && b - open <= 10 && tokens[open]!.text !== '(') open--;
      if (open >= s0 && tokens[open]!.text === '(') {
        b = open;
        continue;
      }
    }
    if (isClauseBoundary(t) || isClauseVerbAt(tokens, s0, b - 1)) break;
    b--;
  }
  return b;
}

/** The subject found in the region [b, groupStart). */
function subjectInRegion(sc: Scope, groupStart: number, b: number): MentionRef[] {
  const tokens = sc.tokens;
  // Comma-separated segments, nearest to the verb first (skips intros). A segment closed by
  // a comma right before the verb is an appositive ("Pakistan, a key U.S. ally, has
  // refused"): the segment before it holds the subject when it names an actor.
  let segmentEnd = groupStart;
  if (groupStart - 1 > b && isComma(tokens[groupStart - 1]!)) {
    let open = groupStart - 2;
    while (open >= b && !isComma(tokens[open]!)) open--;
    if (open > b) {
      const head = actorsIn(sc, b, open);
      let headStart = open - 1;
      while (headStart >= b && !isComma(tokens[headStart]!)) headStart--;
      const inHead = actorsIn(sc, headStart + 1, open);
      if (inHead.length > 0 && head.length > 0) {
        return withAppositives(sc, withCoordinated(sc, inHead[0]!, open), open + 1, groupStart - 1);
      }
    }
  }
  for (let i = groupStart - 1; i >= b - 1; i--) {
    if (i < b || isComma(tokens[i]!)) {
      const found = actorsIn(sc, i + 1, segmentEnd);
      if (found.length > 0) {
        const result = withCoordinated(sc, found[0]!, segmentEnd);
        // "Salaheddine Sidhoum, Algeria's leading activist, staged ...": the name's country
        // may be told only in the appositive that follows it.
        if (result.length === 1 && segmentEnd < groupStart && isComma(tokens[segmentEnd]!)) {
          return [withAppositive(sc, result[0]!, segmentEnd + 1, groupStart - 1)];
        }
        return result;
      }
      segmentEnd = i;
    }
  }
  return [];
}

/**
 * withAppositive() for each mention, in a new array filled by push: the array map() makes has
 * another elements kind (holey), and a candidate's sources of that kind deoptimized every
 * optimized function that reads them ("wrong map").
 */
function withAppositives(sc: Scope, list: MentionRef[], from: number, to: number): MentionRef[] {
  const out: MentionRef[] = [];
  for (let i = 0; i < list.length; i++) out.push(withAppositive(sc, list[i]!, from, to));
  return out;
}

/** A mention without a country takes the country of an actor named in its appositive. */
function withAppositive(sc: Scope, m: MentionRef, from: number, to: number): MentionRef {
  if (m.actor.country || hasOwnCode(m)) return m;
  for (const other of mentionsIn(sc, from, to)) {
    if (other.actor.country) return withCountry(m, other.actor.country, composeCode(other.actor.country, m.code));
  }
  return m;
}

/** The subject of the nearest earlier verb group that has one (coordinated predicates, infinitives, "X said they ..."). */
function inheritedSubject(sc: Scope, before: number): MentionRef[] {
  const verbIndices = sc.verbIndices;
  for (let k = verbIndices.length - 1; k >= 0; k--) {
    const v = verbIndices[k]!;
    if (v >= before || !isClauseVerbAt(sc.tokens, sc.s0, v) && sc.tokens[v]!.pos === 'VERB') continue;
    const found = subjectOf(sc, sc.groups.get(v)!.start);
    if (found.length) return found;
  }
  return [];
}

/**
 * The object region after a verb: up to a clause boundary, a comma or the next clause verb.
 * Verbs up to `allowThrough` belong to the trigger ("attempted to assassinate"); participles
 * used as adjectives ("the besieged town", "war-torn"), reduced relatives ("power lines
 * leading into Kabul"), prepositional participles ("following") and a noun's infinitive
 * complement ("an invitation to attend a meeting of ...") stay inside the object.
 * -1 for `allowVerbAt` and `allowThrough` allows none.
 */
function objectRegionEnd(sc: Scope, from: number, allowVerbAt: number, allowThrough: number): number {
  const tokens = sc.tokens;
  const mentionAt = sc.mentionAt;
  const s1 = sc.s1;
  let e = from;
  while (e < s1 && e - from < OBJECT_WINDOW) {
    const t = tokens[e]!;
    if (isClauseBoundary(t) || isComma(t)) break;
    if (t.normal === 'as' && e > from && (tokens[e - 1]!.pos === 'NOUN' || mentionAt[e - 1]! >= 0)) break;
    if (t.pos === 'VERB' && e !== allowVerbAt && e > allowThrough && e > from && !isModifierVerb(tokens, e) && !PREPOSITIONAL_PARTICIPLES.has(t.normal) && !isReducedRelative(tokens, e, sc.s0)) {
      const infinitiveOfNoun = tokens[e - 1]!.normal === 'to' && e - 2 >= from && (tokens[e - 2]!.pos === 'NOUN' || mentionAt[e - 2]! >= 0);
      if (!infinitiveOfNoun) break;
    }
    e++;
  }
  return e;
}

/**
 * The object: the first actor mention after the verb, except a bare role used as a modifier
 * ("military aid to Mozambique", "an official protest with Albania"); a place after "in/at/
 * near" is where it happened, taken only when no other actor is named.
 */
function objectOf(sc: Scope, from: number, exclude: MentionRef[], allowVerbAt: number, allowThrough: number): MentionRef[] {
  const tokens = sc.tokens;
  const s1 = sc.s1;
  // coordinated verbs share the object: "donated and personally delivered goods to X"
  if (from < s1 && tokens[from]!.pos === 'CCONJ') {
    let k = from + 1;
    while (k < s1 && tokens[k]!.pos === 'ADV') k++;
    if (k < s1 && tokens[k]!.pos === 'VERB') from = sc.groups.get(k)?.end ?? k + 1;
  }
  const end = objectRegionEnd(sc, from, allowVerbAt, allowThrough);
  let locative: MentionRef | null = null;
  for (const m of mentionsIn(sc, from, end)) {
    if (exclude.some((x) => x.actor === m.actor)) continue;
    if (isModifierRole(sc, m)) continue;
    const prev = tokenIfAny(tokens, m.first - 1);
    const prev2 = tokenIfAny(tokens, m.first - 2);
    if (m.first > from && prev && (LOCATIVES.has(prev.normal) || (prev.pos === 'DET' && prev2 && LOCATIVES.has(prev2.normal) && m.first - 1 > from))) {
      locative ??= m;
      continue;
    }
    return withCoordinated(sc, m, end);
  }
  return locative ? [mentionRef(locative.start, locative.end, locative.text, locative.actor, locative.code, locative.first, locative.last, locative.country, true)] : [];
}

/**
 * A target told later in the sentence: "against X" ("mobilized reservists for a possible
 * war against Iraq"), and for protests the object of "(to|in) protest (against|at|of) X".
 */
function laterTarget(sc: Scope, from: number, code: string, exclude: MentionRef[]): MentionRef[] {
  const tokens = sc.tokens;
  const mentionAt = sc.mentionAt;
  const s1 = sc.s1;
  const protest = code.startsWith('14');
  for (let i = from; i < s1 && i - from < 25; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' && (t.text === ';' || t.text === ':')) break;
    if ((t.pos === 'PRON' || t.pos === 'DET') && RELATIVE_PRONOUNS.has(t.normal)) break;
    const opens = (t.normal === 'against' && t.pos === 'ADP') || (protest && t.lemma === 'protest' && (t.pos === 'VERB' || t.pos === 'NOUN'));
    if (!opens) continue;
    for (let k = i + 1; k < s1 && k - i <= 8; k++) {
      const u = tokens[k]!;
      if (mentionAt[k]! >= 0) {
        const m = sc.mentions[mentionAt[k]!]!;
        if (exclude.some((x) => x.actor === m.actor) || isModifierRole(sc, m)) break;
        return withCoordinated(sc, m, Math.min(s1, k + 10));
      }
      if (isClauseBoundary(u) || isComma(u) || (u.pos === 'VERB' && !isModifierVerb(tokens, k))) break;
    }
  }
  return [];
}

/** "between X and Y" right after a trigger: [[X], [Y, …]] (the first named acts on the others). */
function betweenPair(sc: Scope, from: number, crossVerb: boolean): [MentionRef[], MentionRef[]] | null {
  const tokens = sc.tokens;
  const mentionAt = sc.mentionAt;
  const s1 = sc.s1;
  for (let i = from; i < s1 && i - from <= 4; i++) {
    const t = tokens[i]!;
    if (t.normal === 'between' && t.pos === 'ADP') {
      for (let k = i + 1; k < s1 && k - i <= 4; k++) {
        if (mentionAt[k]! >= 0) {
          const list = withCoordinated(sc, sc.mentions[mentionAt[k]!]!, Math.min(s1, k + 12));
          return list.length >= 2 ? [[list[0]!], list.slice(1)] : null;
        }
      }
      return null;
    }
    // a nominal event may be followed by its own verb: "clashes erupted between X and Y"
    if (isClauseBoundary(t) || isComma(t) || (t.pos === 'VERB' && !crossVerb && !isModifierVerb(tokens, i))) return null;
  }
  return null;
}

/** The noun at k names an accident or a disaster ("fire", "flood"). */
function isNonAgentAt(sc: Scope, k: number): boolean {
  if (k < sc.s0 || k >= sc.s1) return false;
  const t = sc.tokens[k]!;
  return t.pos === 'NOUN' && (sc.P.nonAgents.has(t.lemma) || sc.P.nonAgents.has(singular(t.normal)));
}

/** The head noun of the subject (the noun right before the verb group) or of "by X" is an accident word. */
function hasNonAgent(sc: Scope, group: VerbGroup): boolean {
  const tokens = sc.tokens;
  if (isNonAgentAt(sc, group.start - 1)) return true;
  if (tokenIfAny(tokens, group.start - 1)?.pos === 'PRON' && group.start - 1 >= sc.s0) return false;
  for (let k = group.end; k < sc.s1 && k - group.end < 6; k++) {
    if (tokens[k]!.normal === 'by') {
      for (let j = k + 1; j < sc.s1 && j - k <= 4; j++) if (isNonAgentAt(sc, j)) return true;
      break;
    }
  }
  return false;
}

/** A role without a country right before a noun it modifies: "military aid", "army reservists". */
function isModifierRole(sc: Scope, m: MentionRef): boolean {
  const next = tokenIfAny(sc.tokens, m.last + 1);
  return needsCountry(m) && next !== undefined && m.last + 1 < sc.s1 && (next.pos === 'NOUN' || next.pos === 'ADJ' || next.text === '-') && sc.mentionAt[m.last + 1]! < 0;
}

/** "by X" after a passive verb */
function agentOf(sc: Scope, from: number): MentionRef[] {
  const tokens = sc.tokens;
  const end = objectRegionEnd(sc, from, -1, -1);
  for (let i = from; i < end; i++) {
    // "was attacked on Monday by X", not "destroyed with some estimates by X"
    if (tokens[i]!.pos === 'NOUN' || tokens[i]!.pos === 'PRON') break;
    if (tokens[i]!.normal === 'by' && tokens[i]!.pos === 'ADP') {
      const found = mentionsIn(sc, i + 1, Math.min(end + 4, sc.s1));
      if (found.length) return withCoordinated(sc, found[0]!, end + 4);
    }
  }
  return [];
}

/** The subject of the first speech verb of the sentence that has one. */
function speechSubject(sc: Scope): MentionRef[] {
  for (const v of sc.verbIndices) {
    if (SPEECH_VERBS.has(sc.tokens[v]!.lemma)) {
      const subj = subjectOf(sc, sc.groups.get(v)!.start);
      if (subj.length) return subj;
    }
  }
  return [];
}

// ---- verb triggers

interface VerbCode {
  code: string;
  last: number;
  weight: number;
}

function verbCode(code: string, last: number, weight: number): VerbCode {
  return { code, last, weight };
}

/** The code of a verb on its own: its best pattern, or a support verb carrying an event noun. */
function codeOfVerb(sc: Scope, v: number): VerbCode | null {
  const tokens = sc.tokens;
  const P = sc.P;
  const s1 = sc.s1;
  const t = tokens[v]!;
  if (isDiscarded(tokens, v, s1, P) || isDiscardedBefore(sc, v)) return null;
  // "the injured", "the detained suspect": a participle after a determiner is no act
  const prev = tokenIfAny(tokens, v - 1);
  if (v > sc.s0 && prev && (prev.pos === 'DET' || prev.normal === "'s")) return null;
  if (P.intransitiveOnly.has(t.lemma)) {
    const next = tokenIfAny(tokens, v + 1);
    if (next && v + 1 < s1 && (OBJECT_STARTS.has(next.pos) || next.normal === 'that' || next.normal === 'how' || next.normal === 'what')) return null;
  }
  // "militants sheltering in Afghanistan" take shelter; "Kenya sheltered refugees" is an act
  if (P.transitiveOnly.has(verbKey(t, P.transitiveOnly))) {
    const next = tokenIfAny(tokens, v + 1);
    if (!next || v + 1 >= s1 || !OBJECT_STARTS.has(next.pos) || next.pos === 'ADJ' && tokenIfAny(tokens, v + 2)?.pos === 'ADP') return null;
  }
  // "to release frozen assets": a participle between a verb and its object's noun describes the noun
  const next = tokenIfAny(tokens, v + 1);
  if (prev && next && v + 1 < s1 && isParticipleForm(t) && (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN') &&
    ((prev.pos === 'VERB' && !AUXILIARY_LEMMAS.has(prev.lemma)) || prev.pos === 'ADP' || (prev.pos === 'NOUN' && isWord(tokenIfAny(tokens, v - 2), 'to')))) return null;
  const best = bestVerbPattern(tokens, v, s1, P.verbs.get(verbKey(t, P.verbs)));
  if (best && best.pattern.weight >= 2) return verbCode(best.pattern.code, best.last, best.pattern.weight);
  if (P.supportVerbs.has(verbKey(t, P.supportVerbs))) {
    const noun = eventNounAfter(sc, v);
    if (noun) return verbCode(noun.code, noun.last, 2);
  }
  return best ? verbCode(best.pattern.code, best.last, 1) : null;
}

/** An event noun in the object of the verb at v ("launched a new military offensive"). */
function eventNounAfter(sc: Scope, v: number): { code: string; last: number } | null {
  const tokens = sc.tokens;
  const P = sc.P;
  const end = objectRegionEnd(sc, v + 1, -1, -1);
  for (let i = v + 1; i < end; i++) {
    // a verb that embeds another event ("issued a declaration demanding that ...") is a frame, not the noun
    if (tokens[i]!.pos === 'VERB' && P.frameCues.has(verbKey(tokens[i]!, P.frameCues))) break;
    // the noun must head the verb's own object, not a phrase inside it ("sent the police a plan for a march")
    if (tokens[i]!.pos === 'ADP' && tokens[i]!.normal !== 'of') break;
    const hit = nounAt(tokens, i, sc.s0, sc.s1, P);
    if (hit) return { code: hit.pattern.code, last: i };
  }
  return null;
}

/** What a verb trigger has found so far: its code, last word, frame, and the frame's own targets and embedded verb. */
interface TriggerState {
  code: string | null;
  last: number;
  framed: boolean;
  explicitTargets: MentionRef[] | null;
  embeddedVerb: number;
  /** the frame embeds a discarded verb: no event at all */
  dropped: boolean;
}

/** A verb (or a frame adjective or noun) as the trigger of an event. */
function codeVerbTrigger(sc: Scope, v: number): void {
  const tokens = sc.tokens;
  const P = sc.P;
  const t = tokens[v]!;
  const group = sc.groups.get(v)!;
  const lemma = t.pos === 'ADJ' ? t.normal : verbKey(t, P.frameCues);
  // "be prepared/committed/determined to": the participle is the cue only after "be"
  let frameKinds = P.frameCues.get(lemma) ?? (t.pos === 'VERB' && group.passive && P.frameCues.has(t.normal) ? P.frameCues.get(t.normal) : undefined);
  // "called the investigation a witch hunt" names, it does not appeal: "call" appeals only
  // with "for/on/upon" or "call X to ..."
  if (lemma === 'call' && frameKinds && !callAppeals(sc, group.end)) frameKinds = undefined;
  // a discard of the cue itself ("asked Trump about it", "asked not to be named") rules the
  // frame out before it applies
  if (frameKinds && t.pos === 'VERB' && isDiscarded(tokens, v, sc.s1, P)) frameKinds = undefined;
  let own = t.pos === 'VERB' ? codeOfVerb(sc, v) : null;
  // "struck": a labour strike among labour words, an attack in a story of armed conflict,
  // else no event ("was struck by a car", "the storm struck")
  if (own && own.code === '143' && t.lemma === 'strike') own = strikeSense(sc, v, own);
  // "X is prepared/committed to ...": a state of X, not a passive with X as the target
  if (group.passive && frameKinds && ADJECTIVAL_PARTICIPLES.has(t.normal)) group.passive = false;
  // "a ceasefire brokered by Qatar": a reduced relative with its agent is a passive
  if (!group.passive && isPassiveModifier(sc, v)) group.passive = true;
  const st: TriggerState = { code: null, last: v, framed: false, explicitTargets: null, embeddedVerb: -1, dropped: false };
  if (frameKinds && !(own && own.weight >= 3)) framedCode(sc, v, P.frames.get(frameKinds[0]!)!, own, st);
  if (st.dropped) return;
  let statement = false;
  if (!st.code && own && t.lemma !== 'say' && t.lemma !== 'tell') {
    st.code = own.code;
    st.last = own.last;
  }
  // A public statement (CAMEO 010) when the verb says no more than that something was said;
  // coders code it only when nothing else is, so it has no PLOVER type and ranks last.
  if (!st.code && t.pos === 'VERB' && STATEMENT_VERBS.has(t.lemma) && !group.negated) {
    st.code = '010';
    statement = true;
  }
  // "X said/concluded (that) Y must Z" with a Z we cannot code: still a demand
  if (!st.code && isReportedDemand(sc, group)) st.code = '100';
  if (!st.code) return;
  // the trigger runs to the head of a compound object ("eased emergency measures")
  st.last = compoundObjectEnd(sc, v, st.last);
  if (!cameo(st.code)) return;
  verbEvent(sc, v, group, st, statement);
}

// The rare branches of codeVerbTrigger, as functions of their own so that its optimized code
// stays small (it deoptimizes at the first time each is taken, and then compiles again).

/** "struck": a labour strike among labour words, an attack in a story of armed conflict, else no event. */
function strikeSense(sc: Scope, v: number, own: VerbCode): VerbCode | null {
  const sense = nounCode(sc, v, '143');
  return sense !== '143' ? verbCode(sense, own.last, own.weight) : hasLabourCue(sc) ? own : null;
}

/** "X said/concluded (that) Y must Z": a verb group with must/should after a reporting verb. */
function isReportedDemand(sc: Scope, group: VerbGroup): boolean {
  let obliged = false;
  for (let i = 0; i < group.modals.length; i++) if (group.modals[i] === 'must' || group.modals[i] === 'should') obliged = true;
  if (!obliged) return false;
  const verbIndices = sc.verbIndices;
  for (let i = 0; i < verbIndices.length; i++) {
    const u = verbIndices[i]!;
    if (u < group.start && REPORTING_VERBS.has(sc.tokens[u]!.lemma)) return true;
  }
  return false;
}

/** The head of a compound object the trigger's last noun opens ("eased emergency measures"). */
function compoundObjectEnd(sc: Scope, v: number, last: number): number {
  const tokens = sc.tokens;
  while (last > v && last + 1 < sc.s1 && tokens[last]!.pos === 'NOUN' && tokens[last + 1]!.pos === 'NOUN') last++;
  return last;
}

/**
 * A frame ("threatened to ban", "urged X to release", "demanded that Y withdraw") turns the
 * embedded verb's code, or the code of an event noun in its object ("demanded a truce"),
 * into its own.
 */
function framedCode(sc: Scope, v: number, frame: Frame, own: VerbCode | null, st: TriggerState): void {
  const tokens = sc.tokens;
  const s1 = sc.s1;
  let k = v + 1;
  // skip adverbs and time phrases before "to"/"that" ("threatened on Monday to ...")
  for (let j = v + 1; j < s1 && j - v <= 5; j++) {
    const u = tokens[j]!;
    if (u.normal === 'to' || u.normal === 'that') {
      k = j;
      break;
    }
    if (u.pos === 'VERB' || isGapStop(u) || isComma(u)) break;
    if (j === v + 1 && u.pos !== 'ADV' && u.pos !== 'ADP' && u.pos !== 'PROPN' && u.pos !== 'NOUN') break;
  }
  while (k < s1 && tokens[k]!.pos === 'ADV') k++;
  let objectStart = -1;
  if (k < s1 && tokens[k]!.normal === 'that') {
    objectStart = k + 1;
  } else if (frame.kind === 'appeal' || frame.kind === 'demand') {
    // "urged Pakistan to ...": an object before "to"
    let j = k;
    while (j < s1 && j - k < 8 && tokens[j]!.normal !== 'to' && !isGapStop(tokens[j]!) && tokens[j]!.pos !== 'VERB') j++;
    if (j < s1 && tokens[j]!.normal === 'to' && j > k) {
      st.explicitTargets = mentionsIn(sc, k, j);
      k = j;
    }
  }
  if (objectStart >= 0) {
    // the next verb of the "that" clause
    let w = objectStart;
    // the "that" clause's subject may carry a parenthesis ("the DPRK (North Korea) forsake")
    while (w < s1 && w - objectStart < 14 && tokens[w]!.pos !== 'VERB' && (!isClauseBoundary(tokens[w]!) || tokens[w]!.text === '(' || tokens[w]!.text === ')')) w++;
    if (w < s1 && tokens[w]!.pos === 'VERB') {
      st.embeddedVerb = w;
      st.explicitTargets = mentionsIn(sc, objectStart, sc.groups.get(w)?.start ?? w);
    }
  } else if (k < s1 && tokens[k]!.normal === 'to') {
    let w = k + 1;
    while (w < s1 && tokens[w]!.pos === 'ADV') w++;
    if (w < s1 && tokens[w]!.pos === 'VERB') st.embeddedVerb = w;
  }
  const embeddedVerb = st.embeddedVerb;
  // a discarded embedded verb ("encouraged the CIA to release the files") is no event, and
  // no frame around it either
  if (embeddedVerb >= 0 && isDiscarded(tokens, embeddedVerb, s1, sc.P)) {
    st.dropped = true;
    return;
  }
  if (embeddedVerb >= 0) {
    const inner = codeOfVerb(sc, embeddedVerb);
    if (inner && !(own && own.weight > inner.weight && own.weight >= 3)) {
      st.code = applyFrame(frame, inner.code);
      st.last = inner.last;
      st.framed = true;
    } else if (!inner && frame.kind === 'threaten' && objectStart >= 0 && !(sc.groups.get(embeddedVerb)?.modals.length)) {
      // "warning that millions of Afghans faced hunger": warning of a danger is a
      // pessimistic comment, not a threat (a threat announces the speaker's own act)
      st.code = '012';
      st.last = v;
      st.framed = true;
    } else if (!inner && (frame.kind === 'demand' || frame.kind === 'appeal' || frame.kind === 'threaten' || frame.kind === 'reject')) {
      st.code = frame.fallback === 'keep' ? null : frame.fallback;
      st.last = embeddedVerb;
      st.framed = st.code !== null;
    }
    if (st.code) consume(sc, v, Math.max(st.last, embeddedVerb));
  }
  if (!st.code) {
    // "demanded a truce", "rejected an Indian proposal", "threatened a strike"
    const noun = eventNounAfter(sc, v);
    if (noun && !(own && own.weight >= 2)) {
      st.code = applyFrame(frame, noun.code);
      st.last = noun.last;
      st.framed = true;
    }
  }
}

/** The event of a coded verb trigger: its modality from the verb group, its source and target. */
function verbEvent(sc: Scope, v: number, group: VerbGroup, st: TriggerState, statement: boolean): void {
  const tokens = sc.tokens;
  const P = sc.P;
  const s1 = sc.s1;
  const t = tokens[v]!;
  let code = st.code!;
  let framed = st.framed;
  const last = st.last;
  // Announced future action is intent (or a threat); "will not" + cooperation is a refusal.
  const future = group.modals.some((m) => m === 'will' || m === 'would' || m === 'shall' || m === "'ll");
  let negated = group.negated;
  if (!framed && future) {
    const root = Number(code.slice(0, 2));
    if (negated && root >= 3 && root <= 8) {
      code = applyFrame(P.frames.get('reject')!, code);
      negated = false;
      framed = true;
    } else if (!negated && root >= 4 && root !== 9 && !(root >= 10 && root <= 13)) {
      code = applyFrame(P.frames.get('intent')!, code);
      framed = true;
    }
  }
  consume(sc, v, last);
  // "accused X of firing on Y": the accused act is what the accusation says, not an act of the accuser
  if (ACCUSATION_VERBS.has(t.lemma)) {
    for (let k = v + 1; k < s1 && k - v <= 8; k++) {
      if (isClauseBoundary(tokens[k]!)) break;
      if (tokens[k]!.normal === 'of' && tokenIfAny(tokens, k + 1)?.normal.endsWith('ing')) {
        consume(sc, k, objectRegionEnd(sc, k + 2, -1, -1) - 1);
        break;
      }
    }
  }

  // ", killing eight people" after an attack tells its toll, not another event; after any
  // other act its subject is the main clause's ("X stormed the town, killing ...").
  const adverbialParticiple = t.normal.endsWith('ing') && isAdverbialParticiple(sc, v);
  if (adverbialParticiple && VIOLENT_ROOTS.has(code.slice(0, 2)) && hasViolentBefore(sc, v)) return;
  // "a suicide bombing at a mosque killed 80": the nominal event is the attack, the verb its toll
  if (VIOLENT_ROOTS.has(code.slice(0, 2)) && !group.passive && violentNounSubject(sc, group.start)) return;

  // Source and target.
  let sources = adverbialParticiple ? inheritedSubject(sc, v) : subjectOf(sc, group.start);
  if (statement) {
    statementEvent(sc, v, group, code, sources);
    return;
  }
  let explicitTargets = st.explicitTargets;
  // "fighting broke out between X and Y", "clashed between X and Y": X against Y
  const pair = sources.length === 0 ? betweenPair(sc, last + 1, false) : null;
  if (pair) {
    sources = pair[0];
    explicitTargets = pair[1];
  }
  // "The two sides agreed ...": the two parties of the last event told with both
  const sides = sources.length === 0 && !adverbialParticiple ? twoSides(sc, group.start) : [];
  if (sides.length === 2) sources = sides;
  // "Officials said it killed 12 people": "it" is the attack told before, not the speakers;
  // a violent verb with such a subject tells that attack's toll, and "it" never stands for
  // a person or a plural speaker
  const itSubject = sources.length === 0 && isItSubject(sc, group.start);
  if (itSubject && VIOLENT_ROOTS.has(code.slice(0, 2)) && violentBefore(sc, sc.sentence.index)) return;
  if (sources.length === 0) sources = inheritedSubject(sc, v);
  if (itSubject) sources = sources.filter(canBeIt);
  let targets: MentionRef[];
  if (explicitTargets && explicitTargets.length) targets = explicitTargets;
  else targets = objectOf(sc, last + 1 > group.end ? group.end : last + 1, sources, st.embeddedVerb, last);
  if (targets.length === 0 && last > group.end) targets = objectOf(sc, group.end, sources, st.embeddedVerb, last);
  if (targets.length === 0) targets = laterTarget(sc, last + 1, code, sources);
  if (group.passive) {
    const agent = agentOf(sc, group.end);
    targets = sources;
    sources = agent;
  }
  // "X said Y must withdraw": a demand by the speaker on Y.
  if (!framed && group.modals.some((m) => m === 'must' || m === 'should')) {
    const speaker = code === '100' ? inheritedSubject(sc, group.start) : speechSubject(sc);
    const actors = sources;
    if (speaker.length && !speaker.some((s) => actors.includes(s))) {
      code = applyFrame(P.frames.get('demand')!, code);
      targets = sources;
      sources = speaker;
      framed = true;
    }
  }
  // "The fire killed nine", "killed by his lions": an accident or a disaster, not an attack.
  if (VIOLENT_ROOTS.has(code.slice(0, 2)) && (group.passive ? agentOf(sc, group.end) : subjectOf(sc, group.start)).length === 0 && hasNonAgent(sc, group)) return;
  // An act without any actor is rarely a political event ("when threatened, the slug ..."),
  // except violence, which is reported for its victims and toll alone.
  if (sources.length === 0 && targets.length === 0 && !VIOLENT_ROOTS.has(code.slice(0, 2))) return;
  // "deployed troops to the border": the troops are the instrument of a force posture, not its target
  if (code.startsWith('15') || code === '138' || code === '154') targets = targets.filter((m) => !needsCountry(m));
  // "help a healthy relationship", "discussed his plans": these verbs need an actor as object
  // (or two actors doing it together)
  if (!framed && P.actorObjectOnly.has(verbKey(t, P.actorObjectOnly)) && targets.filter((m) => !m.place).length === 0 && sources.length < 2) return;
  // "Pakistani and Afghan forces clashed": a reciprocal fight, each side against the other
  // what "the two sides" act on is neither of them, nor a place of theirs ("reopen the Torkham crossing")
  if (sides.length === 2) targets = targets.filter((m) => !m.place && !sides.some((x) => x.actor === m.actor || countryOfMention(x) === countryOfMention(m)));
  const reciprocal = (sides.length === 2 && targets.length === 0) ||
    (VIOLENT_ROOTS.has(code.slice(0, 2)) && RECIPROCAL_VERBS.has(t.lemma) && sources.length > 1 && targets.every((m) => m.place || LOCATIVES.has(tokenIfAny(tokens, m.first - 1)?.normal ?? '') || LOCATIVES.has(tokenIfAny(tokens, m.first - 2)?.normal ?? '')));
  if (reciprocal) targets = [];
  const actors = sources;
  sc.out.push(candidate(
    code,
    group.verb,
    last,
    sources,
    targets.filter((m) => !actors.includes(m)),
    withNegation(group, negated),
    framed,
    sc.sentence.index,
    reciprocal,
    undefined,
  ));
}

/** A public statement (CAMEO 010): ", said a spokesman for X" has its speaker after the verb. */
function statementEvent(sc: Scope, v: number, group: VerbGroup, code: string, subject: MentionRef[]): void {
  const tokens = sc.tokens;
  const s1 = sc.s1;
  const t = tokens[v]!;
  let sources = subject;
  if (sources.length === 0) {
    let k = group.end;
    while (k < s1 && tokens[k]!.pos === 'DET') k++;
    if (k < s1 && sc.mentionAt[k]! >= 0) sources = [sc.mentions[sc.mentionAt[k]!]!];
  }
  if (sources.length === 0) return;
  consume(sc, v, v);
  const speakers = sources;
  sc.out.push(candidate(
    code,
    v,
    v,
    sources,
    t.lemma === 'tell' || t.lemma === 'brief' ? objectOf(sc, group.end, sources, -1, -1).filter((m) => !speakers.includes(m)) : [],
    group,
    false,
    sc.sentence.index,
    undefined,
    undefined,
  ));
}

// ---- noun triggers

/** An event noun ("airstrikes", "a ceasefire", "shelling") as the trigger of an event. */
function codeNounTrigger(sc: Scope, i: number): void {
  const tokens = sc.tokens;
  const s0 = sc.s0;
  const s1 = sc.s1;
  const P = sc.P;
  const t = tokens[i]!;
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'VERB') return;
  if (t.pos === 'VERB' && !t.normal.endsWith('ing')) return; // "shelling", "fighting" tagged as verbs
  if (t.pos === 'VERB' && sc.groups.get(i)?.start !== i) return; // a real verb group, not a gerund
  if (t.pos === 'PROPN' && i > s0 && isUpperAscii(t.text.charCodeAt(0))) return; // "March", names
  const hit = nounAt(tokens, i, s0, s1, P);
  if (!hit) return;
  for (let k = hit.first; k < i; k++) if (isConsumed(sc, k)) return;
  let phraseStart = hit.first;
  // the noun phrase: determiners, adjectives, names and possessives before the pattern
  while (phraseStart > s0) {
    const p = tokens[phraseStart - 1]!;
    if (p.pos === 'DET' || p.pos === 'ADJ' || p.pos === 'PROPN' || p.pos === 'NUM' || p.pos === 'NOUN' || p.text === "'s" || p.text === "'" || p.text === '-' || (p.pos === 'PART' && p.normal === "'s")) phraseStart--;
    else break;
  }
  const code = nounCode(sc, i, hit.pattern.code);
  if (!cameo(code)) return;
  // "warning that millions faced hunger": a warning of a danger threatens nothing
  if (code.startsWith('13') && tokenIfAny(tokens, i + 1)?.normal === 'that') {
    let modal = false;
    for (let k = i + 2; k < s1 && k - i <= 14 && !modal; k++) modal = tokens[k]!.pos === 'AUX' && MODALS_OF_THREAT.has(tokens[k]!.normal);
    if (!modal) return;
  }
  // a support verb governing the noun
  let governor = -1;
  for (let k = phraseStart - 1; k >= s0 && phraseStart - k <= 4; k--) {
    const p = tokens[k]!;
    if (p.pos === 'VERB') {
      governor = k;
      break;
    }
    if (isGapStop(p) || p.pos === 'SCONJ' || TEMPORAL_PREPOSITIONS.has(p.normal)) break;
  }
  // actors named in the noun phrase before the head; a name covering the head itself is the
  // event word mistaken for a name ("Clashes" at the start of a sentence)
  const first = hit.first;
  const modifiers = mentionsIn(sc, phraseStart, i + 1).filter((m) => m.last < first);
  const after = nounTargets(sc, i + 1);
  if (governor >= 0 && P.supportVerbs.has(verbKey(tokens[governor]!, P.supportVerbs)) && !isConsumed(sc, governor)) {
    supportedNounEvent(sc, i, governor, code, modifiers, after);
  } else {
    standaloneNounEvent(sc, i, first, phraseStart, governor, code, modifiers, after);
  }
}

/** An event noun carried by a support verb ("imposed a curfew"): the verb's subject acts. */
function supportedNounEvent(sc: Scope, i: number, governor: number, code: string, modifiers: MentionRef[], after: NounTargets): void {
  const g = sc.groups.get(governor)!;
  let sources = subjectOf(sc, g.start);
  if (sources.length === 0) sources = inheritedSubject(sc, governor);
  if (g.passive) sources = agentOf(sc, i + 1);
  const actors = sources;
  let targets = after.targets.length ? after.targets : modifiers.filter((m) => !actors.includes(m));
  if (targets.length === 0) targets = objectOf(sc, g.end, sources, -1, i);
  if (targets.length === 0) targets = laterTarget(sc, i + 1, code, sources);
  consume(sc, governor, i);
  let finalCode = code;
  let framed = false;
  const future = g.modals.some((m) => m === 'will' || m === 'would' || m === 'shall');
  if (future && !g.negated) {
    finalCode = applyFrame(sc.P.frames.get('intent')!, code);
    framed = finalCode !== code;
  }
  sc.out.push(candidate(
    finalCode,
    governor,
    i,
    sources,
    targets.filter((m) => !actors.includes(m)),
    g,
    framed,
    sc.sentence.index,
    undefined,
    false,
  ));
}

/** An event noun standing alone, with actors in its modifiers ("Israeli airstrikes on Hamas positions"). */
function standaloneNounEvent(sc: Scope, i: number, first: number, phraseStart: number, governor: number, code: string, modifiers: MentionRef[], after: NounTargets): void {
  const tokens = sc.tokens;
  // "the strikes", "the clash" with no actor of its own: an event told before, not a new one
  const definite = DEFINITE.has(tokens[phraseStart]!.normal) && modifiers.length === 0 && after.agents.length === 0;
  if (definite && earlierEvent(sc, code.slice(0, 2)) !== null) return;
  // "will not tolerate attacks", "would lead to war": a hypothetical event
  if (governor >= 0) {
    const g = sc.groups.get(governor);
    if (g && (g.negated || g.modals.length > 0)) return;
  }
  // "a ceasefire ... collapsed": the event named has failed
  const ownVerb = governor < 0 ? nextClauseVerb(sc, i) : -1;
  const failed = ownVerb >= 0 && FAILURE_VERBS.has(tokens[ownVerb]!.lemma);
  let sources = after.agents.length ? after.agents : modifiers;
  const pair = sources.length === 0 ? betweenPair(sc, i + 1, true) : null;
  if (pair) sources = pair[0];
  if (sources.length === 0) sources = governingSubject(sc, phraseStart, i);
  const actors = sources;
  let targets = pair ? pair[1] : after.targets.filter((m) => !actors.includes(m));
  if (targets.length === 0) targets = laterTarget(sc, i + 1, code, sources);
  // "Pakistani airstrikes hit the Barmal district": the struck object is the target
  if (targets.length === 0 && ownVerb >= 0 && IMPACT_VERBS.has(verbKey(tokens[ownVerb]!, IMPACT_VERBS))) {
    targets = objectOf(sc, sc.groups.get(ownVerb)!.end, sources, -1, -1);
  }
  const root = code.slice(0, 2);
  if (sources.length === 0 && targets.length === 0 && !VIOLENT_ROOTS.has(root)) return;
  consume(sc, first, i);
  sc.out.push(candidate(
    code,
    first,
    i,
    sources,
    targets.filter((m) => !actors.includes(m)),
    null,
    false,
    sc.sentence.index,
    undefined,
    failed,
  ));
}

/**
 * An event noun in a verb's object has that verb's subject as its source ("the United
 * States speeded up the withdrawal of ...", "forces launched artillery, mortar and rocket
 * fire against ...", "negotiators return to Geneva for talks"), unless the noun is itself
 * the subject of a verb ("the attack killed ...") or the verb only reports it ("said").
 */
function governingSubject(sc: Scope, phraseStart: number, head: number): MentionRef[] {
  const tokens = sc.tokens;
  const s0 = sc.s0;
  const s1 = sc.s1;
  let k = head + 1;
  while (k < s1 && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'ADV')) k++;
  if (k < s1 && tokens[k]!.pos === 'VERB') return [];
  for (let j = phraseStart - 1; j >= s0 && phraseStart - j <= 12; j--) {
    const u = tokens[j]!;
    // "closed the crossing after the clash": a time adjunct, not the verb's object
    if (isClauseBoundary(u) || TEMPORAL_PREPOSITIONS.has(u.normal)) return [];
    if (!isClauseVerbAt(tokens, s0, j)) continue;
    if (SPEECH_VERBS.has(u.lemma) || REPORTING_VERBS.has(u.lemma) || sc.P.topicVerbs.has(verbKey(u, sc.P.topicVerbs))) return [];
    const g = sc.groups.get(j)!;
    if (g.passive && !ADJECTIVAL_PARTICIPLES.has(u.normal)) return [];
    const found = subjectOf(sc, g.start);
    return found.length ? found : inheritedSubject(sc, j);
  }
  return [];
}

interface NounTargets {
  targets: MentionRef[];
  agents: MentionRef[];
}

/** The targets ("on X", "against X", "between X and Y") and agents ("by X") after an event noun. */
function nounTargets(sc: Scope, from: number): NounTargets {
  const tokens = sc.tokens;
  const s1 = sc.s1;
  const result: NounTargets = { targets: [], agents: [] };
  let i = from;
  for (let hops = 0; hops < 2 && i < s1; hops++) {
    const p = tokens[i]!;
    if (p.normal === 'by' && p.pos === 'ADP') {
      // "an allegation by X" after "investigation into": the agent of the nearer noun
      if (hops > 0) break;
      const found = mentionsIn(sc, i + 1, Math.min(i + 6, s1));
      if (found.length) result.agents = withCoordinated(sc, found[0]!, Math.min(i + 10, s1));
    } else if (TARGET_PREPOSITIONS.has(p.normal) && p.pos === 'ADP') {
      const found = mentionsIn(sc, i + 1, Math.min(i + 6, s1));
      if (found.length && !result.targets.length) result.targets = withCoordinated(sc, found[0]!, Math.min(i + 10, s1));
      if (p.normal === 'between' || found.length === 0) break;
    } else if (p.normal === 'between') {
      const found = mentionsIn(sc, i + 1, Math.min(i + 8, s1));
      if (found.length) result.targets = withCoordinated(sc, found[0]!, Math.min(i + 10, s1));
    } else break;
    // skip to the next preposition after this phrase
    let j = i + 1;
    while (j < s1 && j - i < 8 && !(tokens[j]!.pos === 'ADP') && !isGapStop(tokens[j]!) && tokens[j]!.pos !== 'VERB') j++;
    i = j;
  }
  return result;
}

/** Roots a later reference may name with another word: any attack ("bombed" ... "the strikes") is one family. */
function family(code: string): string {
  const root = code.slice(0, 2);
  return VIOLENT_ROOTS.has(root) ? 'violence' : root;
}

/** "it" may stand for a country or an organisation, never for a person or a plural ("officials", "police"). */
function canBeIt(m: MentionRef): boolean {
  if (m.actor.type === 'person') return false;
  const words = m.text.toLowerCase().split(/\s+/);
  const head = words[words.length - 1]!;
  return !(head.endsWith('s') && !head.endsWith('ss') && m.text[0] !== m.text[0]!.toUpperCase()) && !PLURAL_ROLES.has(head) && !(needsCountry(m) && head.endsWith('s'));
}

/** What the per-sentence functions read and share; built by codeSentence, always with these properties in this order. */
interface Scope {
  ctx: AnnotationContext;
  tokens: Token[];
  P: EventPatterns;
  sentence: Sentence;
  s0: number;
  s1: number;
  out: Candidate[];
  firstCandidate: number;
  mentionAt: Int32Array;
  mentions: MentionRef[];
  groups: Map<number, VerbGroup>;
  verbIndices: number[];
  /** tokens already part of a trigger, by index from s0 */
  consumed: Uint8Array;
  /** subjects by verb group start */
  subjectCache: Map<number, MentionRef[]>;
  datelineEnd: number;
}

/** A verb that heads a clause: not a participle used as an adjective or a reduced relative. */
function isClauseVerbAt(tokens: Token[], s0: number, i: number): boolean {
  return tokens[i]!.pos === 'VERB' && !isModifierVerb(tokens, i) && !isReducedRelative(tokens, i, s0);
}

/** The nearest earlier clause verb before index `before`, or -1. */
function previousClauseVerbIn(sc: Scope, before: number): number {
  for (let k = sc.verbIndices.length - 1; k >= 0; k--) {
    const v = sc.verbIndices[k]!;
    if (v < before && isClauseVerbAt(sc.tokens, sc.s0, v)) return v;
  }
  return -1;
}

/** A participle opening an adverbial clause after a comma (", killing", ", reportedly killing"). */
function isAdverbialParticiple(sc: Scope, v: number): boolean {
  let k = v - 1;
  while (k > sc.s0 && sc.tokens[k]!.pos === 'ADV') k--;
  return k > sc.s0 && isComma(sc.tokens[k]!);
}

/** A violent event told earlier in the sentence, by a verb already coded or by an event noun ("airstrikes hit ..."). */
function hasViolentBefore(sc: Scope, v: number): boolean {
  for (let k = sc.firstCandidate; k < sc.out.length; k++) if (VIOLENT_ROOTS.has(sc.out[k]!.code.slice(0, 2))) return true;
  for (let k = sc.s0; k < v; k++) {
    const u = sc.tokens[k]!;
    if (u.pos !== 'NOUN' && u.pos !== 'PROPN') continue;
    const hit = nounAt(sc.tokens, k, sc.s0, sc.s1, sc.P);
    if (hit && VIOLENT_ROOTS.has(hit.pattern.code.slice(0, 2))) return true;
  }
  return false;
}

/** The subject of the verb group at `groupStart` is headed by a violent event noun and names no actor. */
function violentNounSubject(sc: Scope, groupStart: number): boolean {
  // "a bombing ... killed one soldier and wounded two others": the coordinated predicate too
  if (groupStart - 1 > sc.s0 && sc.tokens[groupStart - 1]!.pos === 'CCONJ') {
    const previous = previousClauseVerbIn(sc, groupStart - 1);
    if (previous >= 0 && previous !== groupStart && violentNounSubject(sc, sc.groups.get(previous)!.start)) return true;
  }
  for (let j = groupStart - 1; j >= sc.s0 && groupStart - j <= 10; j--) {
    const u = sc.tokens[j]!;
    if (isClauseBoundary(u) || isComma(u) || isClauseVerbAt(sc.tokens, sc.s0, j)) return false;
    if (sc.mentionAt[j]! >= 0) {
      // a name inside a modifier ("at a mosque in Peshawar") is not the subject's head
      const m = sc.mentions[sc.mentionAt[j]!]!;
      const before = tokenIfAny(sc.tokens, m.first - 1);
      if (before?.pos !== 'ADP' && !(before?.pos === 'DET' && tokenIfAny(sc.tokens, m.first - 2)?.pos === 'ADP')) return false;
      j = m.first;
      continue;
    }
    if (u.pos !== 'NOUN') continue;
    const hit = nounAt(sc.tokens, j, sc.s0, sc.s1, sc.P);
    if (hit && VIOLENT_ROOTS.has(hit.pattern.code.slice(0, 2))) return true;
  }
  return false;
}

/**
 * A noun "strike" is a labour strike only among labour words; in a story of armed conflict
 * (military words in this sentence or the two before) it is an attack, from the air when
 * the words are aerial.
 */
function hasLabourCue(sc: Scope): boolean {
  for (let k = sc.s0; k < sc.s1; k++) if (sc.P.labourCues.has(sc.tokens[k]!.normal)) return true;
  return false;
}

function nounCode(sc: Scope, i: number, code: string): string {
  if (code !== '143' || sc.tokens[i]!.lemma !== 'strike' && singular(sc.tokens[i]!.normal) !== 'strike') return code;
  for (let k = sc.s0; k < sc.s1; k++) if (sc.P.labourCues.has(sc.tokens[k]!.normal)) return code;
  let military = false;
  let aerial = false;
  for (let n = sc.sentence.index; n >= 0 && sc.sentence.index - n <= 2; n--) {
    const sn = sc.ctx.sentences[n]!;
    for (let k = sn.firstToken; k < sn.endToken; k++) {
      const w = sc.tokens[k]!.normal;
      if (sc.P.militaryCues.has(w)) military = true;
      if (AERIAL_WORDS.has(w)) aerial = true;
    }
  }
  return aerial ? '195' : military ? '190' : code;
}

/** The latest event of this root's family told before in the document. */
function earlierEvent(sc: Scope, root: string): Candidate | null {
  for (let k = sc.out.length - 1; k >= 0; k--) if (family(sc.out[k]!.code) === family(root)) return sc.out[k]!;
  return null;
}

/** "call for / call on X to / call X to": an appeal, unlike "called X a Y". */
function callAppeals(sc: Scope, after: number): boolean {
  const next = sc.tokens[after];
  if (next && (next.normal === 'for' || next.normal === 'on' || next.normal === 'upon')) return true;
  for (let k = after; k < sc.s1 && k - after <= 8; k++) {
    const u = sc.tokens[k]!;
    if (u.normal === 'to' && tokenIfAny(sc.tokens, k + 1)?.pos === 'VERB') return true;
    if (isClauseBoundary(u) || isComma(u) || u.pos === 'VERB') return false;
  }
  return false;
}

/** The subject right before the verb group is "it" or "this" (a pronoun for a thing or an event). */
function isItSubject(sc: Scope, groupStart: number): boolean {
  const u = tokenIfAny(sc.tokens, groupStart - 1);
  return groupStart - 1 >= sc.s0 && u !== undefined && (u.normal === 'it' || u.normal === 'this');
}

/** A violent event coded in this sentence or the one before. */
function violentBefore(sc: Scope, index: number): boolean {
  for (let k = sc.out.length - 1; k >= 0; k--) {
    const c = sc.out[k]!;
    if (c.sentenceIndex < index - 1) break;
    if (VIOLENT_ROOTS.has(c.code.slice(0, 2))) return true;
  }
  return false;
}

/** A participle with its agent right after a noun: "a ceasefire brokered by Qatar". */
function isPassiveModifier(sc: Scope, k: number): boolean {
  return k > sc.s0 && isParticipleForm(sc.tokens[k]!) && tokenIfAny(sc.tokens, k + 1)?.normal === 'by' && (sc.tokens[k - 1]!.pos === 'NOUN' || sc.tokens[k - 1]!.pos === 'PROPN') && sc.mentionAt[k - 1]! < 0;
}

/** The clause verb of which the noun at i is the subject (past reduced relatives and modifiers), or -1. */
function nextClauseVerb(sc: Scope, i: number): number {
  for (let k = i + 1; k < sc.s1 && k - i <= 15; k++) {
    const u = sc.tokens[k]!;
    if (isClauseBoundary(u) || isComma(u)) return -1;
    if (u.pos === 'VERB' && FAILURE_VERBS.has(u.lemma)) return k;
    if (u.pos === 'VERB' && isClauseVerbAt(sc.tokens, sc.s0, k) && !isPassiveModifier(sc, k)) return k;
  }
  return -1;
}

/**
 * "the two sides", "both countries" as the subject of the verb group at `groupStart`: the
 * source and target of the latest earlier event between two actors of different countries.
 */
function twoSides(sc: Scope, groupStart: number): MentionRef[] {
  let found = false;
  for (let j = groupStart - 1; j >= sc.s0 && groupStart - j <= 4; j--) {
    const u = sc.tokens[j]!;
    const before = tokenIfAny(sc.tokens, j - 1)?.normal;
    if (PAIR_NOUNS.has(u.normal) && (before === 'two' || before === 'both')) found = true;
    if (isClauseBoundary(u) || isComma(u)) break;
  }
  if (!found) return [];
  for (let k = sc.firstCandidate - 1; k >= 0 && sc.firstCandidate - k <= 12; k--) {
    const c = sc.out[k]!;
    const a = c.sources.length > 0 ? c.sources[0] : undefined;
    const b = c.targets.find((m) => !m.place) ?? (c.sources.length > 1 ? c.sources[1] : undefined);
    if (a && b && countryOfMention(a) && countryOfMention(b) && countryOfMention(a) !== countryOfMention(b)) return [a, b];
  }
  return [];
}



function finishSentence(sc: Scope): void {
  // "condemned the strikes", "rejected the accusation": a definite event noun without actors
  // refers to an event told before; its doers are the target.
  for (let k = sc.firstCandidate; k < sc.out.length; k++) {
    const c = sc.out[k]!;
    if (c.targets.length > 0 || c.sources.length === 0 || c.code === '010') continue;
    for (let j = c.triggerFirst + 1; j < sc.s1 && j <= c.triggerLast + 3; j++) {
      const u = sc.tokens[j]!;
      if (j > c.triggerLast && ((u.pos === 'ADP' && u.normal !== 'on' && u.normal !== 'of') || u.pos === 'SCONJ' || isComma(u) || u.pos === 'VERB')) break;
      if (u.pos !== 'NOUN' || !DEFINITE.has(sc.tokens[j - 1]!.normal) && !(sc.tokens[j - 1]!.pos === 'ADJ' && DEFINITE.has(tokenIfAny(sc.tokens, j - 2)?.normal ?? ''))) continue;
      const hit = nounAt(sc.tokens, j, sc.s0, sc.s1, sc.P);
      if (!hit) continue;
      const nounCodeHere = nounCode(sc, j, hit.pattern.code);
      const root = nounCodeHere.slice(0, 2);
      // the same code first ("the deportations" after "expelling"), else the same root
      let earlier: Candidate | null = null;
      for (let e = sc.firstCandidate - 1; e >= 0 && !earlier; e--) if (sc.out[e]!.code === nounCodeHere && sc.out[e]!.sources.length) earlier = sc.out[e]!;
      for (let e = sc.firstCandidate - 1; e >= 0 && !earlier; e--) if (family(sc.out[e]!.code) === family(root) && sc.out[e]!.sources.length) earlier = sc.out[e]!;
      if (earlier) c.targets = earlier.sources.filter((m) => !c.sources.some((x) => x.actor === m.actor));
      break;
    }
  }
  dropStatements(sc);
}

/**
 * A public statement is coded only when the sentence tells no other event (CAMEO coders'
 * habit), and never for commentary ("analysts said", "a study stated").
 */
function dropStatements(sc: Scope): void {
  let hasOther = false;
  for (let k = sc.firstCandidate; k < sc.out.length && !hasOther; k++) hasOther = sc.out[k]!.code !== '010';
  for (let k = sc.out.length - 1; k >= sc.firstCandidate; k--) {
    const c = sc.out[k]!;
    if (c.code !== '010') continue;
    const speaker = c.sources.length > 0 ? c.sources[0] : undefined;
    const head = speaker ? sc.tokens[speaker.last]!.normal : '';
    if (hasOther || sc.P.commentators.has(head) || c.group?.negated) sc.out.splice(k, 1);
  }
}

/**
 * A discard of a passive or a reduced relative, whose object comes before the verb: "the new
 * rules were released", "a statement released by X" match "release * rule|statement" by the
 * head noun of the subject (or of the modified noun) against the discard's last word.
 */
function isDiscardedBefore(sc: Scope, v: number): boolean {
  const tokens = sc.tokens;
  const list = sc.P.verbDiscards.get(tokens[v]!.lemma.toLowerCase());
  if (!list) return false;
  const group = sc.groups.get(v);
  let k: number;
  if (group?.passive) k = group.start - 1;
  else if (v > sc.s0 && isParticipleForm(tokens[v]!) && tokens[v - 1]!.pos === 'NOUN') k = v - 1;
  else return false;
  // the head of the noun phrase right before: skip closing quotes and brackets only
  while (k > sc.s0 && (tokens[k]!.pos === 'PUNCT' && (tokens[k]!.text === '"' || tokens[k]!.text === ')'))) k--;
  if (k < sc.s0) return false;
  const head = tokens[k]!;
  if (head.pos !== 'NOUN' && head.pos !== 'PROPN') return false;
  for (let i = 0; i < list.length; i++) {
    const parts = list[i]!.parts;
    const last = parts[parts.length - 1];
    if (last && last !== 'gap' && matchesWord(last, head)) return true;
  }
  return false;
}

function isDiscarded(tokens: Token[], v: number, end: number, P: EventPatterns): boolean {
  const list = P.verbDiscards.get(tokens[v]!.lemma.toLowerCase());
  if (!list) return false;
  return anyVerbPatternMatches(tokens, v, end, list);
}

/** The event-noun pattern whose head is token h (longest first), unless h only modifies a following noun or a discard applies. */
function nounAt(tokens: Token[], h: number, s0: number, s1: number, P: EventPatterns): { pattern: NounPattern; first: number } | null {
  const t = tokens[h]!;
  // a verb form counts as an event noun by its written form only ("shelling"), never by its
  // lemma ("according" is not "accord")
  const b = t.normal;
  const a = t.pos === 'VERB' ? b : t.lemma.toLowerCase();
  // the singular is only needed when neither the lemma nor the word is listed (most tokens)
  let c: string | null = null;
  let list = P.nouns.get(a) ?? P.nouns.get(b);
  if (!list) {
    c = singular(b);
    list = P.nouns.get(c);
  }
  if (!list) return null;
  const next = tokenIfAny(tokens, h + 1);
  if (next && h + 1 < s1 && (next.pos === 'NOUN') && !next.text.startsWith("'")) return null;
  const discards = P.nounDiscards.get(a) ?? P.nounDiscards.get(b) ?? P.nounDiscards.get(c ?? singular(b));
  if (discards && anyNounPatternMatches(tokens, h, s0, discards)) return null;
  if (anyNounPatternMatches(tokens, h, s0, P.openNounDiscards)) return null;
  for (let i = 0; i < list.length; i++) {
    const first = matchNounPattern(tokens, h, s0, list[i]!);
    if (first >= 0) return { pattern: list[i]!, first };
  }
  return null;
}

// ---------------------------------------------------------------- events and attributes

function participant(m: MentionRef | undefined): EventParticipant | null {
  if (!m) return null;
  return { actor: m.actor.id, code: m.code, country: countryOfMention(m), start: m.start, end: m.end, text: m.text };
}

/** What building the events of a document shares across its candidates. */
interface EventBuild {
  ctx: AnnotationContext;
  mentions: MentionRef[];
  mentionAt: Int32Array;
  events: Event[];
  /** events by code, actors, date and modality, to merge an event told again */
  byKey: Map<string, Event>;
  narrativeTimes: AnnotationContext['times'];
  dateline: EventPlace | undefined;
  timesBySentence: AnnotationContext['times'][];
  /** the places other than the dateline, as event places of one shape */
  placesBySentence: EventPlace[][];
  quotesBySentence: AnnotationContext['quotes'][];
  counter: number;
  /** the sentence index of each event in `events` */
  eventSentences: number[];
  /** the document's clearly dominant country, for bare roles the sentence gives none */
  dominantCountry: string | null;
  /** the ids of the document's actors that are persons */
  personIds: Set<string>;
}

/**
 * The country most mentioned in the document, when it leads clearly (at least 3 mentions and
 * twice the next one) in a text of 3 sentences or more: the country of bare roles ("police",
 * "protesters", "legislators") whose sentence names none.
 */
function documentCountry(ctx: AnnotationContext): string | null {
  if (ctx.sentences.length < 3) return null;
  const counts = new Map<string, number>();
  for (const a of ctx.actors) {
    if (a.country) counts.set(a.country, (counts.get(a.country) ?? 0) + a.mentions.length);
  }
  const { key: best, count: first, runnerUp: second } = leaderOf(counts);
  return best && first >= 3 && first >= 2 * second ? best : null;
}

function buildEvents(ctx: AnnotationContext, candidates: Candidate[], mentions: MentionRef[], mentionAt: Int32Array): Event[] {
  const { tokens, sentences } = ctx;
  const absoluteTimes = ctx.times.filter((t) => /^\d{4}-\d{2}-\d{2}/.test(t.value)).sort((a, b) => a.start - b.start);
  // the narrative's dates: day-precise times that date their clause ("since May 3" does not)
  const narrativeTimes = absoluteTimes.filter((t) => {
    const sentence = sentences.find((x) => x.start <= t.start && t.end <= x.end);
    if (!sentence) return false;
    const first = tokenAt(tokens, sentence, t.start);
    return !isNonDatingTime(tokens, sentence, first, Math.max(first, tokenAt(tokens, sentence, t.end) - 1));
  });
  const datelinePlace = ctx.places.find((p) => p.dateline);
  const dateline = datelinePlace ? eventPlaceOf(datelinePlace) : undefined;
  // Times, places and quotes by sentence, so that each event looks only at its own sentence.
  const b: EventBuild = {
    ctx,
    mentions,
    mentionAt,
    events: [],
    byKey: new Map<string, Event>(),
    narrativeTimes,
    dateline,
    timesBySentence: bySentence(ctx.times, sentences),
    placesBySentence: bySentence(eventPlacesOf(ctx.places), sentences),
    quotesBySentence: bySentence(ctx.quotes, sentences, true),
    counter: 0,
    eventSentences: [],
    dominantCountry: documentCountry(ctx),
    personIds: personIdsOf(ctx.actors),
  };
  for (const c of candidates) {
    if (!c.referenceOnly) eventsOf(b, c);
  }
  return b.events;
}

/** What the events of one candidate share: trigger span, date, place, fatalities, modality and attribution. */
interface EventAttributes {
  triggerStart: number;
  triggerEnd: number;
  date: EventDate;
  place: EventPlace | null;
  fatalities: FatalityReading | null;
  modality: Modality;
  attribution: Event['attribution'];
}

const NO_MODALS: string[] = [];

/**
 * The events of one candidate: its attributes, then one event per pair of source and target.
 * The attributes and each pair's event are functions of their own: as one function this was
 * among the largest optimizing compiles of the pipeline, compiled twice in a first pass.
 */
function eventsOf(b: EventBuild, c: Candidate): void {
  const entry = cameo(c.code)!;
  const sentence = b.ctx.sentences[c.sentenceIndex]!;
  const attrs = eventAttributes(b, c, entry, sentence);
  // Bare roles take the country their noun phrase names, else the country of the place.
  const placeCountry = locativeCountry(b.ctx.tokens, sentence, attrs.place, b.dateline);
  c.sources = allCompleted(b, c.sources, sentence, placeCountry);
  c.targets = allCompleted(b, c.targets, sentence, placeCountry);
  // One event per source (coordinated subjects); symmetric events without a target are coded both ways.
  const sources = c.sources;
  const targets = c.targets;
  let paired = false;
  if (((allPlaces(targets) && SYMMETRIC_ROOTS.has(entry.root)) || c.reciprocal) && sources.length > 1) {
    for (let i = 0; i < sources.length; i++) {
      for (let j = 0; j < sources.length; j++) {
        const s = sources[i]!;
        const t = sources[j]!;
        if (s !== t && s.actor !== t.actor) {
          addEvent(b, pairEvent(b, c, entry, sentence, attrs, s, t), s, t, c.sentenceIndex, c);
          paired = true;
        }
      }
    }
  }
  if (paired) return;
  // no source or no target: one event with the side missing
  const sourceCount = Math.max(1, sources.length);
  const targetCount = Math.max(1, targets.length);
  for (let i = 0; i < sourceCount; i++) {
    for (let j = 0; j < targetCount; j++) {
      const s = i < sources.length ? sources[i]! : undefined;
      const t = j < targets.length ? targets[j]! : undefined;
      addEvent(b, pairEvent(b, c, entry, sentence, attrs, s, t), s, t, c.sentenceIndex, c);
    }
  }
}

/** True when every mention is a place (also of none). */
function allPlaces(list: MentionRef[]): boolean {
  for (let i = 0; i < list.length; i++) if (!list[i]!.place) return false;
  return true;
}

function eventAttributes(b: EventBuild, c: Candidate, entry: CameoCode, sentence: Sentence): EventAttributes {
  const ctx = b.ctx;
  const tokens = ctx.tokens;
  const triggerStart = tokens[c.triggerFirst]!.start;
  const triggerEnd = tokens[c.triggerLast]!.end;
  const group = c.group;
  const clauseFirst = clauseStart(tokens, sentence, group !== null ? group.start : c.triggerFirst);
  const modality = modalityOf(
    tokens,
    group !== null && group.negated,
    group !== null ? group.modals : NO_MODALS,
    clauseFirst,
    c.triggerLast + 1,
    sentence.firstToken,
    sentence.endToken,
    c.framed,
    c.triggerFirst - clauseFirst,
  );
  const date = dateFor(ctx, b.timesBySentence[c.sentenceIndex] ?? [], sentence, c, b.narrativeTimes);
  const place = placeFor(b.placesBySentence[c.sentenceIndex] ?? [], triggerStart, b.dateline);
  const fatalities = VIOLENT_ROOTS.has(entry.root) || entry.code === '175' ? findFatalities(tokens, sentence.firstToken, sentence.endToken) : null;
  const attribution = attributionFor(ctx, b.quotesBySentence[c.sentenceIndex] ?? [], sentence, triggerStart, triggerEnd, c, b.mentions, b.mentionAt);
  return { triggerStart, triggerEnd, date, place, fatalities, modality, attribution };
}

/** The event of one source-target pair of a candidate. */
function pairEvent(
  b: EventBuild,
  c: Candidate,
  entry: CameoCode,
  sentence: Sentence,
  attrs: EventAttributes,
  s: MentionRef | undefined,
  t: MentionRef | undefined,
): Event {
  const text = b.ctx.doc.text;
  const fatalities = attrs.fatalities;
  return {
    id: `ev${++b.counter}`,
    code: entry.code,
    root: entry.root,
    label: entry.label,
    quad_class: entry.quad_class,
    goldstein: entry.goldstein,
    plover: { type: entry.plover.type, mode: entry.plover.mode, context: entry.plover.context },
    source: participant(s),
    target: participant(t),
    date: attrs.date,
    place: attrs.place,
    fatalities: fatalities ? { ...fatalities, text: text.slice(fatalities.start, fatalities.end) } : null,
    modality: attrs.modality,
    attribution: attrs.attribution,
    evidence: { start: sentence.start, end: sentence.end },
    trigger: { start: attrs.triggerStart, end: attrs.triggerEnd, text: text.slice(attrs.triggerStart, attrs.triggerEnd) },
  };
}

/**
 * The sources or targets completed, in a new array filled by push: the arrays of `map()` have
 * other elements kinds than those built by push, and every new kind seen by the optimized
 * code deoptimized it while warming up.
 */
function allCompleted(b: EventBuild, list: MentionRef[], sentence: Sentence, placeCountry: string | null): MentionRef[] {
  const out: MentionRef[] = [];
  for (let i = 0; i < list.length; i++) out.push(completed(b, list[i]!, sentence, placeCountry));
  return out;
}

/** A source or target completed by its noun phrase, else by the country of the place the sentence tells. */
function completed(b: EventBuild, m: MentionRef, sentence: Sentence, placeCountry: string | null): MentionRef {
  const done = completeFromPhrase(m, b.ctx.tokens, sentence.endToken, b.mentions, b.mentionAt);
  if (!needsCountry(done)) return done;
  if (placeCountry) return withCountry(done, placeCountry, composeCode(placeCountry, done.code));
  // a bare role (a role code, no name) in a sentence that names no country: the document's
  const dominant = b.dominantCountry;
  if (dominant && done.code !== null && ROLE_CODES.has(done.code.slice(0, 3)) && !sentenceNamesCountry(b, sentence)) {
    return withCountry(done, dominant, composeCode(dominant, done.code));
  }
  return done;
}

/** True when a mention in the sentence carries a country. */
function sentenceNamesCountry(b: EventBuild, sentence: Sentence): boolean {
  for (const m of b.mentions) {
    if (m.start >= sentence.start && m.start < sentence.end && countryOfMention(m)) return true;
  }
  return false;
}

/** The same event told again (same code, actors, date and modality) is one event with more evidence. */
function addEvent(b: EventBuild, event: Event, s: MentionRef | undefined, t: MentionRef | undefined, sentenceIndex: number, c: Candidate): void {
  // "the Constitution demands a trial", "I am committed to Brexit": names that are no actor
  // (no code, no country, no person) on both sides of a verb make no political event, except
  // violence (nominal events keep their looser reading: "negotiators return for talk")
  if (c.group !== null && event.root !== '01' && !VIOLENT_ROOTS.has(event.root) && !known(b, event.source) && !known(b, event.target)) {
    b.counter--;
    return;
  }
  // "rallied at Freedom Plaza ... to protest the results": the purpose of an act of the same
  // root told just before in the sentence is that act, not another
  if (c.group !== null && !c.framed && c.group.verb > 0 && b.ctx.tokens[c.group.verb - 1]!.normal === 'to') {
    for (let e = b.events.length - 1; e >= 0 && b.eventSentences[e] === sentenceIndex; e--) {
      const act = b.events[e]!;
      if (act.root === event.root && act.trigger.end <= event.trigger.start && act.modality === event.modality) {
        mergeInto(b, act, event);
        return;
      }
    }
  }
  const key = s || t ? eventKey(event, s, t) : null;
  const earlier = key ? b.byKey.get(key) : undefined;
  if (earlier) {
    mergeInto(b, earlier, event);
    return;
  }
  if (VIOLENT_ROOTS.has(event.root)) {
    const act = sameViolentAct(b, event, s, sentenceIndex, c);
    if (act) {
      // "killed X in an airstrike": the act takes the means' more precise code of its root
      if (act.root === event.root && act.code.length === 3 && act.code.endsWith('0') && event.code !== act.code) recode(act, event);
      mergeInto(b, act, event);
      return;
    }
  }
  // a violent event with no actor at all ("Violence continued", "66 people were injured") is
  // the one told nearby with its participants (a violent one, in this or the two sentences
  // before: the injured of a shelling are its toll, not an assault of their own)
  if (!s && !t && VIOLENT_ROOTS.has(event.root)) {
    // (else the same violence told nearby without participants either: "clashes broke out ...
    // pushing, punching")
    const told = nearbyEvent(b, event, sentenceIndex, (e) => VIOLENT_ROOTS.has(e.root) && (e.source !== null || e.target !== null)) ??
      nearbyEvent(b, event, sentenceIndex, (e) => VIOLENT_ROOTS.has(e.root));
    if (told) {
      mergeInto(b, told, event);
      return;
    }
  }
  // the same event told twice, once without its source: the telling with the source keeps
  if (t && event.target) {
    const target = event.target;
    const same = (e: Event): boolean => e.code === event.code && e.target?.actor === target.actor && (e.source === null) !== (event.source === null);
    const told = nearbyEvent(b, event, sentenceIndex, same);
    if (told && event.source === null) {
      mergeInto(b, told, event);
      return;
    }
    if (told && told.source === null) {
      // the earlier telling lacked the source: it takes this one's place and becomes its evidence
      const at = b.events.indexOf(told);
      const id = told.id;
      const alsoSpans = told.also ?? [];
      const oldEvidence = told.evidence;
      for (const [k, v] of b.byKey) if (v === told) b.byKey.delete(k);
      Object.assign(told, event);
      told.id = id;
      told.also = [...alsoSpans];
      if (oldEvidence.start !== event.evidence.start) told.also.push({ start: oldEvidence.start, end: oldEvidence.end });
      if (told.also.length === 0) delete told.also;
      b.eventSentences[at] = sentenceIndex;
      if (key) b.byKey.set(key, told);
      b.counter--;
      return;
    }
  }
  if (key) b.byKey.set(key, event);
  b.events.push(event);
  b.eventSentences.push(sentenceIndex);
}

/** True when the participant is an actor with a code or a country, or a person. */
function known(b: EventBuild, p: EventParticipant | null): boolean {
  return p !== null && (p.code !== null || p.country !== null || personActor(b, p.actor));
}

/** Injury and death verbs: what an attack did, told as a toll. */
const TOLL_VERBS = new Set(['kill', 'injure', 'wound', 'hurt', 'maim']);

/**
 * The earlier violent event this violent telling is part of:
 * - the means of a violent verb in the same sentence ("killed Soleimani in an airstrike",
 *   "died in a bombing"): a violent event noun after in/during/by, with no source of its own
 *   or the verb's;
 * - a toll verb coordinated with a violent verb of the same sentence ("killed a woman and
 *   injured nineteen others");
 * - a passive toll without a perpetrator whose victims are a bare group ("Sixty-six people
 *   were injured", "two police officers were injured"): the toll of the latest violent event
 *   told before it in the document.
 */
function sameViolentAct(b: EventBuild, event: Event, s: MentionRef | undefined, sentenceIndex: number, c: Candidate): Event | null {
  const tokens = b.ctx.tokens;
  const violent = (e: Event): boolean => VIOLENT_ROOTS.has(e.root) && e.modality !== 'negated' && e.modality !== 'conditional';
  const sameSentence = (k: number): boolean => b.eventSentences[k] === sentenceIndex;
  if (c.group === null) {
    let k = c.triggerFirst - 1;
    while (k >= 0 && (tokens[k]!.pos === 'DET' || tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'NUM')) k--;
    const prep = k >= 0 ? tokens[k]!.normal : '';
    if (prep !== 'in' && prep !== 'during' && prep !== 'by') return retold(b, event, c);
    for (let e = b.events.length - 1; e >= 0 && sameSentence(e); e--) {
      const act = b.events[e]!;
      if (!violent(act) || act.trigger.end > tokens[k]!.start) continue;
      if (s && act.source?.actor !== s.actor.id) continue;
      return act;
    }
    return retold(b, event, c);
  }
  const verb = tokens[c.group.verb]!;
  if (!TOLL_VERBS.has(verb.lemma)) return retold(b, event, c);
  let k = c.group.start - 1;
  while (k >= 0 && tokens[k]!.pos === 'ADV') k--;
  if (k >= 0 && COORDINATORS.has(tokens[k]!.normal) && !c.group.passive) {
    for (let e = b.events.length - 1; e >= 0 && sameSentence(e); e--) {
      const act = b.events[e]!;
      if (violent(act) && act.trigger.end <= tokens[k]!.start && act.modality === event.modality) return act;
    }
    return null;
  }
  if (c.group.passive && !s && event.target && c.targets.length > 0 && c.targets.every(isBareGroup)) {
    for (let e = b.events.length - 1; e >= 0; e--) {
      const act = b.events[e]!;
      if (violent(act) && act.trigger.end <= event.trigger.start) return act;
    }
  }
  return retold(b, event, c);
}

/**
 * An attack told again later in the document: the same person attacked again by the same
 * side ("killed Soleimani" ... "by killing Qasem Soleimani"), or the attack named again
 * definitely by the same side ("The United States carried out the airstrike", "The military
 * strike follows ..."). A definite noun with no actor at all is handled as a reference
 * when the candidates are made (standaloneNounEvent).
 */
function retold(b: EventBuild, event: Event, c: Candidate): Event | null {
  if (event.modality === 'negated' || event.modality === 'conditional') return null;
  const tokens = b.ctx.tokens;
  // "who was also killed": another victim, another event
  if (c.group !== null) for (let k = c.group.start; k < c.group.verb; k++) if (tokens[k]!.normal === 'also') return null;
  const country = event.source?.country ?? null;
  const sameSide = (act: Event): boolean => event.source === null || act.source === null || (country !== null && act.source.country === country);
  const target = event.target;
  let definite = false;
  for (let k = c.triggerFirst; k <= c.triggerLast && !definite; k++) {
    if (DEFINITE.has(tokens[k]!.normal) && k > c.triggerFirst) definite = true;
  }
  if (c.group === null) {
    let k = c.triggerFirst - 1;
    while (k >= 0 && (tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'NOUN')) k--;
    if (k >= 0 && DEFINITE.has(tokens[k]!.normal)) definite = true;
  }
  for (let e = b.events.length - 1; e >= 0; e--) {
    const act = b.events[e]!;
    if (!VIOLENT_ROOTS.has(act.root) || act.modality === 'negated' || act.modality === 'conditional') continue;
    if (act.trigger.end > event.trigger.start || !sameSide(act)) continue;
    const samePerson = target !== null && act.target !== null && act.target.actor === target.actor && personActor(b, target.actor);
    if (samePerson && event.source !== null) return act;
    if (definite && event.source !== null && act.source !== null && (target === null || allPlaces(c.targets) || act.target === null || act.target.country === target.country || target.country === country)) return act;
  }
  return null;
}

/** True when the actor is a person. */
function personActor(b: EventBuild, id: string | null): boolean {
  return id !== null && b.personIds.has(id);
}

function personIdsOf(actors: AnnotationContext['actors']): Set<string> {
  const ids = new Set<string>();
  for (let i = 0; i < actors.length; i++) if (actors[i]!.type === 'person') ids.add(actors[i]!.id);
  return ids;
}

/** A mention of people by their number or role, not by name ("66 people", "two police officers"). */
function isBareGroup(m: MentionRef): boolean {
  return m.actor.type === 'agent' || m.actor.type === 'unknown';
}

/** The event takes another code (of the same root). */
function recode(event: Event, like: Event): void {
  event.code = like.code;
  event.label = like.label;
  event.quad_class = like.quad_class;
  event.goldstein = like.goldstein;
  event.plover = like.plover;
}

function eventKey(event: Event, s: MentionRef | undefined, t: MentionRef | undefined): string {
  return `${event.code}|${s?.actor.id ?? ''}|${t?.actor.id ?? ''}|${event.date?.value ?? ''}|${event.modality}`;
}

/** The event becomes more evidence of an earlier one. */
function mergeInto(b: EventBuild, earlier: Event, event: Event): void {
  if (earlier.evidence.start !== event.evidence.start) {
    (earlier.also ??= []).push({ start: event.evidence.start, end: event.evidence.end });
  }
  b.counter--;
}

/**
 * The latest earlier event in this sentence or the two before that `accept` takes, with the
 * same modality and no other date.
 */
function nearbyEvent(b: EventBuild, event: Event, sentenceIndex: number, accept: (e: Event) => boolean): Event | null {
  for (let k = b.events.length - 1; k >= 0; k--) {
    if (b.eventSentences[k]! < sentenceIndex - 2) break;
    const e = b.events[k]!;
    if (e.modality !== event.modality) continue;
    if (e.date && event.date && e.date.value !== event.date.value) continue;
    if (accept(e)) return e;
  }
  return null;
}

/**
 * The country of the event's place when the sentence says the event happened there: a
 * dateline, or a toponym after "in/at/near" ("demonstrators ... in Monrovia"), not one
 * that is merely mentioned ("arms sales to Croatia").
 */
function locativeCountry(tokens: Token[], sentence: Sentence, place: EventPlace | null, dateline: EventPlace | undefined): string | null {
  if (!place?.country) return null;
  if (dateline && place.start === dateline.start) return place.country;
  let k = sentence.firstToken;
  while (k < sentence.endToken && tokens[k]!.end <= place.start) k++;
  for (let j = k - 1; j >= sentence.firstToken && k - j <= 6; j--) {
    const t = tokens[j]!;
    if (LOCATIVES.has(t.normal)) return place.country;
    if (t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'ADV' && t.normal !== 'of') return null;
  }
  return null;
}

function clauseStart(tokens: Token[], sentence: Sentence, from: number): number {
  let i = from;
  while (i > sentence.firstToken) {
    const t = tokens[i - 1]!;
    if (t.pos === 'PUNCT' && (t.text === ';' || t.text === ':')) break;
    i--;
  }
  return i;
}

/**
 * Items (with character spans) grouped by the sentence that contains them, in one sorted walk;
 * with `overlapping`, an item spanning several sentences (a quote) is listed under each.
 */
function bySentence<T extends { start: number; end: number }>(items: T[], sentences: Sentence[], overlapping = false): T[][] {
  const out: T[][] = new Array<T[]>(sentences.length);
  const sorted = [...items].sort((a, b) => a.start - b.start);
  let s = 0;
  for (const item of sorted) {
    while (s < sentences.length && sentences[s]!.end <= item.start) s++;
    if (s >= sentences.length) break;
    if (!overlapping) {
      if (item.start >= sentences[s]!.start && item.end <= sentences[s]!.end) (out[s] ??= []).push(item);
      continue;
    }
    for (let k = s; k < sentences.length && sentences[k]!.start < item.end; k++) (out[k] ??= []).push(item);
  }
  return out;
}

/** Words before a time expression that make it a span or a bound, not the event's date ("since 2021", "for years", "until March"). */
const NON_DATING_BEFORE = new Set(['since', 'for', 'until', 'till', 'through', 'by', 'from', 'between']);

/** The token index holding character `offset` within the sentence (or the sentence end). */
function tokenAt(tokens: Token[], sentence: Sentence, offset: number): number {
  let k = sentence.firstToken;
  while (k < sentence.endToken && tokens[k]!.end <= offset) k++;
  return k;
}

/**
 * True when the time expression dates something else than the clause it sits in: a span or a
 * bound ("since 2021", "for two years"), or a year modifying a noun ("his 2018 run", "the
 * 2020 election", "last year's vote").
 */
function isNonDatingTime(tokens: Token[], sentence: Sentence, first: number, last: number): boolean {
  let b = first - 1;
  while (b >= sentence.firstToken && tokens[b]!.pos === 'DET') b--;
  if (b >= sentence.firstToken && NON_DATING_BEFORE.has(tokens[b]!.normal)) return true;
  if (tokens[first]!.normal === 'since' || tokens[first]!.normal === 'for') return true;
  const next = tokenIfAny(tokens, last + 1);
  if (next && last + 1 < sentence.endToken) {
    if (next.text === "'s" || next.text === '’s' || next.text === "'") return true;
    if (/^\d{4}$/.test(tokens[last]!.text) && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ')) return true;
  }
  return false;
}

/**
 * True when a clause boundary lies between tokens a and b (a < b), the trigger's own words
 * [tf, tl] aside: a subordinator, relative pronoun, "that", hard punctuation, a coordinator
 * opening another predicate ("thanked X and said ..."), or another clause verb.
 */
function clauseBetween(tokens: Token[], a: number, b: number, tf: number, tl: number): boolean {
  for (let k = a + 1; k < b; k++) {
    if (k >= tf && k <= tl) continue;
    const t = tokens[k]!;
    if (isClauseBoundary(t)) return true;
    if (t.pos === 'CCONJ') {
      let j = k + 1;
      while (j < b && (tokens[j]!.pos === 'ADV' || tokens[j]!.pos === 'AUX')) j++;
      // "met X on Tuesday and pledged ...": a predicate coordinated with the trigger shares its time
      if (tokenIfAny(tokens, j)?.pos === 'VERB' && j !== tf) return true;
    }
    if (t.pos === 'VERB') {
      const before = tokenIfAny(tokens, k - 1)?.pos;
      if (before === 'AUX' || before === 'PRON' || before === 'PROPN' || (before === 'NOUN' && !t.normal.endsWith('ing'))) return true;
    }
  }
  return false;
}

/**
 * The date of an event: the time expression of the trigger's own clause (nearest first),
 * skipping spans and bounds ("since 2021", "for years") and years that modify a noun; an
 * announced intent or threat is dated when it was said, not by the future it names. With
 * none, the narrative's current time: the last date told before this sentence; else the
 * publication date.
 */
function dateFor(
  ctx: AnnotationContext,
  times: AnnotationContext['times'],
  sentence: Sentence,
  c: Candidate,
  absoluteTimes: AnnotationContext['times'],
): EventDate {
  const tokens = ctx.tokens;
  let best: AnnotationContext['times'][number] | null = null;
  let bestDistance = Infinity;
  for (const t of times) {
    if (!YEAR_FIRST.test(t.value) || t.type === 'DURATION' || t.type === 'SET') continue;
    const first = tokenAt(tokens, sentence, t.start);
    const last = Math.max(first, tokenAt(tokens, sentence, t.end) - 1);
    if (isNonDatingTime(tokens, sentence, first, last)) continue;
    if (c.framed && t.value.slice(0, 10) > ctx.referenceDate) continue;
    const separated = first > c.triggerLast
      ? clauseBetween(tokens, c.triggerLast, first, c.triggerFirst, c.triggerLast)
      : clauseBetween(tokens, last, c.group?.start ?? c.triggerFirst, c.triggerFirst, c.triggerLast);
    if (separated) continue;
    const distance = first > c.triggerLast ? first - c.triggerLast : c.triggerFirst - last;
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  if (!best) {
    // the narrative's current time: the last absolute date told before this sentence
    const after = firstEndingAfter(absoluteTimes, sentence.start);
    if (after > 0) best = absoluteTimes[after - 1]!;
  }
  if (best) return { start: best.start, end: best.end, text: best.text, value: best.value, precision: best.precision };
  return { start: -1, end: -1, text: '', value: ctx.referenceDate, precision: 'day' };
}

/**
 * The places other than the dateline as event places: copies of one shape, read by placeFor()
 * for every candidate (the places come in several shapes, and each shape the optimized
 * eventsOf() had not seen deoptimized it).
 */
function eventPlacesOf(places: AnnotationContext['places']): EventPlace[] {
  const out: EventPlace[] = [];
  for (let i = 0; i < places.length; i++) if (!places[i]!.dateline) out.push(eventPlaceOf(places[i]!));
  return out;
}

function eventPlaceOf(p: AnnotationContext['places'][number]): EventPlace {
  return { start: p.start, end: p.end, text: p.text, name: p.name, lat: p.lat, lon: p.lon, country: p.country };
}

function placeFor(places: EventPlace[], triggerStart: number, dateline: EventPlace | undefined): EventPlace | null {
  let best: EventPlace | null = null;
  let bestDistance = Infinity;
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    // places after the trigger ("in Kabul") weigh a little more than ones before it
    const distance = p.start >= triggerStart ? p.start - triggerStart : (triggerStart - p.end) * 1.5;
    if (distance < bestDistance) {
      best = p;
      bestDistance = distance;
    }
  }
  const p = best ?? dateline;
  if (!p) return null;
  return { start: p.start, end: p.end, text: p.text, name: p.name, lat: p.lat, lon: p.lon, country: p.country };
}

function attributionFor(
  ctx: AnnotationContext,
  quotes: AnnotationContext['quotes'],
  sentence: Sentence,
  triggerStart: number,
  triggerEnd: number,
  c: Candidate,
  mentions: MentionRef[],
  mentionAt: Int32Array,
): Event['attribution'] {
  for (const q of quotes) {
    if (q.start <= triggerStart && triggerEnd <= q.end) {
      return { quote: q.id, speaker: q.speaker?.name ?? null, actor: q.speaker?.actor ?? null };
    }
  }
  const tokens = ctx.tokens;
  for (let i = sentence.firstToken; i < sentence.endToken; i++) {
    const t = tokens[i]!;
    if (i >= c.triggerFirst && i <= c.triggerLast) continue;
    let speakerFrom = -1;
    let speakerTo = -1;
    if (t.normal === 'according' && tokenIfAny(tokens, i + 1)?.normal === 'to') {
      speakerFrom = i + 2;
      speakerTo = speakerFrom;
      while (speakerTo < sentence.endToken && !(tokens[speakerTo]!.pos === 'PUNCT' && tokens[speakerTo]!.text !== "'s" && tokens[speakerTo]!.text !== '.') && speakerTo - speakerFrom < 10) speakerTo++;
      if (speakerTo < sentence.endToken && isCharToken(tokens[speakerTo]!, FULL_STOP) && speakerTo === sentence.endToken - 1) { /* sentence end */ }
    } else if (t.pos === 'VERB' && SPEECH_VERBS.has(t.lemma) && t.lemma !== 'warn' && t.lemma !== 'claim') {
      // ", police said" / "X said ..." / ", said a spokesman"
      let a = i;
      while (a > sentence.firstToken && i - a < 10) {
        const p = tokens[a - 1]!;
        if (p.pos === 'PUNCT' || p.pos === 'VERB' || p.pos === 'SCONJ' || p.normal === 'that') break;
        a--;
      }
      while (a < i && (tokens[a]!.pos === 'AUX' || tokens[a]!.pos === 'ADV' || tokens[a]!.pos === 'DET')) a++;
      // drop trailing auxiliaries and time words before the verb ("has said", "said on Tuesday")
      let b = i;
      while (b > a && (tokens[b - 1]!.pos === 'AUX' || tokens[b - 1]!.pos === 'ADV')) b--;
      if (b > a) {
        speakerFrom = a;
        speakerTo = b;
      } else if (i + 1 < sentence.endToken) {
        speakerFrom = i + 1;
        speakerTo = speakerFrom;
        while (speakerTo < sentence.endToken && tokens[speakerTo]!.pos !== 'PUNCT' && speakerTo - speakerFrom < 8) speakerTo++;
      }
      // a speech verb before the trigger governs it; one after it reports the whole sentence
    } else continue;
    if (speakerFrom < 0 || speakerTo <= speakerFrom) continue;
    const start = tokens[speakerFrom]!.start;
    const end = tokens[speakerTo - 1]!.end;
    const name = ctx.doc.text.slice(start, end);
    if (!/[A-Za-z]/.test(name) || /^(it|he|she|they|we|i)$/i.test(name)) {
      // pronoun speakers: the event's own source speaks
      const source = c.sources.length > 0 ? c.sources[0]! : null;
      if (source) return { quote: null, speaker: source.text, actor: source.actor.id };
      continue;
    }
    let actor: string | null = null;
    for (let k = speakerFrom; k < speakerTo && actor === null; k++) {
      const m = mentionAt[k]!;
      if (m >= 0 && mentions[m]!.start >= start && mentions[m]!.end <= end) actor = mentions[m]!.actor.id;
    }
    return { quote: null, speaker: name, actor };
  }
  return null;
}
