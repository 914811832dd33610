// Plain text and Markdown. The text is kept as written (Markdown markup included) because
// every offset downstream refers to it; only an optional YAML front matter block at the
// top is taken off and read as metadata.
import YAML from 'yaml';
import { normalizeDate } from './dates.js';
import type { RawDocument } from './document.js';

export type TextKind = 'text' | 'markdown';

// "---" on the first line, YAML, then "---" (or "...") on a line of its own.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const YAML_KEY_LINE = /^[A-Za-z_][\w-]*[ \t]*:/m;
/** A first line longer than this is the start of the text, not a title. */
const MAX_TITLE_LENGTH = 200;

export type TextResult = { raw: RawDocument } | { problem: string; line?: number };

// A line that is nothing but a date ("Friday, January 4, 2019", "2021-03-03"): saved
// articles often start with one, before or after the headline.
const DATE_LINE_MAX = 40;
const DATE_LINE_CHARS = /^[\w ,.:+\-\/]+$/;

function dateLine(line: string): string | null {
  if (line.length > DATE_LINE_MAX || !DATE_LINE_CHARS.test(line)) return null;
  return normalizeDate(line);
}

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** How many non-empty lines at the top may hold the date and the title. */
const HEAD_LINES = 3;

/**
 * Title and date from the text's first lines: the first line that is neither a date nor
 * bare punctuation (a Markdown rule) is the title when short; a date line before it is
 * the publication date.
 */
function headOf(body: string, kind: TextKind): { title: string | null; published: string | null } {
  let title: string | null = null;
  let published: string | null = null;
  let seen = 0;
  for (let start = 0; start < body.length && seen < HEAD_LINES; ) {
    const end = body.indexOf('\n', start);
    const raw = body.slice(start, end === -1 ? body.length : end).trim();
    start = end === -1 ? body.length : end + 1;
    if (raw === '') continue;
    seen++;
    if (!HAS_WORD_CHARACTER.test(raw)) continue;
    const date = dateLine(raw);
    if (date) {
      published ??= date;
      continue;
    }
    if (raw.length < MAX_TITLE_LENGTH) {
      // "# Title #" -> "Title": the heading marks are markup, not the title.
      const line = kind === 'markdown' ? raw.replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '').trim() : raw;
      title = line === '' ? null : line;
    }
    break;
  }
  return { title, published };
}

function pick(meta: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = meta[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** Read a plain-text or Markdown document (already decoded, newlines normalized). */
export function readText(content: string, kind: TextKind): TextResult {
  let body = content;
  let meta: Record<string, unknown> = {};
  const fm = FRONT_MATTER.exec(content);
  // A block without any "key:" line is prose between two horizontal rules, not metadata.
  if (fm && YAML_KEY_LINE.test(fm[1])) {
    let parsed: unknown;
    try {
      parsed = YAML.parse(fm[1]);
    } catch (error) {
      const linePos = (error as { linePos?: Array<{ line: number }> }).linePos;
      // +1: the YAML starts on the line after the opening "---".
      const line = linePos?.[0]?.line !== undefined ? linePos[0].line + 1 : undefined;
      const message = (error as Error).message.split('\n')[0];
      return { problem: `malformed front matter: ${message}`, line };
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      meta = parsed as Record<string, unknown>;
      body = content.slice(fm[0].length);
    }
  }
  const head = headOf(body, kind);
  return {
    raw: {
      id: pick(meta, 'id'),
      title: pick(meta, 'title', 'headline') ?? head.title,
      url: pick(meta, 'url', 'link'),
      source: pick(meta, 'source', 'publisher', 'site'),
      published: pick(meta, 'published', 'date', 'pubDate', 'pubdate', 'published_at') ?? head.published,
      language: pick(meta, 'language', 'lang'),
      text: body,
    },
  };
}
