import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePing } from "@/lib/parsers/ping";
import type { LatencyPair } from "@/lib/schemas/latency";
import { latencyFindings, steadyState } from "./findings";

const capture = (name: string) =>
  parsePing(fs.readFileSync(path.join(__dirname, "../testdata", name), "utf8"), "");

// Captured on this machine: a pod's /32 behind a proxy-ARP veth, 10 pings at 0.2 s, once with the
// kernel's default proxy_delay (80 jiffies) and once with 0, as Felix sets it.
const delayed = capture("ping-proxy-arp-first.txt");
const prompt = capture("ping-proxy-arp-no-delay.txt");

const pair = (from: string, to: string, rtts: number[]): LatencyPair => ({
  from,
  to,
  over: "pod",
  target: "10.244.1.2",
  sent: rtts.length,
  received: rtts.length,
  loss: 0,
  ...steadyState(rtts),
});

describe("the steady state of a ping series", () => {
  it("leaves the packets queued behind proxy ARP out of p50/p99", () => {
    expect(delayed.rtts.slice(0, 4)).toEqual([480, 277, 72.6, 0.031]);
    const s = steadyState(delayed.rtts);
    expect(s).toMatchObject({ firstMs: 480, resolutionWaits: 3, n: 7 });
    expect(s.p99).toBeLessThan(0.1);
  });
  it("keeps every packet of a series that had nothing to wait for", () => {
    const s = steadyState(prompt.rtts);
    expect(s.resolutionWaits).toBe(0);
    expect(s.n).toBe(10);
  });
  it("keeps a series that is slow throughout slow, and a late spike in p99", () => {
    expect(steadyState([40, 41, 39, 42, 40]).resolutionWaits).toBe(0);
    const spike = steadyState([0.05, 0.04, 0.05, 0.04, 90]);
    expect([spike.resolutionWaits, spike.p99]).toEqual([0, 90]);
  });
});

describe("latency findings", () => {
  it("calls the proxy-ARP wait neighbour resolution, not a slow path", () => {
    const pairs = [
      pair("lab-node-1", "lab-node-2", delayed.rtts),
      pair("lab-node-2", "lab-node-1", prompt.rtts),
      pair("lab-node-1", "lab-node-3", prompt.rtts),
    ];
    const f = latencyFindings(pairs, [], [], null);
    expect(f.map((x) => x.code)).toEqual(["neighbour_resolution"]);
    expect(f[0]!.message).toContain(
      "The first packets of 1 ping series waited for neighbour resolution (up to 480.00 ms",
    );
    expect(f[0]!.severity).toBe("info");
  });
  it("still raises a path slow in its steady state", () => {
    const pairs = [
      pair("lab-node-1", "lab-node-2", prompt.rtts),
      pair("lab-node-2", "lab-node-3", prompt.rtts),
      pair("lab-node-3", "lab-node-1", [30, 31, 29, 30, 32]),
    ];
    const f = latencyFindings(pairs, [], [], null);
    expect(f.map((x) => x.code)).toEqual(["latency_outlier"]);
    expect(f[0]!.message).toContain("lab-node-3→lab-node-1 pod 32.00 ms");
  });
});
