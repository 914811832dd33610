// Publication dates arrive in every format sites and feeds use; the pipeline wants a plain
// day (YYYY-MM-DD) because that is the anchor for "yesterday" and "last week". The date is
// kept as written (the publisher's local day), not shifted to UTC: an article stamped
// 2021-03-03T23:30-05:00 was published on the 3rd where it was written.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';

// 2021-03-03, 2021-03-03T10:00:00Z, 2021-3-3 10:00
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/;
// 20210303 or 20210303T101500
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})(?:T|$)/;
// 2021/03/03
const SLASHED_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/;
// 03/03/2021 (US order unless the first number cannot be a month) and 03.03.2021 (day first)
const SLASHED_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/;
const DOTTED_DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/;
// Wed, 03 Mar 2021 10:00:00 GMT (RFC 822/1123; two-digit years too), 3 March 2021, 03-Mar-2021
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}(\\d{1,2})${ORDINAL}[\\s-]*(?:of\\s+)?${MONTH_NAME}[\\s,-]+(\\d{4}|\\d{2})(?![\\d])`, 'i');
// March 3, 2021 / Mar. 3rd 2021 / Wednesday, March 3, 2021
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH_NAME}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})(?!\\d)`, 'i');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length !== 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

function fromEpoch(value: number): string | null {
  // Epoch numbers in JSON feeds are seconds or milliseconds; below 1e11 they are seconds
  // (1e11 ms is 1973, 1e11 s is the year 5138).
  const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Normalize a publication date to YYYY-MM-DD; null when it is missing or not a valid day. */
export function normalizeDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // 20210303 read as a number (YAML, JSON) is a compact date, not a 1970 timestamp.
    if (Number.isInteger(value) && value >= 10000101 && value <= 29991231) return normalizeDate(String(value));
    return fromEpoch(value);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));

  let m = ISO_DAY.exec(text) ?? SLASHED_YMD.exec(text) ?? COMPACT_DAY.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = SLASHED_MDY.exec(text))) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    return first > 12 ? isoDay(Number(m[3]), second, first) : isoDay(Number(m[3]), first, second);
  }
  if ((m = DOTTED_DMY.exec(text))) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = DAY_MONTH_YEAR.exec(text))) {
    return isoDay(fullYear(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]));
  }
  if ((m = MONTH_DAY_YEAR.exec(text))) {
    return isoDay(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]));
  }
  return null;
}
