import "server-only";
import pLimit from "p-limit";

/**
 * Maps with at most `limit` promises in flight, keeping the order of `items`: p-limit, the one
 * concurrency limiter of the server (exec streams use it too).
 */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const run = pLimit(limit);
  return Promise.all(items.map((item) => run(() => fn(item))));
}

/**
 * Ordered pairs of distinct items: all N(N−1) up to `threshold` items; above it, each item to its
 * next and its opposite in a ring (2N pairs), which still crosses every item twice each way.
 */
export function samplePairs<T>(
  items: T[],
  threshold: number,
): { pairs: [T, T][]; total: number; sampled: boolean } {
  const n = items.length;
  const total = n * (n - 1);
  if (n <= threshold)
    return {
      pairs: items.flatMap((a, i) => items.filter((_, j) => j !== i).map((b) => [a, b] as [T, T])),
      total,
      sampled: false,
    };
  const pairs: [T, T][] = [];
  for (let i = 0; i < n; i++) {
    pairs.push([items[i]!, items[(i + 1) % n]!]);
    const opposite = (i + Math.floor(n / 2)) % n;
    if (opposite !== (i + 1) % n) pairs.push([items[i]!, items[opposite]!]);
  }
  return { pairs, total, sampled: true };
}
