// The time-expression grammar: TIMEX3-style rules over raw text, each a regular expression
// (compiled once at module load) with a function that turns the match into a value.
//
// Values are computed in document order so that anaphoric expressions ("two weeks later",
// "the following year", "a year earlier") can be anchored at the narrative's current time:
// the last date the text mentioned. Deictic ones ("yesterday", "last September", "next
// month") are anchored at the publication date, and bare dates that lack a year or week
// ("October", "Friday", "Aug. 2") are placed around the publication date with the past
// preferred, as news mostly reports what already happened, unless the clause speaks of the
// future ("will", "is scheduled to" …).
import {
  addDays,
  dayNumber,
  formatPeriod,
  parseIsoDay,
  periodAt,
  quarterOf,
  shiftPeriod,
  weekday,
  type Granularity,
  type Period,
} from './calendar.js';
import {
  DAY_OF_MONTH,
  DECADE_WORD,
  FULL_WEEKDAY,
  HOLIDAYS,
  MONTH,
  MONTHS,
  NUMBERS,
  UNITS,
  UNIT_WORDS,
  VAGUE_COUNTS,
  WEEKDAYS,
  NUMBER,
  ORDINALS,
  ORDINAL_WORD,
  PARTS_OF_DAY,
  PART_OF_DAY,
  SEASON,
  SEASONS,
  UNIT,
  UNIT_SINGULAR,
  VAGUE,
  WEEKDAY,
  WORD_YEAR,
  YEAR,
  alternation,
  monthNumber,
  parseNumber,
  parseWordYear,
  unitKey,
  weekdayNumber,
} from './lexicon.js';
import { clauseTense, type Tense } from './tense.js';
import { AnchorIndex, isSpace, runEndsWith, wordEndBefore, type AnchorSpec } from './anchors.js';
import type { Token } from '../../document/types.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type AnchorKind = 'publication' | 'narrative' | 'absolute' | 'none';

export interface RecognizedTime {
  start: number;
  end: number;
  text: string;
  value: string;
  type: TimexType;
  precision: string;
  anchor: AnchorKind;
}

/** What a rule's resolver can see when the value is computed (in document order). */
interface Env {
  /** the publication day */
  ref: Period;
  /** the narrative's current time: the last date mentioned so far (the publication day at first) */
  focus: Period;
  /** the last day (or clock time) mentioned so far: what "that day", "the next day" count from */
  focusDay: Period;
  /** the last quarter (or half) the text dated on its own, for "a year earlier" in results news */
  focusQuarter: Period | null;
  /** the tense of the clause around the expression (from the verb when tokens are given) */
  readonly tense: Tense;
  /** true when the clause around the expression speaks of the future */
  readonly future: boolean;
}

interface Resolved {
  value: string;
  type: TimexType;
  precision: string;
  anchor: AnchorKind;
  /** the period this expression places the narrative at, if any */
  period?: Period;
}

interface Candidate {
  start: number;
  end: number;
  priority: number;
  resolve: (env: Env) => Resolved | null;
}

type Groups = Record<string, string | undefined>;

interface Rule {
  name: string;
  re: RegExp;
  priority?: number;
  /** returns null to reject the match */
  make: (g: Groups, m: RegExpExecArray, text: string) => ((env: Env) => Resolved | null) | null;
}

/** "the eighth day of …", "late in the day": the day (week …) the narrative is at. */
function unitInFocus(g: Groups): (env: Env) => Resolved | null {
  const unit = g.unit!.toLowerCase();
  return (env) => {
    const gran = unitGranularity(unit);
    return date(periodOf(anaphor(env, gran), gran), 'narrative');
  };
}

// ------------------------------------------------------------------ value helpers

const PRECISION: Record<Granularity, string> = {
  time: 'time',
  day: 'day',
  week: 'week',
  weekend: 'week',
  month: 'month',
  quarter: 'quarter',
  half: 'quarter',
  season: 'season',
  year: 'year',
  decade: 'decade',
  century: 'century',
};

function date(p: Period, anchor: AnchorKind): Resolved {
  return {
    value: formatPeriod(p),
    type: p.gran === 'time' && p.clock ? 'TIME' : 'DATE',
    precision: PRECISION[p.gran],
    anchor,
    period: p,
  };
}

function ref(value: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF'): Resolved {
  return { value, type: 'DATE', precision: 'ref', anchor: 'publication' };
}

function duration(n: number | null, unit: string): Resolved {
  const entry = UNITS.get(unit);
  if (!entry) return { value: 'PXX', type: 'DURATION', precision: 'duration', anchor: 'none' };
  let count: string;
  let code = entry.code;
  if (n === null) count = 'X';
  else {
    let amount = n * (entry.factor ?? 1);
    // TIMEX3 durations use whole numbers: 2.5 years -> P2Y6M, 1.5 hours -> PT1H30M
    if (!Number.isInteger(amount)) {
      const whole = Math.floor(amount);
      const rest = amount - whole;
      const finer: Record<string, [string, number]> = { Y: ['M', 12], M: ['D', 30], D: ['H', 24], H: ['M', 60], W: ['D', 7] };
      const f = finer[code];
      if (f) {
        const t = entry.time ? 'T' : '';
        const sub = Math.round(rest * f[1]);
        const head = whole ? `${whole}${code}` : '';
        const tail = f[0] === 'H' && !t ? `T${sub}H` : `${sub}${f[0]}`;
        return { value: `P${t}${head}${tail}`, type: 'DURATION', precision: 'duration', anchor: 'none' };
      }
      amount = Math.round(amount);
    }
    count = String(amount);
  }
  if (code === 'Q') return { value: n === null ? 'PXQ' : `P${Number(count) * 3}M`, type: 'DURATION', precision: 'duration', anchor: 'none' };
  // decades are counted in years, as the gold corpora write them ("two decades" P20Y,
  // "decades-long" PXY)
  if (code === 'DE') return { value: n === null ? 'PXY' : `P${Number(count) * 10}Y`, type: 'DURATION', precision: 'duration', anchor: 'none' };
  return {
    value: `P${entry.time ? 'T' : ''}${count}${code}`,
    type: 'DURATION',
    precision: 'duration',
    anchor: 'none',
  };
}

function unitGranularity(unit: string): Granularity {
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
      return 'day';
    case 'day':
      return 'day';
    case 'week':
    case 'fortnight':
      return 'week';
    case 'weekend':
      return 'weekend';
    case 'month':
      return 'month';
    case 'quarter':
      return 'quarter';
    case 'decade':
      return 'decade';
    case 'century':
    case 'millennium':
      return 'century';
    default:
      return 'year';
  }
}

function unitSteps(unit: string, n: number): [number, Granularity] {
  if (unit === 'fortnight') return [2 * n, 'week'];
  if (unit === 'millennium') return [10 * n, 'century'];
  return [n, unitGranularity(unit)];
}

/** The period of granularity `gran` that holds period p. */
function periodOf(p: Period, gran: Granularity): Period {
  return periodAt(p.y, p.m, p.d, gran);
}

/** "last/this/next <unit>" from an anchor period. */
function relativeUnit(anchor: Period, unit: string, offset: number): Period {
  const gran = unitGranularity(unit);
  const base = periodOf(anchor, gran);
  return offset ? shiftPeriod(base, offset, gran) : base;
}

/** Pick the year for a month (and day) that the text gives without one. */
function placeInYear(env: Env, month: number, day: number | null, relation: 'last' | 'this' | 'next' | null): number {
  const refDay = dayNumber(env.ref.y, env.ref.m, env.ref.d);
  const y = env.ref.y;
  if (relation === 'this') return y;
  const candidates = [y - 1, y, y + 1].map((year) => {
    const d = day ?? (year === y && month === env.ref.m ? env.ref.d : 15);
    return { year, diff: dayNumber(year, month, Math.min(d, 28)) - refDay };
  });
  if (relation === 'last') {
    // the latest occurrence that ended before the publication's month (or day)
    const past = candidates.filter((c) => (day === null ? c.year * 12 + month < y * 12 + env.ref.m : c.diff < 0));
    return past[past.length - 1]!.year;
  }
  if (relation === 'next') {
    const ahead = candidates.filter((c) => (day === null ? c.year * 12 + month > y * 12 + env.ref.m : c.diff > 0));
    return ahead[0]!.year;
  }
  if (day === null && month === env.ref.m) return y;
  if (env.future) {
    const ahead = candidates.filter((c) => c.diff >= -3);
    return ahead[0]!.year;
  }
  // past preferred: a date ahead of publication counts more than twice its distance, six
  // times when the verb is past ("In January, the firm bought …"; yet "extended the offer to
  // Nov. 20", a few days ahead, stays ahead)
  const aheadWeight = env.tense === 'past' ? 6 : 2.5;
  let best = candidates[1]!;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = c.diff > 0 ? c.diff * aheadWeight : -c.diff;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best.year;
}

/** The day a weekday name refers to, seen from the publication date. */
function placeWeekday(env: Env, wd: number, relation: string | undefined): Period {
  const r = env.ref;
  const today = weekday(r.y, r.m, r.d);
  let delta: number;
  const rel = relation?.toLowerCase().replace(/\s+/g, ' ');
  if (rel === 'next' || rel === 'this coming' || rel === 'coming') {
    delta = ((wd - today + 7) % 7) || 7;
  } else if (rel === 'last' || rel === 'this past' || rel === 'past') {
    delta = -(((today - wd + 7) % 7) || 7);
  } else if (wd === today) {
    delta = 0;
  } else if (env.future || rel === 'this') {
    delta = (wd - today + 7) % 7;
    if (rel === 'this' && !env.future && wd < today) delta -= 7;
  } else {
    delta = -((today - wd + 7) % 7);
  }
  const d = addDays(r, delta);
  return { y: d.y, m: d.m, d: d.d, gran: 'day' };
}

