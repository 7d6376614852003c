import type { ContextList } from "@/lib/schemas/cluster";
import { withApi } from "@/server/api";
import { listContexts } from "@/server/kube/client";

export const dynamic = "force-dynamic";

export const GET = withApi(async (): Promise<ContextList> => {
  const contexts = listContexts();
  return {
    current: contexts.find((c) => c.current)?.name ?? null,
    contexts: contexts.map(({ name, cluster, server, current }) => ({
      name,
      cluster,
      server,
      current,
    })),
  };
});
