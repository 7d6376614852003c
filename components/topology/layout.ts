import type { Edge, Node } from "@xyflow/react";
import type { Topology, TopoTunnel } from "@/lib/schemas/topology";

/**
 * Each tunnel state: its colour (a CSS variable of app/globals.css, colour-blind safe), its line
 * style, its width and what it means. The graph and its legend both draw from this table.
 */
export const TUNNEL_STYLES: Record<
  TopoTunnel["state"],
  { colour: string; dash?: string; width: number; means: string }
> = {
  ok: { colour: "var(--graph-ok)", width: 1.5, means: "measured, fine" },
  slow: { colour: "var(--graph-slow)", dash: "8 4", width: 3, means: "p50 over 3× the median" },
  lossy: { colour: "var(--graph-lossy)", dash: "2 3", width: 3, means: "packets lost" },
  mtu: {
    colour: "var(--graph-mtu)",
    dash: "10 3 2 3",
    width: 3,
    means: "larger packets refused (ICMP or locally)",
  },
  silent: {
    colour: "var(--graph-silent)",
    dash: "1 2",
    width: 3.5,
    means: "larger packets dropped silently",
  },
  unmeasured: { colour: "var(--graph-unmeasured)", dash: "4 4", width: 1, means: "not measured" },
};
const VERDICT_BORDER: Record<string, string> = {
  ok: "var(--graph-ok)",
  mismatch: "var(--graph-lossy)",
  suboptimal: "var(--graph-slow)",
  unknown: "var(--graph-unmeasured)",
};
const BAD = "var(--graph-lossy)";

/** More Service→node endpoint links than this are drawn only for the selected Service or node. */
export const ENDPOINT_LINKS = 150;
const W = 200;
const H = 80;
const TILE_H = 96;
/** A Service's, route's or Gateway's box: two lines of 11 px text and the padding. */
const BOX_H = 50;
const GAP = 60;

/**
 * Where everything goes: nodes in a square grid (an expanded node grows to hold its pods), Services
 * in columns on the right, Gateways and HTTPRoutes beyond them. Pure: same topology, same layout.
 */
