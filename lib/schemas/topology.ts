import { z } from "zod";
import { contextName } from "./cluster";
import { k8sLabel, k8sName } from "./debug";

export const topologyQuery = z
  .object({
    context: contextName.optional(),
    namespace: k8sLabel.optional(),
    node: k8sName.optional(),
    label: z.string().max(317).regex(/^[\w./-]+=[\w.-]*$/, "must be key=value, as in app=web").optional(),
    zone: z.string().max(63).regex(/^[\w.-]+$/, "must be a zone name").optional(),
    expand: k8sName.optional(),
  })
  .strict();
export type TopologyQuery = z.infer<typeof topologyQuery>;

export type TopoNode = { name: string; zone: string | null; ip: string | null; ready: boolean; pods: number; mtuVerdict: string | null };
export type TopoZone = { zone: string; nodes: number; ready: number; pods: number };
export type TopoTunnel = { from: string; to: string; p50: number | null; loss: number | null; pathMtu: number | null; state: "ok" | "slow" | "lossy" | "mtu" | "silent" | "unmeasured" };
export type TopoPod = { name: string; namespace: string; ip: string | null; phase: string; node: string };
export type TopoService = { name: string; namespace: string; clusterIP: string | null; endpoints: { ip: string; node: string | null; pod: string | null }[] };
export type TopoRoute = { name: string; namespace: string; gateways: string[]; backends: { service: string; port: number | null; weight: number }[] };

export type Topology = {
  context: string;
  /** "zones" when more nodes match than NODE_LIMIT and no zone was chosen. */
  level: "nodes" | "zones";
  totals: { nodes: number; pods: number; services: number };
  zones: TopoZone[];
  nodes: TopoNode[];
  /** Nodes that matched but are not drawn (beyond NODE_LIMIT in a zone). */
  truncated: number;
  tunnels: TopoTunnel[];
  expanded: { node: string; pods: TopoPod[]; truncated: number } | null;
  services: TopoService[];
  gateways: { name: string; namespace: string; className: string }[];
  routes: TopoRoute[];
  namespaces: string[];
  /** What the picture leaves out and why (a permission Underlay lacks for an optional resource). */
  notes: string[];
};
