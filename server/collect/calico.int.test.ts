// The lab's Calico flavour, diagnosed and meshed end to end: vxlan.calico and cali* devices, the
// calico-config ConfigMap, and the proxy ARP Calico's pods route through (with Felix's proxy_delay
// of 0, the pods' first packets wait for nothing).
import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { listDebugPods } from "@/server/debug/pods";
import { runLatencyMesh } from "./latency";
import { diagnoseMtu } from "./mtu";

describeLab(["calico"], "Calico: MTU diagnosis and latency mesh", () => {
  it("reads Calico's VXLAN overlay and finds that it fits, measuring every pair", async () => {
    const r = await diagnoseMtu(undefined, () => undefined, new AbortController().signal);
    expect([r.cni, r.encapsulation]).toEqual(["calico", "vxlan"]);
    expect(
      r.nodes.map((n) => [n.verdict, n.underlay?.mtu, n.overlay?.device, n.overlay?.mtu]),
    ).toEqual(Array(3).fill(["ok", 1500, "vxlan.calico", 1450]));
    expect(r.paths).toHaveLength(12);
    expect(r.paths.filter((p) => p.over === "overlay").map((p) => p.pathMtu)).toEqual(
      Array(6).fill(1450),
    );
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
  });

  it("meshes every pair with no false slow path from proxy ARP", async () => {
    const r = await runLatencyMesh(
      { externalTargets: [] },
      () => undefined,
      new AbortController().signal,
    );
    expect(r.pairs).toHaveLength(12);
    expect(r.pairs.every((p) => p.received === 10 && p.loss === 0)).toBe(true);
    expect(r.findings.map((f) => f.code)).not.toContain("latency_outlier");
    // Felix's proxy_delay=0: nothing waits for the cali* side's ARP answer.
    expect(r.pairs.filter((p) => p.over === "pod").map((p) => p.resolutionWaits)).toEqual(
      Array(6).fill(0),
    );
    expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
  });
});