function seasonPeriod(code: string, year: number): Period {
  const start: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
  return { y: year, m: start[code] ?? 1, d: 1, gran: 'season', season: code };
}

function placeSeason(env: Env, code: string, relation: string | undefined): Period {
  const start: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
  const refMonth = env.ref.m;
  const y = env.ref.y;
  const s = start[code] ?? 1;
  // season of the publication date
  const current = refMonth >= 12 || refMonth <= 2 ? 'WI' : refMonth <= 5 ? 'SP' : refMonth <= 8 ? 'SU' : 'FA';
  const rel = relation?.toLowerCase();
  if (rel === 'last' || rel === 'this past' || rel === 'past') {
    const year = s < (start[current] ?? 1) && !(current === 'WI' && refMonth <= 2) ? y : y - 1;
    return seasonPeriod(code, code === current ? y - 1 : year);
  }
  if (rel === 'next' || rel === 'this coming' || rel === 'coming') {
    return seasonPeriod(code, s > refMonth ? y : y + 1);
  }
  return seasonPeriod(code, y);
}

// ------------------------------------------------------------------ clause tense

const FUTURE_CUE =
  /\b(?:will|won't|wo n't|shall|going to|gonna|is to|are to|scheduled|expected to|expects? to|plans? to|set to|intends? to|upcoming)\b|'ll\b/i;
const PAST_CUE = /\b(?:said|was|were|had|did|ago|last|earlier|previously)\b/i;

/** Does the clause holding [start, end) speak of the future? A cheap look at its words. */
function clauseIsFuture(text: string, start: number, end: number): boolean {
  let from = start;
  const limit = Math.max(0, start - 160);
  while (from > limit) {
    const c = text.charCodeAt(from - 1);
    // stop at sentence ends and line breaks
    if (c === 10 || c === 33 || c === 63 || c === 59) break;
    if (c === 46 && from - 1 > 0 && /\s/.test(text[from] ?? ' ') && /[a-z0-9)"']/.test(text[from - 2] ?? '')) {
      const before = text.slice(Math.max(0, from - 6), from - 1);
      if (!/\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|U\.S|Gen|Sen|Rep|Gov|Lt|Col)$/.test(before)) break;
    }
    from--;
  }
  let to = end;
  const toLimit = Math.min(text.length, end + 60);
  while (to < toLimit) {
    const c = text.charCodeAt(to);
    if (c === 10 || c === 33 || c === 63 || c === 59 || c === 44) break;
    if (c === 46 && /\s/.test(text[to + 1] ?? ' ')) break;
    to++;
  }
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  const clause = before + ' ' + after;
  if (!FUTURE_CUE.test(clause)) return false;
  // "said Tuesday it will …": the nearest verb before the expression decides
  const nearBefore = before.slice(-40);
  if (PAST_CUE.test(nearBefore) && !FUTURE_CUE.test(nearBefore)) return false;
  return true;
}

// ------------------------------------------------------------------ the grammar

const MOD =
  '(?:about|around|approximately|nearly|almost|roughly|over|more\\s+than|less\\s+than|fewer\\s+than|up\\s+to|at\\s+least|at\\s+most|no\\s+more\\s+than|no\\s+less\\s+than|only|just|barely|under|close\\s+to|well\\s+over|some|the\\s+better\\s+part\\s+of)';
const EDGE_MOD =
  '(?:(?:the\\s+)?(?:early|late|mid|middle|end|beginning|start)(?:\\s+of)?[\\s-]+|(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+|(?:earlier|later)\\s+)';
const REL = '(?:last|this|next|this\\s+coming|this\\s+past|coming)';
const ZONE = '(?:\\s*(?:\\(\\s*)?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET)(?:\\s*[+-]\\s*\\d{1,2})?(?:\\s*\\))?|\\s+local\\s+time)?';
const CLOCK = `(?:\\d{1,2}(?::\\d\\d)?\\s*(?:a\\.m\\.|p\\.m\\.|a\\.m\\b|p\\.m\\b|am\\b|pm\\b)|\\d{1,2}:\\d\\d\\b|noon|midday|midnight|(?:[01]\\d|2[0-3])[0-5]\\d(?=\\s*(?:UTC|GMT|hours|hrs)\\b))${ZONE}`;
const DAY_WORD = '(?:today|yesterday|tomorrow|tonight)';

/** Every rule starts at a word boundary: that alone lets the engine skip most positions. */
function rx(source: string, flags = 'gi'): RegExp {
  return new RegExp(`\\b${source}`, flags);
}

/** Month word found at the start of a match must be capitalized: "may", "march" are verbs. */
/** The month and day a full-date match names, or null when they cannot be a date. */
function monthAndDay(g: Groups): { month: number; day: number } | null {
  if (!capitalizedMonth(g.month)) return null;
  const month = monthNumber(g.month!)!;
  const day = dayOfMonth(g.day);
  if (!day || day > 31) return null;
  return { month, day };
}

function capitalizedMonth(word: string | undefined): boolean {
  if (!word) return false;
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower === 'may' || lower === 'march' || lower === 'mar' || lower === 'jan' || lower === 'sun' || lower === 'sat') {
    return word[0] === word[0]!.toUpperCase() && word[0] !== word[0]!.toLowerCase();
  }
  return true;
}

function clockValue(raw: string): string | null {
  const t = raw.toLowerCase().replace(/\s+/g, ' ');
  if (t.startsWith('noon') || t.startsWith('midday')) return '12:00';
  if (t.startsWith('midnight')) return '24:00';
  const military = /^([01]\d|2[0-3])([0-5]\d)\b/.exec(t);
  if (military) return `${military[1]}:${military[2]}`;
  const m = /^(\d{1,2})(?::(\d\d))?\s*(a\.?m|p\.?m)?/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ?? '00';
  if (m[3]?.startsWith('p') && h < 12) h += 12;
  if (m[3]?.startsWith('a') && h === 12) h = 0;
  if (h > 24 || Number(min) > 59) return null;
  return `${String(h).padStart(2, '0')}:${min}`;
}

function yearOf(g: Groups): number | null {
  if (g.year) return Number(g.year);
  if (g.wyear) return parseWordYear(g.wyear);
  if (g.yy) return 1900 + Number(g.yy) + (Number(g.yy) < 30 ? 100 : 0);
  return null;
}

function dayOfMonth(raw: string | undefined): number | null {
  if (!raw) return null;
  const digits = /^\d+/.exec(raw);
  if (digits) return Number(digits[0]);
  return ORDINALS.get(raw.toLowerCase()) ?? null;
}

function relWord(raw: string | undefined): 'last' | 'this' | 'next' | null {
  if (!raw) return null;
  const r = raw.toLowerCase().replace(/\s+/g, ' ');
  if (r === 'last' || r === 'this past' || r === 'past' || r === 'previous') return 'last';
  if (r === 'next' || r === 'this coming' || r === 'coming') return 'next';
  return 'this';
}

/** Resolve a day-level expression that a clock time or part of day hangs on. */
function dayExpression(raw: string | undefined, env: Env): { p: Period; anchor: AnchorKind } | null {
  if (!raw) return null;
  const w = raw.toLowerCase().replace(/^(?:on|this)\s+/, '');
  if (w === 'today' || w === 'tonight') return { p: env.ref, anchor: 'publication' };
  if (w === 'yesterday' || w === 'last') {
    const d = addDays(env.ref, -1);
    return { p: { ...d, gran: 'day' }, anchor: 'publication' };
  }
  if (w === 'tomorrow') {
    const d = addDays(env.ref, 1);
    return { p: { ...d, gran: 'day' }, anchor: 'publication' };
  }
  const wd = weekdayNumber(w);
  if (wd) return { p: placeWeekday(env, wd, undefined), anchor: 'publication' };
  return null;
}

