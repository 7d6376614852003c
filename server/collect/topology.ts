import "server-only";
import type { V1Node, V1Pod } from "@kubernetes/client-node";
import type { TopoNode, Topology, TopologyQuery } from "@/lib/schemas/topology";
import { env } from "@/lib/env";
import { gatewaysOf, routesOf, type GatewayObject } from "@/lib/topology/gateways";
import {
  serviceKey,
  servicesByNode,
  servicesOf,
  slicesByService,
  unplacedAddresses,
} from "@/lib/topology/services";
import { tunnelsOf } from "@/lib/topology/tunnels";
import { viewOf } from "@/lib/topology/view";
import { latestJob, latestResult } from "@/server/jobs/jobs";
import { clusterCache, type ClusterCache } from "@/server/kube/cache";
import { contextNameOf } from "@/server/kube/client";
import { isReady } from "./cluster";

const POD_LIMIT = 500;
const SERVICE_LIMIT = 100;
/** One collator for every request: localeCompare with options makes a new one per call (≈0.6 s to sort 5,000 nodes). */
const byName = new Intl.Collator(undefined, { numeric: true });

type Summary = Omit<TopoNode, "pods" | "mtuVerdict">;
/** What is drawn of a node, per node object: a watch event brings a new object, and only then is it read again. */
const summaryOf = new WeakMap<V1Node, Summary>();

/**
 * The last summary per node of a context (an equal new one keeps the old identity, so only a real
 * change counts) and how many real changes there were: kept in the context's cache, dropped with it.
 */
type Summaries = { last: Map<string, Summary>; changes: number };
const summariesOf = (cache: ClusterCache) =>
  cache.local<Summaries>("topology-summaries", () => ({ last: new Map(), changes: 0 }));

function summarize(memo: Summaries, n: V1Node): Summary {
  const known = summaryOf.get(n);
  if (known) return known;
  const fresh: Summary = {
    name: n.metadata!.name!,
    zone: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? null,
    ip: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
    ready: isReady(n),
  };
  const old = memo.last.get(fresh.name);
  const s =
    old && old.zone === fresh.zone && old.ip === fresh.ip && old.ready === fresh.ready
      ? old
      : fresh;
  if (s === fresh) {
    memo.last.set(fresh.name, fresh);
    memo.changes++;
  }
  summaryOf.set(n, s);
  return s;
}

/**
 * The picture: nodes (or zones and groups of nodes, for big clusters: see viewOf) with pod counts, tunnels coloured by the latest
 * latency and MTU runs, an expanded node's pods, Services with their endpoints and Gateway API
 * routes with their weights. Served from the watch-backed cache, never from fresh full lists.
 */
