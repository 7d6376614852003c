import { notFound } from "@/lib/api-error";
import type { TopoGroup, TopoNode, TopoZone } from "@/lib/schemas/topology";

/** A node that needs a look: not Ready, or its MTU diagnosis found a mismatch. */
const troubled = (n: TopoNode) => !n.ready || n.mtuVerdict === "mismatch";

function tally<T extends object>(base: T, nodes: TopoNode[]): T & Omit<TopoZone, "zone"> {
  const t = { ...base, nodes: nodes.length, ready: 0, pods: 0, problems: 0 };
  for (const n of nodes) {
    t.ready += n.ready ? 1 : 0;
    t.pods += n.pods;
    t.problems += troubled(n) ? 1 : 0;
  }
  return t;
}

export type View = {
  level: "zones" | "groups" | "nodes";
  zones: TopoZone[];
  /** The chosen scope cut into groups of consecutive names (only when it holds more than `limit` nodes). */
  groups: TopoGroup[];
  group: (TopoGroup & { of: number }) | null;
  nodes: TopoNode[];
};

/**
 * What one view draws, so that no view holds more than `limit` nodes: the zones until one is
 * chosen, then the chosen zone (or the whole cluster, when it has one zone) in groups of
 * consecutive names until one is chosen, then that group's nodes. `nodes` must be sorted by name.
 * Groups are even in size (1,667 nodes at 100 a view: 17 groups of 98 or 99).
 */
export function viewOf(
  nodes: TopoNode[],
  pick: { zone?: string; group?: number },
  limit: number,
): View {
  const byZone = new Map<string, TopoNode[]>();
  for (const n of nodes) {
    const z = n.zone ?? "none";
    const list = byZone.get(z);
    if (list) list.push(n);
    else byZone.set(z, [n]);
  }
  const zones = [...byZone.entries()]
    .map(([zone, list]) => tally({ zone }, list))
    .sort((a, b) => a.zone.localeCompare(b.zone));
  const scope = pick.zone !== undefined ? (byZone.get(pick.zone) ?? []) : nodes;
  if (scope.length <= limit)
    return { level: "nodes", zones, groups: [], group: null, nodes: scope };
  if (pick.zone === undefined && pick.group === undefined && byZone.size > 1)
    return { level: "zones", zones, groups: [], group: null, nodes: [] };
  const count = Math.ceil(scope.length / limit);
  // Group i holds `base` nodes, one more for the first `extra` groups: sizes differ by one at most.
  const base = Math.floor(scope.length / count);
  const extra = scope.length % count;
  const start = (i: number) => i * base + Math.min(i, extra);
  const groups: TopoGroup[] = [];
  for (let i = 0; i < count; i++) {
    const part = scope.slice(start(i), start(i + 1));
    groups.push(tally({ index: i, first: part[0]!.name, last: part.at(-1)!.name }, part));
  }
  if (pick.group === undefined) return { level: "groups", zones, groups, group: null, nodes: [] };
  const chosen = groups[pick.group];
  const where = pick.zone !== undefined ? `zone ${pick.zone}` : "the cluster";
  if (!chosen)
    throw notFound(
      `There is no group ${pick.group} in ${where}: its ${scope.length} nodes make groups 0 to ${groups.length - 1}.`,
    );
  return {
    level: "nodes",
    zones,
    groups,
    group: { ...chosen, of: groups.length },
    nodes: scope.slice(start(chosen.index), start(chosen.index + 1)),
  };
}
