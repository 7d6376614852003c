"use client";

import { useCan } from "@/components/auth/user-context";
import { Time } from "@/components/ui/time";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { VerdictBadge } from "@/components/mtu/verdict-badge";
import { DataTable } from "@/components/ui/data-table";
import { ErrorPanel } from "@/components/ui/error-panel";
import { fetchJson } from "@/lib/fetch-json";
import { reportKeys, reportsQuery } from "@/lib/queries/reports";
import type { ReportSummary } from "@/lib/schemas/report";
import { Button, Input } from "@/components/ui/controls";

export function ReportsClient() {
  const [q, setQ] = useState("");
  const list = useQuery({ ...reportsQuery(q), placeholderData: keepPreviousData });
  const qc = useQueryClient();
  const canDelete = useCan("admin");
  const remove = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/reports/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
  });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Reports</h1>
      <label className="flex max-w-md flex-col gap-1 text-sm">
        <span className="text-slate-600">Search</span>
        <Input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="title, note or context"
        />
      </label>
      {list.error && <ErrorPanel error={list.error} />}
      {list.data && !list.data.length && (
        <p className="text-sm text-slate-500">
          No reports{q ? ` match "${q}"` : " yet: create one from the overview or the MTU page"}.
        </p>
      )}
      {!!list.data?.length && (
        <DataTable<ReportSummary>
          label="Reports"
          rows={list.data}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Title",
              cell: (r) => (
                <Link className="text-blue-700 hover:underline" href={`/reports/${r.id}`}>
                  {r.title}
                </Link>
              ),
            },
            { header: "Context", cell: (r) => r.context, className: "mono" },
            { header: "Made", cell: (r) => <Time iso={r.createdAt} /> },
            {
              header: "Nodes",
              cell: (r) => (
                <span className="flex gap-1">
                  {Object.entries(r.verdicts).map(([v, n]) => (
                    <span key={v} className="flex items-center gap-1">
                      <VerdictBadge value={v} />×{n}
                    </span>
                  ))}
                </span>
              ),
            },
            ...(canDelete
              ? [
                  {
                    header: "",
                    cell: (r: ReportSummary) => (
                      <Button
                        type="button"
                        aria-label={`Delete ${r.title}`}
                        onClick={() => remove.mutate(r.id)}
                        variant="small"
                      >
                        Delete
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}
