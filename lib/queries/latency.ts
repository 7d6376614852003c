import { queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import { latestJobQuery } from "./jobs";

export type LatencyPoint = {
  at: string;
  underlayP50: number | null;
  podP50: number | null;
  podP99: number | null;
  dnsP50: number | null;
  lossPct: number;
};

export const latencyKeys = {
  throughput: (context?: string) => ["throughput", "latest", { context: context ?? null }] as const,
  latest: (context?: string) => ["latency", "latest", { context: context ?? null }] as const,
  history: (context?: string) => ["latency", "history", { context: context ?? null }] as const,
};

export const latestLatencyQuery = (context?: string) =>
  latestJobQuery("latency", latencyKeys.latest(context), "/api/latency/latest", context);
export const latestThroughputQuery = (context?: string) =>
  latestJobQuery("throughput", latencyKeys.throughput(context), "/api/throughput/latest", context);

export const latencyHistoryQuery = (context?: string) =>
  queryOptions({
    queryKey: latencyKeys.history(context),
    queryFn: () => fetchJson<LatencyPoint[]>(apiUrl("/api/latency/history", { context })),
  });
