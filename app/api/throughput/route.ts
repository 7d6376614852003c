import { NextResponse } from "next/server";
import { throughputRequest } from "@/lib/schemas/latency";
import { parseBody, withApi } from "@/server/api";
import { currentUser } from "@/server/auth/user";
import { runThroughput } from "@/server/collect/throughput";
import { startJob } from "@/server/jobs/jobs";
import { configFor } from "@/server/kube/client";

export const dynamic = "force-dynamic";

export const POST = withApi(async (req) => {
  const body = await parseBody(req, throughputRequest);
  const id = await startJob("throughput", configFor(body.context).getCurrentContext(), body, currentUser(req), (p, s) => runThroughput(body, p, s));
  return NextResponse.json({ jobId: id }, { status: 202 });
});
