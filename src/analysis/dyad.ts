// Dyad trends: how the relation between two actors moves over time ("from friends to foes").
// Per period: event counts by QuadClass and the mean Goldstein weight of the events.

export type Granularity = 'month' | 'quarter' | 'year';

export interface DyadEventInput {
  date: string | null;
  quad_class: number | null;
  goldstein: number | null;
}

export interface DyadPeriod {
  period: string;
  events: number;
  /** counts by QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict */
  quad: { 1: number; 2: number; 3: number; 4: number };
  mean_goldstein: number | null;
  /** the sign of the mean changed against the previous period with events */
  turn: 'toward-conflict' | 'toward-cooperation' | null;
}

export function periodOf(date: string, by: Granularity): string | null {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (!m) return null;
  const year = m[1]!;
  if (by === 'year') return year;
  if (!m[2]) return null; // a year-precision date cannot be placed in a month or quarter
  if (by === 'month') return `${year}-${m[2]}`;
  return `${year}-Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`;
}

export function dyadTrend(events: DyadEventInput[], by: Granularity): DyadPeriod[] {
  const buckets = new Map<string, { quad: DyadPeriod['quad']; sum: number; weighted: number; n: number }>();
  for (const e of events) {
    if (!e.date) continue;
    const period = periodOf(e.date, by);
    if (!period) continue;
    let b = buckets.get(period);
    if (!b) {
      b = { quad: { 1: 0, 2: 0, 3: 0, 4: 0 }, sum: 0, weighted: 0, n: 0 };
      buckets.set(period, b);
    }
    b.n++;
    if (e.quad_class === 1 || e.quad_class === 2 || e.quad_class === 3 || e.quad_class === 4) b.quad[e.quad_class]++;
    if (typeof e.goldstein === 'number') {
      b.sum += e.goldstein;
      b.weighted++;
    }
  }
  const periods = [...buckets.keys()].sort();
  let previousMean: number | null = null;
  return periods.map((period) => {
    const b = buckets.get(period)!;
    const mean = b.weighted ? Math.round((b.sum / b.weighted) * 100) / 100 : null;
    let turn: DyadPeriod['turn'] = null;
    if (mean !== null && previousMean !== null) {
      if (previousMean >= 0 && mean < 0) turn = 'toward-conflict';
      else if (previousMean < 0 && mean >= 0) turn = 'toward-cooperation';
    }
    if (mean !== null) previousMean = mean;
    return { period, events: b.n, quad: b.quad, mean_goldstein: mean, turn };
  });
}
