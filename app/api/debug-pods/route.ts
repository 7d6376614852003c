import { NextResponse } from "next/server";
import { contextQuery } from "@/lib/schemas/cluster";
import { launchRequest } from "@/lib/schemas/debug";
import { parseBody, parseQuery, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { launch, listDebugPods } from "@/server/debug/pods";
import { withinPodQuota } from "@/server/debug/quota";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => listDebugPods(parseQuery(req, contextQuery).context));

export const POST = withApi(
  async (req, _ctx, user) => {
    const body = await parseBody(req, launchRequest);
    const start = () => launch(body, user.name, { role: user.role });
    // An ephemeral container stops itself at its deadline and cannot be deleted: not counted.
    const pod =
      body.mode === "attach" ? await start() : await withinPodQuota(user, body.context, start);
    await audit(user, "debug-pod.launch", `${pod.namespace}/${pod.pod}/${pod.container}`, {
      ...body,
      node: pod.node,
    });
    return NextResponse.json(pod, { status: 201 });
  },
  { role: "operator", does: "launch debug pods" },
);
