/**
 * The tunnels the picture draws between nodes, coloured by the latest latency and MTU runs: a
 * pair's pod-to-pod p50 and loss, its overlay path MTU, and its state. Pure.
 */
import type { LatencyReport } from "../schemas/latency";
import type { MtuReport } from "../schemas/mtu";
import type { TopoNode, TopoTunnel } from "../schemas/topology";

/** Unmeasured clusters up to this size still show their overlay as a ring. */
const RING_LIMIT = 60;

export function tunnelState(
  t: Omit<TopoTunnel, "state">,
  typical: number | null,
  mtuAbove: string | undefined,
): TopoTunnel["state"] {
  if (mtuAbove === "silent") return "silent";
  if (mtuAbove === "local" || mtuAbove === "icmp") return "mtu";
  if (t.loss !== null && t.loss > 0) return "lossy";
  if (t.p50 !== null && typical !== null && t.p50 > 3 * typical) return "slow";
  return t.p50 === null && t.pathMtu === null ? "unmeasured" : "ok";
}

const blank = (from: string, to: string): Omit<TopoTunnel, "state"> => ({
  from,
  to,
  p50: null,
  loss: null,
  pathMtu: null,
});

/** Tunnels between the drawn nodes: measured pairs, or a ring when nothing was measured. */
export function tunnelsOf(
  nodes: Pick<TopoNode, "name">[],
  latency: LatencyReport | undefined,
  mtu: MtuReport | undefined,
): TopoTunnel[] {
  const drawn = new Set(nodes.map((n) => n.name));
  const both = (p: { from: string; to: string }) => drawn.has(p.from) && drawn.has(p.to);
  const byPair = new Map<string, Omit<TopoTunnel, "state">>();
  const podPairs = latency?.pairs.filter((p) => p.over === "pod") ?? [];
  const p50s = podPairs.flatMap((p) => (p.p50 !== null ? [p.p50] : [])).sort((a, b) => a - b);
  const typical = p50s.length ? p50s[Math.floor(p50s.length / 2)]! : null;
  for (const p of podPairs.filter(both))
    byPair.set(`${p.from}|${p.to}`, { ...blank(p.from, p.to), p50: p.p50, loss: p.loss });
  const overlay = mtu?.paths.filter((x) => x.over === "overlay") ?? [];
  for (const p of overlay.filter(both)) {
    const k = `${p.from}|${p.to}`;
    byPair.set(k, { ...(byPair.get(k) ?? blank(p.from, p.to)), pathMtu: p.pathMtu });
  }
  const aboveOf = new Map(overlay.map((p) => [`${p.from}|${p.to}`, p.above]));
  if (!byPair.size && nodes.length > 1 && nodes.length <= RING_LIMIT)
    nodes.forEach((n, i) => {
      const next = nodes[(i + 1) % nodes.length]!.name;
      byPair.set(`${n.name}|${next}`, blank(n.name, next));
    });
  return [...byPair.entries()].map(([k, t]) => ({
    ...t,
    state: tunnelState(t, typical, aboveOf.get(k)),
  }));
}
