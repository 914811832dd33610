// The input side of the pipeline: files, directories and stdin -> Documents. Nothing here
// throws for bad input: each problem comes out as an {error} item naming the file (and
// line), and reading goes on with the next line, file or input.
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { decodeBytes, decodeLine, decodeMarkupBytes, looksBinary } from './decode.js';
import { finishDocument, type FinishOptions, type ReadItem } from './document.js';
import { normalizeDate } from './dates.js';
import { InputError } from './errors.js';
import { readFeed, looksLikeFeed } from './feed.js';
import { readHtml } from './html.js';
import { describeJsonError, recordsOf, recordToRaw } from './json.js';
import { readText, type TextKind } from './text.js';

export { InputError } from './errors.js';
export { documentId } from './ids.js';
export { normalizeDate } from './dates.js';
export { detectLanguage } from './language.js';
export type { ReadItem } from './document.js';

export interface ReadOptions {
  /** default publication date (YYYY-MM-DD) for documents lacking one */
  published?: string;
  /** where "-" reads from (process.stdin by default) */
  stdin?: NodeJS.ReadableStream;
}

type Format = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'feed' | 'xml';

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.txt': 'text', '.text': 'text',
  '.md': 'markdown', '.markdown': 'markdown',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.rss': 'feed', '.atom': 'feed', '.xml': 'xml',
};
// Any of these may also be gzip-compressed: "name.jsonl.gz".

const STDIN_NAME = '<stdin>';

function problemOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read: permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'cannot read: too many symbolic links';
  return `cannot read: ${(error as Error)?.message ?? String(error)}`;
}

/** Documents in a decoded text of a known format (a whole file, or all of stdin). */
function* readContent(content: string, format: Format, file: string, options: FinishOptions): Generator<ReadItem> {
  switch (format) {
    case 'text':
    case 'markdown': {
      const result = readText(content, format as TextKind);
      if ('problem' in result) yield { error: new InputError(file, result.problem, result.line) };
      else yield finishDocument(result.raw, file, file, options);
      return;
    }
    case 'html':
      yield finishDocument(readHtml(content), file, file, options);
      return;
    case 'xml':
    case 'feed': {
      if (format === 'xml' && !looksLikeFeed(content)) {
        yield { error: new InputError(file, 'unreadable feed: XML but not RSS or Atom') };
        return;
      }
      const result = readFeed(content);
      if ('problem' in result) {
        yield { error: new InputError(file, result.problem, result.line) };
        return;
      }
      for (const item of result.items) {
        const done = finishDocument(item.raw, file, `${file}#${item.number}`, options);
        yield 'error' in done ? { error: new InputError(file, `${item.label}: ${done.error.problem}`) } : done;
      }
      return;
    }
    case 'json':
      yield* readJson(content, file, options);
      return;
    case 'jsonl': {
      let line = 0;
      for (const text of content.split('\n')) yield* jsonLine(text, ++line, file, options);
      return;
    }
  }
}

function* jsonLine(text: string, line: number, file: string, options: FinishOptions): Generator<ReadItem> {
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    yield { error: new InputError(file, describeJsonError(text, error).problem, line) };
    return;
  }
  let result: ReturnType<typeof recordToRaw>;
  try {
    result = recordToRaw(value);
  } catch (error) {
    result = { problem: `cannot read: ${(error as Error)?.message ?? String(error)}` };
  }
  if ('problem' in result) yield { error: new InputError(file, result.problem, line) };
  else yield finishDocument(result.raw, file, `${file}:${line}`, options, line);
}

function* readJson(content: string, file: string, options: FinishOptions): Generator<ReadItem> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    // A .json file holding JSON Lines (one object per line) is common enough to accept.
    const firstLine = content.trimStart().split('\n', 1)[0];
    if (firstLine.startsWith('{') && content.trim().includes('\n') && parsesAsObject(firstLine)) {
      yield* readContent(content, 'jsonl', file, options);
      return;
    }
    const { problem, line } = describeJsonError(content, error);
    yield { error: new InputError(file, problem, line) };
    return;
  }
  const { records, many } = recordsOf(value);
  if (records.length === 0) {
    yield { error: new InputError(file, 'empty text (no records)') };
    return;
  }
  for (let i = 0; i < records.length; i++) {
    const result = recordToRaw(records[i]);
    if ('problem' in result) {
      yield { error: new InputError(file, many ? `record ${i + 1}: ${result.problem}` : result.problem) };
      continue;
    }
    const done = finishDocument(result.raw, file, many ? `${file}#${i + 1}` : file, options);
    if ('error' in done && many) yield { error: new InputError(file, `record ${i + 1}: ${done.error.problem}`) };
    else yield done;
  }
}

