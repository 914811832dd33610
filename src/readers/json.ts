// JSON (one object or an array of objects) and JSON Lines records. Field names follow the
// common exports (news APIs, scrapers, the team's own JSONL): text|body|content etc.
import type { RawDocument } from './document.js';
import { htmlFragmentToText, looksLikeHtml } from './html-text.js';

const TEXT_KEYS = ['text', 'body', 'content', 'article', 'full_text', 'maintext'];
// News APIs often give only a summary; better a summary than nothing when no text is there.
const SUMMARY_KEYS = ['description', 'summary', 'abstract', 'lead'];
const TITLE_KEYS = ['title', 'headline'];
const PUBLISHED_KEYS = ['published', 'date', 'pubDate', 'pubdate', 'published_at', 'publishedAt', 'datePublished', 'date_publish', 'publish_date'];
const URL_KEYS = ['url', 'link', 'uri'];
const SOURCE_KEYS = ['source', 'source_domain', 'site', 'publisher', 'outlet'];
const LANGUAGE_KEYS = ['language', 'lang'];

function pick(record: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** A name from a string or from an object such as {"name": "Reuters"}. */
function nameOf(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    return record.name ?? record.title ?? record.id;
  }
  return value;
}

// Keys under which API responses and dumps wrap their list of articles
// ({"status": "ok", "articles": [...]}, {"data": [...]}).
const WRAPPER_KEYS = ['articles', 'documents', 'docs', 'items', 'results', 'data', 'records', 'stories', 'news'];

/** The records of a parsed JSON file: an array, a wrapped array, or one object. */
export function recordsOf(value: unknown): { records: unknown[]; many: boolean } {
  if (Array.isArray(value)) return { records: value, many: true };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (pick(record, TEXT_KEYS) === undefined) {
      for (const key of WRAPPER_KEYS) {
        const inner = record[key];
        if (Array.isArray(inner) && inner.some((item) => item && typeof item === 'object')) return { records: inner, many: true };
      }
    }
  }
  return { records: [value], many: false };
}

export type RecordResult = { raw: RawDocument } | { problem: string };

/** The raw document of one JSON record. */
export function recordToRaw(value: unknown): RecordResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'expected a JSON object with a "text" field' };
  }
  const record = value as Record<string, unknown>;
  const text = pick(record, TEXT_KEYS) ?? pick(record, SUMMARY_KEYS);
  if (text === undefined) return { problem: 'empty text (no text, body or content field)' };
  if (typeof text !== 'string') return { problem: 'the text field is not a string' };
  return {
    raw: {
      id: record.id,
      title: pick(record, TITLE_KEYS),
      url: pick(record, URL_KEYS),
      source: nameOf(pick(record, SOURCE_KEYS)),
      published: pick(record, PUBLISHED_KEYS),
      language: pick(record, LANGUAGE_KEYS),
      // Some exports store the article's HTML; offsets must refer to readable text.
      text: looksLikeHtml(text) && /<\/?[a-zA-Z]/.test(text) ? htmlFragmentToText(text) : text,
    },
  };
}

/**
 * Where JSON.parse stopped: V8's messages give a position only for some errors, so the
 * text is scanned by a small validator that finds the first offending character. Runs
 * only after a parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 1;
            fail();
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i += 1;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    else i += match[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    space();
    if (i < n) fail();
  } catch (offset) {
    // A number is where the text went wrong; anything else (a stack overflow on absurdly
    // deep nesting) stopped the scan where it stood.
    return Math.min(typeof offset === 'number' ? offset : i, n);
  }
  return n;
}

/** 1-based line number of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** The parse error of a JSON text as a one-line problem and its line. */
export function describeJsonError(text: string, error: unknown): { problem: string; line: number } {
  const offset = jsonErrorOffset(text);
  const line = lineOf(text, offset);
  const column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  return { problem: `malformed JSON: ${parseMessage(error)} (column ${column})`, line };
}

/** V8's parse message without the echo of the input and the position (given as line/column instead). */
function parseMessage(error: unknown): string {
  return (error as Error).message
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .split('\n')[0];
}
