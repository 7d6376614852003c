/**
 * `dig +tries=1 +time=T @SERVER -q NAME -q NAME …` (dig 9.18): one response section per query.
 * A query that got an answer prints ";; Query time: N msec"; one that did not prints
 * ";; no servers could be reached" (after ";; communications error … timed out").
 */
export type DigBatch = { queries: number; timesMs: number[]; timeouts: number; statuses: string[] };

export function parseDigBatch(stdout: string, queries: number): DigBatch {
  const timesMs = [...stdout.matchAll(/^;; Query time: (\d+) msec$/gm)].map((m) => Number(m[1]));
  const statuses = [...stdout.matchAll(/->>HEADER<<- opcode: \w+, status: (\w+)/g)].map(
    (m) => m[1]!,
  );
  const timeouts = [...stdout.matchAll(/^;; no servers could be reached$/gm)].length;
  return { queries, timesMs, timeouts, statuses };
}