const DIGIT_YEAR_GUARD = /[$£€#\d,.]$/;

const RULES: Rule[] = [
  // ---- full dates: "Friday, March 3, 2021", "March 3", "Aug. 7, 1998", "March eighth"
  {
    name: 'month-day-year',
    re: rx(
      `(?:(?<wd>${WEEKDAY})\\s*,?\\s+(?:the\\s+)?)?(?<month>${MONTH})\\s+(?<day>${DAY_OF_MONTH}|${ORDINAL_WORD})(?!\\d|:\\d|\\s*(?:%|percent|a\\.m|p\\.m))\\b(?:(?:\\s*,\\s*|\\s+)(?:(?<year>${YEAR})\\b|'(?<yy>\\d\\d)\\b))?`,
    ),
    priority: 3,
    make: (g) => {
      const md = monthAndDay(g);
      if (!md) return null;
      const { month, day } = md;
      const year = yearOf(g);
      return (env) => {
        const y = year ?? placeInYear(env, month, day, null);
        return date(dayPeriod(y, month, day), year ? 'absolute' : 'publication');
      };
    },
  },
  {
    name: 'day-month-year',
    re: rx(`(?:(?<wd>${WEEKDAY})\\s*,?\\s+)?(?:the\\s+)?(?<day>${DAY_OF_MONTH}|${ORDINAL_WORD})\\s+(?:of\\s+)?(?<month>${MONTH})(?:,?\\s+(?<year>${YEAR})\\b)?`),
    priority: 3,
    make: (g) => {
      const md = monthAndDay(g);
      if (!md) return null;
      const { month, day } = md;
      // "one May" / "first March" are rarely dates; require digits unless the ordinal has "the"
      if (!/^\d/.test(g.day!) && !g.wd) return null;
      const year = yearOf(g);
      return (env) => date(dayPeriod(year ?? placeInYear(env, month, day, null), month, day), year ? 'absolute' : 'publication');
    },
  },
  {
    name: 'numeric-date',
    re: rx(`\\b(?:(?<iy>${YEAR})-(?<im>0[1-9]|1[0-2])-(?<id>0[1-9]|[12]\\d|3[01])|(?<um>0?[1-9]|1[0-2])/(?<ud>0?[1-9]|[12]\\d|3[01])/(?<uy>\\d{4}|\\d\\d))\\b(?![/\\d])`),
    priority: 3,
    make: (g) => {
      let y: number;
      let m: number;
      let d: number;
      if (g.iy) {
        y = Number(g.iy);
        m = Number(g.im);
        d = Number(g.id);
      } else {
        y = Number(g.uy);
        if (y < 100) y += y < 50 ? 2000 : 1900;
        m = Number(g.um);
        d = Number(g.ud);
      }
      return () => date(dayPeriod(y, m, d), 'absolute');
    },
  },
  // ---- months: "March 2021", "March last year", "last September", "early October"
  {
    name: 'month-year',
    re: rx(`(?<edge>${EDGE_MOD})?(?<month>${MONTH}),?\\s+(?:of\\s+)?(?:(?<year>${YEAR})\\b|'(?<yy>\\d\\d)\\b|(?<wyear>${WORD_YEAR})\\b|(?<rel>last|this|next)\\s+year\\b)`),
    priority: 2,
    make: (g) => {
      if (!capitalizedMonth(g.month)) return null;
      const month = monthNumber(g.month!)!;
      const year = yearOf(g);
      const rel = g.rel?.toLowerCase();
      return (env) => {
        if (year) return date({ y: year, m: month, d: 1, gran: 'month' }, 'absolute');
        const y = env.ref.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
        return date({ y, m: month, d: 1, gran: 'month' }, 'publication');
      };
    },
  },
  {
    name: 'relative-month',
    re: rx(`(?<edge>${EDGE_MOD})?(?<rel>${REL})\\s+(?<month>${MONTH})(?!\\s+\\d)`),
    priority: 2,
    make: (g) => {
      const month = monthNumber(g.month!)!;
      const rel = relWord(g.rel);
      return (env) => date({ y: placeInYear(env, month, null, rel), m: month, d: 1, gran: 'month' }, 'publication');
    },
  },
  {
    name: 'bare-month',
    re: rx(`(?<edge>${EDGE_MOD})?(?<month>${MONTH})(?![\\w-]|['’](?!s\\b))`),
    priority: 1,
    make: (g, m, text) => {
      if (!capitalizedMonth(g.month)) return null;
      const word = g.month!.toLowerCase().replace(/\.$/, '');
      // the short forms alone are too ambiguous (Jan the name, Dec the abbreviation of decimal)
      if (word.length <= 3 && word !== 'may') return null;
      if (word === 'may' || word === 'march') {
        // only when a preposition or a modifier says it is the month
        const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
        if (!g.edge && !/\b(?:in|by|since|until|till|through|during|from|to|of|before|after|early|late|mid|since|between|and)\s+$/.test(before)) return null;
        if (word === 'march' && /^\s+(?:on|to|through|in|from|against)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12)) && !g.edge)
          return null;
      }
      const month = monthNumber(g.month!)!;
      return (env) => date({ y: placeInYear(env, month, null, null), m: month, d: 1, gran: 'month' }, 'publication');
    },
  },
  // ---- years, decades, centuries: "1998", "mid-1996", "fiscal 1989", "the 1990s", "20th century"
  {
    name: 'year',
    re: rx(
      `(?<edge>${EDGE_MOD})?(?:(?<fiscal>fiscal(?:\\s+year)?|calendar(?:\\s+year)?|the\\s+year|FY)[\\s-]*)?(?:(?<year>${YEAR})|(?<wyear>${WORD_YEAR}))(?![\\w%-]|,\\d|\\.\\d|\\s*(?:%|percent))`,
    ),
    priority: 1,
    make: (g, m, text) => {
      if (DIGIT_YEAR_GUARD.test(text.slice(Math.max(0, m.index - 1), m.index))) return null;
      if (g.wyear && !g.fiscal && !/^(?:nineteen|eighteen)/i.test(g.wyear)) return null;
      const year = yearOf(g);
      if (!year) return null;
      return () => date({ y: year, m: 1, d: 1, gran: 'year' }, 'absolute');
    },
  },
  {
    name: 'decade',
    re: rx(`(?:the\\s+)?(?<edge>(?:early|late|mid)[\\s-]+)?(?:(?<dec>(?:1[5-9]|20)?\\d0)'?s|'(?<short>\\d0)s|(?<word>${DECADE_WORD}))\\b`),
    priority: 1,
    make: (g, m, text) => {
      if (DIGIT_YEAR_GUARD.test(text.slice(Math.max(0, m.index - 1), m.index))) return null;
      let y: number;
      if (g.dec) {
        y = Number(g.dec);
        if (y < 100) {
          // "the 90s" without "the" is usually an age or a temperature
          if (!/^the\s/i.test(m[0])) return null;
          y += 1900;
        }
      } else if (g.short) y = 1900 + Number(g.short);
      else {
        if (!/^the\s/i.test(m[0])) return null;
        const words = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
        y = 1920 + 10 * words.indexOf(g.word!.toLowerCase());
      }
      return () => date({ y, m: 1, d: 1, gran: 'decade' }, 'absolute');
    },
  },
  {
    name: 'century',
    re: rx(`(?:the\\s+)?(?<edge>(?:early|late|mid)[\\s-]+)?(?:(?<n>\\d{1,2})(?:st|nd|rd|th)|(?<w>${ORDINAL_WORD}))[\\s-]+century\\b`),
    priority: 2,
    make: (g) => {
      const n = g.n ? Number(g.n) : ORDINALS.get(g.w!.toLowerCase());
      if (!n) return null;
      return () => date({ y: (n - 1) * 100, m: 1, d: 1, gran: 'century' }, 'absolute');
    },
  },
  // ---- quarters and halves: "the third quarter", "third-quarter", "the first half of 1998"
  {
    name: 'quarter',
    re: rx(
      `(?:the\\s+)?(?:(?<pyear>${YEAR})\\s+|(?<pyrel>last|this|next)\\s+year['’]s\\s+|(?<pago>year-ago|year-earlier|comparable|prior-year|year\\s+earlier)\\s+)?(?<edge>(?:early|late)\\s+)?(?:(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)|(?<rel>latest|last|past|previous|current|recent|most\\s+recent|this|next|coming|year-ago|year-earlier|year\\s+ago|year\\s+earlier|comparable|same|prior|prior-year|fiscal))(?:[\\s-]+fiscal)?[\\s-]+(?<unit>quarter|half)\\b(?!s)(?:\\s+(?:of|in)\\s+(?:(?:fiscal\\s+)?(?<year>${YEAR})|(?<yrel>last|this|next)\\s+year))?`,
    ),
    priority: 2,
    make: (g, m) => {
      const unit = g.unit!.toLowerCase() as 'quarter' | 'half';
      const gran: Granularity = unit;
      const year = g.year ? Number(g.year) : g.pyear ? Number(g.pyear) : null;
      const yrel = (g.yrel ?? g.pyrel)?.toLowerCase();
      const yearAgo = Boolean(g.pago);
      const ordinal = g.ord ? { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 }[g.ord.toLowerCase()] : undefined;
      const rel = g.rel?.toLowerCase().replace(/[\s-]+/g, '-');
      if (!ordinal && !rel) return null;
      if (rel === 'fiscal') return null;
      if (unit === 'half' && !ordinal && !/^(?:the\s+)?(?:last|past|next|first|second)/i.test(m[0])) return null;
      return (env) => {
        if (ordinal) {
          const count = unit === 'quarter' ? 4 : 2;
          if (ordinal > count) return null;
          let y = year ?? env.ref.y + (yrel === 'last' ? -1 : yrel === 'next' ? 1 : 0);
          const current = unit === 'quarter' ? quarterOf(env.ref.m) : env.ref.m <= 6 ? 1 : 2;
          if (!year && !yrel && ordinal > current && !env.future) y -= 1;
          const startMonth = unit === 'quarter' ? (ordinal - 1) * 3 + 1 : (ordinal - 1) * 6 + 1;
          if (yearAgo) return date({ y: y - 1, m: startMonth, d: 1, gran, q: ordinal }, 'narrative');
          return date({ y, m: startMonth, d: 1, gran, q: ordinal }, year ? 'absolute' : 'publication');
        }
        const here = periodOf(env.ref, gran);
        switch (rel) {
          case 'current':
          case 'this':
            return date(here, 'publication');
          case 'next':
          case 'coming':
            return date(shiftPeriod(here, 1, gran), 'publication');
          case 'year-ago':
          case 'year-earlier':
          case 'comparable':
          case 'prior-year': {
            const base = env.focus.gran === gran ? env.focus : shiftPeriod(here, -1, gran);
            return date(shiftPeriod(base, -1, 'year'), 'narrative');
          }
          case 'same':
            return date(env.focus.gran === gran ? env.focus : shiftPeriod(here, -1, gran), 'narrative');
          default:
            // "the latest quarter", "last quarter": the last one completed before publication
            return date(shiftPeriod(here, -1, gran), 'publication');
        }
      };
    },
  },
  {
    name: 'the-quarter',
    re: rx(`\\bthe\\s+quarter\\b(?!s|\\s+(?:of|century|point|percent|mile|hour))`),
    priority: 1,
    make: () => (env) => {
      const here = periodOf(env.ref, 'quarter');
      if (env.focusQuarter) return date(env.focusQuarter, 'narrative');
      return date(shiftPeriod(here, -1, 'quarter'), 'publication');
    },
  },
  {
    name: 'quarter-code',
    re: rx(`\\b(?:Q(?<q>[1-4])|(?<q2>[1-4])Q)(?:\\s*(?<year>${YEAR}))?\\b`, 'g'),
    priority: 2,
    make: (g) => {
      const q = Number(g.q ?? g.q2);
      const year = g.year ? Number(g.year) : null;
      return (env) => {
        let y = year ?? env.ref.y;
        if (!year && q > quarterOf(env.ref.m) && !env.future) y -= 1;
        return date({ y, m: (q - 1) * 3 + 1, d: 1, gran: 'quarter', q }, year ? 'absolute' : 'publication');
      };
    },
  },
  // ---- seasons: "last fall", "this summer", "the winter of 1994", "spring 2021"
  {
    name: 'season',
    re: rx(
      `(?<edge>(?:early|late|mid)[\\s-]+)?(?:(?<rel>${REL}|the|past)\\s+)?(?<season>${SEASON})(?:\\s+(?:of\\s+)?(?:(?<year>${YEAR})\\b|(?<wyear>${WORD_YEAR})\\b|(?<yrel>last|this|next)\\s+year\\b))?`,
    ),
    priority: 2,
    make: (g, m, text) => {
      const code = SEASONS.get(g.season!.toLowerCase())!;
      const year = yearOf(g);
      const rel = g.rel?.toLowerCase();
      if (!year && !g.yrel && (!rel || rel === 'the')) {
        // bare "fall", "spring" are verbs or springs; "the summer" needs the narrative
        if (rel !== 'the') return null;
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
        if (/^'s|^\s*-/.test(after)) return null;
      }
      return (env) => {
        if (year) return date(seasonPeriod(code, year), 'absolute');
        if (g.yrel) {
          const r = g.yrel.toLowerCase();
          return date(seasonPeriod(code, env.ref.y + (r === 'last' ? -1 : r === 'next' ? 1 : 0)), 'publication');
        }
        if (rel === 'the') {
          const p = env.focus.gran === 'year' ? seasonPeriod(code, env.focus.y) : placeSeason(env, code, env.future ? 'next' : 'last');
          return date(p, env.focus.gran === 'year' ? 'narrative' : 'publication');
        }
        return date(placeSeason(env, code, rel), 'publication');
      };
    },
  },
  // ---- weekdays: "Friday", "last Tuesday", "early Monday", "Wednesday night"
  {
    name: 'weekday',
    re: rx(`(?:(?<edge>early|late)\\s+)?(?:(?<rel>${REL})\\s+)?(?<wd>${FULL_WEEKDAY})(?:\\s+(?<pod>${PART_OF_DAY}))?`),
    priority: 2,
    make: (g) => {
      const wd = weekdayNumber(g.wd!)!;
      const pod = g.pod ? PARTS_OF_DAY.get(g.pod.toLowerCase()) : undefined;
      return (env) => {
        const p = placeWeekday(env, wd, g.rel);
        if (pod) return date({ ...p, gran: 'time', clock: pod }, 'publication');
        return date(p, 'publication');
      };
    },
  },
  {
    name: 'anaphoric-weekday',
    // "the previous Friday", "the following Monday": counted from the day in focus
    re: rx(`the\\s+(?<rel>previous|preceding|following|next)\\s+(?<wd>${FULL_WEEKDAY})`),
    priority: 3,
    make: (g) => {
      const wd = weekdayNumber(g.wd!)!;
      const back = /^p/i.test(g.rel!);
      return (env) => {
        const f = env.focusDay;
        const today = weekday(f.y, f.m, f.d);
        const delta = back ? -(((today - wd + 7) % 7) || 7) : ((wd - today + 7) % 7) || 7;
        return date({ ...addDays(f, delta), gran: 'day' }, 'narrative');
      };
    },
  },
  {
    name: 'ordinal-unit',
    // "the eighth day of Desert Shield", "a second consecutive day", "the fourth week in a
    // row": the day (week …) in focus, which the ordinal counts up to
    re: rx(
      `(?:the|a|its|his|her|their)\\s+(?<ord>${ORDINAL_WORD}|\\d{1,3}(?:st|nd|rd|th))\\s+(?:(?<row>straight|consecutive|successive)\\s+)?(?<unit>day|week|month|year)\\b(?!\\s+of\\s+(?:${MONTH}|\\d|(?:this|last|next)\\s))(?=\\s+(?:of|in|since|running)\\b|(?<=(?:straight|consecutive|successive)\\s+\\w+))`,
    ),
    priority: 2,
    make: unitInFocus,
  },
  // ---- clock times: "10 p.m. Wednesday", "noon Thursday", "around 7:15 p.m.", "18:00 UTC"
  {
    name: 'clock',
    re: rx(
      `(?:(?<mod>around|about|approximately|shortly\\s+(?:before|after)|just\\s+(?:before|after))\\s+)?(?<clock>${CLOCK})(?:\\s+(?:on\\s+)?(?<day>${FULL_WEEKDAY}|${DAY_WORD}|(?:this|last|tomorrow|yesterday)\\s+(?:${PART_OF_DAY})|(?<month>${MONTH})\\s+(?<dom>${DAY_OF_MONTH})(?:,?\\s+(?<year>${YEAR}))?))?`,
    ),
    priority: 3,
    make: (g, m) => {
      const raw = g.clock!;
      // bare "12:30" needs a zone or a day to be a time rather than a score or ratio
      if (/^\d{1,2}:\d\d$/.test(raw.trim()) && !g.day) return null;
      let clock = clockValue(raw);
      if (!clock) return null;
      void m;
      // a time given in UTC (or GMT with an offset: "6:40 p.m. (GMT +8)") is written in UTC
      // with ISO 8601's Z; the shift stays within the day (a wrap keeps the local time)
      let dayShift = 0;
      const utc = /\b(?:UTC|GMT)\b(?:\s*(?<sign>[+-])\s*(?<off>\d{1,2}))?/.exec(raw);
      if (utc) {
        const offset = utc.groups?.off ? Number(utc.groups.off) * (utc.groups.sign === '-' ? -1 : 1) : 0;
        let h = Number(clock.slice(0, 2)) - offset;
        if (h < 0) {
          h += 24;
          dayShift = -1;
        } else if (h >= 24 && clock !== '24:00') {
          h -= 24;
          dayShift = 1;
        }
        clock = `${String(h).padStart(2, '0')}${clock.slice(2)}Z`;
      }
      const utcClock = clock;
      return (env) => {
        let p: Period | null = null;
        let anchor: AnchorKind = 'narrative';
        if (g.month) {
          const month = monthNumber(g.month)!;
          const d = dayOfMonth(g.dom)!;
          const y = g.year ? Number(g.year) : placeInYear(env, month, d, null);
          p = dayPeriod(y, month, d);
          anchor = g.year ? 'absolute' : 'publication';
        } else if (g.day) {
          const dayRaw = g.day.toLowerCase().split(/\s+/)[0]!;
          const r = dayExpression(dayRaw, env);
          if (r) {
            p = r.p;
            anchor = r.anchor;
          }
        }
        if (!p) p = env.focus.gran === 'day' || env.focus.gran === 'time' ? env.focus : env.ref;
        if (dayShift) p = { ...addDays(p, dayShift), gran: 'day' };
        return date({ y: p.y, m: p.m, d: p.d, gran: 'time', clock: utcClock }, anchor);
      };
    },
  },
  // ---- deictic days and parts of day: "yesterday", "late yesterday", "this morning", "last night"
  {
    name: 'deictic-day',
    re: rx(
      `(?:(?<edge>early|late|earlier|later)\\s+)?(?<day>${DAY_WORD})(?:\\s+(?<pod>${PART_OF_DAY}))?(?![\\w-]|['’](?!s\\b))`,
    ),
    priority: 2,
    make: (g) => {
      const day = g.day!.toLowerCase();
      const pod = g.pod ? PARTS_OF_DAY.get(g.pod.toLowerCase()) : day === 'tonight' ? 'NI' : undefined;
      return (env) => {
        const r = dayExpression(day, env)!;
        if (pod) return date({ ...r.p, gran: 'time', clock: pod }, 'publication');
        return date(r.p, 'publication');
      };
    },
  },
  {
    name: 'part-of-day',
    re: rx(`(?<rel>this|last|that|the)\\s+(?<pod>morning|afternoon|evening|night)\\b`),
    priority: 2,
    make: (g, m, text) => {
      const rel = g.rel!.toLowerCase();
      const pod = PARTS_OF_DAY.get(g.pod!.toLowerCase())!;
      if (rel === 'the') {
        // "the night before", "the morning after", or "in the morning" when a day is in focus
        const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
        if (!/\b(?:in|during|on|by)\s+$/.test(before)) return null;
      }
      return (env) => {
        if (rel === 'this') return date({ ...env.ref, gran: 'time', clock: pod }, 'publication');
        if (rel === 'last') {
          const d = addDays(env.ref, -1);
          return date({ ...d, gran: 'time', clock: pod === 'NI' ? 'NI' : pod }, 'publication');
        }
        const f = env.focus.gran === 'day' || env.focus.gran === 'time' ? env.focus : env.ref;
        return date({ y: f.y, m: f.m, d: f.d, gran: 'time', clock: pod }, 'narrative');
      };
    },
  },
  // ---- deictic and anaphoric units: "last year", "this week", "earlier this month",
  //      "the following year", "that day", "the next day", "the previous week"
  {
    name: 'relative-unit',
    re: rx(
      `(?<edge>${EDGE_MOD})?(?<rel>last|this|next|the\\s+coming|this\\s+coming|the\\s+past|this\\s+past|the\\s+last|the\\s+previous|the\\s+following|the\\s+next|the\\s+same|that|the\\s+current|the\\s+prior|the\\s+preceding|the\\s+latest|the\\s+new|the\\s+current\\s+fiscal|the\\s+fiscal|this\\s+fiscal|last\\s+fiscal|next\\s+fiscal|the\\s+previous\\s+fiscal)\\s+(?<unit>day|week|weekend|month|year|decade|century)\\b(?![\\w'’-](?!s\\b))`,
    ),
    priority: 2,
    make: (g, m, text) => {
      const rel = g.rel!.toLowerCase().replace(/\s+/g, ' ');
      const unit = g.unit!.toLowerCase();
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (unit === 'day' && (rel === 'this' || rel === 'last' || rel === 'the last' || rel === 'the new')) return null;
      // "the last year of his term" names a span, not a date
      if ((rel === 'the last' || rel === 'the next' || rel === 'the new') && /^\s+of\b/i.test(after)) return null;
      if (rel === 'the new' && unit !== 'year') return null;
      return (env) => {
        const gran = unitGranularity(unit);
        switch (rel) {
          case 'last':
          case 'the past':
          case 'this past':
          case 'the last':
          case 'last fiscal':
            if (unit === 'weekend') return date(placeWeekend(env, -1), 'publication');
            return date(relativeUnit(env.ref, unit, -1), 'publication');
          case 'this':
          case 'the current':
          case 'the current fiscal':
          case 'this fiscal':
          case 'the fiscal':
            if (unit === 'weekend') return date(placeWeekend(env, env.future ? 1 : 0), 'publication');
            return date(relativeUnit(env.ref, unit, 0), 'publication');
          case 'next':
          case 'the coming':
          case 'this coming':
          case 'next fiscal':
          case 'the new':
            if (unit === 'weekend') return date(placeWeekend(env, 1), 'publication');
            return date(relativeUnit(env.ref, unit, 1), 'publication');
          case 'the previous':
          case 'the prior':
          case 'the preceding':
          case 'the previous fiscal':
            return date(shiftPeriod(periodOf(anaphor(env, gran), gran), -1, gran), 'narrative');
          case 'the following':
          case 'the next':
            return date(shiftPeriod(periodOf(anaphor(env, gran), gran), 1, gran), 'narrative');
          default:
            // "that year", "the same day", "the latest week"
            return date(periodOf(anaphor(env, gran), gran), 'narrative');
        }
      };
    },
  },
  {
    name: 'the-weekend',
    re: rx(`(?:over\\s+)?the\\s+weekend\\b`),
    priority: 1,
    make: () => (env) => date(placeWeekend(env, env.future ? 1 : -1), 'publication'),
  },
  {
    name: 'day-before-after',
    re: rx(`the\\s+day\\s+(?<dir>before|after)(?:\\s+(?<w>yesterday|tomorrow))?(?!\\s+(?:the|a|an|his|her|its|their|he|she|they|it|[A-Z]))`),
    priority: 3,
    make: (g) => {
      const dir = g.dir!.toLowerCase() === 'before' ? -1 : 1;
      const w = g.w?.toLowerCase();
      return (env) => {
        if (w) {
          const d = addDays(env.ref, w === 'yesterday' ? -2 : 2);
          return date({ ...d, gran: 'day' }, 'publication');
        }
        const d = addDays(env.focusDay, dir);
        return date({ ...d, gran: 'day' }, 'narrative');
      };
    },
  },
  {
    name: 'the-unit',
    // "the year", "the day", "the month" in a narrative: the one in focus
    re: rx(`(?:for|in|during|of|through|throughout|ended|end|ending|ended|finish|finished|close|closed|that)\\s+(?<t>the\\s+(?<unit>year|day|month|week))\\b(?!\\s*(?:-|of\\b|before|after|when|that|in\\s+which))`),
    priority: 1,
    make: (g) => {
      const unit = g.unit!.toLowerCase();
      return (env) => {
        const gran = unitGranularity(unit);
        const focus = anaphor(env, gran);
        if (unit === 'year' && focus.gran === 'quarter') return date(periodOf(focus, 'year'), 'narrative');
        return date(periodOf(focus, gran), focus === env.ref ? 'publication' : 'narrative');
      };
    },
  },
  {
    name: 'year-ago',
    // results news: "year-earlier profit", "the year-ago period", "the comparable year-ago quarter"
    re: rx(`(?:the\\s+)?(?:comparable\\s+|same\\s+)?(?:year-ago|year-earlier|prior-year|year\\s+ago|year\\s+earlier)(?:\\s+(?<what>period|quarter))?(?![\\w-])`),
    priority: 2,
    make: (g, m) => {
      const phrase = m[0].toLowerCase();
      // "a year earlier" and "year ago" after a number belong to the offset rule
      if (/^year\s/.test(phrase) && !g.what) return null;
      return (env) => {
        const base = env.focusQuarter ?? (g.what?.toLowerCase() === 'quarter' ? shiftPeriod(periodOf(env.ref, 'quarter'), -1, 'quarter') : periodOf(env.focus, 'year'));
        return date(shiftPeriod(base, -1, 'year'), 'narrative');
      };
    },
  },
  {
    name: 'latest-period',
    re: rx(`the\\s+(?:latest|current|full|most\\s+recent)\\s+(?:(?<fiscal>fiscal)\\s+)?(?<what>period|year|quarter)\\b(?![\\w-])`),
    priority: 2,
    make: (g) => {
      const what = g.what!.toLowerCase();
      return (env) => {
        if (what === 'year') return date(periodOf(env.focusQuarter ?? env.ref, 'year'), 'publication');
        if (env.focusQuarter) return date(env.focusQuarter, 'narrative');
        return date(shiftPeriod(periodOf(env.ref, 'quarter'), -1, 'quarter'), 'publication');
      };
    },
  },
  {
    name: 'year-end',
    re: rx(`(?:by|at|since|before|after|until|around|of|the)\\s+(?<t>year[-\\s]end)\\b`),
    priority: 2,
    make: () => (env) => date({ y: env.ref.y, m: 12, d: 1, gran: 'month' }, 'publication'),
  },
  {
    name: 'period-ended',
    // "the year ended Sept. 30", "the fiscal year ending June 30": a span of one unit
    re: rx(`the\\s+(?:(?:fiscal|financial)\\s+)?(?<unit>year|(?:six|nine|three)\\s+months)(?=\\s+(?:that\\s+)?(?:ended|ending|ends|to\\s+end)\\b)`),
    priority: 3,
    make: (g) => {
      const u = g.unit!.toLowerCase().replace(/\s+/g, ' ');
      const n = u.includes(' ') ? parseNumber(u.split(' ')[0]!) : 1;
      const unit = unitKey(u.includes(' ') ? 'months' : u)!;
      return () => duration(n, unit);
    },
  },
  {
    name: 'edge-of-unit',
    // "late in the day", "earlier in the year": the unit in focus
    re: rx(`(?:late|early|later|earlier)\\s+in\\s+the\\s+(?<unit>year|day|month|week)\\b`),
    priority: 2,
    make: unitInFocus,
  },
  // ---- "two weeks later", "a year earlier", "six weeks ago", "a year ago", "three days from now"
  {
    name: 'offset',
    re: rx(
      `(?:(?<mod>${MOD})\\s+)?(?:(?<num>${NUMBER})|(?<vague>${VAGUE}))\\s+(?:more\\s+)?(?<unit>${UNIT})(?:\\s+or\\s+(?:so|more|two|three))?\\s+(?:(?<dir>ago|earlier|later|from\\s+now|hence)\\b(?!\\s+than\\b)|(?<dir2>before|after)(?=\\s*(?:[,.;:)'"’”]|$)))`,
    ),
    priority: 4,
    make: (g) => {
      const unit = unitKey(g.unit!)!;
      if (!unit) return null;
      const n = g.num ? parseNumber(g.num) : null;
      const dir = (g.dir ?? g.dir2)!.toLowerCase().replace(/\s+/g, ' ');
      const sign = dir === 'ago' || dir === 'earlier' || dir === 'before' ? -1 : 1;
      const deictic = dir === 'ago' || dir === 'from now' || dir === 'hence';
      return (env) => {
        if (n === null || !Number.isInteger(n)) return ref(sign < 0 ? 'PAST_REF' : 'FUTURE_REF');
        const [steps, gran] = unitSteps(unit, n);
        // "a year earlier" in results news compares with the quarter being reported
        if (gran === 'year' && sign < 0 && env.focusQuarter) return date(shiftPeriod(env.focusQuarter, -steps, 'year'), 'narrative');
        const useFocus = !deictic;
        const base = useFocus ? (gran === 'day' ? env.focusDay : env.focus) : env.ref;
        const keep = gran === 'year' && (base.gran === 'quarter' || base.gran === 'half' || base.gran === 'month' || base.gran === 'day') && !deictic;
        const target = keep ? base : base.gran === 'quarter' && gran === 'year' ? base : periodOf(base, gran);
        const shifted = shiftPeriod(target, sign * steps, gran);
        return date(shifted, useFocus ? 'narrative' : 'publication');
      };
    },
  },
  // ---- durations: "eight months", "the past three months", "nearly forty years", "five-year"
  {
    name: 'duration',
    re: rx(
      `(?:(?<mod>${MOD})\\s+)?(?:(?<the>the)\\s+(?:(?<rel>past|last|next|first|previous|coming|following|final|latest|initial|remaining|same|full|entire|whole|preceding|other)\\s+)?)?(?:(?<lo>${NUMBER})\\s*(?:to|-|–)\\s*(?=\\d|[a-z]))?(?:(?<num>${NUMBER})|(?<vague>${VAGUE}))\\s+(?:(?:more|additional|full|straight|consecutive|long|short|successive|whole|extra)\\s+)?(?<unit>${UNIT})(?![\\w'’-](?!s\\b))`,
    ),
    priority: 2,
    make: (g, m, text) => {
      const unit = unitKey(g.unit!);
      if (!unit) return null;
      const numRaw = g.num?.toLowerCase();
      // a range ("two to three weeks") is one expression valued at its lower bound
      const lo = g.lo ? parseNumber(g.lo) : null;
      if (g.lo && (lo === null || (g.num && (parseNumber(g.num) ?? 0) <= lo))) return null;
      const n = lo ?? (g.num ? parseNumber(g.num) : null);
      // "a" and "one" with "day" alone are too often not durations ("one day, he …")
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 10);
      // ages ("52 years old") are not annotated as times in the gold corpora
      if (/^\s*-?old\b/i.test(after)) return null;
      if ((numRaw === 'a' || numRaw === 'an') && !g.mod && !g.the) {
        // "$5 a year" is a rate: a SET
        const before = text.slice(Math.max(0, m.index - 16), m.index);
        if (/(?:\d|percent|million|billion|dollars?|cents?|times|once|twice|tons|barrels)\s+$/i.test(before)) {
          return () => setOf(1, unit);
        }
      }
      // a year ("the 1988 quarter") is not a count
      if (g.num && /^\d{4}$/.test(g.num) && Number(g.num) >= 1000) return null;
      if (g.num && n === null) return null;
      if (g.unit!.toLowerCase() === 'second' && n !== null && !g.num) return null;
      return () => duration(n, unit);
    },
  },
  {
    name: 'hyphen-duration',
    re: rx(`(?<num>\\d+(?:\\.\\d+)?|${NUMBER})[\\s-](?<unit>${UNIT_SINGULAR})(?=[-\\s])(?!-old|\\s+(?:ago|earlier|later))`),
    priority: 1,
    make: (g, m, text) => {
      if (!m[0].includes('-')) return null;
      const unit = unitKey(g.unit!);
      const n = parseNumber(g.num!);
      if (!unit || n === null) return null;
      void text;
      return () => duration(n, unit);
    },
  },
  {
    name: 'vague-span',
    re: rx(
      `(?:(?:for|within|in|over|after|take|takes|took|last|lasted|lasting|spent|spend)\\s+(?<t>(?<unit>minutes|hours|days|weeks|months|years|decades|centuries))|(?:the\\s+)?(?<rel>recent|coming|past|last|next|previous|early|later|initial)\\s+(?:(?:few|several|couple\\s+of)\\s+)?(?<unit2>hours|days|weeks|months|years|decades|centuries|quarters))\\b(?![\\w'’-])`,
    ),
    priority: 1,
    make: (g) => {
      const unit = unitKey((g.unit ?? g.unit2)!)!;
      return () => duration(null, unit);
    },
  },
  // ---- sets: "every week", "each year", "daily", "twice a month", "each Thursday"
  {
    name: 'set',
    re: rx(
      `(?:(?<every>every|each|per)(?:\\s+(?<other>other|single))?\\s+(?:(?<num>${NUMBER})\\s+)?(?:(?<unit>${UNIT})|(?<wd>${FULL_WEEKDAY})|(?<pod>morning|afternoon|evening|night))|(?<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|semiannually|semi-annually))\\b`,
    ),
    priority: 3,
    make: (g, m, text) => {
      if (g.adv) {
        // the adjective is a SET as well ("his weekly radio address", "the daily tally", "a
        // Communist Party daily"): TimeBank marks about 70 % of them; only a hyphenated
        // compound ("daily-news") is something else
        if (text[m.index + m[0].length] === '-') return null;
        const adv = g.adv.toLowerCase().replace('-', '');
        const table: Record<string, [number, string]> = {
          daily: [1, 'day'],
          weekly: [1, 'week'],
          monthly: [1, 'month'],
          quarterly: [3, 'month'],
          annually: [1, 'year'],
          yearly: [1, 'year'],
          hourly: [1, 'hour'],
          nightly: [1, 'day'],
          biweekly: [2, 'week'],
          bimonthly: [2, 'month'],
          semiannually: [6, 'month'],
        };
        const [n, unit] = table[adv]!;
        return () => setOf(n, unit);
      }
      if (g.wd) {
        const wd = weekdayNumber(g.wd)!;
        return () => ({ value: `XXXX-WXX-${wd}`, type: 'SET', precision: 'set', anchor: 'none' });
      }
      if (g.pod) {
        const pod = PARTS_OF_DAY.get(g.pod.toLowerCase())!;
        return () => ({ value: `XXXX-XX-XXT${pod}`, type: 'SET', precision: 'set', anchor: 'none' });
      }
      const unit = unitKey(g.unit!);
      if (!unit) return null;
      const n = g.num ? parseNumber(g.num) : g.other?.toLowerCase() === 'other' ? 2 : 1;
      if (n === null) return null;
      return () => setOf(n, unit);
    },
  },
  {
    name: 'rate',
    re: rx(`(?<times>once|twice|(?:${NUMBER})\\s+times)\\s+(?:a|an|per)\\s+(?<unit>${UNIT_SINGULAR})`),
    priority: 3,
    make: (g) => {
      const unit = unitKey(g.unit!);
      if (!unit) return null;
      return () => setOf(1, unit);
    },
  },
  // ---- holidays with fixed dates
  {
    name: 'holiday',
    re: rx(`(?<name>${alternation(HOLIDAYS.keys())})(?:\\s+(?<year>${YEAR}))?\\b`),
    priority: 2,
    make: (g, m) => {
      if (m[0][0] !== m[0][0]!.toUpperCase()) return null;
      const md = HOLIDAYS.get(g.name!.toLowerCase().replace(/\s+/g, ' ').replace('’', "'"));
      if (!md) return null;
      const year = g.year ? Number(g.year) : null;
      return (env) => date(dayPeriod(year ?? placeInYear(env, md[0], md[1], null), md[0], md[1]), year ? 'absolute' : 'publication');
    },
  },
  {
    name: 'thanksgiving',
    re: rx(`Thanksgiving(?:\\s+Day)?(?:\\s+(?<year>${YEAR}))?\\b`, 'g'),
    priority: 2,
    make: (g) => {
      const year = g.year ? Number(g.year) : null;
      return (env) => {
        const y = year ?? placeInYear(env, 11, 25, null);
        // the fourth Thursday of November
        const first = weekday(y, 11, 1);
        const d = 1 + ((4 - first + 7) % 7) + 21;
        return date(dayPeriod(y, 11, d), year ? 'absolute' : 'publication');
      };
    },
  },
  {
    name: 'election-day',
    // US federal elections: the Tuesday after the first Monday of November
    re: rx(`Election\\s+Day(?:\\s+(?<year>${YEAR}))?\\b`, 'g'),
    priority: 2,
    make: (g) => {
      const year = g.year ? Number(g.year) : null;
      return (env) => {
        const y = year ?? placeInYear(env, 11, 5, null);
        const firstMonday = 1 + ((1 - weekday(y, 11, 1) + 7) % 7);
        return date(dayPeriod(y, 11, firstMonday + 1), year ? 'absolute' : 'publication');
      };
    },
  },
  // ---- vague durations: "for a while", "for some time", "the weeks ahead", "decades-long"
  {
    name: 'vague-duration',
    re: rx(
      `(?:(?:for|in|after|within|take|takes|took|taken|last|lasts|lasted)\\s+(?<t>a\\s+while|some\\s+time|quite\\s+some\\s+time)|(?<ahead>the\\s+(?<unit>days|weeks|months|years)\\s+ahead)|(?<unit2>days|weeks|months|years|decades|centuries)-long|(?:several|multi|many)-(?<unit3>day|week|month|year|decade))\\b(?![\\w-])`,
    ),
    priority: 1,
    make: (g) => {
      const unitWord = g.unit ?? g.unit2 ?? g.unit3;
      if (!unitWord) return () => ({ value: 'PXX', type: 'DURATION', precision: 'duration', anchor: 'none' });
      const unit = unitKey(unitWord);
      if (!unit) return null;
      return () => duration(null, unit);
    },
  },
  {
    name: 'mid-part-of-day',
    // "mid-afternoon yesterday", "by mid afternoon", "midmorning Tuesday"
    re: rx(`(?<pod>mid[-\\s]?(?:afternoon|morning))(?:\\s+(?<day>${FULL_WEEKDAY}|${DAY_WORD}))?\\b`),
    priority: 2,
    make: (g) => {
      const code = /afternoon/i.test(g.pod!) ? 'AF' : 'MO';
      return (env) => {
        const r = dayExpression(g.day, env);
        const p = r?.p ?? (env.focusDay.gran === 'day' || env.focusDay.gran === 'time' ? env.focusDay : env.ref);
        return date({ y: p.y, m: p.m, d: p.d, gran: 'time', clock: code }, r?.anchor ?? 'narrative');
      };
    },
  },
  // ---- the present, past and future as such: "now", "currently", "recently", "the future"
  {
    name: 'reference',
    re: rx(
      `\\b(?:(?<present>now|presently|currently|current|nowadays|at\\s+present|right\\s+now|these\\s+days|the\\s+present)|(?<past>recently|lately|the\\s+past|more\\s+recently)|(?<future>the\\s+(?:near\\s+|distant\\s+|foreseeable\\s+)?future|the\\s+(?:near|short|long|longer)\\s+term|a\\s+later\\s+date))\\b(?![\\w'’-])`,
    ),
    priority: 0,
    make: (g, m, text) => {
      const word = m[0].toLowerCase();
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 14);
      if (g.present) {
        // "now that" is still the present. "current" and "currently" were marked in about 57 %
        // of their uses in TimeBank and MEANTIME together, enough to raise F1 on both; not
        // "current account" (a balance), and "the current year/quarter" belong to other rules
        if (word === 'current') {
          if (/^\s+(?:account|affairs|events|accounts)\b/i.test(after)) return null;
          if (/^-/.test(after) || /^\s*[,.;:)]/.test(after)) return null;
          const before = text.slice(Math.max(0, m.index - 6), m.index);
          if (/\bthen\s+$/i.test(before)) return null;
        }
        if (word === 'the present' && !/^\s*[,.;)]/.test(after)) return null;
        return () => ref('PRESENT_REF');
      }
      if (g.past) {
        if (word === 'the past' && /^\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten)/i.test(after)) return null;
        return () => ref('PAST_REF');
      }
      if (/^future/.test(word) && /^\s+(?:tense|contract|s)\b/i.test(after)) return null;
      if (word === 'shortly' && /^\s+(?:before|after)\b/i.test(after)) return null;
      return () => ref('FUTURE_REF');
    },
  },
];

