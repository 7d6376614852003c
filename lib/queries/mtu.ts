import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, apiUrl, fetchJson } from "@/lib/fetch-json";
import type { JobView } from "@/lib/schemas/jobs";
import type { MtuReport } from "@/lib/schemas/mtu";

export type MtuJob = JobView & { result: MtuReport | null };

export const mtuKeys = {
  latest: (context?: string) => ["mtu", "latest", { context: context ?? null }] as const,
};

/** The last finished diagnosis, or null when none has run for this context. */
export const latestMtuQuery = (context?: string) =>
  queryOptions({
    queryKey: mtuKeys.latest(context),
    queryFn: () =>
      fetchJson<MtuJob>(apiUrl("/api/mtu/latest", { context })).catch((e) => {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }),
  });
