// Binary search over anything sorted: spans, tokens and mentions are kept in text order, so
// "the first one at or after this offset" is a lower bound, not a scan.

/**
 * The smallest index in [0, length) for which `reached(i)` holds, or `length` when none does.
 * `reached` must be monotone: false for a prefix of the indexes, true for the rest.
 */
export function firstIndex(length: number, reached: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
