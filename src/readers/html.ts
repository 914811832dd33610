// HTML pages: the article's main text through Readability (over linkedom, ~8 ms for a
// 50 KB page against ~45 ms with jsdom, libraries.md) and the metadata publishers put in
// meta tags, JSON-LD and <time>. Metadata is read before Readability runs, because
// Readability rewrites the document as it goes.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { RawDocument } from './document.js';
import { elementText, inlineText } from './html-text.js';

// Meta keys (property=, name= or itemprop=, lower-cased) in order of trust, per field.
const TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title', 'headline'];
const URL_KEYS = ['og:url', 'twitter:url'];
const SOURCE_KEYS = ['og:site_name', 'application-name', 'publisher'];
const PUBLISHED_KEYS = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'date',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'datepublished', 'dc.date.issued',
  'dcterms.issued', 'dc.date', 'dcterms.created', 'dcterms.date', 'parsely-pub-date',
  'sailthru.date', 'article.published', 'published_time', 'original-publish-date',
];
// A modification date is a fair stand-in only when nothing says when the page was published.
const MODIFIED_KEYS = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified'];

interface JsonLdFacts {
  datePublished?: string;
  headline?: string;
  publisher?: string;
  url?: string;
}

/** Below this many characters Readability's result is not trusted to be the article alone. */
const SHORT_ARTICLE = 500;

const ARTICLE_TYPE = /article|posting|report/i;

function jsonLdFacts(document: Document): JsonLdFacts {
  const facts: JsonLdFacts = {};
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    const type = String(record['@type'] ?? '');
    if (typeof record.datePublished === 'string' && !facts.datePublished) facts.datePublished = record.datePublished;
    if (ARTICLE_TYPE.test(type)) {
      if (typeof record.headline === 'string' && !facts.headline) facts.headline = record.headline;
      if (typeof record.url === 'string' && !facts.url) facts.url = record.url;
      const publisher = record.publisher as Record<string, unknown> | undefined;
      if (publisher && typeof publisher.name === 'string' && !facts.publisher) facts.publisher = publisher.name;
    }
    if (record['@graph']) visit(record['@graph'], depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // A broken JSON-LD block is the page's problem; the meta tags may still say enough.
    }
  }
  return facts;
}

function metaTags(document: Document): Map<string, string> {
  const meta = new Map<string, string>();
  for (const tag of document.querySelectorAll('meta')) {
    const key = tag.getAttribute('property') ?? tag.getAttribute('name') ?? tag.getAttribute('itemprop') ?? tag.getAttribute('http-equiv');
    const content = tag.getAttribute('content') ?? tag.getAttribute('datetime');
    if (!key || !content || !content.trim()) continue;
    const lower = key.trim().toLowerCase();
    if (!meta.has(lower)) meta.set(lower, content.trim());
  }
  return meta;
}

function firstOf(meta: Map<string, string>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key);
    if (value) return value;
  }
  return undefined;
}

function absoluteUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /^https?:\/\//i.test(value.trim()) ? value.trim() : undefined;
}

function timeElementDate(document: Document): string | undefined {
  // One pass over the <time> elements (querySelector with several selectors walks the
  // whole page once per selector): the one marked as the publication date, else the first
  // inside an <article>, else the first on the page.
  let inArticle: string | undefined;
  let first: string | undefined;
  for (const time of document.getElementsByTagName('time')) {
    const value = time.getAttribute('datetime');
    if (!value) continue;
    if (time.getAttribute('itemprop') === 'datePublished' || time.hasAttribute('pubdate')) return value;
    if (!inArticle && time.closest('article')) inArticle = value;
    first ??= value;
  }
  return inArticle ?? first;
}

function hostName(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Read an HTML page (already decoded). */
export function readHtml(html: string): RawDocument {
  const { document } = parseHTML(html);
  const meta = metaTags(document);
  const ld = jsonLdFacts(document);
  const url =
    absoluteUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    absoluteUrl(firstOf(meta, URL_KEYS)) ??
    absoluteUrl(ld.url);
  const published = firstOf(meta, PUBLISHED_KEYS) ?? ld.datePublished ?? timeElementDate(document);
  const modified = firstOf(meta, MODIFIED_KEYS);
  const pageTitle = document.querySelector('title')?.textContent ?? document.querySelector('h1')?.textContent ?? undefined;
  const languageHint = document.documentElement?.getAttribute('lang') ?? meta.get('content-language') ?? null;

  let text = '';
  let readabilityTitle: string | null | undefined;
  let readabilitySite: string | null | undefined;
  let readabilityPublished: string | null | undefined;
  try {
    // keepClasses: the class names tell newsletter boxes and share bars from paragraphs.
    const article = new Readability<Node>(document, { serializer: (node) => node, keepClasses: true }).parse();
    if (article?.content) text = elementText(article.content, { skipBoilerplateClasses: true });
    readabilityTitle = article?.title;
    readabilitySite = article?.siteName;
    readabilityPublished = article?.publishedTime;
  } catch {
    // Readability gives up on some odd pages; the whole-page text below is the fallback.
  }
  if (text.length < SHORT_ARTICLE) {
    // Not an article by Readability's measure (a short page, a list): Readability then
    // hands back the whole body, menus included. Take the body's text minus navigation and
    // page furniture instead, from a fresh parse since Readability altered the document.
    const fresh = parseHTML(html).document;
    const bodyText = fresh.body ? elementText(fresh.body, { skipFurniture: true, skipBoilerplateClasses: true }) : '';
    if (bodyText !== '' || text === '') text = bodyText;
  }

  const title = firstOf(meta, TITLE_KEYS) ?? ld.headline ?? readabilityTitle ?? pageTitle;
  return {
    title: title ? inlineText(title) : null,
    url,
    source: firstOf(meta, SOURCE_KEYS) ?? ld.publisher ?? readabilitySite ?? hostName(url),
    published: published ?? readabilityPublished ?? modified,
    languageHint,
    text,
  };
}
