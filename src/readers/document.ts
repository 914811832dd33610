// Every reader produces a RawDocument (what the input said); finishDocument turns it into
// the pipeline's Document the same way for all formats: id, date, language, checks.
import type { Document } from '../document/types.js';
import { normalizeDate } from './dates.js';
import { InputError } from './errors.js';
import { documentId } from './ids.js';
import { detectLanguage, normalizeLanguageCode } from './language.js';
import { normalizeNewlines } from './decode.js';

export interface RawDocument {
  id?: unknown;
  title?: unknown;
  url?: unknown;
  source?: unknown;
  published?: unknown;
  /** a language the input states outright (JSON "language", front matter "lang") */
  language?: unknown;
  /** a weaker statement, such as an HTML page's lang attribute: decides only for short texts */
  languageHint?: string | null;
  text: string;
}

export interface FinishOptions {
  /** normalized YYYY-MM-DD for documents without a publication date */
  defaultPublished?: string | null;
}

export type ReadItem = { doc: Document; origin: string } | { error: InputError };

const WHITESPACE_RUN = /\s+/g;

/** A one-line metadata string, or null when absent or blank. */
export function metadataString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.replace(WHITESPACE_RUN, ' ').trim();
  return text === '' ? null : text;
}

/** The Document for a reader's raw fields, or an InputError when there is no text. */
export function finishDocument(
  raw: RawDocument,
  file: string,
  origin: string,
  options: FinishOptions,
  line?: number,
): ReadItem {
  try {
    return buildDocument(raw, file, origin, options, line);
  } catch (error) {
    // A bug or a library failure on one document must not end the file it came from.
    return { error: new InputError(file, `cannot read: ${(error as Error)?.message ?? String(error)}`, line) };
  }
}

function buildDocument(raw: RawDocument, file: string, origin: string, options: FinishOptions, line?: number): ReadItem {
  // NFC so that "é" is one code unit however the source encoded it: dictionaries and
  // gazetteers downstream are NFC, and offsets are computed on this stored text.
  const text = normalizeNewlines(raw.text).normalize('NFC').trim();
  if (text === '') return { error: new InputError(file, 'empty text', line) };
  const doc: Document = {
    id: documentId(text, raw.id),
    title: metadataString(raw.title),
    url: metadataString(raw.url),
    source: metadataString(raw.source),
    published: normalizeDate(raw.published) ?? options.defaultPublished ?? null,
    language: normalizeLanguageCode(raw.language) ?? detectLanguage(text, raw.languageHint),
    text,
  };
  return { doc, origin };
}
