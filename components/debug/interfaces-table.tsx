type Device = { name: string; kind: string; mtu: number; state: string | null; vxlan: { id: number; port: number; local?: string; dev?: string } | null };

/** The parsed result of "Interfaces": one row a device, tunnels with their VNI and port. */
export function InterfacesTable({ devices }: { devices: Device[] }) {
  return (
    <table className="w-full text-left text-sm" aria-label="Interfaces">
      <thead className="text-slate-500">
        <tr>
          <th>Device</th>
          <th>Kind</th>
          <th>MTU</th>
          <th>State</th>
          <th>Tunnel</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.name} className="border-t border-slate-100">
            <td className="mono py-1">{d.name}</td>
            <td>{d.kind}</td>
            <td className="mono">{d.mtu}</td>
            <td>{d.state ?? ""}</td>
            <td className="mono text-xs">{d.vxlan ? `VNI ${d.vxlan.id}, port ${d.vxlan.port}${d.vxlan.local ? `, local ${d.vxlan.local}` : ""}${d.vxlan.dev ? ` dev ${d.vxlan.dev}` : ""}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
