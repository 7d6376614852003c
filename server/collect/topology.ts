import "server-only";
import type { KubernetesObject, V1EndpointSlice, V1Node, V1Pod } from "@kubernetes/client-node";
import type {
  TopoNode,
  TopoRoute,
  TopoTunnel,
  Topology,
  TopologyQuery,
} from "@/lib/schemas/topology";
import { env } from "@/lib/env";
import { viewOf } from "@/lib/topology/view";
import { latestJob, latestResult } from "@/server/jobs/jobs";
import { clusterCache } from "@/server/kube/cache";
import { contextNameOf } from "@/server/kube/client";
import { isReady } from "./cluster";

const POD_LIMIT = 500;
const SERVICE_LIMIT = 100;
/** One collator for every request: localeCompare with options makes a new one per call (≈0.6 s to sort 5,000 nodes). */
const byName = new Intl.Collator(undefined, { numeric: true });

type Summary = Omit<TopoNode, "pods" | "mtuVerdict">;
/** What is drawn of a node, per node object: a watch event brings a new object, and only then is it read again. */
const summaryOf = new WeakMap<V1Node, Summary>();
/** The last summary per context/node: an equal new one keeps the old identity, and only a real change counts. */
const lastSummary = new Map<string, Summary>();
let summaryChanges = 0;

function summarize(context: string, n: V1Node): Summary {
  const known = summaryOf.get(n);
  if (known) return known;
  const fresh: Summary = {
    name: n.metadata!.name!,
    zone: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? null,
    ip: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
    ready: isReady(n),
  };
  const key = `${context}/${fresh.name}`;
  const old = lastSummary.get(key);
  const s =
    old && old.zone === fresh.zone && old.ip === fresh.ip && old.ready === fresh.ready
      ? old
      : fresh;
  if (s === fresh) {
    lastSummary.set(key, fresh);
    summaryChanges++;
  }
  summaryOf.set(n, s);
  return s;
}

