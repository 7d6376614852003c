/**
 * `conntrack -S` (conntrack-tools 1.4.x): one line of `key=value` counters per CPU, e.g.
 * `cpu=0   \tfound=0 invalid=3 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 ...`.
 * The set of counters depends on the kernel (6.x prints clash_resolve and chaintoolong; older
 * kernels also printed searched, new, delete, icmp_error, ...); every one printed is kept in
 * `counters`, and the well-known ones are also named fields (0 when this kernel does not print it).
 */
export const CONNTRACK_COUNTERS = [
  "found",
  "invalid",
  "insert",
  "insert_failed",
  "drop",
  "early_drop",
  "error",
  "search_restart",
  "clash_resolve",
  "chaintoolong",
] as const;
export type ConntrackCounter = (typeof CONNTRACK_COUNTERS)[number];

export type ConntrackCounters = Record<ConntrackCounter, number> & {
  /** Every counter as printed, including ones not named above. */
  counters: Record<string, number>;
};
export type ConntrackCpuStats = { cpu: number } & ConntrackCounters;
export type ConntrackStats = { cpus: ConntrackCpuStats[]; totals: ConntrackCounters };

function named(counters: Record<string, number>): ConntrackCounters {
  const out = { counters } as ConntrackCounters;
  for (const key of CONNTRACK_COUNTERS) out[key] = counters[key] ?? 0;
  return out;
}

export function parseConntrackStats(stdout: string): ConntrackStats {
  const cpus: ConntrackCpuStats[] = [];
  const sums: Record<string, number> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const pairs = [...line.matchAll(/([a-z_]+)=(\d+)/g)].map((m) => [m[1]!, Number(m[2])] as const);
    const cpu = pairs.find(([k]) => k === "cpu");
    if (!cpu) continue;
    const counters: Record<string, number> = {};
    for (const [key, value] of pairs) {
      if (key === "cpu") continue;
      counters[key] = value;
      sums[key] = (sums[key] ?? 0) + value;
    }
    cpus.push({ cpu: cpu[1], ...named(counters) });
  }
  return { cpus, totals: named(sums) };
}
