/**
 * Services as the picture draws them: cluster IP and endpoints, each endpoint placed on its node
 * (from the EndpointSlice, or from the pod that has its address). Pure.
 */
import type { V1EndpointSlice, V1Pod, V1Service } from "@kubernetes/client-node";
import type { TopoService } from "../schemas/topology";

export const serviceKey = (o: { metadata?: { namespace?: string; name?: string } }) =>
  `${o.metadata?.namespace}/${o.metadata?.name}`;

/** EndpointSlices by "namespace/service". */
export function slicesByService(
  slices: readonly V1EndpointSlice[],
): Map<string, V1EndpointSlice[]> {
  const by = new Map<string, V1EndpointSlice[]>();
  for (const sl of slices) {
    const key = `${sl.metadata?.namespace}/${sl.metadata?.labels?.["kubernetes.io/service-name"]}`;
    const list = by.get(key);
    if (list) list.push(sl);
    else by.set(key, [sl]);
  }
  return by;
}

/** Service keys by the node their endpoints are on (an address without nodeName: its pod's node). */
export function servicesByNode(
  slicesBy: Map<string, V1EndpointSlice[]>,
  podAt: (ip: string) => V1Pod | undefined,
): Map<string, Set<string>> {
  const by = new Map<string, Set<string>>();
  for (const [key, list] of slicesBy)
    for (const sl of list)
      for (const e of sl.endpoints ?? []) {
        const node = e.nodeName ?? podAt(e.addresses?.[0] ?? "")?.spec?.nodeName;
        if (!node) continue;
        const on = by.get(node);
        if (on) on.add(key);
        else by.set(node, new Set([key]));
      }
  return by;
}

/** The addresses whose pod must be looked up: endpoints without nodeName or targetRef. */
export function unplacedAddresses(slices: Iterable<V1EndpointSlice[]>): Set<string> {
  const wanted = new Set<string>();
  for (const list of slices)
    for (const sl of list)
      for (const e of sl.endpoints ?? [])
        if (!e.nodeName || !e.targetRef?.name) for (const ip of e.addresses ?? []) wanted.add(ip);
  return wanted;
}

export function servicesOf(
  shown: V1Service[],
  slicesBy: Map<string, V1EndpointSlice[]>,
  podByIp: Map<string, V1Pod>,
): TopoService[] {
  return shown.map((s) => ({
    name: s.metadata!.name!,
    namespace: s.metadata!.namespace!,
    clusterIP: s.spec?.clusterIP ?? null,
    endpoints: (slicesBy.get(serviceKey(s)) ?? []).flatMap((sl) =>
      (sl.endpoints ?? []).flatMap((e) =>
        (e.addresses ?? []).map((ip) => ({
          ip,
          node: e.nodeName ?? podByIp.get(ip)?.spec?.nodeName ?? null,
          pod: e.targetRef?.name ?? podByIp.get(ip)?.metadata?.name ?? null,
        })),
      ),
    ),
  }));
}
