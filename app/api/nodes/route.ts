import { contextQuery } from "@/lib/schemas/cluster";
import { parseQuery, withApi } from "@/server/api";
import { nodeSummaries } from "@/server/collect/cluster";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => nodeSummaries(parseQuery(req, contextQuery).context));
