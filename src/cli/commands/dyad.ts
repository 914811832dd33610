// `sitrep dyad A B`: the relation between two actors over time, from stored events.
import { isoDateOption, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../table.js';
import { dyadTrend, type Granularity } from '../../analysis/dyad.js';
import { withExistingStore } from '../store.js';

export async function dyadCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    by: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 2) throw new UsageError('dyad needs two actor codes, e.g. `sitrep dyad PAK AFG`');
  const by = ((values.by as string | undefined) ?? 'month') as Granularity;
  if (!['month', 'quarter', 'year'].includes(by)) throw new UsageError(`--by must be month, quarter or year (got "${by}")`);
  const [a, b] = positionals.map((p) => p.toUpperCase()) as [string, string];
  return withExistingStore(values.db, (store) => {
    const events = store.dyadEvents(a, b, {
      since: isoDateOption(values.since, 'since'),
      until: isoDateOption(values.until, 'until'),
    });
    const trend = dyadTrend(events, by);
    if (values.json) {
      process.stdout.write(JSON.stringify({ dyad: [a, b], by, events: events.length, periods: trend }, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(
      formatTable(
        ['period', 'events', 'verbal coop', 'material coop', 'verbal conflict', 'material conflict', 'mean Goldstein', 'turn'],
        trend.map((p) => [
          p.period,
          p.events,
          p.quad[1],
          p.quad[2],
          p.quad[3],
          p.quad[4],
          p.mean_goldstein === null ? '' : p.mean_goldstein.toFixed(2),
          p.turn ?? '',
        ]),
      ) + `\n${events.length} events between ${a} and ${b} (either direction; negated events left out)\n`,
    );
    return 0;
  });
}
