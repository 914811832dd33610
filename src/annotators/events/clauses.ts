// A shallow parse over part-of-speech tags, enough to find who did what to whom: verb groups
// (auxiliaries, negation, modals, passive voice), the subject region before a verb group and
// the object region after it, with clause boundaries from punctuation, subordinators and
// other verbs. Everything is computed per sentence in one or two passes over its tokens.
import type { Token } from '../../document/types.js';

/**
 * tokens[i], or undefined before the first or past the last token. Compiled code that reads an
 * array out of its bounds (tokens[-1], tokens[length]) is deoptimized and compiled again: the
 * look-arounds at a sentence's edges read through this instead.
 */
export function tokenIfAny(tokens: Token[], i: number): Token | undefined {
  return i >= 0 && i < tokens.length ? tokens[i] : undefined;
}

const MODALS = new Set(['will', 'would', 'shall', 'may', 'might', 'could', 'can', 'should', 'must', "'ll", 'wo', 'ca']);
const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
const BE_FORMS = new Set(['be', 'get']);
const IRREGULAR_PARTICIPLES = new Set([
  'shot', 'hit', 'held', 'taken', 'beaten', 'seen', 'driven', 'thrown', 'blown', 'caught', 'fought', 'led', 'brought',
  'sent', 'given', 'struck', 'built', 'left', 'kept', 'hidden', 'slain', 'torn', 'won', 'sold', 'told', 'put', 'set',
  'cut', 'done', 'made', 'found', 'bound', 'frozen', 'chosen', 'spoken', 'stolen', 'forbidden', 'overthrown', 'withdrawn',
]);
/** Words that open a new clause: subordinators and relative pronouns. */
const CLAUSE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'because', 'although', 'though', 'while', 'after', 'before', 'since', 'if', 'unless', 'when', 'where', 'as', 'until', 'whether']);
const HARD_BOUNDARY_PUNCT = new Set([';', ':', '(', ')', '"', '“', '”', '``', "''", '—', '–']);

export interface VerbGroup {
  /** index of the first token of the group (auxiliaries, negation, adverbs) */
  start: number;
  /** index of the main verb */
  verb: number;
  /** index after the group (particles included) */
  end: number;
  passive: boolean;
  negated: boolean;
  modals: string[];
}

export function isVerb(t: Token): boolean {
  return t.pos === 'VERB';
}

export function isNegation(t: Token): boolean {
  return NEGATIONS.has(t.normal) && (t.pos === 'PART' || t.pos === 'ADV' || t.normal !== 'no');
}

function looksLikeParticiple(t: Token): boolean {
  const w = t.normal;
  return (w.endsWith('ed') || w.endsWith('en') || IRREGULAR_PARTICIPLES.has(w)) && !w.endsWith('ing');
}

/** The verb group around the main verb at index v. */
export function verbGroup(tokens: Token[], v: number, sentenceStart: number, sentenceEnd: number): VerbGroup {
  let start = v;
  let passive = false;
  let negated = false;
  const modals: string[] = [];
  let sawBe = false;
  for (let i = v - 1; i >= sentenceStart && v - i <= 6; i--) {
    const t = tokens[i]!;
    if (t.pos === 'AUX') {
      if (MODALS.has(t.normal) || t.lemma === 'will') modals.push(t.lemma === 'will' ? 'will' : t.normal);
      if (BE_FORMS.has(t.lemma)) sawBe = true;
      start = i;
    } else if (isNegation(t)) {
      negated = true;
      start = i;
    } else if (t.pos === 'ADV' && i > sentenceStart) {
      start = i;
    } else break;
  }
  // Leading adverbs without any auxiliary are not part of the group.
  while (start < v && tokens[start]!.pos === 'ADV' && !isNegation(tokens[start]!)) start++;
  if (sawBe && looksLikeParticiple(tokens[v]!)) passive = true;
  let end = v + 1;
  // Particles ("blow up", "call off", "pull out")
  while (end < sentenceEnd && end - v <= 2) {
    const t = tokens[end]!;
    if ((t.pos === 'ADP' || t.pos === 'PART' || t.pos === 'ADV') && /^(up|off|out|down|back|over|away|in)$/.test(t.normal)) {
      // "out of", "in" are prepositions when an object follows directly; still a fine trigger word.
      end++;
    } else break;
  }
  return { start, verb: v, end, passive, negated, modals };
}

/**
 * A participle right after a noun that modifies it, a reduced relative clause ("the Red Cross
 * operating in Iraq", "a group based in Trinidad", "aircraft including gunships"): not the
 * verb of a clause, so it neither ends a subject region nor opens one.
 */
export function isReducedRelative(tokens: Token[], i: number, sentenceStart: number): boolean {
  const t = tokens[i]!;
  if (t.pos !== 'VERB' || i - 1 < sentenceStart) return false;
  const prev = tokens[i - 1]!;
  if (prev.pos !== 'NOUN' && prev.pos !== 'PROPN') return false;
  const w = t.normal;
  if (w.endsWith('ing')) return true;
  const next = tokenIfAny(tokens, i + 1);
  if (!looksLikeParticiple(t) || next === undefined || next.pos !== 'ADP' || next.normal === 'that') return false;
  // "a group based in Trinidad claims ...": the noun's own verb follows in the same clause;
  // "the Forum concluded on Saturday that ..." has none, so "concluded" is its verb.
  for (let k = i + 2; k < tokens.length && k - i <= 15; k++) {
    const u = tokens[k]!;
    if (u.sentence !== t.sentence || isClauseBoundary(u) || u.pos === 'CCONJ') return false;
    if (u.pos === 'VERB' || (u.pos === 'AUX' && tokens[k - 1]!.pos !== 'PART')) return true;
  }
  return false;
}

/** True when the token ends a clause for the purpose of finding subjects and objects. */
export function isClauseBoundary(t: Token): boolean {
  if (t.pos === 'PUNCT') return HARD_BOUNDARY_PUNCT.has(t.text);
  if (t.pos === 'SCONJ') return true;
  return (t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'ADV') && CLAUSE_OPENERS.has(t.normal) && t.normal !== 'that' ? true : t.normal === 'that' && t.pos !== 'DET';
}

export function isComma(t: Token): boolean {
  return t.pos === 'PUNCT' && isCharToken(t, COMMA);
}

export const COMMA = 44;
export const FULL_STOP = 46;
export const QUESTION_MARK = 63;

/**
 * Whether a token's text is the one character of this code. Token texts are partly
 * internalized strings and partly fresh ones: V8 compiles text === ',' into a pointer test
 * while it has seen only internalized texts there, and deoptimizes the function at the first
 * fresh one (the punctuation tests of the hottest functions did so in every first pass).
 */
export function isCharToken(t: Token, code: number): boolean {
  return t.text.length === 1 && t.text.charCodeAt(0) === code;
}

/**
 * Whether a token (if any) is this word. One comparison site for the callers that V8 inlined
 * it into: the first fresh string anywhere turns it into a general string comparison, instead
 * of a deoptimization at each site of its own (see isCharToken).
 */
export function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.normal === word;
}

export { MODALS, NEGATIONS, CLAUSE_OPENERS };
