import { queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import type { NodeSummary } from "@/lib/schemas/cluster";
import type { DebugPod } from "@/lib/schemas/debug";

export const debugKeys = {
  all: ["debug-pods"] as const,
  list: (context?: string) => ["debug-pods", "list", { context: context ?? null }] as const,
};

export const debugPodsQuery = (context?: string) =>
  queryOptions({
    queryKey: debugKeys.list(context),
    queryFn: () => fetchJson<DebugPod[]>(apiUrl("/api/debug-pods", { context })),
    refetchInterval: 2000,
  });

export const nodesQuery = (context?: string) =>
  queryOptions({
    queryKey: ["nodes", "list", { context: context ?? null }],
    queryFn: () => fetchJson<NodeSummary[]>(apiUrl("/api/nodes", { context })),
  });

export const debugPodPath = (d: Pick<DebugPod, "namespace" | "pod" | "container">) =>
  `/api/debug-pods/${encodeURIComponent(d.namespace)}/${encodeURIComponent(d.pod)}/${encodeURIComponent(d.container)}`;
