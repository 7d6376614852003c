import { withApi } from "@/server/api";
import { cancelJob, getJob } from "@/server/jobs/jobs";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = withApi<Ctx>(async (_req, ctx) => getJob((await ctx.params).id));

/** Cancels a running job; it stops at its next step and cleans up after itself. */
export const DELETE = withApi<Ctx>(async (_req, ctx) => cancelJob((await ctx.params).id));
