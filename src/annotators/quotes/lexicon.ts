// The word lists behind quote attribution, read once from data/quotes/speech-verbs.yaml.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../util/paths.js';

export interface QuoteLexicon {
  cue: Set<string>;
  indirect: Set<string>;
  indirectWithThat: Set<string>;
  indirectClause: Set<string>;
  intent: Set<string>;
  objectTo: Set<string>;
  /** verb -> the particles after which its content starts ("call for", "accuse … of" is not one) */
  particle: Map<string, Set<string>>;
  /** verb -> what must follow its object for the clause to be a judgement ("as", "of", "*" for
   *  a complement noun or adjective); an empty set takes any object ("cited the figure") */
  judgement: Map<string, Set<string>>;
  object: Set<string>;
  /** verbs whose content may be an embedded question ("X questioned whether …", "asked why …") */
  question: Set<string>;
  anaphoricNouns: Set<string>;
  subjectVerbs: Set<string>;
  orgWords: Set<string>;
  titleWords: Set<string>;
  /** every lemma in indirect, indirectWithThat, indirectClause, intent, objectTo, particle,
   *  judgement and question: a verb outside it reports nothing unless a "that" clause follows it, so
   *  the recognizer skips most verbs with one lookup instead of seven */
  reporting: Set<string>;
}

let cached: QuoteLexicon | null = null;

function set(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.map((v) => String(v).toLowerCase()) : []);
}

function particles(value: unknown): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  if (value && typeof value === 'object') {
    for (const [verb, list] of Object.entries(value as Record<string, unknown>)) map.set(verb.toLowerCase(), set(list));
  }
  return map;
}

export function quoteLexicon(): QuoteLexicon {
  if (cached) return cached;
  const raw = parse(readFileSync(dataPath('quotes', 'speech-verbs.yaml'), 'utf8')) as Record<string, unknown>;
  const lexicon = {
    cue: set(raw.cue),
    indirect: set(raw.indirect),
    indirectWithThat: set(raw.indirectWithThat),
    indirectClause: set(raw.indirectClause),
    intent: set(raw.intent),
    objectTo: set(raw.objectTo),
    particle: particles(raw.particle),
    judgement: particles(raw.judgement),
    object: set(raw.object),
    question: set(raw.question),
    anaphoricNouns: set(raw.anaphoricNouns),
    subjectVerbs: set(raw.subjectVerbs),
    orgWords: set(raw.orgWords),
    titleWords: set(raw.titleWords),
  };
  const reporting = new Set<string>([
    ...lexicon.indirect,
    ...lexicon.indirectWithThat,
    ...lexicon.indirectClause,
    ...lexicon.intent,
    ...lexicon.objectTo,
    ...lexicon.particle.keys(),
    ...lexicon.judgement.keys(),
    ...lexicon.question,
  ]);
  cached = { ...lexicon, reporting };
  return cached;
}
