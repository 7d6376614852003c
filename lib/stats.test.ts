import { describe, expect, it } from "vitest";
import { percentile, summarize, digMs } from "./stats";

describe("percentiles (nearest rank)", () => {
  it("picks observed values, never interpolates", () => {
    const s = [0.41, 0.52, 0.38, 0.61, 9.8, 0.44, 0.47, 0.5, 0.43, 0.49];
    expect(percentile(s, 50)).toBe(0.47);
    expect(percentile(s, 90)).toBe(0.61);
    expect(percentile(s, 99)).toBe(9.8);
    expect(summarize(s)).toEqual({ n: 10, p50: 0.47, p90: 0.61, p99: 9.8, max: 9.8 });
  });
  it("has nothing to say about no samples", () =>
    expect(summarize([])).toEqual({ n: 0, p50: null, p90: null, p99: null, max: null }));
});

describe("DNS times at dig's resolution", () => {
  it("says < 1 ms for 0 and whole milliseconds otherwise, never decimals", () => {
    expect([0, 4, 16, 3.5, null].map(digMs)).toEqual(["< 1 ms", "4 ms", "16 ms", "4 ms", "—"]);
  });
});
