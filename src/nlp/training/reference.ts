// The reference the English layer is distilled from: the texts in ../shared/data and their
// train/test split, and the teacher's (wink-nlp's) analysis of them. Shared by the tagger's
// trainer and the lemma-table learner, so both learn from the same train split.
// Test split: the Wikinews articles of our gold sets, MEANTIME, Osorio, PLOVER and NGEC texts.
// Train split: the other Wikinews articles, LGL, GeoVirus, PolNeAR and TimeBank texts.
import { readFileSync } from 'node:fs';
import { dataPath, sharedDataPath } from '../../util/paths.js';

export type Split = 'train' | 'test';

export function jsonLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The reference texts, in a fixed order, with their split. */
export function referenceTexts(): Array<{ src: string; text: string; split: Split }> {
  const gold = new Set<string>();
  for (const f of ['events-wikinews', 'actors-wikinews', 'quotes-wikinews']) {
    for (const r of jsonLines(dataPath('gold', `${f}.jsonl`))) gold.add(String(r.id));
  }
  const out: Array<{ src: string; text: string; split: Split }> = [];
  const add = (src: string, file: string, split: (id: string) => Split): void => {
    for (const r of jsonLines(sharedDataPath(...file.split('/')))) out.push({ src, text: String(r.text), split: split(String(r.id)) });
  };
  add('wikinews', 'news/wikinews-en.jsonl', (id) => (gold.has(id) ? 'test' : 'train'));
  add('lgl', 'places/lgl-dev.jsonl', () => 'train');
  add('geovirus', 'places/geovirus.jsonl', () => 'train');
  add('polnear', 'quotes/polnear-dev.jsonl', () => 'train');
  add('timebank', 'times/timebank-aquaint.jsonl', () => 'train');
  add('meantime', 'times/meantime-en.jsonl', () => 'test');
  add('osorio', 'events/osorio-multicoder.jsonl', () => 'test');
  add('plover', 'events/plover-gsr-dev.jsonl', () => 'test');
  add('ngec', 'actors/ngec-actor-tests-dev.jsonl', () => 'test');
  return out;
}
