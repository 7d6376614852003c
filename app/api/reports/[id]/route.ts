import { withApi } from "@/server/api";
import { reportOr404 } from "@/server/reports-ref";
import { db } from "@/server/store";
import { deleteReport } from "@/server/store/reports";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = withApi<Ctx>(async (_req, ctx) => reportOr404((await ctx.params).id));

export const DELETE = withApi<Ctx>(async (_req, ctx) => {
  const r = await reportOr404((await ctx.params).id);
  await deleteReport(await db(), r.id);
  return { deleted: true };
});
