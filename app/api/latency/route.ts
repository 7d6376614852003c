import { NextResponse } from "next/server";
import { latencyRequest } from "@/lib/schemas/latency";
import { parseBody, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { runLatencyMesh } from "@/server/collect/latency";
import { startJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

/** Starts a latency mesh; follow it at /api/jobs/<id>. */
export const POST = withApi(
  async (req, _ctx, user) => {
    const body = await parseBody(req, latencyRequest);
    const id = await startJob(
      "latency",
      contextNameOf(body.context),
      body,
      user.name,
      (progress, signal) => runLatencyMesh(body, progress, signal),
    );
    await audit(user, "latency.start", `job/${id}`, { ...body });
    return NextResponse.json({ jobId: id }, { status: 202 });
  },
  { role: "operator", does: "run the latency mesh" },
);
