import { withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { reportOr404 } from "@/server/reports-ref";
import { db } from "@/server/store";
import { deleteReport } from "@/server/store/reports";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = withApi<Ctx>(async (_req, ctx) => reportOr404((await ctx.params).id));

export const DELETE = withApi<Ctx>(
  async (_req, ctx, user) => {
    const r = await reportOr404((await ctx.params).id);
    await deleteReport(await db(), r.id);
    await audit(user, "report.delete", `report/${r.id}`, { title: r.title, context: r.context });
    return { deleted: true };
  },
  { role: "admin", does: "delete reports" },
);
