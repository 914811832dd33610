// Calendar arithmetic for time values: days, ISO weeks, quarters, seasons, and the TIMEX3
// strings they print as. All dates are proleptic Gregorian calendar days handled in UTC so
// that no local time zone can shift a day.

export type Granularity =
  | 'time'
  | 'day'
  | 'week'
  | 'weekend'
  | 'month'
  | 'quarter'
  | 'half'
  | 'season'
  | 'year'
  | 'decade'
  | 'century';

/** A calendar period: the day it starts on (or the day it stands for) and its size. */
export interface Period {
  y: number;
  m: number;
  d: number;
  gran: Granularity;
  /** quarter 1–4, half 1–2 or season code when gran says so */
  q?: number;
  season?: string;
  /** part of day (MO, AF, EV, NI) or clock time "14:00" for gran 'time' */
  clock?: string;
}

const DAY_MS = 86_400_000;

export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): { y: number; m: number; d: number } {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** ISO weekday, Monday = 1 … Sunday = 7 */
export function weekday(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const n = dayNumber(y, m, d);
  const thursday = n - weekday(y, m, d) + 4; // the week belongs to the year of its Thursday
  const ty = fromDayNumber(thursday).y;
  const week = Math.floor((thursday - dayNumber(ty, 1, 1)) / 7) + 1;
  return { year: ty, week };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(p: { y: number; m: number; d: number }, n: number): { y: number; m: number; d: number } {
  return fromDayNumber(dayNumber(p.y, p.m, p.d) + n);
}

export function addMonths(p: { y: number; m: number; d: number }, n: number): { y: number; m: number; d: number } {
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total - y * 12) + 1;
  return { y, m, d: Math.min(p.d, daysInMonth(y, m)) };
}

export function parseIsoDay(s: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function dayPeriod(y: number, m: number, d: number): Period {
  return { y, m, d, gran: 'day' };
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** The TIMEX3 value of a period. */
export function formatPeriod(p: Period): string {
  switch (p.gran) {
    case 'time': {
      const day = `${pad4(p.y)}-${pad2(p.m)}-${pad2(p.d)}`;
      return p.clock ? `${day}T${p.clock}` : day;
    }
    case 'day':
      return `${pad4(p.y)}-${pad2(p.m)}-${pad2(p.d)}`;
    case 'week': {
      const w = isoWeek(p.y, p.m, p.d);
      return `${pad4(w.year)}-W${pad2(w.week)}`;
    }
    case 'weekend': {
      const w = isoWeek(p.y, p.m, p.d);
      return `${pad4(w.year)}-W${pad2(w.week)}-WE`;
    }
    case 'month':
      return `${pad4(p.y)}-${pad2(p.m)}`;
    case 'quarter':
      return `${pad4(p.y)}-Q${p.q ?? quarterOf(p.m)}`;
    case 'half':
      return `${pad4(p.y)}-H${p.q ?? (p.m <= 6 ? 1 : 2)}`;
    case 'season':
      return `${pad4(p.y)}-${p.season ?? 'XX'}`;
    case 'year':
      return pad4(p.y);
    case 'decade':
      return pad4(p.y).slice(0, 3);
    case 'century':
      return pad4(p.y).slice(0, 2);
  }
}

/** The first day of the period of granularity `gran` holding day (y, m, d). */
export function periodAt(y: number, m: number, d: number, gran: Granularity): Period {
  switch (gran) {
    case 'month':
      return { y, m, d: 1, gran };
    case 'quarter': {
      const q = quarterOf(m);
      return { y, m: (q - 1) * 3 + 1, d: 1, gran, q };
    }
    case 'half':
      return { y, m: m <= 6 ? 1 : 7, d: 1, gran, q: m <= 6 ? 1 : 2 };
    case 'year':
      return { y, m: 1, d: 1, gran };
    case 'decade':
      return { y: y - (y % 10), m: 1, d: 1, gran };
    case 'century':
      return { y: y - (y % 100), m: 1, d: 1, gran };
    case 'week':
    case 'weekend': {
      const back = addDays({ y, m, d }, 1 - weekday(y, m, d));
      return { ...back, gran };
    }
    default:
      return { y, m, d, gran };
  }
}

/** Shift a period by n units; the result keeps the period's granularity. */
export function shiftPeriod(p: Period, n: number, unit: Granularity): Period {
  let day: { y: number; m: number; d: number } = { y: p.y, m: p.m, d: p.d };
  switch (unit) {
    case 'day':
      day = addDays(day, n);
      break;
    case 'week':
    case 'weekend':
      day = addDays(day, 7 * n);
      break;
    case 'month':
      day = addMonths(day, n);
      break;
    case 'quarter':
      day = addMonths(day, 3 * n);
      break;
    case 'half':
      day = addMonths(day, 6 * n);
      break;
    case 'season':
      day = addMonths(day, 3 * n);
      break;
    case 'year':
      day = addMonths(day, 12 * n);
      break;
    case 'decade':
      day = addMonths(day, 120 * n);
      break;
    case 'century':
      day = addMonths(day, 1200 * n);
      break;
    default:
      break;
  }
  if (p.gran === 'quarter' || p.gran === 'half') {
    return { ...periodAt(day.y, day.m, day.d, p.gran) };
  }
  if (p.gran === 'season') return { ...p, y: day.y, m: day.m, d: day.d };
  if (p.gran === 'time') return { ...p, ...day };
  return { ...periodAt(day.y, day.m, day.d, p.gran), clock: p.clock };
}

const GRAN_RANK: Record<Granularity, number> = {
  time: 0,
  day: 1,
  week: 2,
  weekend: 2,
  month: 3,
  quarter: 4,
  half: 5,
  season: 4,
  year: 6,
  decade: 7,
  century: 8,
};

export function coarser(a: Granularity, b: Granularity): boolean {
  return GRAN_RANK[a] > GRAN_RANK[b];
}