// ------------------------------------------------------------------ anchored rules

// Most rules can only match around a word of their own (a unit word, a month name, a year);
// such a rule is run only near those words (times/anchors.ts), which finds the same matches as
// running it over the whole text. `back` is the most runs of separators (\s and "-") the
// pattern can cross before its anchor, counted from the pattern: each `\s+`, `\s*`, `[\s-]`
// or "-" on the way to the anchor counts one. Every anchor word listed must be a whole run of
// letters wherever the pattern matches it (spaces or a word boundary on both sides).

/** the words a number or vague count ends with, and the words allowed between it and a unit */
const COUNT_ENDINGS: readonly string[] = [
  ...NUMBERS.keys(),
  'of',
  'half',
  ...[...VAGUE_COUNTS].map((v) => v.split(' ').pop()!),
  ...['more', 'additional', 'full', 'straight', 'consecutive', 'long', 'short', 'successive', 'whole', 'extra'],
];

/** a unit word preceded by spaces and a count ("three years", "a few more days") */
function countBefore(text: string, anchor: number): boolean {
  const e = wordEndBefore(text, anchor);
  if (e <= 0) return false;
  const c = text.charCodeAt(e - 1);
  if (c >= 48 && c <= 57) return true;
  return runEndsWith(text, e, COUNT_ENDINGS);
}

