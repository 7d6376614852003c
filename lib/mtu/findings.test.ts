import { describe, expect, it } from "vitest";
import type { NodeMtu, PathMtu } from "@/lib/schemas/mtu";
import { judgeNodes, mtuAllClear, mtuFindings, narrowestPath, verdictCounts } from "./findings";

// Node rows and measured paths as the lab's scenarios produce them (server/collect/mtu.int.test.ts
// asserts the same measurements on the real lab).
const NODES = ["lab-node-1", "lab-node-2", "lab-node-3"];
function node(name: string, nic: number, overlay: number, verdict: NodeMtu["verdict"]): NodeMtu {
  return {
    node: name,
    underlay: { device: "eth0", mtu: nic },
    overlay: { device: "flannel.1", kind: "vxlan", mtu: overlay },
    podMtu: overlay,
    encapsulation: "vxlan",
    overhead: 50,
    maxOverlayMtu: nic - 50,
    verdict,
    reason: "from the configuration",
    conflists: ["10-flannel.conflist"],
    error: null,
  };
}
function mesh(over: PathMtu["over"], pathMtu: number | null, above: PathMtu["above"]): PathMtu[] {
  return NODES.flatMap((from) =>
    NODES.filter((to) => to !== from).map((to) => ({
      from,
      to,
      over,
      target: "10.0.0.1",
      pathMtu,
      above,
      probes: 12,
    })),
  );
}
const report = (nodes: NodeMtu[], paths: PathMtu[]) => {
  const judged = judgeNodes(nodes, paths);
  return {
    judged,
    findings: mtuFindings({ cni: "flannel", mtuSource: null, nodes: judged, paths }),
  };
};

