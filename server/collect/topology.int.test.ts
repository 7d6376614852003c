import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { topology } from "./topology";

describeLab(["healthy"], "topology", () => {
  it("draws the nodes with their addresses, a tunnel ring, Services with endpoints and the 90/10 HTTPRoute", async () => {
    const t = await topology({});
    expect(t.level).toBe("nodes");
    expect(t.nodes.map((n) => [n.name, n.ip, n.ready])).toEqual([["lab-node-1", "172.31.1.2", true], ["lab-node-2", "172.31.2.2", true], ["lab-node-3", "172.31.3.2", true]]);
    expect(t.tunnels.length).toBeGreaterThanOrEqual(3);
    const web = t.services.find((s) => s.namespace === "shop" && s.name === "web-v1")!;
    expect(web.endpoints).toHaveLength(2);
    expect(web.endpoints.every((e) => /^lab-node-\d$/.test(e.node ?? "") && e.pod?.startsWith("web-v1-"))).toBe(true);
    expect(t.routes).toEqual([{ name: "web", namespace: "shop", gateways: ["shop-gw"], backends: [{ service: "web-v1", port: 80, weight: 90 }, { service: "web-v2", port: 80, weight: 10 }] }]);
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
});