/** a unit word after a number and a space or hyphen ("five-year", "30 day") */
function countJustBefore(text: string, anchor: number): boolean {
  if (anchor < 2) return false;
  const sep = text.charCodeAt(anchor - 1);
  if (sep !== 45 && !/\s/.test(text[anchor - 1]!)) return false;
  const c = text.charCodeAt(anchor - 2);
  if (c >= 48 && c <= 57) return true;
  return runEndsWith(text, anchor - 1, COUNT_ENDINGS);
}

const REL_ENDINGS = ['last', 'this', 'next', 'coming', 'past', 'previous', 'following', 'same', 'that', 'current', 'prior', 'preceding', 'latest', 'new', 'fiscal'];

function relBefore(text: string, anchor: number): boolean {
  const e = wordEndBefore(text, anchor);
  return e > 0 && runEndsWith(text, e, REL_ENDINGS);
}

/** "a year", "per week": the word before a rate's unit */
function rateBefore(text: string, anchor: number): boolean {
  const e = wordEndBefore(text, anchor);
  return e > 0 && runEndsWith(text, e, ['a', 'an', 'per']);
}

const SET_ADVERBS = ['daily', 'weekly', 'monthly', 'annually', 'yearly', 'hourly', 'nightly', 'biweekly', 'bimonthly', 'semiannually'];
const SET_BEFORE = [...COUNT_ENDINGS, 'every', 'each', 'per', 'other', 'single'];

