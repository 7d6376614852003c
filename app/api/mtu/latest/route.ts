import { notFound } from "@/lib/api-error";
import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { latestJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

/** The last finished MTU diagnosis of a context. */
export const GET = withApi(async (req) => {
  const { context } = parseQuery(req, contextQuery);
  const job = await latestJob("mtu", contextNameOf(context));
  if (!job) throw notFound("No MTU diagnosis has been run for this context yet.");
  return job;
});
