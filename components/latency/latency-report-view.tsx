import { Findings } from "@/components/mtu/findings";
import { Card } from "@/components/ui/card";
import { ChartErrorBoundary } from "@/components/ui/chart-error-boundary";
import { DataTable } from "@/components/ui/data-table";
import type { LatencyReport } from "@/lib/schemas/latency";
import { digMs } from "@/lib/stats";
import { ChartBarServiceVsPod } from "./chart-bar-service-vs-pod";
import { Heatmap } from "./heatmap";

const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(2)} ms`);

/** A latency mesh: findings, the node × node heatmap, DNS, service vs pod, external targets. */
export function LatencyReportView({ report }: { report: LatencyReport }) {
  return (
    <>
      <Card title="Latency findings">
        <Findings
          findings={report.findings}
          empty="No latency problem found: no pair lost pings or stood out as slow, and every DNS server answered."
        />
      </Card>
      <Card
        title={`Node × node (${report.sampling.measured} of ${report.sampling.total} pairs${report.sampling.sampled ? `, sampled above ${report.sampling.threshold} nodes` : ""}, 10 pings each)`}
      >
        <Heatmap nodes={report.nodes} pairs={report.pairs} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Cluster DNS">
          <DataTable
            label="DNS latency"
            rows={report.dns}
            rowKey={(d) => `${d.from}-${d.server}`}
            columns={[
              { header: "From", cell: (d) => d.from, className: "mono" },
              { header: "Server", cell: (d) => `${d.server} (${d.kind})`, className: "mono" },
              { header: "p50 (dig: 1 ms steps)", cell: (d) => digMs(d.p50), className: "mono" },
              { header: "p99", cell: (d) => digMs(d.p99), className: "mono" },
              { header: "Timeouts", cell: (d) => `${d.timeouts}/${d.queries}`, className: "mono" },
            ]}
          />
        </Card>
        <Card
          title={`Service vs pod (kube-proxy ${report.kubeProxyMode ?? "replaced or unknown"}, ${report.serviceCount ?? "?"} Services)`}
        >
          <ChartErrorBoundary>
            <ChartBarServiceVsPod rows={report.serviceVsPod} />
          </ChartErrorBoundary>
          <p className="mt-2 text-xs text-slate-600">
            DNS p50 through each path, as dig measures it: in whole milliseconds, so a difference
            under 1 ms does not show.
          </p>
        </Card>
      </div>
      {report.external.length > 0 && (
        <Card title="External targets">
          <DataTable
            label="External targets"
            rows={report.external}
            rowKey={(e) => `${e.from}-${e.target}`}
            columns={[
              { header: "From", cell: (e) => e.from, className: "mono" },
              { header: "Target", cell: (e) => e.target, className: "mono" },
              { header: "p50", cell: (e) => ms(e.p50), className: "mono" },
              { header: "p99", cell: (e) => ms(e.p99), className: "mono" },
              { header: "Loss", cell: (e) => `${e.loss}%`, className: "mono" },
            ]}
          />
        </Card>
      )}
    </>
  );
}
