import { DataTable, type Column } from "@/components/ui/data-table";
import type { PathMtu } from "@/lib/schemas/mtu";
import { VerdictBadge } from "./verdict-badge";

const columns: Column<PathMtu>[] = [
  { header: "From", cell: (p) => p.from, className: "mono" },
  { header: "To", cell: (p) => p.to, className: "mono" },
  { header: "Over", cell: (p) => p.over },
  { header: "Target", cell: (p) => p.target, className: "mono" },
  { header: "Path MTU", cell: (p) => p.pathMtu ?? "nothing gets through", className: "mono" },
  { header: "Above it", cell: (p) => <VerdictBadge value={p.above} /> },
  { header: "Probes", cell: (p) => p.probes, className: "mono" },
];

export function PathTable({ paths }: { paths: PathMtu[] }) {
  return (
    <DataTable
      label="Measured path MTU"
      columns={columns}
      rows={paths}
      rowKey={(p) => `${p.from}-${p.to}-${p.over}`}
    />
  );
}
