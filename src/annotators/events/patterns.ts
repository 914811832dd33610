// Event patterns as data (data/events/*.yaml), compiled once into lookup tables keyed by
// lemma / head noun so that the annotator does one Map lookup per token.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../util/paths.js';

/** One element of a pattern after its first word: a set of accepted words, or a gap. */
export type PatternPart = Set<string> | 'gap';

export interface VerbPattern {
  code: string;
  source: string;
  /** elements after the verb's lemma */
  parts: PatternPart[];
  /** number of literal words (the verb included): the more, the more specific */
  weight: number;
  /** order in the data file, to break ties */
  order: number;
}

export interface NounPattern {
  code: string;
  source: string;
  /** every word of the phrase; the last one is the head (of an open pattern: the word before any head) */
  words: Set<string>[];
  /** gapAfter[w]: a `*` follows word w, so up to 7 words may come between it and the next */
  gapAfter: boolean[];
  /** the pattern ends with `*` ("anniversary of *"): it applies to any event noun after its words */
  open: boolean;
  order: number;
}

export type FrameKind = 'intent' | 'threaten' | 'demand' | 'appeal' | 'reject';

export interface Frame {
  kind: FrameKind;
  cues: Set<string>;
  /** embedded code (or its prefix) -> result code; 'keep' keeps the embedded code */
  map: Map<string, string>;
  fallback: string;
}

export interface EventPatterns {
  verbs: Map<string, VerbPattern[]>;
  nouns: Map<string, NounPattern[]>;
  verbDiscards: Map<string, VerbPattern[]>;
  nounDiscards: Map<string, NounPattern[]>;
  /** noun discards ending with `*` ("anniversary of *"): checked before every event noun */
  openNounDiscards: NounPattern[];
  /** verbs that name an event only without a direct object ("demonstrated" vs "demonstrates that") */
  intransitiveOnly: Set<string>;
  /** subjects (or "by" agents) that make a violent verb an accident or a disaster */
  nonAgents: Set<string>;
  /** verbs whose object event is a topic, not their subject's act ("described the attacks") */
  topicVerbs: Set<string>;
  supportVerbs: Set<string>;
  /** verbs that name an event only with a direct object ("shelter refugees", not "militants sheltering in") */
  transitiveOnly: Set<string>;
  /** verbs that name an event only when an actor is their object ("helped Kenya", not "help a healthy relationship") */
  actorObjectOnly: Set<string>;
  /** speakers whose statements are commentary, not political acts ("analysts said") */
  commentators: Set<string>;
  /** words that mark a labour strike ("workers", "union"); without them a "strike" in a conflict story is a military one */
  labourCues: Set<string>;
  /** words that mark armed conflict around a "strike" ("jets", "airstrikes", "drone") */
  militaryCues: Set<string>;
  frames: Map<FrameKind, Frame>;
  /** cue lemma -> frame kinds it may open */
  frameCues: Map<string, FrameKind[]>;
  /** every code that has at least one verb or noun pattern */
  codesWithPatterns: Set<string>;
}

