import type { NodeMtu } from "@/lib/schemas/mtu";
import { VerdictBadge } from "./verdict-badge";

const dev = (d: { device: string; mtu: number } | null) => (d ? `${d.device} ${d.mtu}` : "—");

export function NodeTable({ nodes }: { nodes: NodeMtu[] }) {
  return (
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3" aria-label="MTU per node">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">Node</th>
          <th>Underlay</th>
          <th>Overlay</th>
          <th>Pod MTU</th>
          <th>Encapsulation</th>
          <th>Overhead</th>
          <th>Largest overlay MTU that fits</th>
          <th>Verdict</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.node} className="border-t border-slate-100 align-top">
            <td className="mono py-1.5">{n.node}</td>
            <td className="mono">{dev(n.underlay)}</td>
            <td className="mono">{dev(n.overlay)}</td>
            <td className="mono">{n.podMtu ?? "—"}</td>
            <td>{n.encapsulation}</td>
            <td className="mono">{n.overhead ?? "—"}</td>
            <td className="mono">{n.maxOverlayMtu ?? "—"}</td>
            <td>
              <VerdictBadge value={n.verdict} />
              {n.verdict !== "ok" && <div className="mt-1 max-w-sm text-xs text-slate-600">{n.reason}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
