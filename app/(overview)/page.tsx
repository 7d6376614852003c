import { clusterKeys } from "@/lib/queries/cluster";
import { clusterSummary } from "@/server/collect/cluster";
import { pageContext, Prefetched, type PageProps } from "@/server/prefetch";
import { OverviewClient } from "./client";

export const dynamic = "force-dynamic";

export default async function OverviewPage(props: PageProps) {
  const context = await pageContext(props);
  return (
    <Prefetched
      queries={
        context === null
          ? null
          : [{ queryKey: clusterKeys.summary(context), read: () => clusterSummary(context) }]
      }
    >
      <OverviewClient />
    </Prefetched>
  );
}
