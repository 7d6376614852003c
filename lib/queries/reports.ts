import { queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import type { ReportSummary } from "@/lib/schemas/report";

export const reportKeys = {
  all: ["reports"] as const,
  list: (q: string) => ["reports", "list", { q }] as const,
};

export const reportsQuery = (q: string) =>
  queryOptions({
    queryKey: reportKeys.list(q),
    queryFn: () => fetchJson<ReportSummary[]>(apiUrl("/api/reports", { q })),
  });
