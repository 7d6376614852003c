import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/schemas/topology";
import { ENDPOINT_LINKS, layout, TUNNEL_STYLES } from "./layout";

/** A view of `nodes` nodes and `services` Services, each with an endpoint on every node. */
function view(nodes: number, services: number): Topology {
  const names = Array.from({ length: nodes }, (_, i) => `node-${i}`);
  return {
    context: "test",
    level: "nodes",
    totals: { nodes, pods: nodes * services, services },
    zones: [],
    groups: [],
    group: null,
    nodes: names.map((name, i) => ({
      name,
      zone: null,
      ip: `10.0.0.${i + 1}`,
      ready: true,
      pods: services,
      mtuVerdict: null,
    })),
    tunnels: [],
    expanded: null,
    services: Array.from({ length: services }, (_, k) => ({
      name: `svc-${k}`,
      namespace: "app",
      clusterIP: `10.96.0.${k + 1}`,
      endpoints: names.map((node, i) => ({
        ip: `10.244.${i}.${k + 2}`,
        node,
        pod: `svc-${k}-${i}`,
      })),
    })),
    gateways: [],
    routes: [],
    namespaces: ["app"],
    notes: [],
  };
}
const links = (edges: { data?: Record<string, unknown> }[]) =>
  edges.filter((e) => e.data?.kind === "endpoint");

describe("layout", () => {
  it("draws every Service→node link while they are few", () => {
    const g = layout(view(3, 4));
    expect(links(g.edges)).toHaveLength(12);
    expect(g.hiddenLinks).toBe(0);
  });

  it("past the budget, draws only the selected Service's or node's links and counts the rest", () => {
    const t = view(20, 10); // 200 links
    expect(200).toBeGreaterThan(ENDPOINT_LINKS);
    expect(links(layout(t).edges)).toHaveLength(0);
    expect(layout(t).hiddenLinks).toBe(200);
    const svc = layout(t, "svc:app/svc-3");
    expect(links(svc.edges).map((e) => (e as { target: string }).target)).toEqual(
      t.nodes.map((n) => `node:${n.name}`),
    );
    expect(svc.hiddenLinks).toBe(180);
    const node = layout(t, "node:node-7");
    expect(links(node.edges)).toHaveLength(10);
    expect(node.edges.every((e) => e.data?.kind !== "endpoint" || e.target === "node:node-7")).toBe(
      true,
    );
  });

  it("draws zones and groups as tiles, red where a node needs a look", () => {
    const t = {
      ...view(0, 0),
      level: "groups" as const,
      groups: [
        { index: 0, first: "a-1", last: "a-99", nodes: 99, ready: 98, pods: 1980, problems: 1 },
        { index: 1, first: "a-100", last: "a-198", nodes: 99, ready: 99, pods: 1980, problems: 0 },
      ],
    };
    const g = layout(t);
    expect(g.nodes.map((n) => [n.id, n.style?.border])).toEqual([
      ["group:0", "2px solid var(--graph-lossy)"],
      ["group:1", "2px solid var(--graph-ok)"],
    ]);
    expect(String(g.nodes[0]!.data.label)).toContain(
      "a-1 … a-99\n99 nodes (98 Ready)\n1980 pods\n1 not Ready or MTU mismatch",
    );
  });
});

describe("the tunnel palette", () => {
  it("tells every state apart by colour and by line style alike", () => {
    const styles = Object.values(TUNNEL_STYLES);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.dash ?? "solid")).size).toBe(styles.length);
    for (const s of styles) expect(s.colour).toMatch(/^var\(--graph-[a-z]+\)$/);
  });
});
