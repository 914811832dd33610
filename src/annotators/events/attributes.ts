// Event attributes read off the sentence: fatalities, modality cues, indirect attribution.
// Dates, places and quotes come from the earlier layers (ctx.times, ctx.places, ctx.quotes);
// the choice among them is made in events.ts.
import type { Token } from '../../document/types.js';
import type { Modality } from '../../document/types.js';
import { tokenIfAny } from './clauses.js';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12, a: 1, an: 1,
};
/** Vague quantities as ranges (the reading an analyst would accept). */
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 99], scores: [40, 99], hundreds: [200, 999], thousands: [2000, 9999],
  several: [3, 9], many: [3, 99], some: [2, 9], few: [2, 5], handful: [2, 6], tens: [20, 99],
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };
const DEATH_CUES = new Set(['kill', 'killed', 'dead', 'die', 'died', 'death', 'deaths', 'body', 'bodies', 'casualty', 'casualties', 'fatality', 'fatalities', 'toll', 'slay', 'slain', 'massacre', 'murder', 'execute', 'lives', 'life']);
const LOWER_BOUND = new Set(['least', 'more', 'over', 'than', 'nearly', 'almost', 'about', 'around', 'some', 'roughly', 'approximately']);

export interface FatalityReading {
  start: number;
  end: number;
  min: number;
  max: number;
}

function numberValue(t: Token): number | null {
  const w = t.normal.replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w in NUMBER_WORDS && w !== 'a' && w !== 'an') return NUMBER_WORDS[w]!;
  const hyphen = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
  if (hyphen) return NUMBER_WORDS[hyphen[1]!]! + NUMBER_WORDS[hyphen[2]!]!;
  return null;
}

/**
 * A number expression starting at token i: "156", "at least 12" (the qualifier is read
 * before i), "three", "two hundred", "dozens", "a dozen". Returns [min, max, lastIndex].
 */
function readNumber(tokens: Token[], i: number, end: number): [number, number, number] | null {
  const t = tokens[i]!;
  const vague = VAGUE[t.normal];
  if (vague && t.normal !== 'some' && t.normal !== 'many') {
    // "dozens of", "hundreds of"
    if (i + 1 < end && tokens[i + 1]!.normal === 'of') return [vague[0], vague[1], i];
    if (t.normal === 'several' || t.normal === 'few') return [vague[0], vague[1], i];
    return null;
  }
  if ((t.normal === 'a' || t.normal === 'an') && i + 1 < end && (tokens[i + 1]!.normal === 'dozen' || tokens[i + 1]!.normal === 'hundred')) {
    return tokens[i + 1]!.normal === 'dozen' ? [12, 12, i + 1] : [100, 100, i + 1];
  }
  let value = numberValue(t);
  if (value === null) return null;
  let last = i;
  while (last + 1 < end && SCALE[tokens[last + 1]!.normal]) {
    value *= SCALE[tokens[last + 1]!.normal]!;
    last++;
  }
  return [value, value, last];
}

/**
 * Fatalities in a sentence: the number expression nearest to a death cue ("killed", "dead",
 * "deaths", "bodies") within a few words, with "between A and B" and "A to B" as ranges.
 */
export function findFatalities(tokens: Token[], start: number, end: number): FatalityReading | null {
  const cues: number[] = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (DEATH_CUES.has(t.lemma) || DEATH_CUES.has(t.normal)) cues.push(i);
  }
  if (cues.length === 0) return null;
  let best: FatalityReading | null = null;
  let bestDistance = Infinity;
  for (let i = start; i < end; i++) {
    const n = readNumber(tokens, i, end);
    if (!n) continue;
    let [min, max, last] = n;
    const next = tokenIfAny(tokens, last + 1);
    // Years, times, money and percentages are not casualty counts.
    if (next && /^(percent|%|pm|am|p\.m\.|a\.m\.|year|years|month|months|day|days|hour|hours|km|kilometres|kilometers|miles|dollars|tons|kg)$/.test(next.normal)) { i = last; continue; }
    if (tokenIfAny(tokens, i - 1) && /^[$€£]$/.test(tokens[i - 1]!.text)) { i = last; continue; }
    if (min >= 1900 && min <= 2100 && !next?.normal.match(/^(people|civilians|soldiers|persons|dead)$/)) { i = last; continue; }
    // "between 10 and 20", "10 to 20", "10-20"
    const joiner = tokenIfAny(tokens, last + 1);
    if (joiner && (joiner.normal === 'to' || joiner.normal === 'and' || joiner.normal === '-') && last + 2 < end) {
      const upper = readNumber(tokens, last + 2, end);
      if (upper && upper[1] > max) {
        max = upper[1];
        last = upper[2];
      }
    }
    let from = i;
    for (let q = i - 1; q >= Math.max(start, i - 3); q--) {
      if (LOWER_BOUND.has(tokens[q]!.normal) || tokens[q]!.normal === 'at' || tokens[q]!.normal === 'up' || tokens[q]!.normal === 'to') from = q;
      else break;
    }
    // the words between, joined by spaces (without slicing and mapping the tokens)
    let qualifier = '';
    for (let q = from; q < i; q++) qualifier += q > from ? ' ' + tokens[q]!.normal : tokens[q]!.normal;
    if (/more than|over/.test(qualifier)) min = min + 1 > max ? max : min;
    if (/up to/.test(qualifier)) min = Math.min(min, 1);
    for (const c of cues) {
      // the number precedes the cue closely ("12 people were killed", "three dead") or follows it ("killing 156 people", "death toll rose to 40")
      const distance = c > last ? c - last : i - c;
      const limit = c > last ? 6 : 5;
      if (distance <= limit && distance < bestDistance) {
        bestDistance = distance;
        best = { start: tokens[from]!.start, end: tokens[last]!.end, min, max: Math.max(min, max) };
      }
    }
    i = last;
  }
  return best;
}

