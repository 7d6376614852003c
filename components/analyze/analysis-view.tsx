import { Findings } from "@/components/mtu/findings";
import { VerdictBadge } from "@/components/mtu/verdict-badge";
import { Card, Fact } from "@/components/ui/card";
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
            <Fact label="Underlay" value={a.underlay ? `${a.underlay.name} ${a.underlay.mtu}` : "—"} mono />
            <Fact label="Overlay" value={a.overlay ? `${a.overlay.name} ${a.overlay.mtu}` : "—"} mono />
          </dl>
        </Card>
        <Card title="Devices">
          <table className="w-full text-left text-sm" aria-label="Devices">
            <thead className="text-slate-500">
              <tr><th>Device</th><th>Kind</th><th>MTU</th></tr>
            </thead>
            <tbody>
              {a.devices.map((d) => (
                <tr key={d.name} className="border-t border-slate-100"><td className="mono">{d.name}</td><td>{d.kind}</td><td className="mono">{d.mtu}</td></tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      <Card title="Findings">
        <Findings findings={a.findings} />
      </Card>
    </div>
  );
}