/** "every week", "each other Monday", "per 100 years", or an adverb ("daily", "semi-annually") */
function setBefore(text: string, anchor: number): boolean {
  const e = wordEndBefore(text, anchor);
  if (e > 0) {
    const c = text.charCodeAt(e - 1);
    if ((c >= 48 && c <= 57) || runEndsWith(text, e, SET_BEFORE)) return true;
  }
  let end = anchor;
  while (end < text.length && ((text.charCodeAt(end) | 32) - 97) >>> 0 < 26) end++;
  for (const adverb of SET_ADVERBS) if (startsWith(text, anchor, end, adverb)) return true;
  return false;
}

const MONTH_WORDS = [...MONTHS.keys()];
const FULL_WEEKDAYS = [...WEEKDAYS.keys()].filter((w) => w.endsWith('day'));
const YEAR_WORDS = ['eighteen', 'nineteen', 'two'];

/** 1500-2099 written with four digits */
function yearDigits(text: string, start: number, end: number): boolean {
  if (end - start !== 4) return false;
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  return (a === 49 && b >= 53) || (a === 50 && b === 48);
}

/** the hour of a clock time: "7 p.m.", "10:30", "1800 GMT" (spaces may come before the rest) */
function clockDigits(text: string, start: number, end: number): boolean {
  const n = end - start;
  if (n !== 1 && n !== 2 && n !== 4) return false;
  let p = end;
  while (p < text.length && isSpace(text.charCodeAt(p))) p++;
  // (a text that ends in digits: reading past its end deoptimized the compiled test)
  if (p === text.length) return false;
  const c = text.charCodeAt(p);
  if (n === 4) {
    const l = c | 32;
    return l === 117 || l === 103 || l === 104; // UTC, GMT, hours/hrs
  }
  if (c === 58 && p === end) return true; // 10:30
  const l = c | 32;
  return l === 97 || l === 112; // a.m., p.m.
}

