import { latencyKeys } from "@/lib/queries/latency";
import { latestJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";
import { pageContext, Prefetched, type PageProps } from "@/server/prefetch";
import { LatencyClient } from "./client";

export const dynamic = "force-dynamic";

export default async function LatencyPage(props: PageProps) {
  const context = await pageContext(props);
  return (
    <Prefetched
      queries={
        context === null
          ? null
          : [
              {
                queryKey: latencyKeys.latest(context),
                read: () => latestJob("latency", contextNameOf(context)),
              },
              {
                queryKey: latencyKeys.throughput(context),
                read: () => latestJob("throughput", contextNameOf(context)),
              },
            ]
      }
    >
      <LatencyClient />
    </Prefetched>
  );
}
