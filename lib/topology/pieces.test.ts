/**
 * The topology's pieces on objects recorded from the lab's healthy scenario (`kubectl get … -A -o
 * json` of EndpointSlices, Services, HTTPRoutes, Gateways and the shop namespace's pods).
 */
import fs from "node:fs";
import path from "node:path";
import type { V1EndpointSlice, V1Pod, V1Service } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { LatencyReport } from "../schemas/latency";
import type { MtuReport } from "../schemas/mtu";
import { gatewaysOf, routesOf, type GatewayObject } from "./gateways";
import {
  serviceKey,
  servicesByNode,
  servicesOf,
  slicesByService,
  unplacedAddresses,
} from "./services";
import { tunnelsOf, tunnelState } from "./tunnels";

const recorded = <T>(file: string): T[] =>
  (
    JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "testdata", file), "utf8")) as {
      items: T[];
    }
  ).items;
const slices = recorded<V1EndpointSlice>("endpointslices.json");
const services = recorded<V1Service>("services.json");
const pods = recorded<V1Pod>("pods-shop.json");

describe("Services and their endpoints", () => {
  const by = slicesByService(slices);

  it("groups EndpointSlices by their Service", () => {
    expect([...by.keys()].sort()).toEqual([
      "default/kubernetes",
      "kube-system/kube-dns",
      "shop/web-v1",
      "shop/web-v2",
    ]);
  });

  it("places each endpoint on its node, and finds the ones that name neither node nor pod", () => {
    const out = servicesOf(services, by, new Map());
    const web = out.find((s) => s.name === "web-v1")!;
    expect(
      web.endpoints.map((e) => [e.ip, e.node, e.pod?.replace(/-\w+-\w+$/, "")]).sort(),
    ).toEqual([
      ["10.244.0.3", "lab-node-1", "web-v1"],
      ["10.244.1.3", "lab-node-2", "web-v1"],
    ]);
    // The API server's endpoint has neither: it is looked up by address (and is no pod).
    expect(unplacedAddresses(by.values())).toEqual(new Set(["192.0.2.2"]));
    expect(out.find((s) => s.name === "kubernetes")!.endpoints).toEqual([
      { ip: "192.0.2.2", node: null, pod: null },
    ]);
  });

  it("an endpoint without a node is placed by the pod that has its address", () => {
    const stripped = slices.map((sl) => ({
      ...sl,
      endpoints: sl.endpoints?.map(({ nodeName: _n, targetRef: _t, ...e }) => e),
    }));
    const podByIp = new Map(pods.map((p) => [p.status!.podIP!, p]));
    const web = servicesOf(services, slicesByService(stripped), podByIp).find(
      (s) => s.name === "web-v2",
    )!;
    expect(web.endpoints).toEqual([
      {
        ip: "10.244.0.2",
        node: "lab-node-1",
        pod: pods.find((p) => p.status?.podIP === "10.244.0.2")!.metadata!.name,
      },
    ]);
    const onNode = servicesByNode(slicesByService(stripped), (ip) => podByIp.get(ip));
    expect([...(onNode.get("lab-node-1") ?? [])].sort()).toEqual(["shop/web-v1", "shop/web-v2"]);
    expect(serviceKey(services[0]!)).toBe("default/kubernetes");
  });
});

describe("Gateway API", () => {
  const routes = recorded<GatewayObject>("httproutes.json");
  const gateways = recorded<GatewayObject>("gateways.json");

  it("reads the HTTPRoute's backends with their weights (90/10)", () => {
    expect(routesOf(routes, undefined)).toEqual([
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
    expect(routesOf(routes, "kube-system")).toEqual([]);
  });

  it("reads the Gateway and its class", () => {
    expect(gatewaysOf(gateways, "shop")).toEqual([
      { name: "shop-gw", namespace: "shop", className: gateways[0]!.spec!.gatewayClassName },
    ]);
  });
});

describe("tunnels", () => {
  const nodes = [{ name: "lab-node-1" }, { name: "lab-node-2" }, { name: "lab-node-3" }];
  const pair = (from: string, to: string, p50: number | null, loss: number | null) => ({
    from,
    to,
    over: "pod" as const,
    p50,
    loss,
  });

  it("with nothing measured, a ring of unmeasured tunnels", () => {
    expect(tunnelsOf(nodes, undefined, undefined).map((t) => [t.from, t.to, t.state])).toEqual([
      ["lab-node-1", "lab-node-2", "unmeasured"],
      ["lab-node-2", "lab-node-3", "unmeasured"],
      ["lab-node-3", "lab-node-1", "unmeasured"],
    ]);
  });

  it("measured pairs: slow above 3× the median, lossy with loss, mtu from the path MTU search", () => {
    const latency = {
      pairs: [
        pair("lab-node-1", "lab-node-2", 0.2, 0),
        pair("lab-node-2", "lab-node-3", 0.3, 0),
        pair("lab-node-3", "lab-node-1", 1.5, 0),
        pair("lab-node-1", "lab-node-3", 0.2, 0.2),
        pair("lab-node-1", "lab-node-9", 0.2, 0), // not drawn
      ],
    } as unknown as LatencyReport;
    const mtu = {
      paths: [
        { from: "lab-node-2", to: "lab-node-3", over: "overlay", pathMtu: 1450, above: "silent" },
      ],
    } as unknown as MtuReport;
    const states = Object.fromEntries(
      tunnelsOf(nodes, latency, mtu).map((t) => [`${t.from}>${t.to}`, [t.state, t.pathMtu]]),
    );
    expect(states).toEqual({
      "lab-node-1>lab-node-2": ["ok", null],
      "lab-node-2>lab-node-3": ["silent", 1450],
      "lab-node-3>lab-node-1": ["slow", null],
      "lab-node-1>lab-node-3": ["lossy", null],
    });
  });

  it("an MTU that ICMP or the sender refused is `mtu`", () => {
    const t = { from: "a", to: "b", p50: null, loss: null, pathMtu: 1400 };
    expect(tunnelState(t, null, "icmp")).toBe("mtu");
    expect(tunnelState(t, null, "local")).toBe("mtu");
    expect(tunnelState(t, null, "fits")).toBe("ok");
  });
});
