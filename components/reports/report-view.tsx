import { LatencyReportView } from "@/components/latency/latency-report-view";
import { MtuReportView } from "@/components/mtu/mtu-report-view";
import { ClusterCard } from "@/components/overview/cluster-card";
import { Card } from "@/components/ui/card";
import type { Report } from "@/lib/schemas/report";

/** A report, rendered from its snapshot alone: no cluster access is needed to read it. */
export function ReportView({ report }: { report: Report }) {
  const { cluster, mtu, latency, diagnostics } = report.body;
  return (
    <div className="space-y-4">
      {report.note && (
        <p className="whitespace-pre-wrap rounded border border-slate-200 bg-white p-3 text-sm">
          {report.note}
        </p>
      )}
      {cluster && <ClusterCard cluster={cluster} />}
      {mtu && <MtuReportView report={mtu} />}
      {latency && <LatencyReportView report={latency} />}
      {diagnostics.map((d, i) => (
        <Card key={i} title={`${d.diagnostic} in ${d.target}`}>
          <pre className="mono max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {d.commands.map((a) => `$ ${a.join(" ")}\n`).join("")}
            {d.output}
          </pre>
          {d.captureId && (
            <a
              className="text-sm text-blue-700 underline"
              href={`/api/captures/${d.captureId}`}
              download
            >
              Download capture (.pcap)
            </a>
          )}
        </Card>
      ))}
    </div>
  );
}