function tunnelState(
  t: Omit<TopoTunnel, "state">,
  typical: number | null,
  mtuAbove: string | undefined,
): TopoTunnel["state"] {
  if (mtuAbove === "silent") return "silent";
  if (mtuAbove === "local" || mtuAbove === "icmp") return "mtu";
  if (t.loss !== null && t.loss > 0) return "lossy";
  if (t.p50 !== null && typical !== null && t.p50 > 3 * typical) return "slow";
  return t.p50 === null && t.pathMtu === null ? "unmeasured" : "ok";
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
  const names = cache.derive("nodes-set", "sorted", () =>
    cache.nodes
      .list()
      .map((n) => n.metadata!.name!)
      .sort(byName.compare),
  );
  const sorted = names.flatMap((name) => {
    const n = cache.nodes.get(name);
    return n ? [summarize(context, n)] : [];
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
          `${summaryChanges}|${index.placement}|${mtuJob?.id ?? ""}`,
        );
  const view = viewOf(allNodes, q, viewLimit);
  const nodes = view.nodes;
  const drawn = new Set(nodes.map((n) => n.name));

  const byPair = new Map<string, TopoTunnel>();
  const p50s =
    latency?.pairs.filter((p) => p.over === "pod" && p.p50 !== null).map((p) => p.p50!) ?? [];
  const typical = p50s.length ? p50s.sort((a, b) => a - b)[Math.floor(p50s.length / 2)]! : null;
  for (const p of latency?.pairs.filter((x) => x.over === "pod") ?? []) {
    if (!drawn.has(p.from) || !drawn.has(p.to)) continue;
    byPair.set(`${p.from}|${p.to}`, {
      from: p.from,
      to: p.to,
      p50: p.p50,
      loss: p.loss,
      pathMtu: null,
      state: "unmeasured",
    });
  }
  for (const p of mtu?.paths.filter((x) => x.over === "overlay") ?? []) {
    if (!drawn.has(p.from) || !drawn.has(p.to)) continue;
    const t = byPair.get(`${p.from}|${p.to}`) ?? {
      from: p.from,
      to: p.to,
      p50: null,
      loss: null,
      pathMtu: null,
      state: "unmeasured" as const,
    };
    byPair.set(`${p.from}|${p.to}`, { ...t, pathMtu: p.pathMtu });
  }
  const aboveOf = new Map(
    mtu?.paths.filter((x) => x.over === "overlay").map((p) => [`${p.from}|${p.to}`, p.above]),
  );
  // Unmeasured clusters still show their overlay: each node to the next, a ring.
  if (!byPair.size && nodes.length > 1 && nodes.length <= 60)
    nodes.forEach((n, i) =>
      byPair.set(`${n.name}|${nodes[(i + 1) % nodes.length]!.name}`, {
        from: n.name,
        to: nodes[(i + 1) % nodes.length]!.name,
        p50: null,
        loss: null,
        pathMtu: null,
        state: "unmeasured",
      }),
    );
  const tunnels = [...byPair.entries()].map(([k, t]) => ({
    ...t,
    state: tunnelState(t, typical, aboveOf.get(k)),
  }));

  const expandedPods = !q.expand
    ? []
    : pods
      ? pods.filter((p) => p.spec?.nodeName === q.expand)
      : [...(index.byNode.get(q.expand)?.values() ?? [])];
  const allServices = cache.derive("services", "list", () => cache.services.list());
  // EndpointSlices by "namespace/service", kept until a slice changes.
  const slicesBy = cache.derive("slices", "byService", () => {
    const by = new Map<string, V1EndpointSlice[]>();
    for (const sl of cache.slices.list()) {
      const key = `${sl.metadata?.namespace}/${sl.metadata?.labels?.["kubernetes.io/service-name"]}`;
      const list = by.get(key);
      if (list) list.push(sl);
      else by.set(key, [sl]);
    }
    return by;
  });
  // Services are drawn beside nodes, so not at the zones and groups levels; when only some nodes
  // are drawn (a group), the Services shown are those with an endpoint on them.
  let candidates =
    view.level !== "nodes"
      ? []
      : q.namespace
        ? allServices.filter((s) => s.metadata?.namespace === q.namespace)
        : allServices;
  if (candidates.length && nodes.length < allNodes.length) {
    const onNode = cache.derive("slices", "servicesByNode", () => {
      const by = new Map<string, Set<string>>();
      for (const [key, list] of slicesBy)
        for (const sl of list)
          for (const e of sl.endpoints ?? []) {
            const node = e.nodeName ?? index.byIp.get(e.addresses?.[0] ?? "")?.spec?.nodeName;
            if (!node) continue;
            const on = by.get(node);
            if (on) on.add(key);
            else by.set(node, new Set([key]));
          }
      return by;
    });
    const near = new Set(nodes.flatMap((n) => [...(onNode.get(n.name) ?? [])]));
    candidates = candidates.filter((s) => near.has(`${s.metadata?.namespace}/${s.metadata?.name}`));
  }
  const shown = candidates.slice(0, SERVICE_LIMIT);
  const slicesOf = new Map<string, V1EndpointSlice[]>(
    shown.map((s) => [
      `${s.metadata?.namespace}/${s.metadata?.name}`,
      slicesBy.get(`${s.metadata?.namespace}/${s.metadata?.name}`) ?? [],
    ]),
  );
  // An endpoint without nodeName or targetRef is matched to the pod that has its address.
  const wanted = new Set<string>();
  for (const list of slicesOf.values())
    for (const sl of list)
      for (const e of sl.endpoints ?? [])
        if (!e.nodeName || !e.targetRef?.name) for (const ip of e.addresses ?? []) wanted.add(ip);
  const podByIp = new Map<string, V1Pod>();
  if (pods && wanted.size)
    for (const p of pods)
      if (p.status?.podIP && !p.spec?.hostNetwork && wanted.has(p.status.podIP))
        podByIp.set(p.status.podIP, p);
  if (!pods) for (const ip of wanted) if (index.byIp.has(ip)) podByIp.set(ip, index.byIp.get(ip)!);
  const services = shown.map((s) => {
    const slices = slicesOf.get(`${s.metadata?.namespace}/${s.metadata?.name}`) ?? [];
    return {
      name: s.metadata!.name!,
      namespace: s.metadata!.namespace!,
      clusterIP: s.spec?.clusterIP ?? null,
      endpoints: slices.flatMap((sl) =>
        (sl.endpoints ?? []).flatMap((e) =>
          (e.addresses ?? []).map((ip) => ({
            ip,
            node: e.nodeName ?? podByIp.get(ip)?.spec?.nodeName ?? null,
            pod: e.targetRef?.name ?? podByIp.get(ip)?.metadata?.name ?? null,
          })),
        ),
      ),
    };
  });
  type GwObj = KubernetesObject & {
    spec?: {
      gatewayClassName?: string;
      parentRefs?: { name: string }[];
      rules?: { backendRefs?: { name: string; port?: number; weight?: number }[] }[];
    };
  };
  const gwObjects = (inf: typeof cache.gateways) =>
    view.level === "nodes" ? ((inf?.list() ?? []) as GwObj[]) : [];
  const gateways = gwObjects(cache.gateways)
    .filter((x) => !q.namespace || x.metadata?.namespace === q.namespace)
    .map((x) => ({
      name: x.metadata!.name!,
      namespace: x.metadata!.namespace!,
      className: x.spec?.gatewayClassName ?? "",
    }));
  const routes: TopoRoute[] = gwObjects(cache.routes)
    .filter((x) => !q.namespace || x.metadata?.namespace === q.namespace)
    .map((x) => ({
      name: x.metadata!.name!,
      namespace: x.metadata!.namespace!,
      gateways: (x.spec?.parentRefs ?? []).map((p) => p.name),
      backends: (x.spec?.rules ?? [])
        .flatMap((r) => r.backendRefs ?? [])
        .map((b) => ({ service: b.name, port: b.port ?? null, weight: b.weight ?? 1 })),
    }));
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
