import { z } from "zod";
import type { Finding } from "@/lib/mtu/verdict";
import { host } from "@/lib/debug/params";
import type { Summary } from "@/lib/stats";
import { contextName } from "./cluster";
import { k8sName } from "./debug";

export const latencyRequest = z
  .object({
    context: contextName.optional(),
    nodes: z.array(k8sName).max(500, "may list at most 500 nodes").optional(),
    externalTargets: z.array(host).max(5, "may list at most 5 external targets").default([]),
  })
  .strict();
export type LatencyRequest = z.infer<typeof latencyRequest>;

/** Round trips from a node (host network) to another node's underlay address or to a pod on it. */
export type LatencyPair = Summary & {
  from: string;
  to: string;
  over: "underlay" | "pod";
  target: string;
  sent: number;
  received: number;
  loss: number;
  /**
   * The first reply's round trip, kept out of p50/p99: it waits for neighbour resolution (ARP,
   * proxy ARP's delay), which the steady state does not. Null when no reply came.
   */
  firstMs?: number | null;
  /** How many leading replies waited for neighbour resolution (left out of p50/p99). */
  resolutionWaits?: number;
};
export type DnsLatency = Summary & {
  from: string;
  server: string;
  kind: "service" | "endpoint";
  queries: number;
  timeouts: number;
};
export type ExternalRtt = Summary & {
  from: string;
  target: string;
  sent: number;
  received: number;
  loss: number;
};

export type LatencyReport = {
  context: string;
  at: string;
  nodes: string[];
  pairs: LatencyPair[];
  sampling: { measured: number; total: number; sampled: boolean; threshold: number };
  dns: DnsLatency[];
  /** Pod→ClusterIP against pod→pod for the same backends (cluster DNS): the kube-proxy cost. */
  serviceVsPod: { from: string; podP50: number | null; serviceP50: number | null }[];
  kubeProxyMode: string | null;
  serviceCount: number | null;
  external: ExternalRtt[];
  conntrack: { node: string; insertFailed: number; drop: number }[];
  findings: Finding[];
};

export const throughputRequest = z
  .object({
    context: contextName.optional(),
    from: k8sName,
    to: k8sName,
    network: z.enum(["pod", "host"], { error: "must be pod or host" }),
    seconds: z.number().int().min(1, "must be 1 to 30").max(30, "must be 1 to 30").default(5),
  })
  .strict()
  .refine((r) => r.from !== r.to, { message: "must differ from from", path: ["to"] });
export type ThroughputRequest = z.infer<typeof throughputRequest>;

export type ThroughputReport = ThroughputRequest & {
  at: string;
  server: string;
  result: import("@/lib/parsers/iperf3").Iperf3Result;
};
