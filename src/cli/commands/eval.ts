// `sitrep eval <what> --gold FILE`: score an annotator against gold data.
import { existsSync } from 'node:fs';
import { parse, positiveInt } from '../args.js';
import { UsageError } from '../errors.js';

export interface EvalResult {
  metrics: Record<string, number>;
  report: string;
}

type Evaluator = (options: { gold: string; limit?: number; verbose?: boolean; split?: string }) => Promise<EvalResult>;

// Each evaluation lives in src/eval/<name>.ts and exports evaluate<Name>.
const EVALUATIONS: Record<string, () => Promise<Evaluator>> = {
  actors: async () => (await import('../../eval/actors.js')).evaluateActors,
  events: async () => (await import('../../eval/events.js')).evaluateEvents,
  times: async () => (await import('../../eval/times.js')).evaluateTimes,
  places: async () => (await import('../../eval/places.js')).evaluatePlaces,
  quotes: async () => (await import('../../eval/quotes.js')).evaluateQuotes,
  nlp: async () => (await import('../../eval/nlp.js')).evaluateNlp,
};

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    gold: { type: 'string' },
    limit: { type: 'string' },
    split: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    json: { type: 'boolean' },
  });
  const what = positionals[0];
  if (!what || !(what in EVALUATIONS)) {
    throw new UsageError(`eval needs one of: ${Object.keys(EVALUATIONS).join(', ')} (e.g. \`sitrep eval events --gold FILE\`)`);
  }
  const gold = values.gold as string | undefined;
  if (!gold) throw new UsageError(`eval ${what} needs --gold FILE`);
  if (!existsSync(gold)) throw new UsageError(`${gold}: no such file`);
  const split = values.split as string | undefined;
  if (split !== undefined && split !== 'dev' && split !== 'heldout') throw new UsageError(`--split must be dev or heldout (got "${split}")`);
  const evaluate = await EVALUATIONS[what]!();
  const result = await evaluate({
    gold,
    limit: values.limit === undefined ? undefined : positiveInt(values.limit, 'limit', 0),
    verbose: Boolean(values.verbose),
    split,
  });
  process.stdout.write(values.json ? JSON.stringify(result.metrics, null, 2) + '\n' : result.report.trimEnd() + '\n');
  return 0;
}
