/** What one configuration file says about the cluster network, and how findings combine. */
export type Cni =
  | "flannel"
  | "calico"
  | "cilium"
  | "weave"
  | "antrea"
  | "kube-router"
  | "ovn-kubernetes"
  | "aws-vpc-cni"
  | "azure"
  | "unknown";

export type Encapsulation = "vxlan" | "geneve" | "ipip" | "wireguard" | "none" | "unknown";
export type KubeProxyMode = "iptables" | "ipvs" | "nftables";

/**
 * `pod`: the MTU pods / the overlay device get (calico veth_mtu, FLANNEL_MTU, conflist mtu…).
 * `underlay`: the outer MTU the CNI subtracts its overhead from (flannel Backend.MTU, cilium mtu).
 */
export type MtuMeaning = "pod" | "underlay";

export type ConfigFacts = {
  cni: Cni;
  encapsulation: Encapsulation;
  configuredMtu: number | null;
  /** Where the MTU is set, e.g. "ConfigMap kube-system/calico-config key veth_mtu". */
  mtuSource: string | null;
  mtuMeaning: MtuMeaning | null;
  kubeProxyMode: KubeProxyMode | null;
  /** The CNI (cilium, kube-router…) states that it replaces kube-proxy. */
  kubeProxyReplaced: boolean;
  /** MTU settings whose value lives elsewhere: `{ env, configMap, key, namespace }` references. */
  mtuRefs: { env: string; configMap: string; key: string; namespace?: string }[];
  notes: string[];
};

export const emptyFacts = (): ConfigFacts => ({
  cni: "unknown",
  encapsulation: "unknown",
  configuredMtu: null,
  mtuSource: null,
  mtuMeaning: null,
  kubeProxyMode: null,
  kubeProxyReplaced: false,
  mtuRefs: [],
  notes: [],
});

/** An explicit MTU: a positive integer (or its string). 0, "auto", "" and placeholders → null. */
export function explicitMtu(value: unknown): number | null {
  const s =
    typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

export function setMtu(f: ConfigFacts, value: unknown, source: string, meaning: MtuMeaning): void {
  const mtu = explicitMtu(value);
  if (mtu === null || f.configuredMtu !== null) return;
  f.configuredMtu = mtu;
  f.mtuSource = source;
  f.mtuMeaning = meaning;
}

export function setCni(f: ConfigFacts, cni: Cni): void {
  if (f.cni === "unknown") f.cni = cni;
  else if (f.cni !== cni)
    f.notes.push(`Both ${f.cni} and ${cni} are configured here; keeping ${f.cni}.`);
}

export function setEncapsulation(f: ConfigFacts, e: Encapsulation): void {
  if (e === "unknown") return;
  if (f.encapsulation === "unknown") f.encapsulation = e;
  else if (f.encapsulation !== e)
    f.notes.push(
      `Encapsulation ${f.encapsulation} and ${e} are both stated; keeping ${f.encapsulation}.`,
    );
}

const PROXY_MODES: readonly string[] = ["iptables", "ipvs", "nftables"];
export const proxyMode = (v: unknown): KubeProxyMode | null =>
  typeof v === "string" && PROXY_MODES.includes(v.trim().toLowerCase())
    ? (v.trim().toLowerCase() as KubeProxyMode)
    : null;

/** Folds `b` into `a` (first stated value wins; conflicts become notes). */
export function mergeFacts(a: ConfigFacts, b: ConfigFacts): ConfigFacts {
  const out: ConfigFacts = {
    ...a,
    notes: [...a.notes, ...b.notes],
    mtuRefs: [...a.mtuRefs, ...b.mtuRefs],
  };
  if (b.cni !== "unknown") setCni(out, b.cni);
  setEncapsulation(out, b.encapsulation);
  if (out.configuredMtu === null && b.configuredMtu !== null) {
    out.configuredMtu = b.configuredMtu;
    out.mtuSource = b.mtuSource;
    out.mtuMeaning = b.mtuMeaning;
  }
  out.kubeProxyMode ??= b.kubeProxyMode;
  out.kubeProxyReplaced ||= b.kubeProxyReplaced;
  return out;
}

/** Case-insensitive key lookup (Go's encoding/json matches keys that way: flannel's "MTU"/"mtu"). */
export function keyCI(o: Record<string, unknown> | undefined, key: string): unknown {
  if (!o) return undefined;
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** flannel's Backend.Type (and k3s' --flannel-backend names) → the encapsulation it puts on the wire. */
export const FLANNEL_BACKENDS: Record<string, Encapsulation> = {
  vxlan: "vxlan",
  "host-gw": "none",
  wireguard: "wireguard",
  "wireguard-native": "wireguard",
  ipip: "ipip",
};

/**
 * Text nested deeper than any configuration is (brackets, or `- ` list items on one line): not
 * parsed as YAML or JSON at all, as the yaml library's recursion can exhaust the stack on it.
 */
export function nestedTooDeep(text: string, limit = 64): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return /(?:-\s+){32}/.test(text.replace(/[^-\s]+/g, "x"));
}
