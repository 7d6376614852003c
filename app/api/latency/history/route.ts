import type { LatencyPoint } from "@/lib/queries/latency";
import { contextQuery } from "@/lib/schemas/cluster";
import { median } from "@/lib/stats";
import { parseQuery, withApi } from "@/server/api";
import { recentJobs } from "@/server/jobs/jobs";
import { contextNameOf } from "@/server/kube/client";

export const dynamic = "force-dynamic";

/** Past runs, oldest first: one point a run, for the charts over time. */
export const GET = withApi(async (req): Promise<LatencyPoint[]> => {
  const jobs = await recentJobs(
    "latency",
    contextNameOf(parseQuery(req, contextQuery).context),
    30,
  );
  return jobs.reverse().flatMap((j) => {
    const r = j.result;
    if (!r) return [];
    const of = (over: string, k: "p50" | "p99") =>
      median(r.pairs.filter((p) => p.over === over && p[k] !== null).map((p) => p[k]!));
    const sent = r.pairs.reduce((s, p) => s + p.sent, 0);
    return {
      at: r.at,
      underlayP50: of("underlay", "p50"),
      podP50: of("pod", "p50"),
      podP99: of("pod", "p99"),
      dnsP50: median(r.dns.filter((d) => d.p50 !== null).map((d) => d.p50!)),
      lossPct: sent ? (100 * (sent - r.pairs.reduce((s, p) => s + p.received, 0))) / sent : 0,
    };
  });
});
