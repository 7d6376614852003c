/**
 * The lab's scenarios. Every lab node is a network namespace whose eth0 is wired to a router
 * namespace (the "fabric"), with a CNI-style VXLAN overlay to every other node.
 */
export type Cni = "flannel" | "calico";

export type Scenario = {
  name: string;
  description: string;
  nodes: number;
  cni: Cni;
  /** MTU of each node's underlay NIC (eth0). */
  underlayMtu: number;
  /** MTU of the routed path between nodes, when smaller than the NICs (a WAN or VPN hop). */
  pathMtu?: number;
  /** MTU the CNI gives its overlay device (flannel.1, vxlan.calico) and pods' eth0. */
  overlayMtu: number;
  /** The fabric drops ICMP "fragmentation needed": big packets vanish with no error. */
  dropFragNeeded?: boolean;
  /** The cluster DNS Service answers nothing. */
  dnsBroken?: boolean;
  /**
   * Nodes (1-based) whose kubelet is real (real-node.ts: the kubelet with containerd and runc);
   * KWOK is every other node's.
   */
  realNodes?: number[];
  /** Simulated size for load figures: no network namespaces at all. */
  scale?: { nodes: number; pods: number; services: number };
};

const base = { nodes: 3, cni: "flannel" as const, underlayMtu: 1500, overlayMtu: 1450 };

export const scenarios: Record<string, Scenario> = {
  healthy: {
    ...base,
    name: "healthy",
    description: "flannel VXLAN, underlay 1500, overlay 1450: everything fits.",
  },
  "mtu-mismatch": {
    ...base,
    realNodes: [3],
    name: "mtu-mismatch",
    overlayMtu: 1500,
    description:
      "flannel VXLAN at 1500 over a 1500 underlay: 50 bytes of headers do not fit, DF packets over 1422 bytes of payload fail.",
  },
  blackhole: {
    ...base,
    realNodes: [3],
    name: "blackhole",
    underlayMtu: 9000,
    pathMtu: 1500,
    overlayMtu: 1500,
    dropFragNeeded: true,
    description:
      "nodes think they have jumbo frames (9000), the path between them carries 1500, the overlay pushes 1500 and the fabric drops ICMP 'fragmentation needed': big packets vanish with no error.",
  },
  "pmtu-icmp": {
    ...base,
    realNodes: [3],
    name: "pmtu-icmp",
    underlayMtu: 9000,
    pathMtu: 1500,
    overlayMtu: 1500,
    description:
      "like blackhole, but the router on the path answers ICMP 'fragmentation needed': the kernel learns the path MTU and the drop is reported, not silent.",
  },
  jumbo: {
    ...base,
    realNodes: [3],
    name: "jumbo",
    underlayMtu: 9000,
    description: "underlay 9000, overlay left at 1450: works, wastes the jumbo frames.",
  },
  "dns-broken": {
    ...base,
    realNodes: [3],
    name: "dns-broken",
    dnsBroken: true,
    description: "healthy network, but the cluster DNS Service answers nothing.",
  },
  "real-node": {
    ...base,
    name: "real-node",
    realNodes: [3],
    description:
      "healthy flannel VXLAN, and lab-node-3 is a real kubelet with containerd and runc: pods there really run, pull and end.",
  },
  calico: {
    ...base,
    name: "calico",
    cni: "calico",
    description: "Calico VXLAN (vxlan.calico), underlay 1500, overlay 1450.",
  },
  wide: {
    ...base,
    name: "wide",
    nodes: Math.min(250, Math.max(2, Number(process.env.UNDERLAY_LAB_NODES) || 100)),
    description:
      "a healthy flannel overlay with many network nodes (UNDERLAY_LAB_NODES, default 100, at most 250): for the latency mesh at size.",
  },
  scale: {
    ...base,
    name: "scale",
    nodes: 0,
    // UNDERLAY_LAB_SCALE_NODES / _PODS / _SERVICES make a smaller one (a quick look at the UI at size).
    scale: {
      nodes: Number(process.env.UNDERLAY_LAB_SCALE_NODES) || 5000,
      pods: Number(process.env.UNDERLAY_LAB_SCALE_PODS) || 100_000,
      services: Number(process.env.UNDERLAY_LAB_SCALE_SERVICES) || 5000,
    },
    description:
      "5,000 KWOK nodes, 100,000 pods, 5,000 Services (fewer with UNDERLAY_LAB_SCALE_*), no network namespaces: for load figures.",
  },
};

/** Addresses, names and MACs of lab node i (1-based), as the CNI would assign them. */
export function nodePlan(s: Scenario, i: number) {
  return {
    name: `lab-node-${i}`,
    netns: `ul-node-${i}`,
    zone: i % 2 ? "lab-a" : "lab-b",
    underlayIp: `172.31.${i}.2`,
    gateway: `172.31.${i}.1`,
    fabricIf: `n${i}`,
    podCidr: `10.244.${i - 1}.0/24`,
    /** flannel: the .0 of the node's subnet; calico: the tunnel address from its block. */
    vtepIp: s.cni === "flannel" ? `10.244.${i - 1}.0` : `10.244.${i - 1}.192`,
    bridgeIp: `10.244.${i - 1}.1`,
    vtepMac: `0a:58:0a:f4:${(i - 1).toString(16).padStart(2, "0")}:01`,
  };
}

export const isRealNode = (s: Scenario, i: number) => !!s.realNodes?.includes(i);
/** A real node carries this label ("real") and taint (the lab's workloads stay off it). */
export const REAL_NODE_LABEL = "lab.underlay.dev/kubelet";
export const REAL_NODE_TAINT = "lab.underlay.dev/real-node";

export const overlayDevice = (s: Scenario) => (s.cni === "flannel" ? "flannel.1" : "vxlan.calico");
export const CLUSTER_DNS_IP = "10.96.0.10";
export const SERVICE_CIDR = "10.96.0.0/16";