function parsesAsObject(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ streaming JSON Lines

type Chunk = Buffer | string;

/** Split a byte stream into lines without decoding it as a whole (decoding is per line). */
async function* byteLines(chunks: AsyncIterable<Chunk>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      yield pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending);
}

async function* readJsonLinesStream(chunks: AsyncIterable<Chunk>, file: string, options: FinishOptions): AsyncGenerator<ReadItem> {
  let line = 0;
  let produced = 0;
  for await (const bytes of byteLines(chunks)) {
    line++;
    if (bytes.indexOf(0) !== -1) {
      produced++;
      yield { error: new InputError(file, 'binary data, not text', line) };
      continue;
    }
    const decoded = decodeLine(bytes);
    if ('problem' in decoded) {
      produced++;
      yield { error: new InputError(file, decoded.problem, line) };
      continue;
    }
    for (const item of jsonLine(decoded.text, line, file, options)) {
      produced++;
      yield item;
    }
  }
  if (produced === 0) yield { error: new InputError(file, 'empty text (only blank lines)') };
}

/** Chunks already read, then the rest of the stream. */
async function* replay(head: Chunk[], rest: AsyncIterator<Chunk>): AsyncGenerator<Chunk> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

// ------------------------------------------------------------------ stdin

function firstSignificantByte(chunks: Chunk[]): number | undefined {
  for (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      // Skip whitespace and the bytes of a UTF-8 byte-order mark.
      if (b === 32 || b === 9 || b === 10 || b === 13 || b === 0xef || b === 0xbb || b === 0xbf) continue;
      return b;
    }
  }
  return undefined;
}

async function* readStdin(stream: NodeJS.ReadableStream, options: FinishOptions): AsyncGenerator<ReadItem> {
  const iterator = (stream as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
  const head: Chunk[] = [];
  let first: number | undefined;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    head.push(next.value);
    first = firstSignificantByte(head);
    if (first !== undefined) break;
  }
  if (first === undefined) {
    yield { error: new InputError(STDIN_NAME, 'empty text (nothing on standard input)') };
    return;
  }
  // JSON Lines streams: documents come out as their lines arrive.
  if (first === 0x7b /* { */) {
    yield* readJsonLinesStream(replay(head, iterator), STDIN_NAME, options);
    return;
  }
  const parts: Buffer[] = [];
  for await (const chunk of replay(head, iterator)) parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  const decoded = first === 0x3c /* < */ ? decodeMarkupBytes(Buffer.concat(parts)) : decodeBytes(Buffer.concat(parts));
  if ('problem' in decoded) {
    yield { error: new InputError(STDIN_NAME, decoded.problem) };
    return;
  }
  const content = decoded.text;
  let format: Format = 'text';
  if (first === 0x5b /* [ */) format = 'json';
  else if (first === 0x3c /* < */) format = looksLikeFeed(content) ? 'feed' : 'html';
  yield* readContent(content, format, STDIN_NAME, options);
}

// ------------------------------------------------------------------ files and directories

const GZIP_EXTENSION = /\.gz$/i;