/** a letter run that starts with "noon", "midday" or "midnight" (the pattern has no \b there) */
function clockWord(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start) | 32;
  if (c === 110) return startsWith(text, start, end, 'noon');
  if (c !== 109) return false;
  return startsWith(text, start, end, 'midday') || startsWith(text, start, end, 'midnight');
}

function startsWith(text: string, start: number, end: number, word: string): boolean {
  if (end - start < word.length) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(start + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

const RULE_ANCHORS: Record<string, AnchorSpec> = {
  'month-day-year': { words: MONTH_WORDS, back: 3 },
  'day-month-year': { words: MONTH_WORDS, back: 5 },
  'month-year': { words: MONTH_WORDS, back: 3 },
  'relative-month': { words: MONTH_WORDS, back: 5 },
  'bare-month': { words: MONTH_WORDS, back: 3 },
  // the fiscal words may touch a year said in words ("FY-nineteen", "fiscalnineteen")
  year: {
    words: [...YEAR_WORDS, ...['fiscal', 'calendar', 'year', 'fy'].flatMap((f) => YEAR_WORDS.map((y) => f + y))],
    digits: yearDigits,
    back: 5,
  },
  weekday: { words: FULL_WEEKDAYS, back: 3 },
  'anaphoric-weekday': { words: FULL_WEEKDAYS, back: 2 },
  'ordinal-unit': { words: ['day', 'week', 'month', 'year'], back: 3 },
  clock: { words: [], digits: clockDigits, letters: clockWord, back: 2 },
  'relative-unit': { words: ['day', 'week', 'weekend', 'month', 'year', 'decade', 'century'], back: 6, before: relBefore },
  'day-before-after': { words: ['day'], back: 1 },
  'the-unit': { words: ['year', 'day', 'month', 'week'], back: 2 },
  'latest-period': { words: ['period', 'year', 'quarter'], back: 4 },
  'year-end': { words: ['year'], back: 1 },
  'period-ended': { words: ['year', 'months'], back: 3 },
  'edge-of-unit': { words: ['year', 'day', 'month', 'week'], back: 3 },
  offset: { words: UNIT_WORDS, back: 11, before: countBefore },
  duration: { words: UNIT_WORDS, back: 20, before: countBefore },
  'hyphen-duration': { words: [...UNITS.keys()], back: 6, before: countJustBefore },
  quarter: { words: ['quarter', 'half'], back: 7 },
  century: { words: ['century'], back: 3 },
  'the-quarter': { words: ['quarter'], back: 1 },
  'deictic-day': { words: ['today', 'yesterday', 'tomorrow', 'tonight'], back: 1 },
  'part-of-day': { words: ['morning', 'afternoon', 'evening', 'night'], back: 1 },
  'the-weekend': { words: ['weekend'], back: 2 },
  set: { words: [...UNIT_WORDS, ...FULL_WEEKDAYS, 'morning', 'afternoon', 'evening', 'night', ...SET_ADVERBS], back: 8, before: setBefore },
  // a holiday's pattern starts with its name
  holiday: { words: [...new Set([...HOLIDAYS.keys()].map((n) => n.split(/[\s'’]/)[0]!))], back: 0 },
  thanksgiving: { words: ['thanksgiving'], back: 0 },
  'election-day': { words: ['election'], back: 0 },
  'mid-part-of-day': { words: ['afternoon', 'morning', 'midafternoon', 'midmorning'], back: 1 },
  season: { words: [...SEASONS.keys()], back: 3 },
  'vague-duration': { words: ['while', 'time', 'ahead', 'long', 'day', 'week', 'month', 'year', 'decade'], back: 3 },
  'vague-span': { words: ['minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries', 'quarters'], back: 4 },
  'year-ago': { words: ['year'], back: 3 },
  rate: { words: [...UNITS.keys()], back: 8, before: rateBefore },
  reference: {
    words: ['now', 'presently', 'currently', 'current', 'nowadays', 'present', 'days', 'recently', 'lately', 'past', 'future', 'term', 'date'],
    back: 2,
  },
};

const ANCHORS = new AnchorIndex();
/** the decade rule runs over the whole text (a match may begin with "'"), only when the text
 * holds a decade: digits ending in 0 before "s" or "'s", or a decade word */
const DECADE_GATE = ANCHORS.add({
  words: ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'],
  digits: (text, start, end) => {
    if (text.charCodeAt(end - 1) !== 48) return false;
    const next = text.charCodeAt(end) | 32;
    return next === 115 || (next === (39 | 32) && (text.charCodeAt(end + 1) | 32) === 115);
  },
  back: 0,
});
const DECADE_RULE = RULES.findIndex((r) => r.name === 'decade');

// One pass over a sample that reaches every anchor kind gives the scan and the matching their
// type feedback at load, so that the compiler does not see their rare branches only later and
// throw away its code (measured: several deoptimizations over the first few hundred articles).
// ("noonday": a match that ends inside a word, which addCandidate drops; one article of the
// bench has such a word, "noone", and deoptimized findCandidates there.)
const WARM_UP =
  'On Friday, March 3, 2001 at 10:30 p.m. EST, noon and midnight, noonday, the 1990s, in fiscal 1999, twenty-four hours ago, ' +
  'five-year, last week, this morning, the day before, every other week, twice a year, the third quarter, this spring, ' +
  'for a while, recently, now, the future, the year-ago period, Christmas, Thanksgiving, Election Day, mid-afternoon.';

/** per rule (in the order of RULES): its number in ANCHORS and its sticky pattern, if anchored */
const ANCHORED: ({ id: number; sticky: RegExp } | undefined)[] = RULES.map((rule) => {
  const spec = RULE_ANCHORS[rule.name];
  if (!spec) return undefined;
  // anchored matching tries only the starts of letter and digit runs: the pattern must begin
  // with a word boundary before a letter or digit (rx() adds the boundary)
  if (!rule.re.source.startsWith('\\b')) throw new Error(`anchored time rule ${rule.name} must start with \\b`);
  return { id: ANCHORS.add(spec), sticky: new RegExp(rule.re.source, rule.re.flags + 'y') };
});

/** The narrative time an anaphoric expression of granularity `gran` counts from. */
function anaphor(env: Env, gran: Granularity): Period {
  return gran === 'day' || gran === 'time' ? env.focusDay : env.focus;
}

function dayPeriod(y: number, m: number, d: number): Period {
  return { y, m, d, gran: 'day' };
}

function setOf(n: number, unit: string): Resolved {
  const d = duration(n, unit);
  return { value: d.value, type: 'SET', precision: 'set', anchor: 'none' };
}

/** The weekend before (-1), of (0) or after (+1) the publication date. */
function placeWeekend(env: Env, direction: number): Period {
  const r = env.ref;
  const wd = weekday(r.y, r.m, r.d);
  let saturday: { y: number; m: number; d: number };
  if (wd >= 6) saturday = addDays(r, 6 - wd);
  else if (direction < 0) saturday = addDays(r, -(wd + 1));
  else saturday = addDays(r, 6 - wd);
  return { ...saturday, gran: 'weekend' };
}

// ------------------------------------------------------------------ recognition

findCandidates(WARM_UP);

/**
 * Find and resolve the time expressions of a text. `referenceDate` (YYYY-MM-DD) is the
 * publication date: the anchor of deictic expressions and the narrative's first focus.
 */
export function recognizeTimes(text: string, referenceDate: string, tokens: readonly Token[] = []): RecognizedTime[] {
  const refDay = parseIsoDay(referenceDate) ?? parseIsoDay(new Date().toISOString())!;
  const refPeriod: Period = { y: refDay.y, m: refDay.m, d: refDay.d, gran: 'day' };
  const chosen = choose(findCandidates(text), text.length);
  return resolveAll(chosen, text, refPeriod, tokens);
}

/** Every match of every rule that passes its rule's check, as a candidate. */
function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  ANCHORS.scan(text);
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i]!;
    const anchored = ANCHORED[i];
    if (anchored) {
      ANCHORS.matches(anchored.sticky, text, anchored.id, (m) => addCandidate(candidates, rule, m, text));
      continue;
    }
    if (i === DECADE_RULE && !ANCHORS.any(DECADE_GATE)) continue;
    const re = rule.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      addCandidate(candidates, rule, m, text);
    }
  }
  return candidates;
}

function addCandidate(candidates: Candidate[], rule: Rule, m: RegExpExecArray, text: string): void {
  if (m[0].length === 0) return;
  // a rule may match leading context and name the expression itself group "t" (a suffix)
  const end = m.index + m[0].length;
  const target = m.groups?.t;
  const start = target ? end - target.length : m.index;
  // whole words only: the match must not cut a word on either side
  if (start > 0 && isWordChar(text.charCodeAt(start - 1)) && isWordChar(text.charCodeAt(start))) return;
  if (end < text.length && isWordChar(text.charCodeAt(end)) && isWordChar(text.charCodeAt(end - 1))) return;
  const resolve = rule.make((m.groups ?? {}) as Groups, m, text);
  if (resolve) candidates.push({ start, end, priority: rule.priority ?? 1, resolve });
}

/** The characters taken by chosen candidates, reused from text to text (all 0 between calls):
 *  a typed array allocated per text costs more than the choice. */
let taken = new Uint8Array(8192);

/** The longest candidates that do not overlap, in text order. */
function choose(candidates: Candidate[], length: number): Candidate[] {
  // longest match wins; ties go to the more specific rule
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  if (taken.length < length) taken = new Uint8Array(length + (length >> 1));
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  // cleared for the next text: only what was taken
  for (const c of chosen) taken.fill(0, c.start, c.end);
  chosen.sort((a, b) => a.start - b.start);
  return chosen;
}

/** The environment of one candidate: the narrative's state, and the tense of the clause
 *  around it, read only by the rules that need it (bare weekdays, months, month-days …). A
 *  class rather than an object literal with getters and closures made per candidate. */
class CandidateEnv implements Env {
  private clause: Tense | undefined = undefined;

  constructor(
    readonly ref: Period,
    readonly focus: Period,
    readonly focusDay: Period,
    readonly focusQuarter: Period | null,
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly start: number,
    private readonly end: number,
  ) {}

  get tense(): Tense {
    if (this.clause === undefined) {
      let tense = clauseTense(this.tokens, this.start, this.end);
      if (tense === 'unknown' && clauseIsFuture(this.text, this.start, this.end)) tense = 'future';
      this.clause = tense;
    }
    return this.clause;
  }

  get future(): boolean {
    return this.tense === 'future';
  }
}

/** Resolve the chosen candidates in text order, moving the narrative's focus as they go. */
function resolveAll(chosen: Candidate[], text: string, refPeriod: Period, tokens: readonly Token[]): RecognizedTime[] {
  const out: RecognizedTime[] = [];
  let focus: Period = refPeriod;
  let focusDay: Period = refPeriod;
  let focusQuarter: Period | null = null;
  for (const c of chosen) {
    const r = c.resolve(new CandidateEnv(refPeriod, focus, focusDay, focusQuarter, text, tokens, c.start, c.end));
    if (!r) continue;
    out.push({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      value: r.value,
      type: r.type,
      precision: r.precision,
      anchor: r.anchor,
    });
    // the narrative moves to any date it mentions (a specific one, not a decade or century)
    if (r.period && r.period.gran !== 'decade' && r.period.gran !== 'century') {
      focus = r.period;
      if (r.period.gran === 'day' || r.period.gran === 'time') focusDay = r.period;
      if ((r.period.gran === 'quarter' || r.period.gran === 'half') && r.anchor !== 'narrative') focusQuarter = r.period;
    }
  }
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Exported for profiling the rules one by one.
export const internals = {
  RULES,
  RULE_ANCHORS,
  /** may the decade rule match in the text? */
  decadeGate(text: string): boolean {
    ANCHORS.scan(text);
    return ANCHORS.any(DECADE_GATE);
  },
  /** the matches (start, end) of rule i found by anchored matching, or null if it is not anchored */
  anchoredMatches(i: number, text: string): [number, number][] | null {
    const anchored = ANCHORED[i];
    if (!anchored) return null;
    const out: [number, number][] = [];
    ANCHORS.scan(text);
    ANCHORS.matches(anchored.sticky, text, anchored.id, (m) => out.push([m.index, m.index + m[0].length]));
    return out;
  },
};
