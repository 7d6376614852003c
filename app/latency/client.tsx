"use client";

import { useQuery } from "@tanstack/react-query";
import { Time } from "@/components/ui/time";
import { useState } from "react";
import { ChartLineLatency } from "@/components/latency/chart-line-latency";
import { LatencyReportView } from "@/components/latency/latency-report-view";
import { ThroughputCard } from "@/components/latency/throughput-card";
import { LatestMtuVerdict } from "@/components/mtu/latest-mtu-verdict";
import { CreateReport } from "@/components/reports/create-report";
import { Card } from "@/components/ui/card";
import { ChartErrorBoundary } from "@/components/ui/chart-error-boundary";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RunJob } from "@/components/ui/run-job";
import { useSelectedContext } from "@/components/ui/use-selected-context";
import { latencyHistoryQuery, latencyKeys, latestLatencyQuery } from "@/lib/queries/latency";
import { Input } from "@/components/ui/controls";

export function LatencyClient() {
  const [context] = useSelectedContext();
  const [targets, setTargets] = useState("");
  const latest = useQuery(latestLatencyQuery(context));
  const history = useQuery(latencyHistoryQuery(context));
  const report = latest.data?.result;
  const externalTargets = targets.split(/[\s,]+/).filter(Boolean);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Latency</h1>
          <p className="text-sm text-slate-600">
            Round trips between nodes and to pods, DNS, the cost of a ClusterIP, and external
            targets.
          </p>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <span className="text-slate-600">External targets</span>
            <Input
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
              placeholder="db.example.com, 10.20.0.5"
              className="w-72"
            />
          </label>
        </div>
        <RunJob
          startUrl="/api/latency"
          body={{ ...(context ? { context } : {}), externalTargets }}
          label="Run latency mesh"
          busyLabel="Measuring…"
          invalidate={[latencyKeys.latest(context), latencyKeys.history(context)]}
        />
      </div>
      <LatestMtuVerdict context={context} />
      {latest.error && <ErrorPanel error={latest.error} />}
      {latest.data === null && (
        <p className="text-sm text-slate-500">
          No latency mesh yet for this cluster. Run one: it starts two debug pods on each node and
          pings every other node and a pod on it.
        </p>
      )}
      {report && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-500">
              Measured <Time iso={report.at} />.
            </p>
            <CreateReport
              context={context}
              defaultTitle={`Latency ${report.at.slice(0, 16).replace("T", " ")}`}
            />
          </div>
          <LatencyReportView report={report} />
        </>
      )}
      <ThroughputCard context={context} />
      {!!history.data?.length && (
        <Card title={`Over time (last ${history.data.length} runs)`}>
          <ChartErrorBoundary>
            <ChartLineLatency points={history.data} />
          </ChartErrorBoundary>
        </Card>
      )}
    </div>
  );
}
