import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { deleteDebugPod, getDebugPod } from "@/server/debug/pods";
import { refOf, type DebugRefCtx as Ctx } from "@/server/debug/ref";

export const dynamic = "force-dynamic";

export const GET = withApi<Ctx>(async (req, ctx) => getDebugPod(await refOf(ctx), parseQuery(req, contextQuery).context));

export const DELETE = withApi<Ctx>(async (req, ctx) => {
  await deleteDebugPod(await refOf(ctx), parseQuery(req, contextQuery).context);
  return { deleted: true };
});
