import "server-only";
import { setMaxListeners } from "node:events";
import { CoreV1Api, DiscoveryV1Api } from "@kubernetes/client-node";
import { analyze } from "@/lib/analyze/analyze";
import { parseConntrackStats } from "@/lib/parsers/conntrack";
import { parseDigBatch } from "@/lib/parsers/dig-batch";
import { parsePing } from "@/lib/parsers/ping";
import type {
  DnsLatency,
  ExternalRtt,
  LatencyPair,
  LatencyReport,
  LatencyRequest,
} from "@/lib/schemas/latency";
import { latencyFindings, steadyState } from "@/lib/latency/findings";
import { median, summarize } from "@/lib/stats";
import { deleteFleet, launchFleet, runIn, type FleetPod } from "@/server/debug/fleet";
import type { Progress } from "@/server/jobs/jobs";
import { api } from "@/server/kube/client";
import { tolerate } from "@/server/kube/errors";
import { cniSources } from "./cni-sources";
import { nodeSummaries } from "./cluster";
import { mapLimit, samplePairs } from "./parallel";

/** Above this many nodes the mesh measures a ring sample of pairs (2N), not all N(N−1). */
export const MESH_SAMPLE_THRESHOLD = 12;
const PINGS = 10;
const DNS_QUERIES = 5;
const DNS_NAME = "kubernetes.default.svc.cluster.local";

async function ping(from: FleetPod, target: string, signal: AbortSignal) {
  const r = await runIn(
    from.pod!,
    ["ping", "-n", "-c", String(PINGS), "-i", "0.2", "-W", "1", "--", target],
    20_000,
    signal,
  );
  const p = parsePing(r.out, r.err);
  return {
    target,
    sent: p.transmitted || PINGS,
    received: p.received,
    loss: p.lossPercent,
    ...steadyState(p.rtts),
  };
}

async function digBatch(from: FleetPod, server: string, signal: AbortSignal) {
  const argv = [
    "dig",
    "+tries=1",
    "+time=2",
    `@${server}`,
    ...Array.from({ length: DNS_QUERIES }, () => ["-q", DNS_NAME]).flat(),
  ];
  const r = await runIn(from.pod!, argv, 30_000, signal);
  return parseDigBatch(r.out, DNS_QUERIES);
}

/** An optional read: what it could not read, and why, goes to `hidden` for the report to say. */
const optional = <T>(read: Promise<T>, fallback: T, hidden: string[], what: string) =>
  tolerate(read, fallback, (e) => hidden.push(`${what}: ${e.message}`));

/** Cluster DNS: the kube-dns Service IP and its ready endpoints. */
async function dnsServers(
  context: string | undefined,
  hidden: string[],
): Promise<{ service: string | null; endpoints: string[] }> {
  const svc = await optional(
    api(CoreV1Api, context).readNamespacedService({ namespace: "kube-system", name: "kube-dns" }),
    null,
    hidden,
    "The kube-dns Service was not timed",
  );
  const slices = await optional(
    api(DiscoveryV1Api, context).listNamespacedEndpointSlice({
      namespace: "kube-system",
      labelSelector: "kubernetes.io/service-name=kube-dns",
    }),
    { items: [] },
    hidden,
    "The CoreDNS endpoints were not timed",
  );
  const endpoints = [
    ...new Set(
      slices.items.flatMap((s) =>
        (s.endpoints ?? [])
          .filter((e) => e.conditions?.ready !== false)
          .flatMap((e) => e.addresses ?? []),
      ),
    ),
  ];
  return { service: svc?.spec?.clusterIP ?? null, endpoints };
}

