import { queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import type { ClusterSummary, ContextList } from "@/lib/schemas/cluster";

export const clusterKeys = {
  all: ["cluster"] as const,
  summary: (context?: string) => ["cluster", "summary", { context: context ?? null }] as const,
  contexts: () => ["cluster", "contexts"] as const,
};

export const clusterSummaryQuery = (context?: string) =>
  queryOptions({
    queryKey: clusterKeys.summary(context),
    queryFn: () => fetchJson<ClusterSummary>(apiUrl("/api/cluster", { context })),
    refetchInterval: 15_000,
  });

export const contextsQuery = () =>
  queryOptions({
    queryKey: clusterKeys.contexts(),
    queryFn: () => fetchJson<ContextList>("/api/contexts"),
  });