// ---------------------------------------------------------------- modality

const NEGATING_WORDS = new Set(['neither', 'nor', 'unable', 'impossible']);
const REPORTED_CUES = new Set(['reportedly', 'purportedly']);
const CLAIMED_CUES = new Set(['allegedly', 'claim', 'claimed', 'claims', 'alleged', 'alleges', 'allege', 'purported']);
const SPECULATIVE_WORDS = new Set(['may', 'might', 'could', 'possibly', 'probably', 'perhaps', 'likely', 'apparently', 'presumably', 'suspected', 'believed', 'thought', 'feared', 'rumoured', 'rumored', 'unconfirmed']);
const PLANNED_WORDS = new Set(['plan', 'plans', 'planned', 'planning', 'intend', 'intends', 'intended', 'scheduled', 'set', 'going', 'expected', 'prepare', 'preparing', 'will', 'would', 'shall', "'ll"]);
const CONDITIONAL_WORDS = new Set(['if', 'unless', 'provided', 'should']);

/**
 * The modality of an event from the words of its clause: the tokens [clauseFirst, clauseEnd)
 * run from the clause start to the trigger (its verb group included), [sentenceFirst,
 * sentenceEnd) are the whole sentence. `framed`: the frame already turned
 * intent/threat/refusal into the code itself; `trigger` is the trigger's first token,
 * counted from clauseFirst. Token ranges rather than slices: no copies per event.
 */
export function modalityOf(
  tokens: Token[],
  negated: boolean,
  modals: string[],
  clauseFirst: number,
  clauseEnd: number,
  sentenceFirst: number,
  sentenceEnd: number,
  framed: boolean,
  trigger: number,
): Modality {
  if (negated) return 'negated';
  // (an empty range when the clause starts after the trigger's last token)
  const end = Math.max(clauseFirst, clauseEnd);
  // "neither the EU nor the US would endorse", "she was unable to negotiate"
  for (let i = clauseFirst; i < end; i++) if (NEGATING_WORDS.has(tokens[i]!.normal)) return 'negated';
  for (let i = clauseFirst; i < end; i++) {
    const n = tokens[i]!.normal;
    if (n === 'if' || n === 'unless') return 'conditional';
  }
  if (isHypothetical(tokens, clauseFirst, trigger)) return 'conditional';
  for (let i = 0; i < modals.length; i++) {
    const m = modals[i]!;
    if (m === 'may' || m === 'might' || m === 'could') return 'speculative';
  }
  for (let i = clauseFirst; i < end; i++) {
    const t = tokens[i]!;
    // "is believed to", "are thought to have", "suspected of"
    if (SPECULATIVE_WORDS.has(t.normal) && t.pos !== 'AUX') return 'speculative';
  }
  for (let i = clauseFirst; i < end; i++) if (CLAIMED_CUES.has(tokens[i]!.normal)) return 'claimed';
  for (let i = sentenceFirst; i < sentenceEnd; i++) if (REPORTED_CUES.has(tokens[i]!.normal)) return 'reported';
  for (let i = sentenceFirst; i + 1 < sentenceEnd; i++) {
    if (tokens[i]!.normal === 'according' && tokens[i + 1]!.normal === 'to') return 'reported';
  }
  if (!framed) {
    for (let i = 0; i < modals.length; i++) {
      const m = modals[i]!;
      if (m === 'will' || m === 'would' || m === 'shall' || m === "'ll") return 'planned';
    }
    for (let i = clauseFirst; i < end; i++) {
      const t = tokens[i]!;
      if (PLANNED_WORDS.has(t.normal) && t.pos !== 'AUX') return 'planned';
    }
  }
  return 'asserted';
}

