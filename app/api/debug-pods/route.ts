import { NextResponse } from "next/server";
import { contextQuery } from "@/lib/schemas/cluster";
import { launchRequest } from "@/lib/schemas/debug";
import { parseBody, parseQuery, withApi } from "@/server/api";
import { currentUser } from "@/server/auth/user";
import { launch, listDebugPods } from "@/server/debug/pods";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => listDebugPods(parseQuery(req, contextQuery).context));

export const POST = withApi(async (req) => {
  const body = await parseBody(req, launchRequest);
  return NextResponse.json(await launch(body, currentUser(req)), { status: 201 });
});
