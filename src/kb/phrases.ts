// Phrase keys shared by the knowledge base and the annotator. wink splits some hyphenated
// words ("al-Shabaab" -> al - Shabaab) and keeps others whole ("ex-minister"), so both sides
// are reduced to the same "parts": hyphens split words and are dropped, "'s" stands alone.
const SPLIT_HYPHEN = /-+/;

/** Splits one token (as written) into its comparable parts. */
export function tokenParts(text: string): string[] {
  if (text.length > 1 && text.includes('-')) return text.split(SPLIT_HYPHEN).filter((p) => p.length > 0);
  if (text === '-' || text === '–' || text === '—') return [];
  return [text];
}

/** Tokenizes a knowledge-base phrase the way the annotator sees document tokens. */
export function phraseParts(phrase: string): string[] {
  const parts: string[] = [];
  for (const chunk of phrase.trim().split(/\s+/)) {
    let word = chunk.replace(/[,;:]+$/, '');
    if (!word) continue;
    let tail: string | null = null;
    if (/.'s$/i.test(word)) {
      tail = word.slice(-2);
      word = word.slice(0, -2);
    } else if (/[a-z]s'$/i.test(word)) {
      tail = "'";
      word = word.slice(0, -1);
    }
    parts.push(...tokenParts(word));
    if (tail) parts.push(tail);
  }
  return parts;
}

/** True when the phrase must match case-sensitively (it holds a capital letter). */
export function isCaseSensitive(phrase: string): boolean {
  return /\p{Lu}/u.test(phrase);
}

/** Regular English plurals of a lower-case noun phrase (inflecting its last word). */
export function pluralsOf(phrase: string): string[] {
  const at = phrase.lastIndexOf(' ');
  const head = phrase.slice(0, at + 1);
  const last = phrase.slice(at + 1);
  if (/(s|x|z|ch|sh)$/.test(last)) return [head + last + 'es'];
  if (/[^aeiou]y$/.test(last)) return [head + last.slice(0, -1) + 'ies'];
  if (/man$/.test(last)) return [head + last.slice(0, -3) + 'men'];
  return [head + last + 's'];
}
