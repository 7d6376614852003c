import { withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { cancelJob, getJob } from "@/server/jobs/jobs";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = withApi<Ctx>(async (_req, ctx) => getJob((await ctx.params).id));

/** Cancels a running job; it stops at its next step and cleans up after itself. */
export const DELETE = withApi<Ctx>(
  async (_req, ctx, user) => {
    const job = await cancelJob((await ctx.params).id);
    await audit(user, "job.cancel", `job/${job.id}`, { kind: job.kind });
    return job;
  },
  { role: "operator", does: "cancel runs" },
);
