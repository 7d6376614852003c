import "server-only";
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, DiscoveryV1Api, makeInformer, type KubernetesObject, type V1EndpointSlice, type V1Node, type V1Pod, type V1Service } from "@kubernetes/client-node";
import { log } from "@/server/log";
import { api, configFor } from "./client";

type Informer<T extends KubernetesObject> = ReturnType<typeof makeInformer<T>>;

/** Watch-backed caches of one context: one informer per resource type, shared by every request. */
export type ClusterCache = {
  nodes: Informer<V1Node>;
  pods: Informer<V1Pod>;
  services: Informer<V1Service>;
  slices: Informer<V1EndpointSlice>;
  gateways: Informer<KubernetesObject> | null;
  routes: Informer<KubernetesObject> | null;
  ready: Promise<void>;
};

const g = globalThis as typeof globalThis & { __underlayCaches?: Map<string, ClusterCache> };
const caches = (g.__underlayCaches ??= new Map());

function follow<T extends KubernetesObject>(name: string, inf: Informer<T>): Promise<void> {
  inf.on("error", (err) => {
    log.warn({ code: "watch_error", resource: name }, String((err as Error)?.message ?? err).slice(0, 200));
    setTimeout(() => void inf.start().catch(() => undefined), 3000);
  });
  return inf.start();
}

const PAGE = 500;

/** The cache for a context, started on first use; `ready` resolves once every list has arrived. */
export function clusterCache(context?: string): ClusterCache {
  const kc = configFor(context);
  const key = kc.getCurrentContext();
  let c = caches.get(key);
  if (c) return c;
  const core = api(CoreV1Api, context);
  const discovery = api(DiscoveryV1Api, context);
  // Lists come a page at a time (limit/continue), then one watch per type from that resourceVersion.
  const paged = <L extends { items: unknown[]; metadata?: { _continue?: string; resourceVersion?: string } }>(list: (o: { limit: number; _continue?: string }) => Promise<L>) => async () => {
    const first = await list({ limit: PAGE });
    let next = first.metadata?._continue;
    while (next) {
      const page = await list({ limit: PAGE, _continue: next });
      first.items.push(...page.items);
      first.metadata!.resourceVersion = page.metadata?.resourceVersion ?? first.metadata?.resourceVersion;
      next = page.metadata?._continue;
    }
    return first;
  };
  const nodes = makeInformer<V1Node>(kc, "/api/v1/nodes", paged((o) => core.listNode(o)));
  const pods = makeInformer<V1Pod>(kc, "/api/v1/pods", paged((o) => core.listPodForAllNamespaces(o)));
  const services = makeInformer<V1Service>(kc, "/api/v1/services", paged((o) => core.listServiceForAllNamespaces(o)));
  const slices = makeInformer<V1EndpointSlice>(kc, "/apis/discovery.k8s.io/v1/endpointslices", paged((o) => discovery.listEndpointSliceForAllNamespaces(o)));
  c = { nodes, pods, services, slices, gateways: null, routes: null, ready: Promise.resolve() };
  const cache = c;
  caches.set(key, c);
  c.ready = (async () => {
    // Gateway API objects only where its CRDs are installed.
    const crds = await api(ApiextensionsV1Api, context).listCustomResourceDefinition().then((l) => l.items.map((i) => i.metadata?.name), () => [] as (string | undefined)[]);
    if (crds.includes("gateways.gateway.networking.k8s.io") && crds.includes("httproutes.gateway.networking.k8s.io")) {
      const custom = api(CustomObjectsApi, context);
      const list = (plural: string) => () => custom.listClusterCustomObject({ group: "gateway.networking.k8s.io", version: "v1", plural }) as Promise<{ items: KubernetesObject[] }>;
      cache.gateways = makeInformer<KubernetesObject>(kc, "/apis/gateway.networking.k8s.io/v1/gateways", list("gateways") as never);
      cache.routes = makeInformer<KubernetesObject>(kc, "/apis/gateway.networking.k8s.io/v1/httproutes", list("httproutes") as never);
    }
    await Promise.all([follow("nodes", nodes), follow("pods", pods), follow("services", services), follow("endpointslices", slices), ...(cache.gateways ? [follow("gateways", cache.gateways)] : []), ...(cache.routes ? [follow("httproutes", cache.routes)] : [])]);
  })().catch((e) => {
    caches.delete(key); // the next request tries again
    throw e;
  });
  return c;
}
