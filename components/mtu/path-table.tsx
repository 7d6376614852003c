import type { PathMtu } from "@/lib/schemas/mtu";
import { VerdictBadge } from "./verdict-badge";

export function PathTable({ paths }: { paths: PathMtu[] }) {
  return (
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3" aria-label="Measured path MTU">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">From</th>
          <th>To</th>
          <th>Over</th>
          <th>Target</th>
          <th>Path MTU</th>
          <th>Above it</th>
          <th>Probes</th>
        </tr>
      </thead>
      <tbody>
        {paths.map((p) => (
          <tr key={`${p.from}-${p.to}-${p.over}`} className="border-t border-slate-100">
            <td className="mono py-1">{p.from}</td>
            <td className="mono">{p.to}</td>
            <td>{p.over}</td>
            <td className="mono">{p.target}</td>
            <td className="mono">{p.pathMtu ?? "nothing gets through"}</td>
            <td>
              <VerdictBadge value={p.above} />
            </td>
            <td className="mono">{p.probes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
