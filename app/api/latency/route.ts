import { NextResponse } from "next/server";
import { latencyRequest } from "@/lib/schemas/latency";
import { parseBody, withApi } from "@/server/api";
import { currentUser } from "@/server/auth/user";
import { runLatencyMesh } from "@/server/collect/latency";
import { startJob } from "@/server/jobs/jobs";
import { configFor } from "@/server/kube/client";

export const dynamic = "force-dynamic";

/** Starts a latency mesh; follow it at /api/jobs/<id>. */
export const POST = withApi(async (req) => {
  const body = await parseBody(req, latencyRequest);
  const id = await startJob("latency", configFor(body.context).getCurrentContext(), body, currentUser(req), (progress, signal) => runLatencyMesh(body, progress, signal));
  return NextResponse.json({ jobId: id }, { status: 202 });
});
