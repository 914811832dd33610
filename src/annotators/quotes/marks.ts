// Finding direct quotations by their marks: straight and curly double quotes, and single
// quotes only where they cannot be apostrophes. Works paragraph by paragraph, because news
// convention leaves a quote open at the end of a paragraph when the next paragraph goes on
// quoting the same speaker (and re-opens it with a mark).

export interface QuoteMarkSpan {
  /** offset of the opening mark */
  open: number;
  /** offset of the closing mark, or -1 when the paragraph ended first */
  close: number;
  /** the quoted content (marks excluded, surrounding spaces trimmed) */
  start: number;
  end: number;
  /** index of the part this one continues (the previous paragraph's unclosed quote), or -1 */
  continues: number;
  /** the paragraph holding the quote */
  paragraph: number;
  single: boolean;
}

const MARK = /["\u201c\u201d\u00ab\u00bb\u2018']/g;
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:;,]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isOpeningPosition(text: string, i: number, paragraphStart: number): boolean {
  if (i === paragraphStart) return true;
  const before = text[i - 1]!;
  return OPENING_CONTEXT.test(before) || before === '\u201c' || before === '\u2018';
}

/** 2 for a doubled apostrophe standing for a double quote, else 1. */
function markWidth(text: string, at: number): number {
  return text[at] === "'" && text[at + 1] === "'" ? 2 : 1;
}

export interface Paragraph {
  start: number;
  end: number;
}

/** Paragraphs are runs of text between line breaks (news bodies put one paragraph a line). */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** Find a closing single quote for an opening one at `i`: a ’ or ' after a non-space and
 *  before a non-letter, in the same paragraph; apostrophes inside words are skipped. */
function findSingleClose(text: string, i: number, limit: number): number {
  const max = Math.min(limit, i + 400);
  for (let j = i + 2; j < max; j++) {
    const c = text[j];
    if (c !== '\u2019' && c !== "'") continue;
    const before = text[j - 1]!;
    const after = j + 1 < text.length ? text[j + 1]! : ' ';
    if (/\s/.test(before)) continue;
    if (WORD_CHAR.test(after)) continue; // don't, Clinton's
    // "the Smiths' house": a plural possessive looks like a close; accept, because a real
    // close is far more common right after an opening quote in the same paragraph.
    return j;
  }
  return -1;
}

export function findQuoteMarks(text: string, paragraphs: Paragraph[]): QuoteMarkSpan[] {
  const spans: QuoteMarkSpan[] = [];
  let carried = -1; // index of an unclosed span from the previous paragraph
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: ps, end: pe } = paragraphs[p]!;
    let openAt = -1;
    let firstOpenInParagraph = true;
    const previousCarried = carried;
    carried = -1;
    MARK.lastIndex = ps;
    for (let found = MARK.exec(text); found && found.index < pe; found = MARK.exec(text)) {
      let i = found.index;
      // two apostrophes stand for a straight double quote in some newswires ("''is a
      // misguided approach,'' said …")
      const doubled = text[i] === "'" && text[i + 1] === "'";
      const c = doubled ? '"' : text[i]!;
      if (doubled) MARK.lastIndex = i + 2;
      if (c === '"' || c === '\u201c' || c === '\u201d' || c === '\u00ab' || c === '\u00bb') {
        const opening =
          c === '\u201c' || c === '\u00ab'
            ? true
            : c === '\u201d' || c === '\u00bb'
              ? false
              : openAt < 0 && isOpeningPosition(text, i, ps);
        if (openAt < 0) {
          if (!opening) continue; // a stray closing mark
          openAt = i;
          continue;
        }
        if (opening && c !== '"') {
          // a second opening mark while open: the first one was never closed; restart
          openAt = i;
          continue;
        }
        const [s, e] = trimmed(text, openAt + markWidth(text, openAt), i);
        if (e > s) {
          spans.push({
            open: openAt,
            close: doubled ? i + 1 : i,
            start: s,
            end: e,
            continues: firstOpenInParagraph && openAt === ps ? previousCarried : -1,
            paragraph: p,
            single: false,
          });
        }
        firstOpenInParagraph = false;
        openAt = -1;
        continue;
      }
      if (openAt < 0 && (c === '\u2018' || c === "'") && isOpeningPosition(text, i, ps)) {
        const next = text[i + 1];
        if (!next || !WORD_CHAR.test(next)) continue;
        const close = findSingleClose(text, i, pe);
        if (close < 0) continue;
        // a double quote inside means the single marks are something else
        const inner = text.slice(i + 1, close);
        if (/["\u201c\u201d]/.test(inner)) continue;
        const [s, e] = trimmed(text, i + 1, close);
        spans.push({ open: i, close, start: s, end: e, continues: -1, paragraph: p, single: true });
        firstOpenInParagraph = false;
        i = close;
        MARK.lastIndex = close + 1;
      }
    }
    if (openAt >= 0) {
      const [s, e] = trimmed(text, openAt + markWidth(text, openAt), pe);
      if (e > s) {
        spans.push({
          open: openAt,
          close: -1,
          start: s,
          end: e,
          continues: firstOpenInParagraph && openAt === ps ? previousCarried : -1,
          paragraph: p,
          single: false,
        });
        // carried on only when the next paragraph re-opens with a mark (checked there)
        const next = paragraphs[p + 1];
        if (next && (/["\u201c\u00ab]/.test(text[next.start]!) || text.startsWith("''", next.start))) carried = spans.length - 1;
      }
    }
  }
  return spans;
}
