// Participants of an event: the actor mention chosen as source or target, and the country
// a coder would give it when the mention itself names none. A bare role ("police",
// "demonstrators", "Doctors", "Thousands") takes its country the way the sentence tells it:
//  1. from the noun phrase it heads: "Doctors from two American aid groups", "supporters of
//     former President Ben Bella", "Thousands of Nigerians" (a head with no code at all, such
//     as a quantity, gives way to the actor after "of");
//  2. from an appositive: "Salaheddine Sidhoum, Algeria's leading activist, ..." (events.ts);
//  3. from the place the event happened: "police ... in Monrovia" (events.ts, buildEvents);
//  4. a role in a sentence naming no country: the document's clearly dominant country (events.ts).
// International codes (IGO…, NGO…, IMG… militarized groups such as IMGINS) are kept as they are.
import type { Actor, Token } from '../../document/types.js';

export interface MentionRef {
  start: number;
  end: number;
  text: string;
  actor: Actor;
  code: string | null;
  /** first and last token index covered */
  first: number;
  last: number;
  /** the country the sentence gives a mention that names none itself */
  country?: string | null | undefined;
  /** a toponym taken as its country's people: a target only, never a source */
  place?: boolean | undefined;
}

/**
 * Every mention reference is built here, with its properties in one order, so that all of
 * them share one hidden class: spread copies and literals of other shapes made the optimized
 * per-sentence and event-building code deoptimize ("wrong map") again and again while warming up.
 */
export function mentionRef(
  start: number,
  end: number,
  text: string,
  actor: Actor,
  code: string | null,
  first: number,
  last: number,
  country: string | null | undefined,
  place: boolean | undefined,
): MentionRef {
  return { start, end, text, actor, code, first, last, country, place };
}

/** The mention with a country (and the code composed with it) that the sentence gives it. */
export function withCountry(m: MentionRef, country: string | null | undefined, code: string | null): MentionRef {
  return mentionRef(m.start, m.end, m.text, m.actor, code, m.first, m.last, country, m.place);
}

/** CAMEO role (sector) codes: an actor code made only of these has no country. IMG (international
 * militarized group: IMGINS, IMGMUSINS) is a complete code like IGO/NGO, never a bare role. */
export const ROLE_CODES = new Set([
  'GOV', 'MIL', 'REB', 'OPP', 'PTY', 'CVL', 'COP', 'JUD', 'LEG', 'MED', 'EDU', 'BUS', 'LAB', 'REF', 'HLH', 'ELI',
  'SPY', 'INS', 'UAF', 'AGR', 'CRM', 'DEV', 'ENV', 'HRI', 'REL', 'SEP', 'MOD', 'RAD', 'UNK', 'SET', 'CHR',
  'MUS', 'JEW', 'BUD', 'HIN', 'ELS', 'PRO',
]);

export function countryOfMention(m: MentionRef): string | null {
  return m.country ?? m.actor.country ?? null;
}

/** True when the mention carries an international or otherwise complete code (IGOUNO, NGOHRI). */
export function hasOwnCode(m: MentionRef): boolean {
  return m.code !== null && m.code.length >= 3 && !ROLE_CODES.has(m.code.slice(0, 3));
}

/** True when the mention names no country and no international body: a bare role or an unknown name. */
export function needsCountry(m: MentionRef): boolean {
  return !countryOfMention(m) && !hasOwnCode(m);
}

/** Country + role codes ("USA" + "HLH" -> "USAHLH"). */
export function composeCode(country: string, code: string | null): string {
  if (!code) return country;
  return ROLE_CODES.has(code.slice(0, 3)) ? country + code : code;
}

/** Prepositions that attach a country-bearing actor to a role inside one noun phrase. */
const NP_LINKS = new Set(['of', 'from', 'in', 'at', 'for', 'to']);
/** Words allowed between the link and the actor ("from two American aid groups"). */
const NP_FILLERS = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);

/**
 * A role mention completed by the actor its noun phrase names after "of/from/in":
 * "Doctors from two American aid groups" -> USA; "Thousands of Nigerians" -> the Nigerians.
 * `mentionAt` maps a token to its mention index in `mentions`.
 */
export function completeFromPhrase(
  m: MentionRef,
  tokens: Token[],
  sentenceEnd: number,
  mentions: MentionRef[],
  mentionAt: Int32Array,
): MentionRef {
  if (!needsCountry(m)) return m;
  let i = m.last + 1;
  // "Militants loyal to X", "forces of X": one linking word, optionally after "loyal"
  if (i < sentenceEnd && (tokens[i]!.normal === 'loyal' || tokens[i]!.normal === 'close')) i++;
  if (i >= sentenceEnd || !NP_LINKS.has(tokens[i]!.normal) || tokens[i]!.pos !== 'ADP') return m;
  if ((tokens[i]!.normal === 'to' || tokens[i]!.normal === 'for') && i === m.last + 1) return m;
  for (let k = i + 1; k < sentenceEnd && k - i <= 5; k++) {
    const at = mentionAt[k]!;
    if (at >= 0) {
      const other = mentions[at]!;
      const country = countryOfMention(other);
      // a head with no code at all ("Thousands", "Members") gives way to the named actor
      if (m.code === null && (country || hasOwnCode(other))) return completeFromPhrase(other, tokens, sentenceEnd, mentions, mentionAt);
      if (country) return withCountry(m, country, composeCode(country, m.code));
      return m;
    }
    if (!NP_FILLERS.has(tokens[k]!.pos) && tokens[k]!.normal !== "'s") return m;
  }
  return m;
}
