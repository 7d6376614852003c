import { expect, it } from "vitest";
import type { LatencyReport } from "@/lib/schemas/latency";
import { describeLab, LAB_SCENARIO } from "@/e2e/lab/testing";
import { listDebugPods } from "@/server/debug/pods";
import { runLatencyMesh } from "./latency";

describeLab(["healthy", "real-node", "dns-broken"], "latency mesh", () => {
  let r: LatencyReport;
  it("pings every node pair over the underlay and to a pod, keeping per-packet times", async () => {
    r = await runLatencyMesh(
      { externalTargets: ["172.31.1.1"] },
      () => undefined,
      new AbortController().signal,
    );
    expect(r.nodes).toEqual(["lab-node-1", "lab-node-2", "lab-node-3"]);
    expect(r.sampling).toEqual({ measured: 6, total: 6, sampled: false, threshold: 12 });
    const cells = r.pairs.map((p) => `${p.from}>${p.to}:${p.over}`).sort();
    expect(cells).toHaveLength(12);
    expect(new Set(cells).size).toBe(12);
    for (const p of r.pairs) {
      expect(p).toMatchObject({ sent: 10, received: 10, loss: 0 });
      // Every reply is in the steady state or, apart, in the neighbour-resolution wait.
      expect(p.n + (p.resolutionWaits ?? 0)).toBe(10);
      expect(p.p50).toBeGreaterThan(0);
      expect(p.p99!).toBeGreaterThanOrEqual(p.p50!);
    }
    expect(r.pairs.find((p) => p.over === "pod")!.target).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(r.external.map((e) => [e.from, e.target, e.received])).toEqual([
      ["lab-node-1", "172.31.1.1", 10],
      ["lab-node-2", "172.31.1.1", 10],
      ["lab-node-3", "172.31.1.1", 10],
    ]);
    expect(r.kubeProxyMode).toBe("iptables");
    expect(r.serviceCount).toBeGreaterThanOrEqual(2);
    expect(r.conntrack.map((c) => c.node)).toEqual(r.nodes);
    expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
  });

  it.runIf(LAB_SCENARIO === "healthy" || LAB_SCENARIO === "real-node")(
    "times DNS through the Service and each CoreDNS endpoint",
    () => {
      expect(r.dns.filter((d) => d.kind === "service")).toHaveLength(3);
      expect(r.dns.filter((d) => d.kind === "endpoint")).toHaveLength(6);
      expect(r.dns.every((d) => d.timeouts === 0 && d.n === 5)).toBe(true);
      expect(r.serviceVsPod.every((s) => s.serviceP50 !== null && s.podP50 !== null)).toBe(true);
      expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    },
  );

  it.runIf(LAB_SCENARIO === "dns-broken")("finds that cluster DNS answers nothing", () => {
    expect(r.dns.every((d) => d.timeouts === 5 && d.n === 0)).toBe(true);
    expect(r.findings.find((f) => f.code === "dns_unanswered")!.message).toMatch(
      /^Cluster DNS answers nothing: every query to 10\.96\.0\.10/,
    );
  });
});
