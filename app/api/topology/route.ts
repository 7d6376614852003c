import { topologyQuery } from "@/lib/schemas/topology";
import { parseQuery, withApi } from "@/server/api";
import { topology } from "@/server/collect/topology";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => topology(parseQuery(req, topologyQuery)));
