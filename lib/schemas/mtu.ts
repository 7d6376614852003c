import type { Fix } from "@/lib/mtu/fix";
import type { Finding, VerdictStatus } from "@/lib/mtu/verdict";
import type { Cni, Encapsulation, KubeProxyMode } from "@/lib/parsers/cni-types";

export type NodeMtu = {
  node: string;
  underlay: { device: string; mtu: number } | null;
  overlay: { device: string; kind: string; mtu: number } | null;
  podMtu: number | null;
  encapsulation: Encapsulation;
  overhead: number | null;
  maxOverlayMtu: number | null;
  /** The largest packet measured across the narrowest underlay path from or to this node (capped at the NIC's MTU); null when none was measured. */
  pathMtu?: number | null;
  verdict: VerdictStatus;
  reason: string;
  conflists: string[];
  /** Why this node could not be read (debug pod failed to start, exec refused…). */
  error: string | null;
};

export type PathMtu = {
  from: string;
  to: string;
  over: "overlay" | "underlay";
  target: string;
  pathMtu: number | null;
  /** What happens just above pathMtu: fits (nothing smaller on the path), local/icmp said too big, or silent drop. */
  above: "fits" | "local" | "icmp" | "silent";
  probes: number;
};

export type ReportFinding = Finding & { nodes?: string[]; fix?: Fix };

export type MtuReport = {
  context: string;
  at: string;
  cni: Cni;
  encapsulation: Encapsulation;
  configuredMtu: number | null;
  mtuSource: string | null;
  kubeProxyMode: KubeProxyMode | null;
  sources: string[];
  nodes: NodeMtu[];
  paths: PathMtu[];
  /** Pairs measured out of all; above the sampling threshold not every pair is. */
  pairs: { measured: number; total: number; sampled: boolean };
  findings: ReportFinding[];
};
