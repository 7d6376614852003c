import { z } from "zod";

/** A kubeconfig context name as kubectl accepts it. */
export const contextName = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(/^[\w.@:/-]+$/, "may only contain letters, digits and . _ - @ : /");

export const contextQuery = z.object({ context: contextName.optional() }).strict();

export type ClusterSummary = {
  context: string;
  server: string;
  version: string;
  platform: string;
  nodes: { total: number; ready: number };
  source: "kubeconfig" | "in-cluster";
};

export type ContextList = {
  current: string | null;
  contexts: { name: string; cluster: string; server: string; current: boolean }[];
};

export type NodeSummary = {
  name: string;
  ready: boolean;
  internalIP: string | null;
  zone: string | null;
  podCIDR: string | null;
};
