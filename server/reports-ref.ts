import "server-only";
import { notFound } from "@/lib/api-error";
import { reportId, type Report } from "@/lib/schemas/report";
import { db } from "@/server/store";
import { getReport } from "@/server/store/reports";

/** The report a path names; malformed and unknown ids are the same 404. */
export async function reportOr404(id: string): Promise<Report> {
  const report = reportId.safeParse(id).success ? await getReport(await db(), id) : null;
  if (!report) throw notFound("There is no report with this id.");
  return report;
}
