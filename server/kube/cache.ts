import "server-only";
import { singleton } from "@/lib/singleton";
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  ListWatch,
  Watch,
  type KubeConfig,
  type KubernetesObject,
  type V1EndpointSlice,
  type V1Node,
  type V1Pod,
  type V1Service,
} from "@kubernetes/client-node";
import { ApiError } from "@/lib/api-error";
import { log } from "@/server/log";
import { kubeError } from "./errors";
import { api, configFor } from "./client";
import { compact, slim, type Slimmable } from "./slim";

type Informer<T extends KubernetesObject> = ListWatch<T>;

/**
 * Watches that ask for bookmarks: the API server then sends the current resourceVersion now and
 * then, so a watch that ends (every 30–60 min) resumes from a recent one instead of one so old it
 * is refused with 410 Gone, which costs a full list (100,000 pods on the scale lab).
 */
class BookmarkWatch extends Watch {
  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: Parameters<Watch["watch"]>[2],
    done: Parameters<Watch["watch"]>[3],
  ) {
    return super.watch(path, { ...queryParams, allowWatchBookmarks: true }, callback, done);
  }
}

/** An informer (list, then watch from its resourceVersion) whose watches ask for bookmarks. */
const makeInformer = <T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
): Informer<T> => new ListWatch<T>(path, new BookmarkWatch(kc), list as never, false);

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
};
type Kind = "nodes" | "services" | "slices";

/**
 * Pods by node and by address, and how many per namespace, kept up to date from the pod informer's
 * own events: a request reads these instead of walking every pod (100,000 on the scale lab).
 */
export class PodIndex {
  private readonly where = new Map<
    string,
    { ns: string; node: string | null; ip: string | null }
  >();
  readonly byNode = new Map<string, Map<string, V1Pod>>();
  /** Pod-network pods only (a host-network pod shares its node's address). */
  readonly byIp = new Map<string, V1Pod>();
  readonly namespaces = new Map<string, number>();

  get size(): number {
    return this.where.size;
  }

  /** Bumped when a pod comes, goes or moves (node, address): a status update alone keeps it. */
  placement = 0;

  put(p: V1Pod): void {
    const key = keyOf(p);
    const ns = p.metadata?.namespace ?? "";
    const node = p.spec?.nodeName ?? null;
    const ip = p.status?.podIP && !p.spec?.hostNetwork ? p.status.podIP : null;
    const was = this.where.get(key);
    if (was && was.ns === ns && was.node === node && was.ip === ip) {
      // Same place: only the object the maps hold is new.
      if (node) this.byNode.get(node)?.set(key, p);
      if (ip) this.byIp.set(ip, p);
      return;
    }
    this.drop(key);
    this.placement++;
    this.where.set(key, { ns, node, ip });
    this.namespaces.set(ns, (this.namespaces.get(ns) ?? 0) + 1);
    if (node) {
      let on = this.byNode.get(node);
      if (!on) this.byNode.set(node, (on = new Map()));
      on.set(key, p);
    }
    if (ip) this.byIp.set(ip, p);
  }

  remove(p: V1Pod): void {
    if (this.where.has(keyOf(p))) this.placement++;
    this.drop(keyOf(p));
  }

  private drop(key: string): void {
    const w = this.where.get(key);
    if (!w) return;
    this.where.delete(key);
    const left = (this.namespaces.get(w.ns) ?? 1) - 1;
    if (left > 0) this.namespaces.set(w.ns, left);
    else this.namespaces.delete(w.ns);
    const on = w.node ? this.byNode.get(w.node) : undefined;
    on?.delete(key);
    if (on && !on.size) this.byNode.delete(w.node!);
    const atIp = w.ip ? this.byIp.get(w.ip) : undefined;
    if (atIp && keyOf(atIp) === key) this.byIp.delete(w.ip!);
  }
}
const keyOf = (p: V1Pod) => `${p.metadata?.namespace ?? ""}/${p.metadata?.name ?? ""}`;

const caches = singleton("clusterCaches", () => new Map<string, ClusterCache>());
const starts = singleton("informerStarts", () => new Map<string, number>());

/**
 * How often each informer has (re)started, by "resource from": from "list" (a full list, then a
 * watch: the first start, or a watch whose resourceVersion had expired) or from "resourceVersion"
 * (a watch resumed where the last one ended).
 */
export function informerStarts(): ReadonlyMap<string, number> {
  return starts;
}

/** A failed first list or watch, in words: a 403 names the verb and the resource. */
function startError(name: string, err: unknown): unknown {
  const known = kubeError(err);
  if (known) return known;
  const status = (err as { statusCode?: number })?.statusCode; // a refused watch
  if (status === 403)
    return new ApiError(
      "forbidden",
      `The dashboard's Kubernetes identity is not allowed to watch ${name} across the cluster. Grant the "watch" verb on "${name}" to its ServiceAccount or user.`,
    );
  return err;
}

