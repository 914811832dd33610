// The tense of the clause a time expression sits in, read from the part-of-speech tags of
// the verb group that governs it. News places a bare weekday or a month without a year by
// the verb: "the army attacked on Tuesday" is the Tuesday before publication, "the ministers
// will meet on Tuesday" (or "plan to meet", "would meet", "are meeting") the one after.
//
// The governing verb is taken to be the nearest verb before the expression in the same
// clause ("said Tuesday", "will meet on Tuesday"); when none comes before it (an opening
// "On Tuesday, the army attacked"), the first verb after it. The group is that verb with the
// auxiliaries, negations and adverbs just before it, or the infinitive's governor ("planned
// to leave on Thursday").
import type { Token } from '../../document/types.js';
import { firstStartingAt } from '../../util/search.js';

export type Tense = 'past' | 'future' | 'present' | 'unknown';

/** Clause-internal words a left scan stops at: the expression belongs to what follows. */
const LEFT_STOP = new Set([',', ';', ':', '"', '``', "''", '“', '”', '--', '—', '–']);
const RIGHT_STOP = new Set([';', ':', '(', '"', '``', "''", '“', '”', '--', '—', '–']);

const FUTURE_AUX = new Set(['will', "'ll", 'wo', 'shall', 'll']);
// "could" is as often a past ability ("attendees could catch a show") as a future possibility
const MODAL = new Set(['would', 'should', 'must', 'may', 'might']);
const PAST_AUX = new Set(['was', 'were', 'had', 'did', "'d"]);
const PERFECT_AUX = new Set(['has', 'have', "'ve", 'having']);
const PRESENT_BE = new Set(['is', 'are', 'am', "'s", "'re", "'m"]);

/**
 * Verbs whose infinitive complement lies ahead of them: "planned to leave on Thursday" is a
 * departure still to come even though the planning is past.
 */
const FORWARD_GOVERNORS = new Set([
  'plan',
  'expect',
  'schedule',
  'set',
  'go',
  'intend',
  'aim',
  'hope',
  'want',
  'wish',
  'due',
  'prepare',
  'promise',
  'vow',
  'pledge',
  'threaten',
  'agree',
  'decide',
  'seek',
  'propose',
  'arrange',
  'need',
  'like',
  'be',
]);

/**
 * Verbs that put what follows them ahead in time whatever their own tense: "has scheduled
 * a news conference Thursday", "postponed the vote until Tuesday".
 */
const SCHEDULING = new Set(['schedule', 'reschedule', 'postpone', 'delay', 'defer', 'extend', 'plan', 'adjourn', 'set']);

/** "as previously planned", "had originally scheduled": the plan's date is behind us. */
const PAST_MARKERS = new Set(['previously', 'originally', 'had', 'initially', 'earlier']);

/** Adverbs that sit inside a verb group ("will also meet", "had already left"). */
const GROUP_ADVERBS = new Set([
  'not',
  "n't",
  'also',
  'still',
  'already',
  'now',
  'then',
  'again',
  'just',
  'soon',
  'probably',
  'likely',
  'reportedly',
  'allegedly',
  'only',
  'even',
  'never',
  'finally',
  'formally',
  'officially',
  'later',
  'first',
]);

function isVerb(t: Token): boolean {
  return t.pos === 'VERB' || t.pos === 'AUX';
}

