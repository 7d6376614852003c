import { expect, it } from "vitest";
import type { MtuReport } from "@/lib/schemas/mtu";
import { describeLab, LAB_SCENARIO } from "@/e2e/lab/testing";
import { listDebugPods } from "@/server/debug/pods";
import { diagnoseMtu } from "./mtu";

/** The healthy overlay, with KWOK's kubelet on every node or a real one on lab-node-3. */
const HEALTHY = LAB_SCENARIO === "healthy" || LAB_SCENARIO === "real-node";

describeLab(
  ["healthy", "real-node", "mtu-mismatch", "blackhole", "pmtu-icmp", "jumbo"],
  "MTU diagnosis",
  () => {
    let report: MtuReport;
    const steps: [number, string][] = [];

    it("reads every node, measures every pair and cleans up after itself", async () => {
      report = await diagnoseMtu(
        undefined,
        (f, m) => steps.push([f, m]),
        new AbortController().signal,
      );
      expect(report.cni).toBe("flannel");
      expect(report.encapsulation).toBe("vxlan");
      expect(report.kubeProxyMode).toBe("iptables");
      expect(report.nodes.map((n) => n.node)).toEqual(["lab-node-1", "lab-node-2", "lab-node-3"]);
      expect(
        report.nodes.every((n) => n.error === null && n.conflists.join() === "10-flannel.conflist"),
      ).toBe(true);
      expect(report.pairs).toEqual({ measured: 6, total: 6, sampled: false });
      expect(report.paths).toHaveLength(12);
      expect(report.paths.every((p) => p.probes <= 15)).toBe(true);
      expect(steps.at(-1)![1]).toBe("deleting the debug pods");
      expect(steps.map(([f]) => f)).toEqual([...steps.map(([f]) => f)].sort((a, b) => a - b));
      expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
    });

    it.runIf(HEALTHY)("finds nothing wrong with a healthy overlay", () => {
      expect(
        report.nodes.map((n) => [n.verdict, n.underlay?.mtu, n.overlay?.mtu, n.maxOverlayMtu]),
      ).toEqual(Array(3).fill(["ok", 1500, 1450, 1450]));
      expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
      expect(report.paths.filter((p) => p.over === "overlay").map((p) => p.pathMtu)).toEqual(
        Array(6).fill(1450),
      );
    });

    it.runIf(LAB_SCENARIO === "mtu-mismatch")(
      "reports the mismatch on every node with the numbers and flannel's fix",
      () => {
        expect(
          report.nodes.map((n) => [
            n.verdict,
            n.underlay?.device,
            n.underlay?.mtu,
            n.overlay?.device,
            n.overlay?.mtu,
            n.overhead,
            n.maxOverlayMtu,
          ]),
        ).toEqual(Array(3).fill(["mismatch", "eth0", 1500, "flannel.1", 1500, 50, 1450]));
        // Pods got the overlay's 1500 too (nodes without pods cannot tell).
        expect(report.nodes.filter((n) => n.podMtu !== null).map((n) => n.podMtu)).toEqual(
          expect.arrayContaining([1500]),
        );
        expect(report.findings.map((x) => x.code)).not.toContain("nodes_differ_mtu");
        const f = report.findings.find((x) => x.code === "mtu_mismatch")!;
        expect(f.message).toBe(
          "flannel.1 MTU 1500 + 50 bytes of vxlan headers = 1550 > eth0 MTU 1500 on 3 node(s): packets over 1450 bytes with DF set are dropped.",
        );
        expect(f.fix!.steps[0]).toContain(
          'In ConfigMap kube-flannel/kube-flannel-cfg, key net-conf.json, set "Backend": {"Type": "vxlan", "MTU": 1500}',
        );
        expect(f.fix!.steps).toContain(
          "kubectl -n kube-flannel rollout restart ds/kube-flannel-ds",
        );
        expect(report.mtuSource).toBe(
          "ConfigMap kube-flannel/kube-flannel-cfg key net-conf.json Backend.MTU",
        );
        expect(report.configuredMtu).toBe(1550);
        // Measured: over the overlay the kernel itself says 1450.
        expect(
          report.paths.filter((p) => p.over === "overlay").map((p) => [p.pathMtu, p.above]),
        ).toEqual(Array(6).fill([1450, "local"]));
      },
    );

    it.runIf(LAB_SCENARIO === "blackhole")(
      "measures the path MTU and calls the silent drop by its name",
      () => {
        expect(
          report.paths.filter((p) => p.over === "overlay").map((p) => [p.pathMtu, p.above]),
        ).toEqual(Array(6).fill([1450, "silent"]));
        expect(
          report.paths.filter((p) => p.over === "underlay").map((p) => [p.pathMtu, p.above]),
        ).toEqual(Array(6).fill([1500, "silent"]));
        const silent = report.findings
          .filter((f) => f.code === "silent_drop")
          .map((f) => f.message);
        expect(silent[0]).toMatch(
          /^Silent drop over the overlay: DF packets larger than 1450 bytes vanish with no ICMP "fragmentation needed"/,
        );
        expect(silent[1]).toMatch(
          /^Silent drop over the underlay: DF packets larger than 1500 bytes vanish/,
        );
        // The NICs say 9000, the path carries 1500: flannel.1 at 1500 does not fit what was measured.
        expect(report.nodes.map((n) => [n.verdict, n.pathMtu, n.maxOverlayMtu])).toEqual(
          Array(3).fill(["mismatch", 1500, 1450]),
        );
        const first = report.findings[0]!;
        expect(first.code).toBe("mtu_mismatch");
        const fix = [first.fix!.summary, ...first.fix!.steps].join("\n");
        expect(fix).toContain('"MTU": 1500');
        expect(fix).not.toMatch(/9000|8950/);
        expect(report.findings.some((f) => f.code === "mtu_suboptimal")).toBe(false);
      },
    );

    it.runIf(LAB_SCENARIO === "pmtu-icmp")(
      "hears the router's ICMP 'fragmentation needed' and sizes the overlay for the path",
      () => {
        // The search's ICMP branch: the router (or the PMTU the kernel cached from it) says 1500.
        const under = report.paths.filter((p) => p.over === "underlay");
        expect(under.map((p) => p.pathMtu)).toEqual(Array(6).fill(1500));
        expect(under.every((p) => p.above === "icmp" || p.above === "local")).toBe(true);
        expect(report.paths.some((p) => p.above === "silent")).toBe(false);
        expect(report.nodes.map((n) => [n.verdict, n.pathMtu, n.maxOverlayMtu])).toEqual(
          Array(3).fill(["mismatch", 1500, 1450]),
        );
        expect(report.nodes[0]!.reason).toMatch(/a router said so with ICMP|a cached PMTU/);
        expect(report.findings.some((f) => f.code === "silent_drop")).toBe(false);
        expect(report.findings[0]!.fix!.steps[0]).toContain('"MTU": 1500');
      },
    );

    it.runIf(LAB_SCENARIO === "jumbo")("calls a 1450 overlay on a 9000 underlay suboptimal", () => {
      expect(
        report.nodes.map((n) => [n.verdict, n.underlay?.mtu, n.overlay?.mtu, n.maxOverlayMtu]),
      ).toEqual(Array(3).fill(["suboptimal", 9000, 1450, 8950]));
      const f = report.findings.find((x) => x.code === "mtu_suboptimal")!;
      expect(f.message).toContain("up to 8950 would fit");
      expect(report.paths.filter((p) => p.over === "underlay").map((p) => p.pathMtu)).toEqual(
        Array(6).fill(9000),
      );
    });
  },
);
