"use client";

import { useQuery } from "@tanstack/react-query";
import { AtAGlance } from "@/components/overview/at-a-glance";
import { ClusterCard } from "@/components/overview/cluster-card";
import { ContextSwitcher } from "@/components/overview/context-switcher";
import { CreateReport } from "@/components/reports/create-report";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useSelectedContext } from "@/components/ui/use-selected-context";
import { clusterSummaryQuery } from "@/lib/queries/cluster";

export function OverviewClient() {
  const [context, setContext] = useSelectedContext();
  const summary = useQuery(clusterSummaryQuery(context));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Overview</h1>
        <div className="flex items-center gap-3">
          <ContextSwitcher value={context} onChange={setContext} />
          <CreateReport
            context={context}
            defaultTitle={`Cluster report ${new Date().toISOString().slice(0, 10)}`}
          />
        </div>
      </div>
      {summary.isPending && <p className="text-sm text-slate-500">Asking the cluster…</p>}
      {summary.error && <ErrorPanel error={summary.error} onRetry={() => summary.refetch()} />}
      {summary.data && (
        <div className="grid gap-4 md:grid-cols-2">
          <ClusterCard cluster={summary.data} />
          <AtAGlance context={context} />
        </div>
      )}
    </div>
  );
}
