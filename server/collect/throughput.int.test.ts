import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { listDebugPods } from "@/server/debug/pods";
import { runThroughput } from "./throughput";

describeLab(["healthy"], "throughput", () => {
  it.each(["pod", "host"] as const)(
    "measures iperf3 between two nodes over the %s network",
    async (network) => {
      const r = await runThroughput(
        { from: "lab-node-1", to: "lab-node-3", network, seconds: 2 },
        () => undefined,
        new AbortController().signal,
      );
      expect(r.server).toMatch(network === "host" ? /^172\.31\.3\.2$/ : /^10\.244\.2\.\d+$/);
      expect(r.result.streams).toBe(4);
      expect(r.result.receivedBps).toBeGreaterThan(1e6);
      expect(r.result.intervals.length).toBeGreaterThanOrEqual(2);
      // The overlay's MSS is 50 bytes smaller than the underlay's.
      expect(r.result.tcpMss).toBe(network === "host" ? 1448 : 1398);
      expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
    },
  );
});
