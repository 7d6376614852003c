import { DataTable, type Column } from "@/components/ui/data-table";
import type { NodeMtu } from "@/lib/schemas/mtu";
import { VerdictBadge } from "./verdict-badge";

const dev = (d: { device: string; mtu: number } | null) => (d ? `${d.device} ${d.mtu}` : "—");

const columns: Column<NodeMtu>[] = [
  { header: "Node", cell: (n) => n.node, className: "mono" },
  { header: "Underlay", cell: (n) => dev(n.underlay), className: "mono" },
  { header: "Overlay", cell: (n) => dev(n.overlay), className: "mono" },
  { header: "Pod MTU", cell: (n) => n.podMtu ?? "—", className: "mono" },
  { header: "Encapsulation", cell: (n) => n.encapsulation },
  { header: "Overhead", cell: (n) => n.overhead ?? "—", className: "mono" },
  {
    header: "Largest overlay MTU that fits",
    cell: (n) => n.maxOverlayMtu ?? "—",
    className: "mono",
  },
  {
    header: "Verdict",
    cell: (n) => (
      <>
        <VerdictBadge value={n.verdict} />
        {n.verdict !== "ok" && (
          <div className="mt-1 max-w-sm text-xs text-slate-600">{n.reason}</div>
        )}
      </>
    ),
  },
];

export function NodeTable({ nodes }: { nodes: NodeMtu[] }) {
  return <DataTable label="MTU per node" columns={columns} rows={nodes} rowKey={(n) => n.node} />;
}
