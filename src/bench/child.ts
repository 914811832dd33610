// One benchmark run in its own process, so peak RSS belongs to this configuration alone.
// Usage: node dist/bench/child.js CORPUS.jsonl WORKERS
import { readFileSync } from 'node:fs';
import type { Document } from '../document/types.js';
import { annotateInOrder, createAnnotator } from '../pipeline/workers.js';

const [file, workersArg] = process.argv.slice(2);
const workers = Number(workersArg ?? 1);
const docs = readFileSync(file!, 'utf8')
  .split('\n')
  .filter((l) => l)
  .map((l) => JSON.parse(l) as Document);

async function* items() {
  for (const doc of docs) yield { doc };
}

// Warm-up outside the timing: loading models and dictionaries is a start-up cost, reported apart.
const loadStart = process.hrtime.bigint();
const annotator = createAnnotator(workers);
await Promise.all(Array.from({ length: Math.max(workers, 1) }, (_, i) => annotator.annotate(docs[i % docs.length]!)));
const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let n = 0;
let bytes = 0;
let events = 0;
// The second half of the corpus shows the steady state, once V8 has optimized the hot code.
const half = Math.floor(docs.length / 2);
let halfStart = start;
for await (const { item, result } of annotateInOrder(items(), annotator)) {
  n++;
  bytes += Buffer.byteLength(item.doc.text);
  events += result?.events.length ?? 0;
  if (n === half) halfStart = process.hrtime.bigint();
}
const end = process.hrtime.bigint();
// CPU time of the whole process (all threads: workers, V8's compiler and GC threads)
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const seconds = Number(end - start) / 1e9;
const steadySeconds = Number(end - halfStart) / 1e9;
const steadyDocuments = docs.length - half;
await annotator.close();
process.stdout.write(
  JSON.stringify({ workers, documents: n, bytes, seconds, cpuSeconds, loadSeconds, events, steadyDocuments, steadySeconds, maxRssKb: process.resourceUsage().maxRSS }) + '\n',
);