/**
 * Starts an informer: resolves once its list has arrived and its watch runs, rejects (and stops it)
 * when the first list or watch fails. Later watch failures are logged and retried.
 */
async function follow<T extends KubernetesObject>(name: string, inf: Informer<T>): Promise<void> {
  // Objects that arrive by watch are slimmed in place, as the listed ones were.
  if (name in SLIM) {
    inf.on("add", (o) => void slim(name as Slimmable, o));
    inf.on("update", (o) => void slim(name as Slimmable, o));
  }
  inf.on("connect", () => {
    const key = `${name} ${(inf as unknown as { latestResourceVersion(): string }).latestResourceVersion() ? "resourceVersion" : "list"}`;
    starts.set(key, (starts.get(key) ?? 0) + 1);
  });
  let started = false;
  let failed: unknown = null;
  inf.on("error", (err) => {
    if (!started) {
      failed ??= err; // ListWatch reports a failed list here, not by rejecting start()
      return;
    }
    log.warn(
      { code: "watch_error", resource: name },
      String((err as Error)?.message ?? err).slice(0, 200),
    );
    setTimeout(() => void inf.start().catch(() => undefined), 3000);
  });
  try {
    await inf.start();
  } catch (e) {
    failed ??= e;
  }
  if (failed) {
    await inf.stop();
    throw startError(name, failed);
  }
  started = true;
}

const PAGE = 500;
const SLIM: Record<Slimmable, true> = {
  pods: true,
  nodes: true,
  services: true,
  endpointslices: true,
};

/** The cache for a context, started on first use; `ready` resolves once every list has arrived. */
export function clusterCache(context?: string): ClusterCache {
  const kc = configFor(context);
  const key = kc.getCurrentContext();
  let c = caches.get(key);
  if (c) return c;
  const core = api(CoreV1Api, context);
  const discovery = api(DiscoveryV1Api, context);
  // Lists come a page at a time (limit/continue), then one watch per type from that resourceVersion.
  // Each page is cut down as it arrives, so a 100,000-pod list never sits in memory whole; listed
  // objects are kept as compact copies, the ones a watch brings are slimmed in place.
  const paged =
    <L extends { items: unknown[]; metadata?: { _continue?: string; resourceVersion?: string } }>(
      kind: Slimmable,
      list: (o: { limit: number; _continue?: string }) => Promise<L>,
    ) =>
    async () => {
      const first = await list({ limit: PAGE });
      first.items = first.items.map((i) => compact(kind, i));
      let next = first.metadata?._continue;
      while (next) {
        const page = await list({ limit: PAGE, _continue: next });
        for (const i of page.items) first.items.push(compact(kind, i));
        first.metadata!.resourceVersion =
          page.metadata?.resourceVersion ?? first.metadata?.resourceVersion;
        next = page.metadata?._continue;
      }
      return first;
    };
  const nodes = makeInformer<V1Node>(
    kc,
    "/api/v1/nodes",
    paged("nodes", (o) => core.listNode(o)),
  );
  const pods = makeInformer<V1Pod>(
    kc,
    "/api/v1/pods",
    paged("pods", (o) => core.listPodForAllNamespaces(o)),
  );
  const services = makeInformer<V1Service>(
    kc,
    "/api/v1/services",
    paged("services", (o) => core.listServiceForAllNamespaces(o)),
  );
  const slices = makeInformer<V1EndpointSlice>(
    kc,
    "/apis/discovery.k8s.io/v1/endpointslices",
    paged("endpointslices", (o) => discovery.listEndpointSliceForAllNamespaces(o)),
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
  c = {
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
    // Gateway API objects only where its CRDs are installed.
    const forbidden = (e: unknown) =>
      (e as { code?: number }).code === 403 || (e as { status?: number }).status === 403;
    const crds = await api(ApiextensionsV1Api, context)
      .listCustomResourceDefinition()
      .then(
        (l) => l.items.map((i) => i.metadata?.name),
        (e) => {
          if (forbidden(e))
            cache.notes.push(
              "Gateway API objects are not shown: Underlay is not allowed to list customresourcedefinitions (apiextensions.k8s.io).",
            );
          return [] as (string | undefined)[];
        },
      );
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
    // Gateway API objects are optional: without the permission the picture says so and goes on.
    const optional = (plural: "gateways" | "httproutes", key: "gateways" | "routes") =>
      cache[key]
        ? follow(plural, cache[key]).catch((e) => {
            if (!forbidden(e)) throw e;
            void cache[key]?.stop();
            cache[key] = null;
            cache.notes.push(
              `Gateway API ${plural} are not shown: Underlay is not allowed to list and watch ${plural} (gateway.networking.k8s.io).`,
            );
          })
        : Promise.resolve();
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
