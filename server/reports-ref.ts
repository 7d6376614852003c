import "server-only";
import { notFound } from "@/lib/api-error";
import { reportId, type Report } from "@/lib/schemas/report";
import { db } from "@/server/store";
import { getReport } from "@/server/store/reports";

/** The report an id names, or null for a malformed or unknown id (the same answer for both). */
export async function findReport(id: string): Promise<Report | null> {
  return reportId.safeParse(id).success ? getReport(await db(), id) : null;
}

export async function reportOr404(id: string): Promise<Report> {
  const report = await findReport(id);
  if (!report) throw notFound("There is no report with this id.");
  return report;
}
