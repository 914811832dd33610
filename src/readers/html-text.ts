// HTML -> clean readable text with paragraph breaks. Offsets downstream refer to this text,
// so it must read like the article: one paragraph per block element, joined by a blank
// line, whitespace inside a paragraph collapsed, no markup, entities decoded.
import { parseHTML } from 'linkedom';

/** Elements that start and end a paragraph of their own. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'body', 'html',
]);
/** Elements whose content is never article text. */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'audio', 'video', 'select', 'button', 'input', 'textarea', 'head', 'title', 'meta', 'link',
]);
/** Page furniture, skipped only when reading a whole page without Readability's help. */
export const PAGE_FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);

// A private-use character marks <br> while whitespace is collapsed, so that the source's
// own line breaks (layout, not content) disappear and <br> breaks survive.
const BR = '\uE000';
const WHITESPACE_RUN = /\s+/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const DOUBLE_BR = new RegExp(`\\s*${BR}\\s*${BR}[\\s${BR}]*`, 'g');
const SINGLE_BR = new RegExp(`\\s*${BR}\\s*`, 'g');

// Whole paragraphs that are page furniture left inside article bodies by news sites'
// ad and paywall slots; only exact whole-paragraph matches are dropped.
const BOILERPLATE_PARAGRAPH = /^(?:advertisement|advertising|skip advertisement|sponsored content|supported by|story continues below(?: this)?(?: advertisement)?|continue reading(?: the main story)?|scroll to continue with content|article continues below)$/i;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

function cleanParagraph(raw: string, out: string[]): void {
  const paragraphs = raw.replace(INVISIBLE, '').split(DOUBLE_BR);
  for (const paragraph of paragraphs) {
    const text = paragraph
      .replace(SINGLE_BR, BR)
      .replace(WHITESPACE_RUN, ' ')
      .split(BR)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    if (text !== '' && !(text.length < 50 && BOILERPLATE_PARAGRAPH.test(text))) out.push(text);
  }
}

// Class or id words of blocks that sit inside article bodies without being the article:
// newsletter boxes, share bars, related-story lists, ad slots. Readability keeps some of
// them when they are short; matched as whole words of the class or id.
const BOILERPLATE_CLASS = /(?:^|[\s_-])(?:newsletter|signup|sign-up|subscribe|subscription|promo|paywall|cookie|share|sharing|social|related|recommended|most-read|ad|ads|advert|advertisement|sponsored)(?:$|[\s_-])/i;

export interface TextOptions {
  /** also skip nav/header/footer/aside/form (for pages Readability could not read) */
  skipFurniture?: boolean;
  /** skip blocks whose class or id names them as newsletter boxes, share bars, ads … */
  skipBoilerplateClasses?: boolean;
}

/** The readable text of a DOM subtree: paragraphs joined by "\n\n". */
export function elementText(root: Node, options: TextOptions = {}): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') {
      cleanParagraph(current, paragraphs);
      current = '';
    }
  };
  const visit = (node: Node) => {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_NODE) {
      current += (node as CharacterData).data;
      return;
    }
    if (type !== ELEMENT_NODE) return;
    const tag = (node as Element).localName.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (options.skipFurniture && PAGE_FURNITURE_TAGS.has(tag)) return;
    if (options.skipBoilerplateClasses && node !== root && isBoilerplateBlock(node as Element)) return;
    if (tag === 'br') {
      current += BR;
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    else if (tag === 'td' || tag === 'th') current += ' ';
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

function isBoilerplateBlock(element: Element): boolean {
  const label = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return label.length > 1 && BOILERPLATE_CLASS.test(label);
}

const LOOKS_LIKE_MARKUP = /<\/?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/;

/** True when a string holds HTML tags or entities (feed descriptions, JSON bodies). */
export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_MARKUP.test(text);
}

/** Text of an HTML fragment (a feed item's content, a JSON body holding HTML). */
export function htmlFragmentToText(html: string): string {
  if (!looksLikeHtml(html)) return plainParagraphs(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return elementText(document.body);
}

/** One line of text from a fragment that may hold tags or entities (titles, names). */
export function inlineText(value: string): string {
  const text = looksLikeHtml(value) ? htmlFragmentToText(value) : value;
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/** Plain text with its paragraphs kept: blank lines separate them, other whitespace collapses. */
export function plainParagraphs(text: string): string {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/)) {
    const lines = paragraph
      .split('\n')
      .map((line) => line.replace(WHITESPACE_RUN, ' ').trim())
      .filter((line) => line !== '');
    if (lines.length) out.push(lines.join('\n'));
  }
  return out.join('\n\n');
}