/** Index of the first token starting at or after `offset` (tokens are in text order). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  return firstStartingAt(tokens, offset);
}

/** The tense of the verb group whose last verb is tokens[k]; the group starts no earlier than `from`. */
function groupTense(tokens: readonly Token[], k: number, from: number): Tense {
  const sentence = tokens[k]!.sentence;
  // walk left over auxiliaries, negations and group adverbs to the head of the group
  let head = k;
  while (head - 1 >= from && tokens[head - 1]!.sentence === sentence) {
    const t = tokens[head - 1]!;
    if (t.pos === 'AUX' || (t.pos === 'PART' && (t.normal === 'not' || t.normal === "n't" || t.normal === 'to')) || (t.pos === 'ADV' && GROUP_ADVERBS.has(t.normal))) head--;
    else break;
  }
  let sawPresentBe = false;
  for (let i = head; i <= k; i++) {
    const t = tokens[i]!;
    const w = t.normal;
    if (FUTURE_AUX.has(w) || (t.pos === 'AUX' && t.lemma === 'will')) return 'future';
    if (MODAL.has(w)) return 'future';
    if (t.pos === 'PART' && w === 'to') {
      // "planned to leave", "is expected to meet", "is to visit": the governor before "to"
      const before = i > head ? tokens[i - 1] : tokens[head - 1];
      const governor = before && before.sentence === sentence ? before : null;
      if (governor) {
        // "had been due to expire Friday": a plan already overtaken lies in the past
        for (let j = governor.index - 1; j >= 0 && j >= governor.index - 3 && tokens[j]!.sentence === sentence; j--) {
          if (tokens[j]!.normal === 'had') return 'past';
        }
      }
      if (governor && (FORWARD_GOVERNORS.has(governor.lemma) || FORWARD_GOVERNORS.has(governor.normal))) return 'future';
      // any other governor lends its own tense: "didn't come to work on Monday" is past
      if (governor && isVerb(governor) && governor.index < i) return groupTense(tokens, governor.index, Math.max(0, governor.index - 5));
      return 'unknown';
    }
    if (PAST_AUX.has(w) || PERFECT_AUX.has(w)) return 'past';
    if (PRESENT_BE.has(w) && i < k) sawPresentBe = true;
  }
  const v = tokens[k]!;
  if (sawPresentBe) {
    // "are meeting Friday" arranges the future; "is scheduled for", "is expected" too
    if (v.normal.endsWith('ing')) return 'future';
    if (FORWARD_GOVERNORS.has(v.lemma)) return 'future';
    return 'present';
  }
  if (v.pos === 'AUX') {
    if (PRESENT_BE.has(v.normal) || v.normal === 'does' || v.normal === 'do') return 'present';
    return 'unknown';
  }
  if (v.normal === v.lemma) return 'present';
  if (v.normal.endsWith('ing')) return 'unknown';
  if (v.normal === v.lemma + 's' || v.normal === v.lemma + 'es' || (v.lemma.endsWith('y') && v.normal === v.lemma.slice(0, -1) + 'ies')) return 'present';
  return 'past';
}

/** The tense of the clause holding the expression [start, end), from the tagged tokens. */
export function clauseTense(tokens: readonly Token[], start: number, end: number): Tense {
  if (tokens.length === 0) return 'unknown';
  const first = tokenAt(tokens, start);
  if (first >= tokens.length || tokens[first]!.start >= end) return 'unknown';
  const sentence = tokens[first]!.sentence;
  // scan left for the governing verb, within the clause and at most ten tokens away
  for (let k = first - 1; k >= 0 && k >= first - 10; k--) {
    const t = tokens[k]!;
    if (t.sentence !== sentence) break;
    if (t.pos === 'PUNCT' && LEFT_STOP.has(t.normal)) break;
    if (t.pos === 'SCONJ') break;
    if (isVerb(t)) {
      if (t.pos === 'VERB' && SCHEDULING.has(t.lemma) && t.normal !== 'set' && !PAST_MARKERS.has(tokens[k - 1]?.normal ?? '')) return 'future';
      return groupTense(tokens, k, Math.max(0, k - 5));
    }
  }
  // none before it: the first verb after it in the sentence
  const after = tokenAt(tokens, end);
  for (let k = after; k < tokens.length && k < after + 14; k++) {
    const t = tokens[k]!;
    if (t.sentence !== sentence) break;
    if (t.pos === 'PUNCT' && RIGHT_STOP.has(t.normal)) break;
    if (isVerb(t)) {
      // an auxiliary starts its own group: read from it to the main verb
      let main = k;
      while (main + 1 < tokens.length && main + 1 < k + 4 && tokens[main + 1]!.sentence === sentence) {
        const n = tokens[main + 1]!;
        // auxiliaries up to the main verb, but not into an infinitive: "tried to scare" is past
        if (isVerb(n) || (n.pos === 'PART' && (n.normal === 'not' || n.normal === "n't")) || (n.pos === 'ADV' && GROUP_ADVERBS.has(n.normal))) main++;
        else break;
      }
      while (main > k && !isVerb(tokens[main]!)) main--;
      return groupTense(tokens, main, k);
    }
  }
  return 'unknown';
}
