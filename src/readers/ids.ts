// Stable document ids: the same article text gives the same id whatever its whitespace,
// line endings or Unicode composition, so re-running over a re-downloaded copy matches up.
import { createHash } from 'node:crypto';

const WHITESPACE_RUN = /\s+/g;

/** The text an id is computed from: NFC, whitespace runs collapsed to one space, trimmed. */
export function normalizeForId(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** The given id when there is one, else "doc-" + the first 16 hex digits of sha256(normalized text). */
export function documentId(text: string, givenId?: unknown): string {
  if (typeof givenId === 'string' && givenId.trim() !== '') return givenId.trim();
  if (typeof givenId === 'number' && Number.isFinite(givenId)) return String(givenId);
  const digest = createHash('sha256').update(normalizeForId(text), 'utf8').digest('hex');
  return `doc-${digest.slice(0, 16)}`;
}
