// The word lists behind quote attribution, read once from data/quotes/speech-verbs.yaml.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../util/paths.js';

export interface QuoteLexicon {
  cue: Set<string>;
  indirect: Set<string>;
  indirectWithThat: Set<string>;
  object: Set<string>;
  anaphoricNouns: Set<string>;
  subjectVerbs: Set<string>;
  orgWords: Set<string>;
  titleWords: Set<string>;
}

let cached: QuoteLexicon | null = null;

function set(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.map((v) => String(v).toLowerCase()) : []);
}

export function quoteLexicon(): QuoteLexicon {
  if (cached) return cached;
  const raw = parse(readFileSync(dataPath('quotes', 'speech-verbs.yaml'), 'utf8')) as Record<string, unknown>;
  cached = {
    cue: set(raw.cue),
    indirect: set(raw.indirect),
    indirectWithThat: set(raw.indirectWithThat),
    object: set(raw.object),
    anaphoricNouns: set(raw.anaphoricNouns),
    subjectVerbs: set(raw.subjectVerbs),
    orgWords: set(raw.orgWords),
    titleWords: set(raw.titleWords),
  };
  return cached;
}