export function layout(
  t: Topology,
  selected?: string,
): { nodes: Node[]; edges: Edge[]; hiddenLinks: number; allLinks: Edge[] } {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const links: Edge[] = [];
  // Aggregates (zones, groups) in a square grid; red when any node in them needs a look.
  const tiles =
    t.level === "zones"
      ? t.zones.map((z) => ({ id: `zone:${z.zone}`, title: z.zone, ...z }))
      : t.level === "groups"
        ? t.groups.map((g) => ({
            id: `group:${g.index}`,
            title: g.first === g.last ? g.first : `${g.first} … ${g.last}`,
            ...g,
          }))
        : [];
  if (tiles.length) {
    const across = Math.ceil(Math.sqrt(tiles.length));
    tiles.forEach((a, i) =>
      nodes.push({
        id: a.id,
        position: { x: (i % across) * (W + GAP), y: Math.floor(i / across) * (TILE_H + GAP) },
        data: {
          label: `${a.title}\n${a.nodes} nodes (${a.ready} Ready)\n${a.pods} pods${a.problems ? `\n${a.problems} not Ready or MTU mismatch` : ""}`,
          kind: t.level,
        },
        style: {
          width: W,
          height: TILE_H,
          whiteSpace: "pre-line",
          border: `2px solid ${a.problems ? BAD : "var(--graph-ok)"}`,
          background: a.problems ? "var(--graph-bad-bg)" : "var(--graph-node-bg)",
        },
      }),
    );
    for (const n of nodes) Object.assign(n, { width: W, height: TILE_H });
    return { nodes, edges, hiddenLinks: 0, allLinks: [] };
  }
  const cols = Math.max(1, Math.ceil(Math.sqrt(t.nodes.length)));
  const podRows = t.expanded ? Math.min(t.expanded.pods.length, 40) : 0;
  let y = 0;
  t.nodes.forEach((n, i) => {
    const col = i % cols;
    if (col === 0 && i > 0)
      y +=
        H +
        GAP +
        (t.nodes.slice(i - cols, i).some((x) => x.name === t.expanded?.node)
          ? podRows * 28 + 20
          : 0);
    const open = t.expanded?.node === n.name;
    nodes.push({
      id: `node:${n.name}`,
      position: { x: col * (W + GAP), y },
      data: {
        label: `${n.name}\n${n.ip ?? ""} · ${n.pods} pods${n.mtuVerdict ? ` · MTU ${n.mtuVerdict}` : ""}`,
        kind: "node",
        node: n.name,
      },
      style: {
        width: W,
        height: open ? H + podRows * 28 + 20 : H,
        whiteSpace: "pre-line",
        textAlign: "left",
        border: `2px solid ${n.ready ? VERDICT_BORDER[n.mtuVerdict ?? "unknown"] : BAD}`,
        background: n.ready ? "var(--graph-node-bg)" : "var(--graph-bad-bg)",
      },
    });
    if (open) {
      t.expanded!.pods.slice(0, 40).forEach((p, k) =>
        nodes.push({
          id: `pod:${p.namespace}/${p.name}`,
          parentId: `node:${n.name}`,
          extent: "parent",
          position: { x: 8, y: H + k * 28 },
          data: { label: `${p.namespace}/${p.name} ${p.ip ?? ""}`, kind: "pod" },
          style: {
            width: W - 16,
            height: 24,
            fontSize: 10,
            padding: 2,
            whiteSpace: "nowrap",
            overflow: "hidden",
            textOverflow: "ellipsis",
          },
        }),
      );
    }
  });
  for (const tu of t.tunnels) {
    edges.push({
      id: `tunnel:${tu.from}|${tu.to}`,
      source: `node:${tu.from}`,
      target: `node:${tu.to}`,
      label:
        tu.p50 !== null ? `${tu.p50.toFixed(2)} ms` : tu.pathMtu ? `MTU ${tu.pathMtu}` : undefined,
      style: {
        stroke: TUNNEL_STYLES[tu.state].colour,
        strokeWidth: TUNNEL_STYLES[tu.state].width,
        ...(TUNNEL_STYLES[tu.state].dash ? { strokeDasharray: TUNNEL_STYLES[tu.state].dash } : {}),
      },
      data: { kind: "tunnel", state: tu.state },
    });
  }
  const right = cols * (W + GAP) + GAP;
  const drawn = new Set(t.nodes.map((n) => n.name));
  // Services in as many columns as keep them about as tall as the nodes' grid (never under 10 a column).
  const perColumn = Math.max(10, Math.floor((y + H) / 60));
  t.services.forEach((s, i) => {
    const id = `svc:${s.namespace}/${s.name}`;
    nodes.push({
      id,
      position: { x: right + Math.floor(i / perColumn) * (W + GAP / 2), y: (i % perColumn) * 60 },
      data: {
        label: `svc ${s.namespace}/${s.name}\n${s.clusterIP ?? ""} · ${s.endpoints.length} endpoints`,
        kind: "service",
      },
      style: {
        width: W,
        whiteSpace: "pre-line",
        background: "var(--graph-service-bg)",
        fontSize: 11,
      },
    });
    for (const node of new Set(s.endpoints.map((e) => e.node).filter((x): x is string => !!x))) {
      if (drawn.has(node))
        links.push({
          id: `ep:${id}|${node}`,
          source: id,
          target: `node:${node}`,
          style: { stroke: "var(--graph-endpoint)", strokeDasharray: "4 3" },
          data: { kind: "endpoint" },
        });
    }
  });
  // Hundreds of dashed links cost more to paint than everything else (7 fps panning 660 of them):
  // past ENDPOINT_LINKS, only the selected Service's or node's are drawn.
  const shownLinks =
    links.length <= ENDPOINT_LINKS
      ? links
      : links.filter((e) => e.source === selected || e.target === selected);
  edges.push(...shownLinks);
  const far = right + Math.ceil(t.services.length / perColumn) * (W + GAP / 2) + GAP * 2;
  t.routes.forEach((r, i) => {
    const id = `route:${r.namespace}/${r.name}`;
    nodes.push({
      id,
      position: { x: far, y: i * 90 },
      data: {
        label: `HTTPRoute ${r.name}\n${r.backends.map((b) => `${b.service} ${b.weight}`).join(" / ")}`,
        kind: "route",
      },
      style: {
        width: W,
        whiteSpace: "pre-line",
        background: "var(--graph-route-bg)",
        fontSize: 11,
      },
    });
    const total = r.backends.reduce((sum, b) => sum + b.weight, 0) || 1;
    for (const b of r.backends) {
      const target = `svc:${r.namespace}/${b.service}`;
      if (nodes.some((n) => n.id === target))
        edges.push({
          id: `w:${id}|${b.service}`,
          source: id,
          target,
          label: `${Math.round((100 * b.weight) / total)}%`,
          style: { stroke: "var(--graph-route)" },
          data: { kind: "weight" },
        });
    }
  });
  t.gateways.forEach((g, i) => {
    const id = `gw:${g.namespace}/${g.name}`;
    nodes.push({
      id,
      position: { x: far + W + GAP, y: i * 90 },
      data: { label: `Gateway ${g.name}\n${g.className}`, kind: "gateway" },
      style: {
        width: W - 40,
        whiteSpace: "pre-line",
        background: "var(--graph-route-bg)",
        fontSize: 11,
      },
    });
    for (const r of t.routes.filter(
      (r) => r.gateways.includes(g.name) && r.namespace === g.namespace,
    ))
      edges.push({
        id: `gr:${id}|${r.name}`,
        source: id,
        target: `route:${r.namespace}/${r.name}`,
        style: { stroke: "var(--graph-gateway)" },
        data: { kind: "gateway" },
      });
  });
  // Every box is drawn by BoxNode (its handles on the sides), every edge leaves a box on its left
  // and enters the next column's box on its right; tunnels run between the nodes' left sides.
  for (const n of nodes) {
    if (!n.parentId && n.data.kind !== "zones" && n.data.kind !== "groups") {
      n.type = "box";
      n.style = { padding: 8, borderRadius: 4, fontSize: 12, height: BOX_H, ...n.style };
    }
    // Sizes on the node itself: the minimap (and ELK) read them there, not from the DOM.
    n.width = Number(n.style?.width ?? W);
    n.height = Number(n.style?.height ?? BOX_H);
  }
  for (const e of [...edges, ...links]) {
    e.sourceHandle = "left-out";
    e.targetHandle = e.data?.kind === "tunnel" ? "left-in" : "right-in";
    if (e.data?.kind === "tunnel") e.type = "smoothstep";
  }
  return { nodes, edges, hiddenLinks: links.length - shownLinks.length, allLinks: links };
}
