import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseDigBatch } from "./dig-batch";

// Captured in the lab (healthy scenario) from a pod on lab-node-3: three queries through the
// cluster DNS Service, and two to an address where nothing answers.
describe("parseDigBatch", () => {
  it("reads one query time and status per answered query", () => {
    const b = parseDigBatch(readTestdata("dig-batch-ok.txt"), 3);
    expect(b.timesMs).toHaveLength(3);
    expect(b.statuses).toEqual(["NOERROR", "NOERROR", "NXDOMAIN"]);
    expect(b.timeouts).toBe(0);
  });
  it("counts the queries nobody answered", () => {
    expect(parseDigBatch(readTestdata("dig-batch-timeout.txt"), 2)).toEqual({
      queries: 2,
      timesMs: [],
      timeouts: 2,
      statuses: [],
    });
  });
});
