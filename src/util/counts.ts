// Counting helpers shared by the annotators.

/** The key counted most (the first seen on ties), its count, and the runner-up's count. */
export function leaderOf<K>(counts: Map<K, number>): { key: K | null; count: number; runnerUp: number } {
  let key: K | null = null;
  let count = 0;
  let runnerUp = 0;
  for (const [k, n] of counts) {
    if (n > count) {
      runnerUp = count;
      count = n;
      key = k;
    } else if (n > runnerUp) runnerUp = n;
  }
  return { key, count, runnerUp };
}
