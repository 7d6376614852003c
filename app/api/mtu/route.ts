import { NextResponse } from "next/server";
import { z } from "zod";
import { contextName } from "@/lib/schemas/cluster";
import { parseBody, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { diagnoseMtu } from "@/server/collect/mtu";
import { startJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

const body = z.object({ context: contextName.optional() }).strict();

/** Starts an MTU diagnosis of every node; follow it at /api/jobs/<id>. */
export const POST = withApi(
  async (req, _ctx, user) => {
    const { context } = await parseBody(req, body);
    const name = contextNameOf(context);
    const id = await startJob("mtu", name, { context }, user.name, (progress, signal) =>
      diagnoseMtu(context, progress, signal),
    );
    await audit(user, "mtu.start", `job/${id}`, { context });
    return NextResponse.json({ jobId: id }, { status: 202 });
  },
  { role: "operator", does: "run an MTU diagnosis" },
);
