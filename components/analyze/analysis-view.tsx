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
          <span>
            {a.nodes.length > 1 && <span className="font-medium">{a.node}: </span>}
            {a.verdict.reason}
          </span>
        </div>
        {a.nodes.length > 1 && (
          <div className="mt-3">
            <DataTable
              label="Nodes"
              rows={a.nodes}
              rowKey={(n) => n.name}
              columns={[
                { header: "Node", cell: (n) => n.name, className: "mono" },
                { header: "Verdict", cell: (n) => <VerdictBadge value={n.verdict.status} /> },
                {
                  header: "Underlay",
                  cell: (n) =>
                    n.underlay ? `${n.underlay.name} ${n.underlay.mtu}` : "not in the paste",
                  className: "mono",
                },
                {
                  header: "Overlay",
                  cell: (n) => (n.overlay ? `${n.overlay.name} ${n.overlay.mtu}` : "none found"),
                  className: "mono",
                },
                { header: "Why", cell: (n) => n.verdict.reason },
              ]}
            />
          </div>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Configuration">
          <dl>
            <Fact label="CNI" value={a.cniWhy ? `${a.cni} (${a.cniWhy})` : a.cni} />
            <Fact label="Encapsulation" value={a.encapsulation} />
            <Fact
              label="Configured MTU"
              value={a.configuredMtu ?? (a.mtuFrom ? `set from ${a.mtuFrom}` : "not stated")}
              mono
            />
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
      <Card title="What was read">
        <DataTable
          label="What was read"
          rows={a.pieces}
          rowKey={(p) => `${p.input}:${p.from}:${p.to}:${p.command ?? ""}`}
          columns={[
            { header: "Input", cell: (p) => p.input },
            {
              header: "Lines",
              cell: (p) => (p.from === p.to ? p.from : `${p.from}–${p.to}`),
              className: "mono",
            },
            {
              header: "Command",
              cell: (p) => (p.command ? `${p.host ? `${p.host}: ` : ""}${p.command}` : "—"),
              className: "mono break-all",
            },
            {
              header: "Read as",
              cell: (p) =>
                p.readAs ?? (
                  <span className="text-amber-700">
                    not recognised: “{p.firstLine.slice(0, 60)}”
                  </span>
                ),
            },
          ]}
        />
      </Card>
      <Card title="Findings">
        <Findings
          findings={a.findings}
          empty="No MTU problem in what was pasted. Nothing between the nodes was measured: run the diagnosis on the cluster to check the paths."
        />
      </Card>
    </div>
  );
}
