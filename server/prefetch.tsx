import "server-only";
import {
  dehydrate,
  HydrationBoundary,
  type DehydratedState,
  type QueryKey,
} from "@tanstack/react-query";
import { Suspense, type ReactNode } from "react";
import { getQueryClient } from "@/lib/query-client";
import { contextQuery } from "@/lib/schemas/cluster";

/** What a page waits for its first facts before it answers without them (the client then asks). */
const BUDGET_MS = 1500;

export type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };
export type Prefetch = { queryKey: QueryKey; read: () => Promise<unknown> };

/** The page's `?context=`, as the API reads it; null when it is not a valid context name. */
export async function pageContext({ searchParams }: PageProps): Promise<string | undefined | null> {
  const q = contextQuery.safeParse({ context: (await searchParams).context });
  return q.success ? q.data.context : null;
}

/**
 * Reads queries on the server while the page renders, so the first paint shows their data instead
 * of a "loading" line and a second round trip. The data goes through JSON, as the API's answer
 * does, so the client holds the same shape either way. A failure or a slow answer leaves the
 * query to the client, which shows the error in words or the data when it comes.
 */
async function prefetched(queries: Prefetch[]): Promise<DehydratedState> {
  const qc = getQueryClient();
  await Promise.race([
    Promise.all(
      queries.map((q) =>
        qc.prefetchQuery({
          queryKey: q.queryKey,
          queryFn: async () => JSON.parse(JSON.stringify((await q.read()) ?? null)) as unknown,
        }),
      ),
    ),
    new Promise((r) => setTimeout(r, BUDGET_MS).unref()),
  ]);
  return dehydrate(qc);
}

/** A page's client part, with its first queries read on the server (none for a bad `?context=`). */
export async function Prefetched({
  queries,
  children,
}: {
  queries: Prefetch[] | null;
  children: ReactNode;
}) {
  const state = queries ? await prefetched(queries) : undefined;
  return (
    <HydrationBoundary state={state}>
      <Suspense>{children}</Suspense>
    </HydrationBoundary>
  );
}
