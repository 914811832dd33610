// Binary search over spans kept in text order (tokens, mentions, time expressions): "the first
// one at or after this offset" is a lower bound, not a scan. Written out per comparison rather
// than with a callback, because token lookups sit on hot paths.

/** The index of the first span starting at or after `offset` (spans sorted by start), or spans.length. */
export function firstStartingAt(spans: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of the first span ending after `offset` (spans sorted by end), or spans.length. */
export function firstEndingAfter(spans: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
