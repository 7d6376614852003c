import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, apiUrl, fetchJson } from "@/lib/fetch-json";
import type { JobView } from "@/lib/schemas/jobs";
import type { LatencyReport, ThroughputReport } from "@/lib/schemas/latency";

export type LatencyPoint = { at: string; underlayP50: number | null; podP50: number | null; podP99: number | null; dnsP50: number | null; lossPct: number };

export const latencyKeys = {
  throughput: (context?: string) => ["throughput", "latest", { context: context ?? null }] as const,
  latest: (context?: string) => ["latency", "latest", { context: context ?? null }] as const,
  history: (context?: string) => ["latency", "history", { context: context ?? null }] as const,
};

export const latestLatencyQuery = (context?: string) =>
  queryOptions({
    queryKey: latencyKeys.latest(context),
    queryFn: () =>
      fetchJson<JobView & { result: LatencyReport }>(apiUrl("/api/latency/latest", { context })).catch((e) => {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }),
  });

export const latencyHistoryQuery = (context?: string) =>
  queryOptions({ queryKey: latencyKeys.history(context), queryFn: () => fetchJson<LatencyPoint[]>(apiUrl("/api/latency/history", { context })) });

export const latestThroughputQuery = (context?: string) =>
  queryOptions({
    queryKey: latencyKeys.throughput(context),
    queryFn: () =>
      fetchJson<JobView & { result: ThroughputReport }>(apiUrl("/api/throughput/latest", { context })).catch((e) => {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }),
  });
