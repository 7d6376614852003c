import { mtuKeys } from "@/lib/queries/mtu";
import { latestJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";
import { pageContext, Prefetched, type PageProps } from "@/server/prefetch";
import { MtuClient } from "./client";

export const dynamic = "force-dynamic";

export default async function MtuPage(props: PageProps) {
  const context = await pageContext(props);
  return (
    <Prefetched
      queries={
        context === null
          ? null
          : [
              {
                queryKey: mtuKeys.latest(context),
                read: () => latestJob("mtu", contextNameOf(context)),
              },
            ]
      }
    >
      <MtuClient />
    </Prefetched>
  );
}
