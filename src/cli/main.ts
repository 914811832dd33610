#!/usr/bin/env -S node --v8-pool-size=1
// sitrep command line: one entry, one file per command under commands/.
// One V8 helper thread (--v8-pool-size=1, first line): with V8's default of four, several optimizing
// compiles run at once and, on a 2-core machine, preempt the thread that annotates; the benchmark
// (src/bench/run.ts) runs with the same flag. Measured in the README's Benchmark section.
import { UsageError } from './errors.js';

const HELP = `sitrep — news articles to sourced, time-aware event data

Usage:
  sitrep extract [inputs…] [--published YYYY-MM-DD] [--format json|jsonl] [--workers N] [--no-text] [--kb PATH]
  sitrep ingest  [inputs…] [--db FILE] [--published YYYY-MM-DD] [--workers N] [--force] [--kb PATH]
  sitrep docs    [--db FILE] [--actor CODE] [--code CAMEO] [--since DATE] [--until DATE] [--limit N] [--json]
  sitrep events  [--db FILE] [--actor CODE] [--code CAMEO] [--since DATE] [--until DATE] [--limit N] [--evidence] [--json]
  sitrep actors  [--db FILE] [--actor CODE|NAME] [--since DATE] [--until DATE] [--limit N] [--json]
  sitrep actor   CODE|NAME [--db FILE] [--kb PATH] [--json]
  sitrep dyad    A B [--by month|quarter|year] [--db FILE] [--since DATE] [--until DATE] [--json]
  sitrep eval    actors|events|times|places|quotes|nlp --gold FILE [--split dev|heldout] [--limit N] [--verbose] [--json]

Inputs are files (.txt .md .markdown .html .htm .json .jsonl .ndjson .rss .atom .xml, also .gz),
folders (read recursively)
or - for standard input (JSON Lines when no input is given). The database defaults to ./sitrep.db.`;

const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  extract: async () => (await import('./commands/extract.js')).extractCommand,
  ingest: async () => (await import('./commands/ingest.js')).ingestCommand,
  docs: async () => (await import('./commands/query.js')).docsCommand,
  events: async () => (await import('./commands/query.js')).eventsCommand,
  actors: async () => (await import('./commands/query.js')).actorsCommand,
  actor: async () => (await import('./commands/actor.js')).actorCommand,
  dyad: async () => (await import('./commands/dyad.js')).dyadCommand,
  eval: async () => (await import('./commands/eval.js')).evalCommand,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP + '\n');
    return command ? 0 : 1;
  }
  const load = COMMANDS[command];
  if (!load) throw new UsageError(`unknown command "${command}"; run \`sitrep --help\``);
  return (await load())(rest);
}

// Output piped into `head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One clear line, never a stack trace (SITREP_DEBUG=1 shows it for developers).
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sitrep: ${message}\n`);
    if (process.env.SITREP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
