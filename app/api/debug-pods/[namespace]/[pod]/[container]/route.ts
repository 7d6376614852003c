import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { deleteDebugPod, getDebugPod } from "@/server/debug/pods";
import { refOf, type DebugRefCtx as Ctx } from "@/server/debug/ref";

export const dynamic = "force-dynamic";

export const GET = withApi<Ctx>(async (req, ctx) =>
  getDebugPod(await refOf(ctx), parseQuery(req, contextQuery).context),
);

export const DELETE = withApi<Ctx>(
  async (req, ctx, user) => {
    const ref = await refOf(ctx);
    const { context } = parseQuery(req, contextQuery);
    await deleteDebugPod(ref, context);
    await audit(user, "debug-pod.delete", `${ref.namespace}/${ref.pod}/${ref.container}`, {
      context,
    });
    return { deleted: true };
  },
  { role: "operator", does: "delete debug pods" },
);