export async function runLatencyMesh(
  req: LatencyRequest,
  report: Progress,
  signal: AbortSignal,
): Promise<LatencyReport> {
  setMaxListeners(0, signal);
  const progress: Progress = (f, m) => report(Math.round(f * 1000) / 1000, m);
  const { context } = req;
  progress(0.02, "listing nodes, cluster DNS and kube-proxy");
  const all = (await nodeSummaries(context)).filter((n) => n.ready);
  const nodes = req.nodes?.length ? all.filter((n) => req.nodes!.includes(n.name)) : all;
  const hidden: string[] = [];
  const [dns, sources, services] = await Promise.all([
    dnsServers(context, hidden),
    cniSources(context),
    optional(
      api(CoreV1Api, context).listServiceForAllNamespaces({ limit: 1 }),
      null,
      hidden,
      "The Service count is unknown",
    ),
  ]);
  const serviceCount = services
    ? services.items.length + (services.metadata?.remainingItemCount ?? 0)
    : null;
  const twice = nodes.length * 2;
  let started = 0;
  const onEach = () =>
    progress(0.05 + (0.25 * ++started) / twice, `${started} of ${twice} debug pods running`);
  const hosts = await launchFleet(nodes, "node", {
    context,
    signal,
    creator: "latency-mesh",
    onEach,
  });
  const pods = await launchFleet(nodes, "pod-network", {
    context,
    signal,
    creator: "latency-mesh",
    onEach,
  }).catch(async (e) => {
    await deleteFleet(hosts, context);
    throw e;
  });
  try {
    const podIp = new Map(pods.map((p) => [p.node, p.pod?.podIP ?? null]));
    const ready = hosts.filter((h) => h.pod);
    const { pairs: sample, total, sampled } = samplePairs(ready, MESH_SAMPLE_THRESHOLD);
    let done = 0;
    const pairs = (
      await mapLimit(sample, 8, async ([a, b]) => {
        const out: LatencyPair[] = [];
        if (b.ip)
          out.push({
            from: a.node,
            to: b.node,
            over: "underlay",
            ...(await ping(a, b.ip, signal)),
          });
        const pip = podIp.get(b.node);
        if (pip)
          out.push({ from: a.node, to: b.node, over: "pod", ...(await ping(a, pip, signal)) });
        progress(
          0.3 + (0.4 * ++done) / sample.length,
          `pinged ${done} of ${sample.length} node pairs`,
        );
        return out;
      })
    ).flat();
    progress(0.7, "timing cluster DNS");
    const servers = [
      ...(dns.service ? [{ ip: dns.service, kind: "service" as const }] : []),
      ...dns.endpoints.map((ip) => ({ ip, kind: "endpoint" as const })),
    ];
    const dnsResults: DnsLatency[] = (
      await mapLimit(
        pods.filter((p) => p.pod),
        8,
        async (p) =>
          Promise.all(
            servers.map(async (s) => {
              const b = await digBatch(p, s.ip, signal);
              return {
                from: p.node,
                server: s.ip,
                kind: s.kind,
                queries: b.queries,
                timeouts: b.timeouts,
                ...summarize(b.timesMs),
              };
            }),
          ),
      )
    ).flat();
    progress(0.85, "external targets and conntrack counters");
    const external: ExternalRtt[] = (
      await mapLimit(ready, 8, async (h) =>
        Promise.all(
          req.externalTargets.map(async (t) => ({ from: h.node, ...(await ping(h, t, signal)) })),
        ),
      )
    ).flat();
    const conntrack = await mapLimit(ready, 8, async (h) => {
      const r = await runIn(h.pod!, ["conntrack", "-S"], 10_000, signal);
      const t = r.code === 0 ? parseConntrackStats(r.out).totals : null;
      return { node: h.node, insertFailed: t?.insert_failed ?? 0, drop: t?.drop ?? 0 };
    });
    const serviceVsPod = [...new Set(dnsResults.map((d) => d.from))].map((from) => ({
      from,
      serviceP50: dnsResults.find((d) => d.from === from && d.kind === "service")?.p50 ?? null,
      podP50: median(
        dnsResults
          .filter((d) => d.from === from && d.kind === "endpoint" && d.p50 !== null)
          .map((d) => d.p50!),
      ),
    }));
    const kubeProxyMode = analyze(sources.inputs).kubeProxyMode;
    const failed = [
      ...[...hosts, ...pods]
        .filter((f) => f.error)
        .map((f) => ({
          severity: "warning" as const,
          code: "node_unreadable",
          message: `${f.node}: ${f.error}`,
        })),
      ...hidden.map((message) => ({ severity: "warning" as const, code: "permission", message })),
    ];
    return {
      context: context ?? "",
      at: new Date().toISOString(),
      nodes: nodes.map((n) => n.name),
      pairs,
      sampling: { measured: sample.length, total, sampled, threshold: MESH_SAMPLE_THRESHOLD },
      dns: dnsResults,
      serviceVsPod,
      kubeProxyMode,
      serviceCount,
      external,
      conntrack,
      findings: [...failed, ...latencyFindings(pairs, dnsResults, conntrack, dns.service)],
    };
  } finally {
    progress(0.97, "deleting the debug pods");
    await Promise.all([deleteFleet(hosts, context), deleteFleet(pods, context)]);
  }
}
