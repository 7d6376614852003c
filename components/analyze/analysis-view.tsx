import { Findings } from "@/components/mtu/findings";
import { VerdictBadge } from "@/components/mtu/verdict-badge";
import { Card, Fact } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import type { Analysis } from "@/lib/analyze/analyze";

export function AnalysisView({ a }: { a: Analysis }) {
  return (
    <div className="space-y-4">
      <Card title="Verdict">
        <div className="flex items-center gap-3 text-sm">
          <VerdictBadge value={a.verdict.status} />
          <span>{a.verdict.reason}</span>
        </div>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Configuration">
          <dl>
            <Fact label="CNI" value={a.cni} />
            <Fact label="Encapsulation" value={a.encapsulation} />
            <Fact label="Configured MTU" value={a.configuredMtu ?? "not stated"} mono />
            <Fact label="Set in" value={a.mtuSource ?? "—"} />
            <Fact label="kube-proxy" value={a.kubeProxyMode ?? "not stated"} />
            <Fact
              label="Underlay"
              value={a.underlay ? `${a.underlay.name} ${a.underlay.mtu}` : "—"}
              mono
            />
            <Fact
              label="Overlay"
              value={a.overlay ? `${a.overlay.name} ${a.overlay.mtu}` : "—"}
              mono
            />
          </dl>
        </Card>
        <Card title="Devices">
          <DataTable
            label="Devices"
            rows={a.devices}
            rowKey={(d) => d.name}
            columns={[
              { header: "Device", cell: (d) => d.name, className: "mono" },
              { header: "Kind", cell: (d) => d.kind },
              { header: "MTU", cell: (d) => d.mtu, className: "mono" },
            ]}
          />
        </Card>
      </div>
      <Card title="Findings">
        <Findings
          findings={a.findings}
          empty="No MTU problem in what was pasted. Nothing between the nodes was measured: run the diagnosis on the cluster to check the paths."
        />
      </Card>
    </div>
  );
}
