// Loads data/times/lexicon.yaml once and exposes lookup tables and regex fragments built
// from it, so that the grammar (recognizer.ts) reads like the TIMEX3 rules it implements.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../util/paths.js';

interface UnitEntry {
  code: string;
  time?: boolean;
  factor?: number;
}

interface LexiconFile {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  seasons: Record<string, string>;
  partsOfDay: Record<string, string>;
  units: Record<string, UnitEntry>;
  numbers: Record<string, number>;
  ordinals: Record<string, number>;
  vagueCounts: string[];
  holidays: Record<string, [number, number]>;
}

const raw = parse(readFileSync(dataPath('times', 'lexicon.yaml'), 'utf8')) as LexiconFile;

export const MONTHS = new Map(Object.entries(raw.months));
export const WEEKDAYS = new Map(Object.entries(raw.weekdays));
export const SEASONS = new Map(Object.entries(raw.seasons));
export const PARTS_OF_DAY = new Map(Object.entries(raw.partsOfDay));
export const UNITS = new Map(Object.entries(raw.units));
export const NUMBERS = new Map(Object.entries(raw.numbers));
export const ORDINALS = new Map(Object.entries(raw.ordinals));
export const VAGUE_COUNTS = new Set(raw.vagueCounts);
export const HOLIDAYS = new Map(Object.entries(raw.holidays));

/** Alternation of words, longest first so that a regex never stops at a prefix. */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’]"))
    .join('|');
}

const ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TENS = Object.keys(raw.numbers).filter((w) => (raw.numbers[w] ?? 0) >= 20 && (raw.numbers[w] ?? 0) < 100);
const SMALL = Object.keys(raw.numbers).filter((w) => (raw.numbers[w] ?? 0) < 20 && w !== 'dozen' && w !== 'couple');

/** Month names; abbreviations may carry a full stop. */
export const MONTH = `(?:(?:${alternation([...MONTHS.keys()].filter((m) => m.length > 4 || m === 'may' || m === 'june' || m === 'july'))})\\b|(?:${alternation([...MONTHS.keys()].filter((m) => m.length <= 4 && m !== 'may' && m !== 'june' && m !== 'july'))})(?:\\.|\\b))`;
export const WEEKDAY = `(?:${alternation([...WEEKDAYS.keys()].filter((w) => w.length > 3 || w === 'tue' || w === 'thu'))})\\b\\.?`;
export const FULL_WEEKDAY = `(?:${alternation([...WEEKDAYS.keys()].filter((w) => w.endsWith('day')))})\\b`;
export const SEASON = `(?:${alternation(SEASONS.keys())})\\b`;
export const PART_OF_DAY = `(?:${alternation(PARTS_OF_DAY.keys())})\\b`;
function pluralOf(unit: string): string {
  if (unit === 'century') return 'centuries';
  if (unit === 'millennium') return 'millennia';
  return unit + 's';
}

/** every unit word, singular and plural ("year", "years", "centuries") */
export const UNIT_WORDS: readonly string[] = [...UNITS.keys()].flatMap((u) => [u, pluralOf(u)]);

/** singular or plural unit word */
export const UNIT = `(?:${alternation([...UNITS.keys()].flatMap((u) => [u, pluralOf(u)]))})\\b`;
export const UNIT_SINGULAR = `(?:${alternation(UNITS.keys())})\\b`;
export const ORDINAL_WORD = `(?:${alternation(Object.keys(raw.ordinals).filter((w) => w !== 'last'))})\\b`;
const WORD_NUMBER =
  `(?:(?:${alternation(TENS)})(?:[\\s-](?:${ONES.join('|')}))?|(?:a|one)\\s+hundred|a\\s+dozen|(?:a\\s+)?couple(?:\\s+of)?|${alternation(SMALL)})`;
/** a cardinal: digits (with a fraction "2 1/2"), or number words ("twenty four", "a") */
export const NUMBER = `(?:\\d+(?:,\\d{3})*(?:\\.\\d+)?(?:\\s+1/2)?|${WORD_NUMBER}(?:\\s+and\\s+a\\s+half)?)`;
export const VAGUE = `(?:${alternation(VAGUE_COUNTS)})`;
export const DAY_OF_MONTH = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
export const YEAR = `(?:1[5-9]\\d\\d|20\\d\\d)`;
export const DECADE_WORD = `(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)`;
/** years said in words, as broadcast transcripts write them: "nineteen ninety-six" */
export const WORD_YEAR = `(?:(?:eighteen|nineteen)[\\s-]+(?:(?:${alternation(TENS)})(?:[\\s-](?:${ONES.join('|')}))?|hundred|${alternation(SMALL.filter((w) => w !== 'a' && w !== 'an'))})|two\\s+thousand(?:\\s+and)?(?:\\s+(?:${ONES.join('|')}|ten|eleven|twelve))?)`;

/** The value of a cardinal as matched by NUMBER, or null when vague/unknown. */
export function parseNumber(text: string): number | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(t)) {
    const [whole, frac] = t.split(' ');
    const n = Number(whole!.replace(/,/g, ''));
    return frac === '1/2' ? n + 0.5 : n;
  }
  let half = 0;
  let words = t;
  if (words.endsWith(' and a half')) {
    half = 0.5;
    words = words.slice(0, -' and a half'.length);
  }
  if (words === 'a hundred' || words === 'one hundred') return 100 + half;
  if (/^(?:a )?couple(?: of)?$/.test(words)) return 2;
  if (words === 'a dozen') return 12 + half;
  let total = 0;
  for (const part of words.split(/[\s-]+/)) {
    const n = NUMBERS.get(part);
    if (n === undefined) return null;
    total += n;
  }
  return total + half;
}

/** The year said in words ("nineteen ninety-six" -> 1996, "two thousand" -> 2000). */
export function parseWordYear(text: string): number | null {
  const t = text.toLowerCase().replace(/[\s-]+/g, ' ').trim();
  if (t.startsWith('two thousand')) {
    const rest = t.slice('two thousand'.length).replace(/^ and/, '').trim();
    return 2000 + (rest ? (parseNumber(rest) ?? 0) : 0);
  }
  const [century, ...rest] = t.split(' ');
  const c = NUMBERS.get(century!);
  if (c === undefined) return null;
  const tail = rest.join(' ');
  if (tail === 'hundred') return c * 100;
  const n = parseNumber(tail);
  return n === null ? null : c * 100 + n;
}

export function monthNumber(word: string): number | undefined {
  return MONTHS.get(word.toLowerCase().replace(/\.$/, ''));
}

export function weekdayNumber(word: string): number | undefined {
  return WEEKDAYS.get(word.toLowerCase().replace(/\.$/, ''));
}

/** singular unit key for a unit word ("centuries" -> "century") */
export function unitKey(word: string): string | undefined {
  const w = word.toLowerCase();
  if (UNITS.has(w)) return w;
  if (w === 'centuries') return 'century';
  if (w === 'millennia') return 'millennium';
  if (w.endsWith('es') && UNITS.has(w.slice(0, -2))) return w.slice(0, -2);
  if (w.endsWith('s') && UNITS.has(w.slice(0, -1))) return w.slice(0, -1);
  return undefined;
}
