import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseIperf3Json } from "./iperf3";

// Captured in the lab (healthy): a pod on lab-node-1 to a pod on lab-node-2 over flannel VXLAN,
// `iperf3 -c <pod IP> -p 5201 -P 4 -t 3 -J`.
describe("parseIperf3Json", () => {
  const r = parseIperf3Json(readTestdata("iperf3-pod.json"));
  it("reads the totals across the four streams", () => {
    expect(r.streams).toBe(4);
    expect(r.sentBps).toBeCloseTo(6_831_410_792.8, 0);
    expect(r.receivedBps).toBeCloseTo(6_824_304_808.8, 0);
    expect(r.retransmits).toBe(1105);
  });
  it("reads one summed interval per second", () => {
    expect(r.intervals).toHaveLength(3);
    expect(r.intervals[0]).toMatchObject({ start: 0, retransmits: 363 });
    expect(r.intervals[0]!.bps).toBeCloseTo(6_175_071_836, 0);
  });
});
