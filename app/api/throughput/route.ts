import { NextResponse } from "next/server";
import { throughputRequest } from "@/lib/schemas/latency";
import { parseBody, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { runThroughput } from "@/server/collect/throughput";
import { startJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

export const POST = withApi(
  async (req, _ctx, user) => {
    const body = await parseBody(req, throughputRequest);
    const id = await startJob("throughput", contextNameOf(body.context), body, user.name, (p, s) =>
      runThroughput(body, p, s),
    );
    await audit(user, "throughput.start", `job/${id}`, { ...body });
    return NextResponse.json({ jobId: id }, { status: 202 });
  },
  { role: "operator", does: "run throughput tests" },
);
