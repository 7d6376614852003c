import { notFound } from "@/lib/api-error";
import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { latestJob } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => {
  const job = await latestJob("throughput", contextNameOf(parseQuery(req, contextQuery).context));
  if (!job) throw notFound("No throughput test has been run for this context yet.");
  return job;
});