export { CONDITIONAL_WORDS };

/** Nouns whose content clause tells what would happen, not what did: "a law that would allow ...". */
const LAW_NOUNS = new Set(['law', 'laws', 'bill', 'bills', 'amendment', 'amendments', 'proposal', 'proposals', 'legislation', 'measure', 'measures', 'treaty', 'plan', 'plans']);
/** Nouns whose infinitive is an act planned, not done: "a plot to kill", "plans to attack". */
const PLOT_NOUNS = new Set(['plot', 'plots', 'plan', 'plans', 'scheme', 'schemes', 'conspiracy']);
const PLOT_OPENERS = new Set(['DET', 'ADJ', 'VERB', 'PART']);
const POSSESSIVES = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your']);
const ENABLING_VERBS = new Set(['allow', 'let', 'enable', 'permit', 'empower', 'authorize', 'authorise']);
/** Words between an enabling verb and what governs it ("would have allowed"). */
const GOVERNING_WORDS = new Set(['would', 'will', 'could', 'have', 'has', 'had', 'also']);

/**
 * Hypothetical content: the trigger (at tokens[from + v]) right after "would have" ("a law
 * that would have banned protests"), or embedded under "allow/let/enable … (to)" that is itself
 * under "would have" or in a clause modifying a law, bill, amendment or proposal ("a law that
 * would have allowed China to extradite people", "a bill allowing police to detain"). Only
 * tokens from `from` on are read (the clause).
 */
function isHypothetical(tokens: Token[], from: number, v: number): boolean {
  // "would have" + the trigger (adverbs between)
  let k = v - 1;
  while (k >= 0 && tokens[from + k]!.pos === 'ADV') k--;
  if (k >= 1 && tokens[from + k]!.normal === 'have' && tokens[from + k - 1]!.normal === 'would') return true;
  // "a plot to kill the ambassador", "developing plans to attack diplomats": a planned act, not one done
  // (a noun after a determiner, adjective, possessive or verb: "Russia plans to arrest" is a plan told as such)
  if (k >= 2 && tokens[from + k]!.normal === 'to' && PLOT_NOUNS.has(tokens[from + k - 1]!.normal) && (PLOT_OPENERS.has(tokens[from + k - 2]!.pos) || POSSESSIVES.has(tokens[from + k - 2]!.normal))) return true;
  // the enabling verb: "allowed China to", "let them"
  let e = -1;
  for (let j = v - 1; j >= 0 && v - j <= 8; j--) {
    const t = tokens[from + j]!;
    if (ENABLING_VERBS.has(t.lemma.toLowerCase()) && t.pos === 'VERB') {
      e = j;
      break;
    }
    if (t.pos === 'VERB' || t.pos === 'SCONJ' || (t.pos === 'PUNCT' && t.text !== '-')) return false;
  }
  if (e < 0) return false;
  if (tokens[from + e]!.lemma.toLowerCase() !== 'let' && !hasTo(tokens, from + e + 1, from + v)) return false;
  // what governs the enabling verb: "would have", then "that/which" or nothing, then a law noun
  let g = e - 1;
  let counterfactual = false;
  while (g >= 0 && (tokens[from + g]!.pos === 'ADV' || tokens[from + g]!.pos === 'AUX' || GOVERNING_WORDS.has(tokens[from + g]!.normal))) {
    if (tokens[from + g]!.normal === 'would' && tokens[from + g + 1]!.normal === 'have') counterfactual = true;
    g--;
  }
  if (counterfactual) return true;
  // "a law that allows", "a bill allowing", "an amendment to a law to allow"
  if (g >= 0 && (tokens[from + g]!.normal === 'that' || tokens[from + g]!.normal === 'which' || tokens[from + g]!.normal === 'to')) g--;
  return g >= 0 && LAW_NOUNS.has(tokens[from + g]!.normal);
}

function hasTo(tokens: Token[], from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (tokens[i]!.normal === 'to') return true;
  return false;
}

// ---------------------------------------------------------------- attribution

export const SPEECH_VERBS = new Set(['say', 'tell', 'announce', 'report', 'state', 'add', 'declare', 'claim', 'confirm', 'insist', 'quote', 'write', 'tweet', 'note', 'warn', 'disclose', 'reveal', 'acknowledge', 'admit', 'assert', 'explain']);