export async function topology(
  q: TopologyQuery,
  viewLimit = env().UNDERLAY_TOPOLOGY_VIEW_NODES,
): Promise<Topology> {
  const cache = clusterCache(q.context);
  await cache.ready;
  const context = contextNameOf(q.context);
  const [labelKey, labelValue] = q.label?.split("=") ?? [];
  // Unfiltered, pods per node, per address and per namespace come from the cache's pod index; a
  // namespace or label filter walks the pods (100,000 on the scale lab) once.
  const index = cache.podIndex;
  const pods: V1Pod[] | null = q.namespace || labelKey ? [] : null;
  const podsOn = new Map<string, number>();
  if (pods) {
    for (const p of cache.pods.list()) {
      if (
        (q.namespace && p.metadata?.namespace !== q.namespace) ||
        (labelKey && p.metadata?.labels?.[labelKey] !== labelValue)
      )
        continue;
      pods.push(p);
      if (p.spec?.nodeName) podsOn.set(p.spec.nodeName, (podsOn.get(p.spec.nodeName) ?? 0) + 1);
    }
  }
  const mtuJob = await latestJob("mtu", context);
  const mtu = mtuJob?.result ?? undefined;
  const latency = (await latestResult("latency", context)) ?? undefined;
  // The node names in order, kept until a node comes or goes (sorting 5,000 names costs 25–60 ms).
  const memo = summariesOf(cache);
  const names = cache.derive("nodes-set", "sorted", () =>
    cache.nodes
      .list()
      .map((n) => n.metadata!.name!)
      .sort(byName.compare),
  );
  const sorted = names.flatMap((name) => {
    const n = cache.nodes.get(name);
    return n ? [summarize(memo, n)] : [];
  });
  const withCounts = () => {
    const verdict = new Map(mtu?.nodes.map((n) => [n.node, n.verdict]));
    const out: TopoNode[] = [];
    for (const n of sorted) {
      if ((q.node && n.name !== q.node) || (pods && !podsOn.has(n.name))) continue;
      out.push({
        ...n,
        pods: pods ? podsOn.get(n.name)! : (index.byNode.get(n.name)?.size ?? 0),
        mtuVerdict: verdict.get(n.name) ?? null,
      });
    }
    return out;
  };
  // Unfiltered, the whole list is kept until what is drawn of a node changes, a pod comes, goes or
  // moves, or a new MTU diagnosis lands: heartbeats and pod status updates (on the scale lab 25 node
  // and 33 pod status patches a second) keep it.
  const allNodes =
    pods || q.node
      ? withCounts()
      : cache.derive(
          "nodes-set",
          "all",
          withCounts,
          `${memo.changes}|${index.placement}|${mtuJob?.id ?? ""}`,
        );
  const view = viewOf(allNodes, q, viewLimit);
  const nodes = view.nodes;
  const tunnels = tunnelsOf(nodes, latency, mtu);

  const expandedPods = !q.expand
    ? []
    : pods
      ? pods.filter((p) => p.spec?.nodeName === q.expand)
      : [...(index.byNode.get(q.expand)?.values() ?? [])];
  const allServices = cache.derive("services", "list", () => cache.services.list());
  // EndpointSlices by "namespace/service", kept until a slice changes.
  const slicesBy = cache.derive("slices", "byService", () => slicesByService(cache.slices.list()));
  // Services are drawn beside nodes, so not at the zones and groups levels; when only some nodes
  // are drawn (a group), the Services shown are those with an endpoint on them.
  let candidates =
    view.level !== "nodes"
      ? []
      : q.namespace
        ? allServices.filter((s) => s.metadata?.namespace === q.namespace)
        : allServices;
  if (candidates.length && nodes.length < allNodes.length) {
    const onNode = cache.derive("slices", "servicesByNode", () =>
      servicesByNode(slicesBy, (ip) => index.byIp.get(ip)),
    );
    const near = new Set(nodes.flatMap((n) => [...(onNode.get(n.name) ?? [])]));
    candidates = candidates.filter((s) => near.has(serviceKey(s)));
  }
  const shown = candidates.slice(0, SERVICE_LIMIT);
  // An endpoint without nodeName or targetRef is matched to the pod that has its address.
  const wanted = unplacedAddresses(shown.map((s) => slicesBy.get(serviceKey(s)) ?? []));
  const podByIp = new Map<string, V1Pod>();
  if (pods && wanted.size)
    for (const p of pods)
      if (p.status?.podIP && !p.spec?.hostNetwork && wanted.has(p.status.podIP))
        podByIp.set(p.status.podIP, p);
  if (!pods) for (const ip of wanted) if (index.byIp.has(ip)) podByIp.set(ip, index.byIp.get(ip)!);
  const services = servicesOf(shown, slicesBy, podByIp);
  const gwObjects = (inf: typeof cache.gateways) =>
    view.level === "nodes" ? ((inf?.list() ?? []) as GatewayObject[]) : [];
  const gateways = gatewaysOf(gwObjects(cache.gateways), q.namespace);
  const routes = routesOf(gwObjects(cache.routes), q.namespace);
  return {
    context,
    totals: {
      nodes: allNodes.length,
      pods: pods ? pods.length : index.size,
      services: allServices.length,
    },
    ...view,
    tunnels,
    expanded: q.expand
      ? {
          node: q.expand,
          pods: expandedPods.slice(0, POD_LIMIT).map((p) => ({
            name: p.metadata!.name!,
            namespace: p.metadata!.namespace!,
            ip: p.status?.podIP ?? null,
            phase: p.status?.phase ?? "Unknown",
            node: q.expand!,
          })),
          truncated: Math.max(0, expandedPods.length - POD_LIMIT),
        }
      : null,
    services,
    gateways,
    routes,
    namespaces: [...index.namespaces.keys()].filter(Boolean).sort(),
    notes: cache.notes,
  };
}
