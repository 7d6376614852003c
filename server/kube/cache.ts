/**
 * The watch-backed cache of one context: its informers (informer.ts), the pod index
 * (pod-index.ts), what is derived from them, and per-context state that goes with the context.
 */
import "server-only";
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  type KubernetesObject,
  type V1EndpointSlice,
  type V1Node,
  type V1Pod,
  type V1Service,
} from "@kubernetes/client-node";
import { singleton } from "@/lib/singleton";
import { log } from "@/server/log";
import { api, configFor } from "./client";
import { tolerate } from "./errors";
import { follow, makeInformer, pagedList, type Informer } from "./informer";
import { PodIndex } from "./pod-index";

export { informerStarts } from "./informer";
export { PodIndex } from "./pod-index";

/** Watch-backed caches of one context: one informer per resource type, shared by every request. */
export type ClusterCache = {
  nodes: Informer<V1Node>;
  pods: Informer<V1Pod>;
  services: Informer<V1Service>;
  slices: Informer<V1EndpointSlice>;
  gateways: Informer<KubernetesObject> | null;
  routes: Informer<KubernetesObject> | null;
  /** The pods by node and by address, kept from the pod informer's events. */
  podIndex: PodIndex;
  /** What the cache cannot show, in words (a permission it lacks for an optional resource). */
  notes: string[];
  ready: Promise<void>;
  /**
   * What is derived from one informer's objects, kept until its next event: `derive("nodes", key,
   * fn)` runs fn again only when a node was added, changed or deleted since the last call;
   * `derive("nodes-set", …)` only when one was added or deleted (a status update keeps it). A
   * `stamp` names what else the value depends on: a different stamp runs fn again too.
   */
  derive<T>(on: Kind | `${Kind}-set`, key: string, fn: () => T, stamp?: string): T;
  /** State a reader keeps for this context (made on first use), dropped with the context's cache. */
  local<T>(key: string, make: () => T): T;
};
type Kind = "nodes" | "services" | "slices";

const caches = singleton("clusterCaches", () => new Map<string, ClusterCache>());
/** The cache for a context, started on first use; `ready` resolves once every list has arrived. */
export function clusterCache(context?: string): ClusterCache {
  const kc = configFor(context);
  const key = kc.getCurrentContext();
  let c = caches.get(key);
  if (c) return c;
  const core = api(CoreV1Api, context);
  const discovery = api(DiscoveryV1Api, context);
  // Lists come a page at a time, then one watch per type from that resourceVersion.
  const nodes = makeInformer<V1Node>(
    kc,
    "/api/v1/nodes",
    pagedList("nodes", (o) => core.listNode(o)),
  );
  const pods = makeInformer<V1Pod>(
    kc,
    "/api/v1/pods",
    pagedList("pods", (o) => core.listPodForAllNamespaces(o)),
  );
  const services = makeInformer<V1Service>(
    kc,
    "/api/v1/services",
    pagedList("services", (o) => core.listServiceForAllNamespaces(o)),
  );
  const slices = makeInformer<V1EndpointSlice>(
    kc,
    "/apis/discovery.k8s.io/v1/endpointslices",
    pagedList("endpointslices", (o) => discovery.listEndpointSliceForAllNamespaces(o)),
  );
  const podIndex = new PodIndex();
  pods.on("add", (p) => podIndex.put(p));
  pods.on("update", (p) => podIndex.put(p));
  pods.on("delete", (p) => podIndex.remove(p));
  const version = new Map<string, number>();
  const bump = (on: string) => () => void version.set(on, (version.get(on) ?? 0) + 1);
  // (Pods have their own index: PodIndex.placement says when what is derived from it is stale.)
  for (const [kind, inf] of [
    ["nodes", nodes],
    ["services", services],
    ["slices", slices],
  ] as [Kind, Informer<KubernetesObject>][]) {
    inf.on("add", bump(kind));
    inf.on("add", bump(`${kind}-set`));
    inf.on("update", bump(kind));
    inf.on("delete", bump(kind));
    inf.on("delete", bump(`${kind}-set`));
  }
  const derived = new Map<string, { version: number; stamp: string; value: unknown }>();
  const derive = <T>(on: string, key: string, fn: () => T, stamp = ""): T => {
    const k = `${on}:${key}`;
    const now = version.get(on) ?? 0;
    const hit = derived.get(k);
    if (hit?.version === now && hit.stamp === stamp) return hit.value as T;
    const value = fn();
    derived.set(k, { version: now, stamp, value });
    return value;
  };
  const locals = new Map<string, unknown>();
  const local = <T>(k: string, make: () => T): T => {
    if (!locals.has(k)) locals.set(k, make());
    return locals.get(k) as T;
  };
  c = {
    local,
    nodes,
    pods,
    services,
    slices,
    gateways: null,
    routes: null,
    podIndex,
    notes: [],
    ready: Promise.resolve(),
    derive,
  };
  const cache = c;
  caches.set(key, c);
  c.ready = (async () => {
    // Gateway API objects only where its CRDs are installed; without the permission to look, the
    // picture says so and goes on.
    const refused = (what: string) => () => void cache.notes.push(what);
    const crds = await tolerate(
      api(ApiextensionsV1Api, context)
        .listCustomResourceDefinition()
        .then((l) => l.items.map((i) => i.metadata?.name)),
      [],
      refused(
        "Gateway API objects are not shown: Underlay is not allowed to list customresourcedefinitions (apiextensions.k8s.io).",
      ),
    ).catch((e: unknown) => {
      log.warn({ code: "crd_discovery" }, String((e as Error)?.message ?? e).slice(0, 200));
      return [] as (string | undefined)[];
    });
    if (
      crds.includes("gateways.gateway.networking.k8s.io") &&
      crds.includes("httproutes.gateway.networking.k8s.io")
    ) {
      const custom = api(CustomObjectsApi, context);
      const list = (plural: string) => () =>
        custom.listClusterCustomObject({
          group: "gateway.networking.k8s.io",
          version: "v1",
          plural,
        }) as Promise<{ items: KubernetesObject[] }>;
      cache.gateways = makeInformer<KubernetesObject>(
        kc,
        "/apis/gateway.networking.k8s.io/v1/gateways",
        list("gateways") as never,
      );
      cache.routes = makeInformer<KubernetesObject>(
        kc,
        "/apis/gateway.networking.k8s.io/v1/httproutes",
        list("httproutes") as never,
      );
    }
    const optional = async (plural: "gateways" | "httproutes", key: "gateways" | "routes") => {
      const inf = cache[key];
      if (!inf) return;
      let allowed = true;
      await tolerate(follow(plural, inf), undefined, () => {
        allowed = false;
        cache.notes.push(
          `Gateway API ${plural} are not shown: Underlay is not allowed to list and watch ${plural} (gateway.networking.k8s.io).`,
        );
      });
      if (!allowed) cache[key] = null; // follow stopped it
    };
    await Promise.all([
      follow("nodes", nodes),
      follow("pods", pods),
      follow("services", services),
      follow("endpointslices", slices),
      optional("gateways", "gateways"),
      optional("httproutes", "routes"),
    ]);
  })().catch((e) => {
    caches.delete(key); // the next request tries again, with fresh informers
    for (const i of [nodes, pods, services, slices, cache.gateways, cache.routes]) void i?.stop();
    throw e;
  });
  return c;
}
