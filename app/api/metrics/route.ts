import { withApi } from "@/server/api";
import { metricsText } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** Prometheus exposition format: underlay_* gauges from the latest runs. */
export const GET = withApi(async () => {
  const { body, contentType } = await metricsText();
  return new Response(body, {
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
});
