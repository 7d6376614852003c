import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseConntrackStats } from "./conntrack";

describe("parseConntrackStats on a real `conntrack -S` (kernel 6.18, capture-net-tools.sh)", () => {
  const stats = parseConntrackStats(readTestdata("conntrack-stats.txt"));

  it("reads one row per CPU with every printed counter", () => {
    expect(stats.cpus.map((c) => c.cpu)).toEqual([0, 1]);
    expect(stats.cpus[0]).toMatchObject({
      cpu: 0,
      found: 0,
      invalid: 3,
      insert: 0,
      insert_failed: 0,
      drop: 0,
      early_drop: 0,
      error: 0,
    });
    expect(Object.keys(stats.cpus[0]!.counters)).toEqual([
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
    ]);
    expect(stats.cpus[1]!.invalid).toBe(0);
  });

  it("sums the CPUs: the three SYN+FIN segments show up as invalid=3", () => {
    expect(stats.totals.invalid).toBe(3);
    expect(stats.totals.insert_failed).toBe(0);
    expect(stats.totals.counters.invalid).toBe(3);
  });

  it("ignores `conntrack -L` flow lines and returns no rows for them", () => {
    expect(parseConntrackStats(readTestdata("conntrack-list.txt")).cpus).toEqual([]);
  });

  it("keeps counters an older kernel prints", () => {
    const r = parseConntrackStats(
      "cpu=0 searched=7 found=2 new=5 invalid=1 ignore=0 delete=0 icmp_error=4\n",
    );
    expect(r.cpus[0]!.counters).toMatchObject({ searched: 7, new: 5, icmp_error: 4 });
    expect(r.totals).toMatchObject({ found: 2, invalid: 1, clash_resolve: 0 });
  });
});
