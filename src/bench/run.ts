// `npm run bench`: annotation speed and memory with 1 and 2 worker threads on a corpus of at
// least 5 MB. Prints articles/s, MB/s, peak RSS and CPU use (cores busy, articles per CPU-second)
// per configuration (median and range over SITREP_BENCH_RUNS runs, default 3), then the time per
// article of each pipeline stage.
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
interface RunResult {
  documents: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  loadSeconds: number;
  events: number;
  steadyDocuments: number;
  steadySeconds: number;
  maxRssKb: number;
}

// Runs of the same code differ by up to 20 % on a shared virtual machine, so each configuration
// runs several times, each in a fresh process (V8's warm-up is part of every run), the
// configurations taking turns; the median and the range are printed.
const runs = Math.max(1, Number(process.env.SITREP_BENCH_RUNS ?? 3));
const configurations = [1, 2];
const results = new Map<number, RunResult[]>(configurations.map((w) => [w, []]));
for (let run = 0; run < runs; run++) {
  for (const workers of configurations) {
    const out = execFileSync(process.execPath, [...NODE_FLAGS, child, corpus.file, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    results.get(workers)!.push(JSON.parse(out.trim().split('\n').pop()!) as RunResult);
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
/** "226 (201–248)": the median over the runs and, with more than one run, the range */
function figure(rs: RunResult[], of: (r: RunResult) => number, digits: number): string {
  const xs = rs.map(of);
  const m = median(xs).toFixed(digits);
  return xs.length > 1 ? `${m} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})` : m;
}

process.stdout.write(`${runs} run${runs > 1 ? 's' : ''} per configuration, each in a fresh process: median (range)\n`);
for (const workers of configurations) {
  const rs = results.get(workers)!;
  const r0 = rs[0]!;
  process.stdout.write(
    `workers=${workers}  ${figure(rs, (r) => r.documents / r.seconds, 1)} articles/s  ${figure(rs, (r) => r.bytes / 1e6 / r.seconds, 2)} MB/s  ` +
      `peak RSS ${figure(rs, (r) => r.maxRssKb / 1024, 0)} MB\n` +
      `           ${r0.documents} articles; second half ${figure(rs, (r) => r.steadyDocuments / r.steadySeconds, 1)} articles/s; ` +
      `start-up ${figure(rs, (r) => r.loadSeconds, 2)} s; ${r0.events} events\n` +
      `           CPU: ${figure(rs, (r) => r.cpuSeconds / r.seconds, 2)} cores busy on average, ` +
      `${figure(rs, (r) => r.documents / r.cpuSeconds, 1)} articles per CPU-second\n`,
  );
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
