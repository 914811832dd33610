// Given names that tell a person's sex, read once from data/quotes/first-names.yaml: they let
// "he"/"she" skip an antecedent of the other sex.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../util/paths.js';

let genders: Map<string, 'm' | 'f'> | null = null;

function load(): Map<string, 'm' | 'f'> {
  const raw = parse(readFileSync(dataPath('quotes', 'first-names.yaml'), 'utf8')) as { male?: string[]; female?: string[] };
  const map = new Map<string, 'm' | 'f'>();
  for (const n of raw.male ?? []) map.set(String(n).toLowerCase(), 'm');
  for (const n of raw.female ?? []) map.set(String(n).toLowerCase(), map.has(String(n).toLowerCase()) ? map.get(String(n).toLowerCase())! : 'f');
  return map;
}

/** 'm' or 'f' for a lower-case given name of known sex, otherwise null. */
export function firstNameGender(name: string): 'm' | 'f' | null {
  genders ??= load();
  return genders.get(name) ?? null;
}
