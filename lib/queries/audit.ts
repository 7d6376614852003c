import { queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import type { AuditEntry } from "@/lib/schemas/auth";

export const auditLogQuery = (q: { actor?: string; action?: string }) =>
  queryOptions({
    queryKey: ["audit", q],
    queryFn: () => fetchJson<AuditEntry[]>(apiUrl("/api/audit", { ...q, limit: 200 })),
    refetchInterval: 10_000,
  });
