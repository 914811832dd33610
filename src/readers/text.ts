// Plain text and Markdown. The text is kept as written (Markdown markup included) because
// every offset downstream refers to it; only an optional YAML front matter block at the
// top is taken off and read as metadata.
import YAML from 'yaml';
import type { RawDocument } from './document.js';

export type TextKind = 'text' | 'markdown';

// "---" on the first line, YAML, then "---" (or "...") on a line of its own.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
/** A first line longer than this is the start of the text, not a title. */
const MAX_TITLE_LENGTH = 200;

export type TextResult = { raw: RawDocument } | { problem: string; line?: number };

function firstLineTitle(body: string, kind: TextKind): string | null {
  const match = /^[ \t]*(\S[^\n]*)/m.exec(body);
  if (!match) return null;
  let line = match[1].trim();
  if (line.length >= MAX_TITLE_LENGTH) return null;
  if (kind === 'markdown') {
    // "# Title #" -> "Title": the heading marks are markup, not the title.
    line = line.replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '').trim();
  }
  return line === '' ? null : line;
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
  if (fm) {
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
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      return { problem: 'malformed front matter: expected "key: value" lines', line: 2 };
    }
    meta = (parsed ?? {}) as Record<string, unknown>;
    body = content.slice(fm[0].length);
  }
  const title = pick(meta, 'title', 'headline');
  return {
    raw: {
      id: pick(meta, 'id'),
      title: title ?? firstLineTitle(body, kind),
      url: pick(meta, 'url', 'link'),
      source: pick(meta, 'source', 'publisher', 'site'),
      published: pick(meta, 'published', 'date', 'pubDate', 'pubdate', 'published_at'),
      language: pick(meta, 'language', 'lang'),
      text: body,
    },
  };
}