async function* readOneFile(file: string, options: FinishOptions, fromDirectory: boolean): AsyncGenerator<ReadItem> {
  // "articles.jsonl.gz" is read as JSON Lines, decompressed on the fly.
  const gzipped = GZIP_EXTENSION.test(file);
  const format: Format | undefined = FORMAT_BY_EXTENSION[path.extname(gzipped ? file.slice(0, -3) : file).toLowerCase()];
  // Inside a directory, a compressed file of unknown content (a .tar.gz) is not an input.
  if (gzipped && !format && fromDirectory) return;
  if (format === 'jsonl') {
    // Stream: a JSON Lines file may be far larger than memory should hold at once.
    const source = createReadStream(file);
    const stream = gzipped ? source.pipe(createGunzip()) : source;
    if (gzipped) source.on('error', (error) => stream.destroy(error));
    const iterator = (stream as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
    const first = await iterator.next().catch((error: unknown) => ({ error }));
    if ('error' in first) {
      yield { error: new InputError(file, readProblem(first.error, gzipped)) };
      return;
    }
    if (first.done) {
      yield { error: new InputError(file, 'empty text') };
      return;
    }
    const head = typeof first.value === 'string' ? Buffer.from(first.value, 'utf8') : first.value;
    if (looksBinary(head)) {
      stream.destroy();
      yield { error: new InputError(file, 'binary file, not text') };
      return;
    }
    try {
      yield* readJsonLinesStream(replay([head], iterator), file, options);
    } catch (error) {
      // A read or decompression failure part-way: what was read so far stands.
      yield { error: new InputError(file, readProblem(error, gzipped)) };
    }
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
    if (gzipped) bytes = gunzipSync(bytes);
  } catch (error) {
    yield { error: new InputError(file, readProblem(error, gzipped)) };
    return;
  }
  const markup = format === 'html' || format === 'feed' || format === 'xml';
  const decoded = markup ? decodeMarkupBytes(bytes) : decodeBytes(bytes);
  if ('problem' in decoded) {
    // Inside a directory, a file of unknown type that is not text (an image, an archive)
    // is not an input the user meant: skip it quietly.
    if (!format && fromDirectory) return;
    yield { error: new InputError(file, decoded.problem) };
    return;
  }
  // Inside a directory, XML that is not a feed (a sitemap, a config file) is not an input.
  if (format === 'xml' && fromDirectory && !looksLikeFeed(decoded.text)) return;
  yield* readContent(decoded.text, format ?? 'text', file, options);
}

function readProblem(error: unknown, gzipped: boolean): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (gzipped && typeof code === 'string' && code.startsWith('Z_')) return 'not a valid gzip file';
  return problemOf(error);
}

/** Files under a directory, depth first, entries sorted by name (code-point order), dotfiles skipped. */
async function* walk(directory: string, seen: Set<string>): AsyncGenerator<{ file: string } | { error: InputError }> {
  let real: string;
  try {
    real = await realpath(directory);
  } catch (error) {
    yield { error: new InputError(directory, problemOf(error)) };
    return;
  }
  if (seen.has(real)) return; // a symbolic link back up the tree
  seen.add(real);
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => !name.startsWith('.'));
  } catch (error) {
    yield { error: new InputError(directory, problemOf(error)) };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const full = path.join(directory, name);
    let info;
    try {
      info = await stat(full);
    } catch (error) {
      yield { error: new InputError(full, problemOf(error)) };
      continue;
    }
    if (info.isDirectory()) yield* walk(full, seen);
    else if (info.isFile()) yield { file: full };
  }
}

async function* readDirectory(directory: string, options: FinishOptions): AsyncGenerator<ReadItem> {
  let produced = 0;
  for await (const entry of walk(directory, new Set())) {
    if ('error' in entry) {
      produced++;
      yield entry;
      continue;
    }
    for await (const item of readOneFile(entry.file, options, true)) {
      produced++;
      yield item;
    }
  }
  if (produced === 0) yield { error: new InputError(directory, 'directory has no readable files') };
}

async function* readPath(input: string, options: FinishOptions): AsyncGenerator<ReadItem> {
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    yield { error: new InputError(input, problemOf(error)) };
    return;
  }
  if (info.isDirectory()) yield* readDirectory(input, options);
  else yield* readOneFile(input, options, false);
}

/**
 * Read files, directories (recursively, in sorted order) and "-" (stdin, sniffed: JSON
 * Lines when it starts with "{", HTML or a feed with "<", JSON with "[", else text).
 * With no inputs, stdin is read.
 */
export async function* readInputs(inputs: string[], options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const finishOptions: FinishOptions = {};
  if (options.published !== undefined) {
    finishOptions.defaultPublished = normalizeDate(options.published);
    if (!finishOptions.defaultPublished) {
      yield { error: new InputError('--published', `not a date: ${JSON.stringify(options.published)} (expected YYYY-MM-DD)`) };
    }
  }
  for (const input of inputs.length ? inputs : ['-']) {
    const name = input === '-' ? STDIN_NAME : input;
    try {
      if (input === '-') yield* readStdin(options.stdin ?? process.stdin, finishOptions);
      else yield* readPath(input, finishOptions);
    } catch (error) {
      // A reader bug or an I/O failure mid-stream ends this input only.
      yield { error: new InputError(name, problemOf(error)) };
    }
  }
}
