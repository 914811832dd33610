// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item or entry. Feed bodies are
// HTML (escaped or in CDATA), so they go through the same HTML-to-text conversion as pages.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawDocument } from './document.js';
import { htmlFragmentToText, inlineText, plainParagraphs } from './html-text.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Titles such as "2021" must stay strings; ids such as "0123" must keep their zero.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  // Atom bodies may be inline XHTML, which the parser would turn into an object tree with
  // text and markup separated; kept raw, they are decoded below according to their type.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
});

const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const XML_NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : '';
}

/** The character data of raw XML content: CDATA sections as they are, entities decoded elsewhere. */
function xmlCharacterData(raw: string): string {
  let out = '';
  let last = 0;
  const decode = (part: string) =>
    part.replace(XML_ENTITY, (_, dec: string, hex: string, name: string) =>
      dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : XML_NAMED[name],
    );
  CDATA.lastIndex = 0;
  for (let m = CDATA.exec(raw); m; m = CDATA.exec(raw)) {
    out += decode(raw.slice(last, m.index)) + m[1];
    last = m.index + m[0].length;
  }
  return out + decode(raw.slice(last));
}

/** Text of an Atom text construct kept raw by the parser (type text, html or xhtml). */
function atomText(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  const record = typeof node === 'object' ? (node as Record<string, unknown>) : { '#text': node };
  const raw = record['#text'] === undefined ? '' : String(record['#text']);
  const type = String(record['@_type'] ?? 'text').toLowerCase();
  if (type === 'xhtml' || type.endsWith('xhtml+xml')) return htmlFragmentToText(raw);
  const data = xmlCharacterData(raw);
  return type === 'html' || type.endsWith('/html') ? htmlFragmentToText(data) : plainParagraphs(data);
}

export interface FeedItem {
  raw: RawDocument;
  /** 1-based position in the feed */
  number: number;
  /** "item 3" / "entry 3", to name an item in an error */
  label: string;
}

export type FeedResult = { items: FeedItem[] } | { problem: string; line?: number };

/** A feed's first element (after the XML declaration, comments, a doctype) is rss, feed or rdf:RDF. */
const FEED_ROOT = /^\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>/]/i;

/** True when an XML text is an RSS or Atom feed, without parsing it. */
export function looksLikeFeed(xml: string): boolean {
  return FEED_ROOT.test(xml.slice(0, 4096));
}

/** The text of a parsed node: a string, or an object holding "#text" (elements with attributes). */
function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') {
    const value = (node as Record<string, unknown>)['#text'];
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}

function firstText(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = textOf(record[key]);
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

/** Atom's <link rel="alternate" href> (or the first link without rel); RSS's <link>text</link>. */
function linkOf(links: unknown): string | undefined {
  if (!Array.isArray(links)) return textOf(links);
  let fallback: string | undefined;
  for (const link of links) {
    if (typeof link === 'string') return link.trim() || undefined;
    const record = link as Record<string, unknown>;
    const href = (record['@_href'] as string | undefined) ?? textOf(record);
    const rel = record['@_rel'];
    if (href && (rel === undefined || rel === 'alternate')) return href.trim();
    fallback ??= href;
  }
  return fallback;
}

const BODY_KEYS = ['content:encoded', 'content', 'atom:content', 'description', 'summary', 'atom:summary', 'media:description', 'dc:description'];
const DATE_KEYS = ['pubDate', 'published', 'dc:date', 'atom:published', 'updated', 'atom:updated', 'dcterms:issued', 'dcterms:created', 'a10:updated'];
const TITLE_KEYS = ['title', 'atom:title', 'dc:title'];

function itemToRaw(item: Record<string, unknown>, feedSource: string | undefined, atom: boolean): RawDocument {
  const atomBody = atom ? atomText(item.content) || atomText(item.summary) : undefined;
  const body = atomBody ?? htmlFragmentToText(firstText(item, BODY_KEYS) ?? '');
  const title = firstText(item, TITLE_KEYS);
  const guid = item.guid as Record<string, unknown> | string | undefined;
  const guidText = textOf(guid);
  const guidIsLink = typeof guid === 'string' ? /^https?:/.test(guid) : guid?.['@_isPermaLink'] !== 'false' && /^https?:/.test(guidText ?? '');
  const source = firstText(item, ['source', 'dc:publisher', 'dc:source']) ?? feedSource;
  return {
    id: guidText ?? textOf(item.id),
    title: title ? inlineText(title) : undefined,
    url: linkOf(item.link) ?? (guidIsLink ? guidText : undefined) ?? (item['@_rdf:about'] as string | undefined),
    source: source ? inlineText(source) : undefined,
    published: firstText(item, DATE_KEYS),
    language: firstText(item, ['dc:language']),
    text: body,
  };
}

/** Read a feed (already decoded). */
export function readFeed(xml: string): FeedResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problem: `unreadable feed: ${valid.err.msg}`, line: valid.err.line };
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    return { problem: `unreadable feed: ${(error as Error).message.split('\n')[0]}` };
  }
  const rss = tree.rss as Record<string, unknown> | undefined;
  const rdf = (tree['rdf:RDF'] ?? tree.RDF) as Record<string, unknown> | undefined;
  const atom = (tree.feed ?? tree['atom:feed']) as Record<string, unknown> | undefined;

  let items: unknown[];
  let channel: Record<string, unknown> | undefined;
  let label: string;
  if (rss) {
    channel = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Record<string, unknown> | undefined;
    items = (channel?.item as unknown[] | undefined) ?? [];
    label = 'item';
  } else if (rdf) {
    channel = rdf.channel as Record<string, unknown> | undefined;
    items = (rdf.item as unknown[] | undefined) ?? [];
    label = 'item';
  } else if (atom) {
    channel = atom;
    items = ((atom.entry ?? atom['atom:entry']) as unknown[] | undefined) ?? [];
    label = 'entry';
  } else {
    return { problem: 'unreadable feed: XML but not RSS or Atom' };
  }
  if (items.length === 0) return { problem: `unreadable feed: no ${label}s` };
  const feedTitle = channel ? firstText(channel, TITLE_KEYS) : undefined;
  return {
    items: items.map((item, index) => ({
      raw: itemToRaw((item ?? {}) as Record<string, unknown>, feedTitle, label === 'entry'),
      number: index + 1,
      label: `${label} ${index + 1}`,
    })),
  };
}
