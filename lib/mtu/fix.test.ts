import { describe, expect, it } from "vitest";
import type { Cni } from "@/lib/parsers/cni-types";
import { mtuFix } from "./fix";

// The black hole's numbers: NICs say 9000, every measured path carries 1500, VXLAN adds 50.
const path = { underlayMtu: 1500, overlayMtu: 1450, overhead: 50, mtuSource: null };

describe("each CNI's MTU fix, on its own numbers", () => {
  it.each<[Cni, string[]]>([
    ["flannel", ['"Backend": {"Type": "vxlan", "MTU": 1500}', "flannel subtracts 50"]],
    ["calico", ['veth_mtu: "1450"', "rollout restart ds/calico-node"]],
    ["cilium", ["--set MTU=1500", "rollout restart ds/cilium"]],
    ["weave", ["WEAVE_MTU=1450"]],
    ["antrea", ["defaultMTU: 1450", "rollout restart ds/antrea-agent"]],
    ["ovn-kubernetes", ["mtu=1450"]],
    ["kube-router", ["mtu to 1450"]],
    ["unknown", ["1450 = underlay 1500 − 50"]],
  ])("%s sets the value the path carries", (cni, said) => {
    const fix = mtuFix(cni, path);
    const text = [fix.summary, ...fix.steps].join("\n");
    for (const s of said) expect(text, cni).toContain(s);
    // Never the NIC's claim, and never a value above the path.
    expect(text).not.toMatch(/9000|8950/);
    for (const n of text.match(/\b\d{4}\b/g) ?? []) expect(Number(n)).toBeLessThanOrEqual(1500);
  });

  it("offers the CNI's auto-detection only where the paths carry what the NICs say", () => {
    const risky = mtuFix("flannel", path).steps.join(" ");
    expect(risky).toContain('do not remove "MTU"');
    expect(risky).not.toContain('or remove "MTU"');
    const safe = mtuFix("flannel", { ...path, autoDetectSafe: true }).steps.join(" ");
    expect(safe).toContain('or remove "MTU"');
    expect(mtuFix("calico", path).steps.join(" ")).toContain("not 0: Felix would auto-detect");
    expect(mtuFix("calico", { ...path, autoDetectSafe: true }).steps.join(" ")).toContain(
      "or 0 to let Felix auto-detect",
    );
  });

  it("patches the Tigera operator's Installation when Calico's MTU is set there", () => {
    const fix = mtuFix("calico", { ...path, mtuSource: "Installation default" });
    expect(fix.steps[0]).toBe(
      `kubectl patch installation default --type merge -p '{"spec":{"calicoNetwork":{"mtu":1450}}}'`,
    );
  });
});
