/** Nearest-rank percentile (p in 0..100) of samples; null for no samples. */
export function percentile(samples: number[], p: number): number | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export type Summary = {
  n: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
};

export function summarize(samples: number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : null,
  };
}

export function median(values: number[]): number | null {
  return percentile(values, 50);
}

/**
 * A DNS time as its method knows it: dig prints whole milliseconds, so "0" means "under 1 ms" and
 * nothing finer is claimed.
 */
export const DIG_RESOLUTION_MS = 1;
export function digMs(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return v < DIG_RESOLUTION_MS ? "< 1 ms" : `${Math.round(v)} ms`;
}
