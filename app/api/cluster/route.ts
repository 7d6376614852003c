import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { clusterSummary } from "@/server/collect/cluster";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => {
  const { context } = parseQuery(req, contextQuery);
  return clusterSummary(context);
});