describe("node verdicts from what was measured", () => {
  it("black hole: NICs at 9000, the path at 1500, flannel.1 at 1500 is a mismatch, not a waste", () => {
    const nodes = NODES.map((n) => node(n, 9000, 1500, "suboptimal"));
    const paths = [...mesh("overlay", 1450, "silent"), ...mesh("underlay", 1500, "silent")];
    const { judged, findings } = report(nodes, paths);
    expect(judged.map((n) => [n.verdict, n.pathMtu, n.maxOverlayMtu])).toEqual(
      Array(3).fill(["mismatch", 1500, 1450]),
    );
    expect(judged[0]!.reason).toContain(
      "flannel.1 MTU 1500 + 50 bytes of vxlan headers = 1550 > 1500, the largest packet measured across lab-node-1→lab-node-2",
    );
    expect(judged[0]!.reason).toContain("the drop is silent");
    const first = findings[0]!;
    expect(first.code).toBe("mtu_mismatch");
    expect(first.message).toContain("= 1550 > 1500, the largest packet measured between nodes");
    expect(first.message).toContain("packets over 1450 bytes with DF set are dropped");
    // The fix sizes flannel for the measured path and never raises anything above it.
    const fix = [first.fix!.summary, ...first.fix!.steps].join("\n");
    expect(fix).toContain('"MTU": 1500');
    expect(fix).toContain('do not remove "MTU"');
    expect(fix).not.toMatch(/9000|8950/);
    expect(findings.some((f) => f.code === "mtu_suboptimal")).toBe(false);
    expect(findings.filter((f) => f.code === "silent_drop").map((f) => f.message)).toEqual([
      expect.stringContaining(
        "lower the overlay MTU to fit the path, or let ICMP type 3 code 4 through",
      ),
      expect.stringContaining("Silent drop over the underlay"),
    ]);
  });

  it("jumbo: a 9000 path proven end to end makes 1450 a waste, and the fix may raise to 8950", () => {
    const nodes = NODES.map((n) => node(n, 9000, 1450, "suboptimal"));
    const paths = [...mesh("overlay", 1450, "fits"), ...mesh("underlay", 9000, "fits")];
    const { judged, findings } = report(nodes, paths);
    expect(judged.map((n) => [n.verdict, n.pathMtu, n.maxOverlayMtu])).toEqual(
      Array(3).fill(["suboptimal", 9000, 8950]),
    );
    const f = findings.find((x) => x.code === "mtu_suboptimal")!;
    expect(f.message).toBe(
      "Every measured path carries 9000 bytes but flannel.1 is left at 1450: up to 8950 would fit, so every full packet wastes 7500 bytes.",
    );
    expect(f.fix!.steps[0]).toContain('"MTU": 9000');
    expect(f.fix!.steps[0]).toContain('or remove "MTU"');
  });

  it("no measurement: a larger value is unproven, and no fix recommends it", () => {
    const nodes = [node("lone", 9000, 1450, "suboptimal")];
    const { judged, findings } = report(nodes, []);
    expect(judged[0]!.verdict).toBe("suboptimal");
    expect(judged[0]!.reason).toContain("unproven");
    expect(findings).toEqual([
      expect.objectContaining({ severity: "info", code: "mtu_larger_unproven" }),
    ]);
    expect(findings[0]!.fix).toBeUndefined();
    expect(findings[0]!.message).toContain("Keep 1450");
  });

  it("mismatch on the NIC: the verdict and fix of the configuration stand, sized by the NIC", () => {
    const nodes = NODES.map((n) => node(n, 1500, 1500, "mismatch"));
    const paths = [...mesh("overlay", 1450, "local"), ...mesh("underlay", 1500, "fits")];
    const { judged, findings } = report(nodes, paths);
    expect(judged.map((n) => [n.verdict, n.pathMtu])).toEqual(Array(3).fill(["mismatch", 1500]));
    expect(findings[0]!.message).toContain(
      "flannel.1 MTU 1500 + 50 bytes of vxlan headers = 1550 > eth0 MTU 1500 on 3 node(s)",
    );
    expect(findings[0]!.fix!.steps[0]).toContain('"MTU": 1500');
  });

  it("a path narrower than the NIC that still fits the overlay is ok, judged by the path", () => {
    const nodes = NODES.map((n) => node(n, 9000, 1400, "suboptimal"));
    const { judged } = report(nodes, mesh("underlay", 1500, "icmp"));
    expect(judged.map((n) => [n.verdict, n.maxOverlayMtu])).toEqual(Array(3).fill(["ok", 1450]));
  });

  it("takes the narrowest path touching a node, either way, and caps a fix by every node's", () => {
    const paths = mesh("underlay", 9000, "fits");
    paths[2] = { ...paths[2]!, pathMtu: 1500, above: "icmp" }; // lab-node-2→lab-node-1
    expect(narrowestPath("lab-node-1", paths)).toMatchObject({ from: "lab-node-2", pathMtu: 1500 });
    expect(narrowestPath("lab-node-3", paths)?.pathMtu).toBe(9000);
    const nodes = NODES.map((n) => node(n, 9000, 1450, "suboptimal"));
    const { judged, findings } = report(nodes, paths);
    expect(judged.map((n) => n.verdict)).toEqual(["ok", "ok", "suboptimal"]);
    const f = findings.find((x) => x.code === "mtu_suboptimal")!;
    // One node's path carries only 1500: the cluster-wide fix does not raise past 1450.
    expect(f.fix!.steps[0]).toContain('"MTU": 1500');
  });

  it("says only what it checked when nothing is wrong", () => {
    const nodes = NODES.map((n) => node(n, 1500, 1450, "ok"));
    const paths = [...mesh("overlay", 1450, "fits"), ...mesh("underlay", 1500, "fits")];
    expect(mtuFindings({ cni: "flannel", mtuSource: null, nodes, paths })).toEqual([]);
    expect(mtuAllClear({ nodes, paths })).toBe(
      "No MTU problem found on 3 node(s): every overlay fits its underlay, and the 12 measured paths carry it.",
    );
    expect(mtuAllClear({ nodes: nodes.slice(0, 1), paths: [] })).toContain(
      "no path between nodes was measured",
    );
  });
});

describe("verdict counts", () => {
  it("counts nodes per verdict, worst first", () => {
    const v = (verdict: NodeMtu["verdict"]) => ({ verdict });
    expect(verdictCounts([v("ok"), v("mismatch"), v("ok")])).toBe("1 mismatch, 2 ok");
    expect(verdictCounts([v("suboptimal")])).toBe("1 suboptimal");
    expect(verdictCounts([])).toBe("");
  });
});
