// `npm run bench`: annotation speed and memory with 1 and 2 worker threads on a corpus of at
// least 5 MB. Prints articles/s, MB/s, peak RSS and CPU use (cores busy, articles per CPU-second)
// per configuration, then the time per article of each pipeline stage.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { prepareCorpus } from './corpus.js';

// The flags the sitrep command runs with (the first line of src/cli/main.ts), so that the figures are the command's.
const NODE_FLAGS = ['--v8-pool-size=1'];
const minBytes = Number(process.env.SITREP_BENCH_BYTES ?? 5_000_000);
const corpus = prepareCorpus(minBytes);
const child = fileURLToPath(new URL('./child.js', import.meta.url));
const stagesChild = fileURLToPath(new URL('./stages.js', import.meta.url));
process.stdout.write(
  `corpus: ${corpus.documents} articles, ${(corpus.bytes / 1e6).toFixed(2)} MB — ${corpus.origin}\n` +
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}\n\n`,
);
for (const workers of [1, 2]) {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, child, corpus.file, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    documents: number;
    bytes: number;
    seconds: number;
    cpuSeconds: number;
    loadSeconds: number;
    events: number;
    steadyDocuments: number;
    steadySeconds: number;
    maxRssKb: number;
  };
  const line =
    `workers=${workers}  ${(r.documents / r.seconds).toFixed(1)} articles/s  ${(r.bytes / 1e6 / r.seconds).toFixed(2)} MB/s  ` +
    `peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB  (${r.documents} articles in ${r.seconds.toFixed(2)} s; ` +
    `second half ${(r.steadyDocuments / r.steadySeconds).toFixed(1)} articles/s; ` +
    `start-up ${r.loadSeconds.toFixed(2)} s; ${r.events} events)\n` +
    `           CPU: ${(r.cpuSeconds / r.seconds).toFixed(2)} cores busy on average, ${(r.documents / r.cpuSeconds).toFixed(1)} articles per CPU-second`;
  process.stdout.write(line + '\n');
}

// Per-stage cost, in a fresh process so that its warm-up is like the runs above.
const stages = JSON.parse(
  execFileSync(process.execPath, [...NODE_FLAGS, stagesChild, corpus.file], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!,
) as { names: string[]; firstHalf: number[]; secondHalf: number[] };
const width = Math.max(...stages.names.map((n) => n.length));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
process.stdout.write(`\nms per article, one thread   first half   second half\n`);
stages.names.forEach((name, k) => {
  process.stdout.write(`  ${name.padEnd(width)}   ${stages.firstHalf[k]!.toFixed(2).padStart(10)}   ${stages.secondHalf[k]!.toFixed(2).padStart(11)}\n`);
});
process.stdout.write(`  ${'total'.padEnd(width)}   ${sum(stages.firstHalf).toFixed(2).padStart(10)}   ${sum(stages.secondHalf).toFixed(2).padStart(11)}\n`);
