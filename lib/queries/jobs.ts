import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, apiUrl, fetchJson } from "@/lib/fetch-json";
import type { JobKind, JobResults, JobView } from "@/lib/schemas/jobs";

/** A job, polled every second while it runs. */
export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: ["jobs", id],
    queryFn: () => fetchJson<JobView>(`/api/jobs/${id}`),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 1000),
  });

/** The latest finished job of a kind (GET `path`), or null when none has run for the context. */
export const latestJobQuery = <K extends JobKind>(
  _kind: K,
  queryKey: readonly unknown[],
  path: string,
  context?: string,
) =>
  queryOptions({
    queryKey,
    queryFn: () =>
      fetchJson<JobView<K> & { result: JobResults[K] }>(apiUrl(path, { context })).catch((e) => {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }),
  });
