import { Card, Fact } from "@/components/ui/card";
import { mtuAllClear } from "@/lib/mtu/findings";
import type { MtuReport } from "@/lib/schemas/mtu";
import { Findings } from "./findings";
import { NodeTable } from "./node-table";
import { PathTable } from "./path-table";

/** An MTU diagnosis: findings with fixes, the configuration, the node table and the measured paths. */
export function MtuReportView({ report }: { report: MtuReport }) {
  return (
    <>
      <Card title="Findings">
        <Findings findings={report.findings} empty={mtuAllClear(report)} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-[1fr_3fr]">
        <Card title="Configuration">
          <dl>
            <Fact label="CNI" value={report.cni} />
            <Fact label="Encapsulation" value={report.encapsulation} />
            <Fact label="Configured MTU" value={report.configuredMtu ?? "not set (auto)"} mono />
            <Fact label="Set in" value={report.mtuSource ?? "—"} />
            <Fact label="kube-proxy" value={report.kubeProxyMode ?? "replaced or unknown"} />
          </dl>
        </Card>
        <Card title="Nodes">
          <NodeTable nodes={report.nodes} />
        </Card>
      </div>
      <Card
        title={`Measured path MTU (${report.pairs.measured} of ${report.pairs.total} pairs${report.pairs.sampled ? ", sampled" : ""})`}
      >
        <PathTable paths={report.paths} />
      </Card>
    </>
  );
}
