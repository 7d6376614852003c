import { z } from "zod";
import { contextName } from "./cluster";
import { k8sLabel, k8sName } from "./debug";

export const topologyQuery = z
  .object({
    context: contextName.optional(),
    namespace: k8sLabel.optional(),
    node: k8sName.optional(),
    label: z
      .string()
      .max(317)
      .regex(/^[\w./-]+=[\w.-]*$/, "must be key=value, as in app=web")
      .optional(),
    zone: z
      .string()
      .max(63)
      .regex(/^[\w.-]+$/, "must be a zone name")
      .optional(),
    group: z.coerce
      .number({ message: "must be a group number" })
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(100_000, "must be at most 100000")
      .optional(),
    expand: k8sName.optional(),
  })
  .strict();
export type TopologyQuery = z.infer<typeof topologyQuery>;

export type TopoNode = {
  name: string;
  zone: string | null;
  ip: string | null;
  ready: boolean;
  pods: number;
  mtuVerdict: string | null;
};
/** Counts of an aggregate; `problems` = nodes not Ready or with an MTU mismatch. */
type Tally = { nodes: number; ready: number; pods: number; problems: number };
export type TopoZone = Tally & { zone: string };
/** Consecutive nodes (by name) of a zone too big to draw at once. */
export type TopoGroup = Tally & { index: number; first: string; last: string };
export type TopoTunnel = {
  from: string;
  to: string;
  p50: number | null;
  loss: number | null;
  pathMtu: number | null;
  state: "ok" | "slow" | "lossy" | "mtu" | "silent" | "unmeasured";
};
export type TopoPod = {
  name: string;
  namespace: string;
  ip: string | null;
  phase: string;
  node: string;
};
export type TopoService = {
  name: string;
  namespace: string;
  clusterIP: string | null;
  endpoints: { ip: string; node: string | null; pod: string | null }[];
};
export type TopoRoute = {
  name: string;
  namespace: string;
  gateways: string[];
  backends: { service: string; port: number | null; weight: number }[];
};

export type Topology = {
  context: string;
  /** Aggregated so that a view draws at most UNDERLAY_TOPOLOGY_VIEW_NODES nodes: zones, then groups, then nodes. */
  level: "zones" | "groups" | "nodes";
  totals: { nodes: number; pods: number; services: number };
  zones: TopoZone[];
  /** The chosen zone's (or the cluster's) groups, when it is too big to draw at once. */
  groups: TopoGroup[];
  /** The group drawn, when one was chosen. */
  group: (TopoGroup & { of: number }) | null;
  nodes: TopoNode[];
  tunnels: TopoTunnel[];
  expanded: { node: string; pods: TopoPod[]; truncated: number } | null;
  services: TopoService[];
  gateways: { name: string; namespace: string; className: string }[];
  routes: TopoRoute[];
  namespaces: string[];
  /** What the picture leaves out and why (a permission Underlay lacks for an optional resource). */
  notes: string[];
};