/** Word forms a pattern word may match: the word itself and a naive singular. */
export function singular(word: string): string {
  // called for most tokens of every document: plain suffix tests, no regex, no allocation
  // unless the word changes
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (n > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (n > 4 && (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes'))) return word.slice(0, -2);
  if (!word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

function alternatives(word: string): Set<string> {
  const set = new Set<string>();
  for (const w of word.toLowerCase().split('|')) {
    if (!w) continue;
    set.add(w);
    set.add(singular(w));
  }
  return set;
}

/**
 * Alternatives are single words: "a|b c" is two elements ("a|b", then "c"), so an alternative
 * written with a space ("hold talks|meet with") would silently become other elements. Such a
 * pattern is refused at load, naming the file and the pattern.
 */
export function checkAlternatives(file: string, source: string): void {
  const text = source.trim();
  const bad = /\s\||\|\s|\|\||^\||\|$/.test(text);
  if (bad) throw new Error(`data/events/${file}: pattern "${source}" has an empty or space-separated "|" alternative; alternatives are single words`);
}

/** A verb pattern and the lemmas it is indexed under ("express|offer * condolence": both verbs). */
function compileVerb(code: string, source: string, order: number, file = 'verbs.yaml'): { lemmas: string[]; pattern: VerbPattern } {
  checkAlternatives(file, source);
  const words = source.trim().toLowerCase().split(/\s+/);
  const lemmas = words[0]!.split('|');
  const parts: PatternPart[] = [];
  let weight = 1;
  for (const w of words.slice(1)) {
    if (w === '*') parts.push('gap');
    else {
      parts.push(alternatives(w));
      weight++;
    }
  }
  return { lemmas, pattern: { code, source, parts, weight, order } };
}

function compileNoun(code: string, source: string, order: number, file = 'nouns.yaml'): { head: string; pattern: NounPattern } {
  checkAlternatives(file, source);
  const words: Set<string>[] = [];
  const gapAfter: boolean[] = [];
  for (const w of source.trim().toLowerCase().split(/\s+/)) {
    if (w === '*') {
      if (words.length === 0) throw new Error(`data/events/${file}: noun pattern "${source}" starts with a gap`);
      gapAfter[words.length - 1] = true;
    } else {
      words.push(alternatives(w));
      gapAfter.push(false);
    }
  }
  const open = gapAfter[words.length - 1] === true;
  if (open && file !== 'discards.yaml') throw new Error(`data/events/${file}: noun pattern "${source}" ends with a gap; only discards may`);
  if (open) gapAfter[words.length - 1] = false;
  const headAlternatives = [...words[words.length - 1]!];
  return { head: headAlternatives[0]!, pattern: { code, source, words, gapAfter, open, order } };
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function readYaml(name: string): unknown {
  return parse(readFileSync(dataPath('events', name), 'utf8'));
}

export function loadEventPatterns(): EventPatterns {
  const verbs = new Map<string, VerbPattern[]>();
  const nouns = new Map<string, NounPattern[]>();
  const verbDiscards = new Map<string, VerbPattern[]>();
  const nounDiscards = new Map<string, NounPattern[]>();
  const openNounDiscards: NounPattern[] = [];
  const codesWithPatterns = new Set<string>();
  let order = 0;

  const verbData = readYaml('verbs.yaml') as Record<string, string[]>;
  for (const [code, list] of Object.entries(verbData)) {
    for (const source of list) {
      const { lemmas, pattern } = compileVerb(String(code), source, order++);
      for (const lemma of lemmas) addTo(verbs, lemma, pattern);
      codesWithPatterns.add(String(code));
    }
  }
  const nounData = readYaml('nouns.yaml') as { codes: Record<string, string[]>; support_verbs: string[]; topic_verbs?: string[] };
  for (const [code, list] of Object.entries(nounData.codes)) {
    for (const source of list) {
      const { pattern } = compileNoun(String(code), source, order++);
      // Index under every alternative of the head, singular and plural forms alike.
      for (const head of pattern.words[pattern.words.length - 1]!) addTo(nouns, head, pattern);
      codesWithPatterns.add(String(code));
    }
  }
  const discardData = readYaml('discards.yaml') as {
    verbs: string[];
    nouns: string[];
    intransitive_only?: string[];
    transitive_only?: string[];
    actor_object_only?: string[];
    non_agents?: string[];
    commentators?: string[];
    labour_cues?: string[];
    military_cues?: string[];
  };
  for (const source of discardData.verbs ?? []) {
    const { lemmas, pattern } = compileVerb('', source, order++, 'discards.yaml');
    for (const lemma of lemmas) addTo(verbDiscards, lemma, pattern);
  }
  for (const source of discardData.nouns ?? []) {
    const { pattern } = compileNoun('', source, order++, 'discards.yaml');
    if (pattern.open) openNounDiscards.push(pattern);
    else for (const head of pattern.words[pattern.words.length - 1]!) addTo(nounDiscards, head, pattern);
  }
  // Most specific first, then file order.
  for (const list of verbs.values()) list.sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const list of nouns.values()) list.sort((a, b) => b.words.length - a.words.length || a.order - b.order);

  const frameData = readYaml('frames.yaml') as Record<string, { cues: string[]; map: Record<string, string> }>;
  const frames = new Map<FrameKind, Frame>();
  const frameCues = new Map<string, FrameKind[]>();
  for (const [kind, spec] of Object.entries(frameData)) {
    const map = new Map<string, string>();
    let fallback = 'keep';
    for (const [from, to] of Object.entries(spec.map ?? {})) {
      if (from === 'default') fallback = String(to);
      else map.set(String(from), String(to));
    }
    const frame: Frame = { kind: kind as FrameKind, cues: new Set(spec.cues), map, fallback };
    frames.set(frame.kind, frame);
    for (const cue of spec.cues) addTo(frameCues, cue, frame.kind);
  }
  return {
    verbs,
    nouns,
    verbDiscards,
    nounDiscards,
    openNounDiscards,
    intransitiveOnly: new Set(discardData.intransitive_only ?? []),
    nonAgents: new Set(discardData.non_agents ?? []),
    topicVerbs: new Set(nounData.topic_verbs ?? []),
    supportVerbs: new Set(nounData.support_verbs),
    transitiveOnly: new Set(discardData.transitive_only ?? []),
    actorObjectOnly: new Set(discardData.actor_object_only ?? []),
    commentators: new Set(discardData.commentators ?? []),
    labourCues: new Set(discardData.labour_cues ?? []),
    militaryCues: new Set(discardData.military_cues ?? []),
    frames,
    frameCues,
    codesWithPatterns,
  };
}

/** The code a frame turns an embedded code into (four-digit, then three, then root). */
export function applyFrame(frame: Frame, embedded: string): string {
  for (const key of [embedded, embedded.slice(0, 3), embedded.slice(0, 2)]) {
    const hit = frame.map.get(key);
    if (hit) return hit === 'keep' ? embedded : hit;
  }
  return frame.fallback === 'keep' ? embedded : frame.fallback;
}

let cached: EventPatterns | null = null;
export function eventPatterns(): EventPatterns {
  if (!cached) cached = loadEventPatterns();
  return cached;
}
