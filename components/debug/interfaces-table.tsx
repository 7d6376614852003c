import { DataTable, type Column } from "@/components/ui/data-table";

type Device = {
  name: string;
  kind: string;
  mtu: number;
  state: string | null;
  vxlan: { id: number; port: number; local?: string; dev?: string } | null;
};

const tunnel = (v: Device["vxlan"]) =>
  v
    ? `VNI ${v.id}, port ${v.port}${v.local ? `, local ${v.local}` : ""}${v.dev ? ` dev ${v.dev}` : ""}`
    : "";

const columns: Column<Device>[] = [
  { header: "Device", cell: (d) => d.name, className: "mono" },
  { header: "Kind", cell: (d) => d.kind },
  { header: "MTU", cell: (d) => d.mtu, className: "mono" },
  { header: "State", cell: (d) => d.state ?? "" },
  { header: "Tunnel", cell: (d) => tunnel(d.vxlan), className: "mono text-xs" },
];

/** The parsed result of "Interfaces": one row a device, tunnels with their VNI and port. */
export function InterfacesTable({ devices }: { devices: Device[] }) {
  return <DataTable label="Interfaces" columns={columns} rows={devices} rowKey={(d) => d.name} />;
}
