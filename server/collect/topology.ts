import "server-only";
import type { KubernetesObject, V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import type { LatencyReport } from "@/lib/schemas/latency";
import type { MtuReport } from "@/lib/schemas/mtu";
import type { TopoNode, TopoRoute, TopoTunnel, Topology, TopologyQuery } from "@/lib/schemas/topology";
import { latestJob } from "@/server/jobs/jobs";
import { clusterCache } from "@/server/kube/cache";
import { configFor } from "@/server/kube/client";
import { isReady } from "./cluster";

/** More nodes than this are drawn as zones until a zone is chosen. */
export const NODE_LIMIT = 300;
const POD_LIMIT = 500;
const SERVICE_LIMIT = 100;
/** One collator for every request: localeCompare with options makes a new one per call (≈0.6 s to sort 5,000 nodes). */
const byName = new Intl.Collator(undefined, { numeric: true });

function tunnelState(t: Omit<TopoTunnel, "state">, typical: number | null, mtuAbove: string | undefined): TopoTunnel["state"] {
  if (mtuAbove === "silent") return "silent";
  if (mtuAbove === "local" || mtuAbove === "icmp") return "mtu";
  if (t.loss !== null && t.loss > 0) return "lossy";
  if (t.p50 !== null && typical !== null && t.p50 > 3 * typical) return "slow";
  return t.p50 === null && t.pathMtu === null ? "unmeasured" : "ok";
}

/**
 * The picture: nodes (or zones, for big clusters) with pod counts, tunnels coloured by the latest
 * latency and MTU runs, an expanded node's pods, Services with their endpoints and Gateway API
 * routes with their weights. Served from the watch-backed cache, never from fresh full lists.
 */
export async function topology(q: TopologyQuery): Promise<Topology> {
  const cache = clusterCache(q.context);
  await cache.ready;
  const context = configFor(q.context).getCurrentContext();
  const [labelKey, labelValue] = q.label?.split("=") ?? [];
  // Unfiltered, pods per node, per address and per namespace come from the cache's pod index; a
  // namespace or label filter walks the pods (100,000 on the scale lab) once.
  const index = cache.podIndex;
  const pods: V1Pod[] | null = q.namespace || labelKey ? [] : null;
  const podsOn = new Map<string, number>();
  if (pods) {
    for (const p of cache.pods.list()) {
      if ((q.namespace && p.metadata?.namespace !== q.namespace) || (labelKey && p.metadata?.labels?.[labelKey] !== labelValue)) continue;
      pods.push(p);
      if (p.spec?.nodeName) podsOn.set(p.spec.nodeName, (podsOn.get(p.spec.nodeName) ?? 0) + 1);
    }
  } else for (const [node, on] of index.byNode) podsOn.set(node, on.size);
  const mtu = (await latestJob("mtu", context))?.result as MtuReport | undefined;
  const latency = (await latestJob("latency", context))?.result as LatencyReport | undefined;
  const verdict = new Map(mtu?.nodes.map((n) => [n.node, n.verdict]));
  const allNodes: TopoNode[] = cache.nodes
    .list()
    .filter((n) => !q.node || n.metadata?.name === q.node)
    .filter((n) => !(q.namespace || q.label) || podsOn.has(n.metadata!.name!))
    .map((n) => ({
      name: n.metadata!.name!,
      zone: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? null,
      ip: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
      ready: isReady(n),
      pods: podsOn.get(n.metadata!.name!) ?? 0,
      mtuVerdict: verdict.get(n.metadata!.name!) ?? null,
    }))
    .sort((a, b) => byName.compare(a.name, b.name));
  const zones = new Map<string, { zone: string; nodes: number; ready: number; pods: number }>();
  for (const n of allNodes) {
    const z = zones.get(n.zone ?? "none") ?? { zone: n.zone ?? "none", nodes: 0, ready: 0, pods: 0 };
    z.nodes++;
    z.ready += n.ready ? 1 : 0;
    z.pods += n.pods;
    zones.set(z.zone, z);
  }
  const inZone = q.zone ? allNodes.filter((n) => (n.zone ?? "none") === q.zone) : allNodes;
  const level = !q.zone && allNodes.length > NODE_LIMIT ? "zones" : "nodes";
  const nodes = level === "zones" ? [] : inZone.slice(0, NODE_LIMIT);
  const drawn = new Set(nodes.map((n) => n.name));

  const byPair = new Map<string, TopoTunnel>();
  const p50s = latency?.pairs.filter((p) => p.over === "pod" && p.p50 !== null).map((p) => p.p50!) ?? [];
  const typical = p50s.length ? p50s.sort((a, b) => a - b)[Math.floor(p50s.length / 2)]! : null;
  for (const p of latency?.pairs.filter((x) => x.over === "pod") ?? []) {
    if (!drawn.has(p.from) || !drawn.has(p.to)) continue;
    byPair.set(`${p.from}|${p.to}`, { from: p.from, to: p.to, p50: p.p50, loss: p.loss, pathMtu: null, state: "unmeasured" });
  }
  for (const p of mtu?.paths.filter((x) => x.over === "overlay") ?? []) {
    if (!drawn.has(p.from) || !drawn.has(p.to)) continue;
    const t = byPair.get(`${p.from}|${p.to}`) ?? { from: p.from, to: p.to, p50: null, loss: null, pathMtu: null, state: "unmeasured" as const };
    byPair.set(`${p.from}|${p.to}`, { ...t, pathMtu: p.pathMtu });
  }
  const aboveOf = new Map(mtu?.paths.filter((x) => x.over === "overlay").map((p) => [`${p.from}|${p.to}`, p.above]));
  // Unmeasured clusters still show their overlay: each node to the next, a ring.
  if (!byPair.size && nodes.length > 1 && nodes.length <= 60) nodes.forEach((n, i) => byPair.set(`${n.name}|${nodes[(i + 1) % nodes.length]!.name}`, { from: n.name, to: nodes[(i + 1) % nodes.length]!.name, p50: null, loss: null, pathMtu: null, state: "unmeasured" }));
  const tunnels = [...byPair.entries()].map(([k, t]) => ({ ...t, state: tunnelState(t, typical, aboveOf.get(k)) }));

  const expandedPods = !q.expand ? [] : pods ? pods.filter((p) => p.spec?.nodeName === q.expand) : [...(index.byNode.get(q.expand)?.values() ?? [])];
  const shown = cache.services
    .list()
    .filter((s) => !q.namespace || s.metadata?.namespace === q.namespace)
    .slice(0, SERVICE_LIMIT);
  // The EndpointSlices of the Services shown, by "namespace/service".
  const slicesOf = new Map<string, V1EndpointSlice[]>(shown.map((s) => [`${s.metadata?.namespace}/${s.metadata?.name}`, []]));
  for (const sl of cache.slices.list()) slicesOf.get(`${sl.metadata?.namespace}/${sl.metadata?.labels?.["kubernetes.io/service-name"]}`)?.push(sl);
  // An endpoint without nodeName or targetRef is matched to the pod that has its address.
  const wanted = new Set<string>();
  for (const list of slicesOf.values()) for (const sl of list) for (const e of sl.endpoints ?? []) if (!e.nodeName || !e.targetRef?.name) for (const ip of e.addresses ?? []) wanted.add(ip);
  const podByIp = new Map<string, V1Pod>();
  if (pods && wanted.size) for (const p of pods) if (p.status?.podIP && !p.spec?.hostNetwork && wanted.has(p.status.podIP)) podByIp.set(p.status.podIP, p);
  if (!pods) for (const ip of wanted) if (index.byIp.has(ip)) podByIp.set(ip, index.byIp.get(ip)!);
  const services = shown.map((s) => {
    const slices = slicesOf.get(`${s.metadata?.namespace}/${s.metadata?.name}`) ?? [];
    return {
      name: s.metadata!.name!,
      namespace: s.metadata!.namespace!,
      clusterIP: s.spec?.clusterIP ?? null,
      endpoints: slices.flatMap((sl) => (sl.endpoints ?? []).flatMap((e) => (e.addresses ?? []).map((ip) => ({ ip, node: e.nodeName ?? podByIp.get(ip)?.spec?.nodeName ?? null, pod: e.targetRef?.name ?? podByIp.get(ip)?.metadata?.name ?? null })))),
    };
  });
  type GwObj = KubernetesObject & { spec?: { gatewayClassName?: string; parentRefs?: { name: string }[]; rules?: { backendRefs?: { name: string; port?: number; weight?: number }[] }[] } };
  const gateways = ((cache.gateways?.list() ?? []) as GwObj[]).filter((x) => !q.namespace || x.metadata?.namespace === q.namespace).map((x) => ({ name: x.metadata!.name!, namespace: x.metadata!.namespace!, className: x.spec?.gatewayClassName ?? "" }));
  const routes: TopoRoute[] = ((cache.routes?.list() ?? []) as GwObj[])
    .filter((x) => !q.namespace || x.metadata?.namespace === q.namespace)
    .map((x) => ({
      name: x.metadata!.name!,
      namespace: x.metadata!.namespace!,
      gateways: (x.spec?.parentRefs ?? []).map((p) => p.name),
      backends: (x.spec?.rules ?? []).flatMap((r) => r.backendRefs ?? []).map((b) => ({ service: b.name, port: b.port ?? null, weight: b.weight ?? 1 })),
    }));
  return {
    context,
    level,
    totals: { nodes: allNodes.length, pods: pods ? pods.length : index.size, services: cache.services.list().length },
    zones: [...zones.values()].sort((a, b) => a.zone.localeCompare(b.zone)),
    nodes,
    truncated: level === "zones" ? allNodes.length : inZone.length - nodes.length,
    tunnels,
    expanded: q.expand ? { node: q.expand, pods: expandedPods.slice(0, POD_LIMIT).map((p) => ({ name: p.metadata!.name!, namespace: p.metadata!.namespace!, ip: p.status?.podIP ?? null, phase: p.status?.phase ?? "Unknown", node: q.expand! })), truncated: Math.max(0, expandedPods.length - POD_LIMIT) } : null,
    services,
    gateways,
    routes,
    namespaces: [...index.namespaces.keys()].filter(Boolean).sort(),
    notes: cache.notes,
  };
}
