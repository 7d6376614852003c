"use client";

import { RunDiagnosis } from "@/components/mtu/run-diagnosis";
import { Time } from "@/components/ui/time";
import { useQuery } from "@tanstack/react-query";
import { MtuReportView } from "@/components/mtu/mtu-report-view";
import { CreateReport } from "@/components/reports/create-report";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useSelectedContext } from "@/components/ui/use-selected-context";
import { latestMtuQuery } from "@/lib/queries/mtu";

export function MtuClient() {
  const [context] = useSelectedContext();
  const latest = useQuery(latestMtuQuery(context));
  const report = latest.data?.result;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">MTU</h1>
          <p className="text-sm text-slate-600">
            Does every overlay fit its underlay, and what do the paths between nodes really carry?
          </p>
        </div>
        <RunDiagnosis context={context} />
      </div>
      {latest.error && <ErrorPanel error={latest.error} />}
      {latest.data === null && (
        <p className="text-sm text-slate-500">
          No diagnosis yet for this cluster. Run one: it starts a debug pod on each node, reads its
          links and CNI files, and measures the path MTU between nodes.
        </p>
      )}
      {report && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-500">
              Diagnosed <Time iso={report.at} /> on context {latest.data!.context}.
            </p>
            <CreateReport
              context={context}
              defaultTitle={`MTU diagnosis ${report.at.slice(0, 16).replace("T", " ")}`}
            />
          </div>
          <MtuReportView report={report} />
        </>
      )}
    </div>
  );
}
