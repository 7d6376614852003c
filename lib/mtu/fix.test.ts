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

describe("a fix checked against the cluster it is for", () => {
  const at = {
    daemonSet: "kube-system/kube-flannel-ds-amd64",
    image: "quay.io/coreos/flannel:v0.11.0-amd64",
    version: "v0.11.0",
    configMap: "kube-system/kube-flannel-cfg",
  };
  it("names the objects this cluster has, and says they were checked", () => {
    const fix = mtuFix("flannel", {
      ...path,
      at: { ...at, image: "x/flannel:v0.28.9", version: "v0.28.9" },
    });
    expect(fix.steps[0]).toContain("In ConfigMap kube-system/kube-flannel-cfg, key net-conf.json");
    expect(fix.steps[1]).toBe("kubectl -n kube-system rollout restart ds/kube-flannel-ds-amd64");
    expect(fix.checked).toBe(
      "Checked: DaemonSet kube-system/kube-flannel-ds-amd64 (x/flannel:v0.28.9) and ConfigMap kube-system/kube-flannel-cfg exist in this cluster, running v0.28.9.",
    );
  });
  it("gives a flannel without Backend.MTU the fix that works on it", () => {
    const fix = mtuFix("flannel", { ...path, at });
    expect(fix.summary).toContain("This flannel (v0.11.0) has no Backend.MTU");
    expect(fix.steps[0]).toContain("set the external interface's MTU to 1500");
    expect(fix.steps[0]).toContain("upgrade flannel to v0.21.3 or later");
  });
  it("says when it could not check, rather than implying it did", () => {
    expect(mtuFix("calico", path).checked).toBe(
      "Not checked against this cluster: no calico DaemonSet or ConfigMap was read (Underlay may not be allowed to list them), so the names above are calico's defaults.",
    );
  });
});
