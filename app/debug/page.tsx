import { debugKeys } from "@/lib/queries/debug";
import { listDebugPods } from "@/server/debug/pods";
import { pageContext, Prefetched, type PageProps } from "@/server/prefetch";
import { DebugClient } from "./client";

export const dynamic = "force-dynamic";

export default async function DebugPage(props: PageProps) {
  const context = await pageContext(props);
  return (
    <Prefetched
      queries={
        context === null
          ? null
          : [{ queryKey: debugKeys.list(context), read: () => listDebugPods(context) }]
      }
    >
      <DebugClient />
    </Prefetched>
  );
}
