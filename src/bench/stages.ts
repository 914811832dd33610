// Where the time goes: one pass over the benchmark corpus in this thread, timing the
// tokenizer/tagger and each annotator of the pipeline (STAGES, in pipeline order) apart.
// The first half includes V8's warm-up; the second half is close to steady state.
// Usage: node dist/bench/stages.js CORPUS.jsonl   (prints one JSON line)
import { readFileSync } from 'node:fs';
import type { Document } from '../document/types.js';
import { STAGES, annotate, createContext } from '../pipeline/annotate.js';

const [file] = process.argv.slice(2);
const docs = readFileSync(file!, 'utf8')
  .split('\n')
  .filter((l) => l)
  .map((l) => JSON.parse(l) as Document);

annotate(docs[0]!); // loading dictionaries and models is start-up, not a stage's cost
const names = ['tokens, sentences, POS', ...STAGES.map((s) => s.name)];
const half = Math.floor(docs.length / 2);
const totals = [new Array<number>(names.length).fill(0), new Array<number>(names.length).fill(0)];
docs.forEach((doc, n) => {
  const row = totals[n < half ? 0 : 1]!;
  let before = performance.now();
  const ctx = createContext(doc);
  let after = performance.now();
  row[0]! += after - before;
  STAGES.forEach((stage, k) => {
    before = after;
    stage.run(ctx, {});
    after = performance.now();
    row[k + 1]! += after - before;
  });
});
const perDoc = (row: number[], count: number) => row.map((ms) => ms / count);
process.stdout.write(
  JSON.stringify({ names, firstHalf: perDoc(totals[0]!, half), secondHalf: perDoc(totals[1]!, docs.length - half) }) + '\n',
);
