import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/controls";
import { useCan } from "@/components/auth/user-context";
import type { Topology } from "@/lib/schemas/topology";

/** What is selected, and what can be done from there. */
export function Details({
  topology,
  selected,
  onExpand,
  expanded,
}: {
  topology: Topology;
  selected: string;
  onExpand: (node: string | undefined) => void;
  expanded?: string;
}) {
  const [kind, id] = selected.split(/:(.*)/s) as [string, string];
  const canOperate = useCan("operator");
  if (kind === "node") {
    const n = topology.nodes.find((x) => x.name === id);
    if (!n) return null;
    const out = topology.tunnels.filter((t) => t.from === n.name);
    return (
      <section aria-label={`Node ${n.name}`} className="space-y-2 text-sm">
        <h2 className="font-semibold">{n.name}</h2>
        <p className="mono">
          {n.ip} · zone {n.zone ?? "—"} · {n.ready ? "Ready" : "NotReady"} · {n.pods} pods · MTU{" "}
          {n.mtuVerdict ?? "not diagnosed"}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => onExpand(expanded === n.name ? undefined : n.name)}>
            {expanded === n.name ? "Collapse pods" : "Expand pods"}
          </Button>
          {canOperate && (
            <Link
              className={buttonClass("primary")}
              href={`/debug?node=${encodeURIComponent(n.name)}`}
            >
              Launch a debug pod here
            </Link>
          )}
          {canOperate && (
            <Link className={buttonClass()} href={`/latency?from=${encodeURIComponent(n.name)}`}>
              Run a probe from here
            </Link>
          )}
        </div>
        {out.length > 0 && (
          <ul className="mono text-xs">
            {out.map((t) => (
              <li key={t.to}>
                → {t.to}:{" "}
                {t.p50 !== null ? `${t.p50.toFixed(2)} ms p50, ${t.loss}% loss` : "no latency yet"}
                {t.pathMtu ? `, path MTU ${t.pathMtu}` : ""} ({t.state})
              </li>
            ))}
          </ul>
        )}
        {topology.expanded?.node === n.name && (
          <ul aria-label={`Pods on ${n.name}`} className="mono max-h-48 overflow-auto text-xs">
            {topology.expanded.pods.map((p) => (
              <li key={`${p.namespace}/${p.name}`}>
                {p.namespace}/{p.name} {p.ip} {p.phase}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  if (kind === "svc") {
    const s = topology.services.find((x) => `${x.namespace}/${x.name}` === id);
    if (!s) return null;
    return (
      <section aria-label={`Service ${s.name}`} className="space-y-1 text-sm">
        <h2 className="font-semibold">
          Service {s.namespace}/{s.name}
        </h2>
        <p className="mono">{s.clusterIP}</p>
        <ul className="mono text-xs">
          {s.endpoints.map((e) => (
            <li key={e.ip}>
              {e.ip} {e.pod ?? ""} on {e.node ?? "?"}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return <p className="text-sm text-slate-600">{selected}</p>;
}
