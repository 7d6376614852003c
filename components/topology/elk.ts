/**
 * Where the boxes go, by ELK's layered algorithm (elkjs), left to right: nodes (with an expanded
 * node's pods inside it), then Services, then HTTPRoutes, then Gateways, each kind in its own
 * column (partition), and the order inside a column chosen to keep the edges between them short.
 * Tunnels (node ↔ node) do not steer the layout: they are drawn along the nodes' left side.
 * Zones and groups (no edges) stay in a square grid.
 */
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { Edge, Node } from "@xyflow/react";

const elk = new ELK();

const PARTITION: Record<string, number> = { node: 0, service: 1, route: 2, gateway: 3 };

const sizeOf = (n: Node) => ({
  width: Number(n.style?.width ?? n.width ?? 200),
  height: Number(n.style?.height ?? n.height ?? 60),
});

/** The edges ELK lays out along, each pointing left to right (node → Service → route → Gateway). */
function flow(edges: Edge[]): { id: string; sources: string[]; targets: string[] }[] {
  return edges
    .filter((e) => e.data?.kind !== "tunnel")
    .map((e) => ({ id: e.id, sources: [e.target], targets: [e.source] }));
}

export async function elkPositions(nodes: Node[], edges: Edge[]): Promise<Node[]> {
  const top = nodes.filter((n) => !n.parentId);
  if (!top.some((n) => String(n.data.kind) in PARTITION)) return nodes; // tiles: already placed
  const ids = new Set(top.map((n) => n.id));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      // One drawing, not one per connected part packed side by side: a Service with no endpoint
      // still stands in the Services' column.
      "elk.separateConnectedComponents": "false",
      "elk.layered.spacing.nodeNodeBetweenLayers": "120",
      "elk.spacing.nodeNode": "28",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.padding": "[top=20,left=100,bottom=20,right=20]",
    },
    children: top.map((n) => ({
      id: n.id,
      ...sizeOf(n),
      layoutOptions: { "elk.partitioning.partition": String(PARTITION[String(n.data.kind)] ?? 0) },
    })),
    edges: flow(edges).filter((e) => ids.has(e.sources[0]!) && ids.has(e.targets[0]!)),
  };
  const laid = await elk.layout(graph);
  const at = new Map(laid.children?.map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return nodes.map((n) => (n.parentId ? n : { ...n, position: at.get(n.id) ?? n.position }));
}
