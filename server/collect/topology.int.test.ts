import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { topology } from "./topology";

describeLab(["healthy"], "topology", () => {
  it("draws the nodes with their addresses, a tunnel ring, Services with endpoints and the 90/10 HTTPRoute", async () => {
    const t = await topology({});
    expect(t.level).toBe("nodes");
    expect(t.nodes.map((n) => [n.name, n.ip, n.ready])).toEqual([
      ["lab-node-1", "172.31.1.2", true],
      ["lab-node-2", "172.31.2.2", true],
      ["lab-node-3", "172.31.3.2", true],
    ]);
    expect(t.tunnels.length).toBeGreaterThanOrEqual(3);
    const web = t.services.find((s) => s.namespace === "shop" && s.name === "web-v1")!;
    expect(web.endpoints).toHaveLength(2);
    expect(
      web.endpoints.every(
        (e) => /^lab-node-\d$/.test(e.node ?? "") && e.pod?.startsWith("web-v1-"),
      ),
    ).toBe(true);
    expect(t.routes).toEqual([
      {
        name: "web",
        namespace: "shop",
        gateways: ["shop-gw"],
        backends: [
          { service: "web-v1", port: 80, weight: 90 },
          { service: "web-v2", port: 80, weight: 10 },
        ],
      },
    ]);
    expect(t.gateways).toEqual([{ name: "shop-gw", namespace: "shop", className: "lab" }]);
  });

  it("expands a node into its pods and filters by namespace and label", async () => {
    const t = await topology({ expand: "lab-node-1" });
    expect(t.expanded!.pods.length).toBeGreaterThan(0);
    expect(t.expanded!.pods.every((p) => p.node === "lab-node-1")).toBe(true);
    const shop = await topology({ namespace: "shop" });
    expect(shop.totals.pods).toBe(3);
    expect(shop.services.map((s) => s.name).sort()).toEqual(["web-v1", "web-v2"]);
    const v2 = await topology({ label: "version=v2" });
    expect(v2.nodes).toHaveLength(1);
    expect(v2.totals.pods).toBe(1);
  });

  it("draws a cluster bigger than a view as zones, then groups, then a group's nodes", async () => {
    // One node a view: the lab's 3 nodes in 2 zones (lab-a: lab-node-1 and -3; lab-b: lab-node-2).
    const top = await topology({}, 1);
    expect(top.level).toBe("zones");
    expect(top.zones.map((z) => [z.zone, z.nodes, z.ready])).toEqual([
      ["lab-a", 2, 2],
      ["lab-b", 1, 1],
    ]);
    expect(top.nodes).toEqual([]);
    expect([top.services, top.routes, top.gateways]).toEqual([[], [], []]); // drawn beside nodes only
    const zone = await topology({ zone: "lab-a" }, 1);
    expect(zone.level).toBe("groups");
    expect(zone.groups.map((g) => [g.index, g.first, g.last])).toEqual([
      [0, "lab-node-1", "lab-node-1"],
      [1, "lab-node-3", "lab-node-3"],
    ]);
    const group = await topology({ zone: "lab-a", group: 1 }, 1);
    expect(group.nodes.map((n) => [n.name, n.ip])).toEqual([["lab-node-3", "172.31.3.2"]]);
    expect(group.group).toMatchObject({ index: 1, of: 2 });
    // Beside a group: exactly the Services with an endpoint on its nodes (the scheduler decides which).
    const whole = await topology({});
    const key = (s: { namespace: string; name: string }) => `${s.namespace}/${s.name}`;
    const seen = new Set<string>();
    for (const g of [0, 1]) {
      const v = await topology({ zone: "lab-a", group: g }, 1);
      const node = v.nodes[0]!.name;
      expect(v.services.map(key).sort()).toEqual(
        whole.services
          .filter((s) => s.endpoints.some((e) => e.node === node))
          .map(key)
          .sort(),
      );
      for (const s of v.services) seen.add(key(s));
    }
    expect(seen.size).toBeGreaterThan(0); // CoreDNS and web-v1 run two replicas each, spread over nodes
    await expect(topology({ zone: "lab-a", group: 2 }, 1)).rejects.toMatchObject({
      status: 404,
      message: "There is no group 2 in zone lab-a: its 2 nodes make groups 0 to 1.",
    });
  });
});
