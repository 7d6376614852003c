/**
 * CNI network configuration (a `.conflist` with `plugins`, or a single `.conf` with `type`).
 * A conflist names the CNI by its plugin type; for calico/flannel it does not carry the
 * encapsulation (that lives in the IPPool / net-conf.json), so it stays unknown.
 */
import {
  emptyFacts,
  explicitMtu,
  isObj,
  setCni,
  setEncapsulation,
  setMtu,
  type Cni,
  type ConfigFacts,
  type Encapsulation,
} from "./cni-types";

const BY_TYPE: Record<string, { cni: Cni; encapsulation: Encapsulation }> = {
  flannel: { cni: "flannel", encapsulation: "unknown" },
  calico: { cni: "calico", encapsulation: "unknown" },
  "cilium-cni": { cni: "cilium", encapsulation: "unknown" },
  "weave-net": { cni: "weave", encapsulation: "unknown" },
  antrea: { cni: "antrea", encapsulation: "unknown" },
  "ovn-k8s-cni-overlay": { cni: "ovn-kubernetes", encapsulation: "unknown" },
  // AWS VPC CNI and Azure CNI give pods VPC/VNet addresses: routed, no tunnel device.
  "aws-cni": { cni: "aws-vpc-cni", encapsulation: "none" },
  "azure-vnet": { cni: "azure", encapsulation: "none" },
};

export const looksLikeConflist = (v: unknown): v is Record<string, unknown> =>
  isObj(v) && (Array.isArray(v.plugins) || typeof v.type === "string") && !("apiVersion" in v);

/** `where` names the file or ConfigMap key the conflist came from, for the MTU source. */
export function conflistFacts(conf: Record<string, unknown>, where: string): ConfigFacts {
  const f = emptyFacts();
  if (conf.name === "kilo")
    f.notes.push(
      `${where} is Kilo's conflist: pods are routed over its WireGuard mesh (kilo0, 60 bytes of overhead), which this analyzer does not judge.`,
    );
  const plugins = Array.isArray(conf.plugins) ? conf.plugins.filter(isObj) : [conf];
  for (const p of plugins) {
    const type = typeof p.type === "string" ? p.type : "";
    const known = BY_TYPE[type];
    if (known) {
      setCni(f, known.cni);
      setEncapsulation(f, known.encapsulation);
    } else if (type === "bridge" && p.bridge === "kube-bridge" && conf.name !== "kilo") {
      // kube-router's bridge; Kilo (a WireGuard mesh) writes the same bridge name in its own conflist.
      setCni(f, "kube-router");
    }
    if (explicitMtu(p.mtu) !== null) setMtu(f, p.mtu, `${where} plugin ${type} key mtu`, "pod");
    // flannel's CNI plugin hands FLANNEL_MTU to its delegate unless the delegate sets mtu itself.
    if (type === "flannel" && isObj(p.delegate))
      setMtu(f, p.delegate.mtu, `${where} plugin flannel key delegate.mtu`, "pod");
  }
  return f;
}
