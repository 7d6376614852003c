import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import type { LatencyReport } from "@/lib/schemas/latency";
import type { MtuReport } from "@/lib/schemas/mtu";
import { listDebugPods } from "@/server/debug/pods";
import { loginFailures } from "@/server/auth/login-guard";
import { latestJob } from "@/server/jobs/jobs";
import { configFor } from "@/server/kube/client";
import { kubeRequestCounts } from "@/server/kube/pooled-kubeconfig";
import { informerStarts } from "@/server/kube/cache";
import { activeExecStreams } from "@/server/kube/exec";

/**
 * Prometheus text for Grafana, from the latest stored runs of the current context (a scrape never
 * starts a measurement). Metric names start with underlay_.
 */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const g = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const latency = g(
    "underlay_latency_seconds",
    "Round-trip time between nodes (over=underlay) or from a node to a pod (over=pod), latest latency mesh.",
    ["context", "from", "to", "over", "quantile"],
  );
  const loss = g(
    "underlay_latency_loss_ratio",
    "Share of pings lost between two nodes, latest latency mesh.",
    ["context", "from", "to", "over"],
  );
  const dns = g(
    "underlay_dns_latency_seconds",
    "DNS query time from a node's pod to a cluster DNS server, latest latency mesh.",
    ["context", "from", "server", "kind", "quantile"],
  );
  const dnsTimeouts = g(
    "underlay_dns_timeouts_ratio",
    "Share of DNS queries that got no answer, latest latency mesh.",
    ["context", "from", "server", "kind"],
  );
  const verdicts = g("underlay_mtu_nodes", "Nodes per MTU verdict, latest MTU diagnosis.", [
    "context",
    "verdict",
  ]);
  const pathMtu = g(
    "underlay_path_mtu_bytes",
    "Largest DF packet measured between two nodes, latest MTU diagnosis.",
    ["context", "from", "to", "over", "above"],
  );
  const alive = g("underlay_debug_pods_alive", "Underlay debug pods that exist now.", [
    "context",
    "phase",
  ]);

  const requests = new Counter({
    name: "underlay_kube_api_requests_total",
    help: "Requests this Underlay process has made to Kubernetes API servers: calls, and streams (watches, exec).",
    labelNames: ["kind"],
    registers: [registry],
  });
  const counts = kubeRequestCounts();
  requests.inc({ kind: "request" }, counts.request);
  requests.inc({ kind: "stream" }, counts.stream);
  const calls = new Counter({
    name: "underlay_kube_api_calls_total",
    help: "The calls among those requests, by verb and resource as the API server names them (list pods, create pods/exec…).",
    labelNames: ["verb", "resource"],
    registers: [registry],
  });
  for (const [call, n] of counts.byCall) {
    const [verb, resource] = call.split(" ") as [string, string];
    calls.inc({ verb, resource }, n);
  }
  const informers = new Counter({
    name: "underlay_kube_informer_starts_total",
    help: "Starts of the watch-backed caches' informers: from a full list (the first, or after a watch's resourceVersion expired) or resumed from a resourceVersion.",
    labelNames: ["resource", "from"],
    registers: [registry],
  });
  for (const [key, n] of informerStarts()) {
    const [resource, from] = key.split(" ") as [string, string];
    informers.inc({ resource, from }, n);
  }
  new Counter({
    name: "underlay_login_failures_total",
    help: "Sign-ins with a wrong token since this Underlay process started (the audit log records lock-outs only).",
    registers: [registry],
  }).inc(loginFailures());
  const streams = g(
    "underlay_exec_streams",
    "Exec streams into debug pods: open now, waiting for a slot, and the cap (UNDERLAY_EXEC_CONCURRENCY).",
    ["state"],
  );
  for (const [state, n] of Object.entries(activeExecStreams())) streams.set({ state }, n);
  const kc = configFor();
  const context = kc.getCurrentContext();
  const mesh = (await latestJob("latency", context))?.result as LatencyReport | undefined;
  for (const p of mesh?.pairs ?? []) {
    for (const [q, v] of [
      ["0.5", p.p50],
      ["0.9", p.p90],
      ["0.99", p.p99],
    ] as const)
      if (v !== null)
        latency.set({ context, from: p.from, to: p.to, over: p.over, quantile: q }, v / 1000);
    loss.set({ context, from: p.from, to: p.to, over: p.over }, p.loss / 100);
  }
  for (const d of mesh?.dns ?? []) {
    for (const [q, v] of [
      ["0.5", d.p50],
      ["0.99", d.p99],
    ] as const)
      if (v !== null)
        dns.set({ context, from: d.from, server: d.server, kind: d.kind, quantile: q }, v / 1000);
    dnsTimeouts.set(
      { context, from: d.from, server: d.server, kind: d.kind },
      d.queries ? d.timeouts / d.queries : 0,
    );
  }
  const mtu = (await latestJob("mtu", context))?.result as MtuReport | undefined;
  for (const v of ["ok", "mismatch", "suboptimal", "unknown"])
    verdicts.set({ context, verdict: v }, mtu?.nodes.filter((n) => n.verdict === v).length ?? 0);
  for (const p of mtu?.paths ?? [])
    if (p.pathMtu !== null)
      pathMtu.set({ context, from: p.from, to: p.to, over: p.over, above: p.above }, p.pathMtu);
  const pods = await listDebugPods().catch(() => null);
  if (pods)
    for (const phase of ["Pending", "Running", "Terminating"])
      alive.set({ context, phase }, pods.filter((d) => d.phase === phase).length);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
