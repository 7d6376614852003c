import "server-only";
import { ApiError } from "@/lib/api-error";
import { REPORT_SCHEMA_VERSION, type CreateReportRequest, type Report } from "@/lib/schemas/report";
import { clusterSummary } from "@/server/collect/cluster";
import { latestResult } from "@/server/jobs/jobs";
import { configFor } from "@/server/kube/client";
import { db } from "@/server/store";
import { createReport } from "@/server/store/reports";

/**
 * Takes the snapshot: the cluster as it answers now (if it does), the context's latest MTU
 * diagnosis and the diagnostics the user attached. Redacted before it is stored.
 */
export async function makeReport(req: CreateReportRequest, user: string): Promise<Report> {
  const kc = configFor(req.context);
  const context = kc.getCurrentContext();
  const cluster = await clusterSummary(req.context).catch(() => null);
  const mtu = req.includeMtu ? await latestResult("mtu", context) : null;
  const latency = req.includeLatency ? await latestResult("latency", context) : null;
  if (!cluster && !mtu && !latency && !req.diagnostics.length)
    throw new ApiError(
      "empty_report",
      "There is nothing to put in this report: the cluster does not answer, no MTU diagnosis has run and no diagnostic is attached.",
    );
  return createReport(await db(), {
    title: req.title,
    note: req.note,
    context,
    server: kc.getCurrentCluster()?.server ?? "",
    createdBy: user,
    body: {
      schemaVersion: REPORT_SCHEMA_VERSION,
      cluster,
      mtu,
      latency,
      diagnostics: req.diagnostics,
    },
  });
}
