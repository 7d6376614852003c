import "server-only";
import fs from "node:fs";
import path from "node:path";
import { VersionApi } from "@kubernetes/client-node";
import { Counter, Gauge, Registry } from "prom-client";
import { listDebugPods } from "@/server/debug/pods";
import { loginFailures } from "@/server/auth/login-guard";
import { jobCounts, latestJob, latestResult } from "@/server/jobs/jobs";
import { JOB_KINDS } from "@/lib/schemas/jobs";
import { api, contextNameOf } from "@/server/kube/client";
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
  g("underlay_build_info", "Underlay's version (always 1).", ["version"]).set(
    { version: buildVersion() },
    1,
  );
  // A scrape never fails: what cannot be read (no kubeconfig, an unreachable API server, the store
  // away) is said by underlay_cluster_up / underlay_store_up, and the rest is still exposed.
  let context = "";
  try {
    context = contextNameOf();
  } catch {
    context = "";
  }
  g(
    "underlay_cluster_up",
    "Whether the API server of the current context answered /version within 3 s (1) or not (0).",
    ["context"],
  ).set({ context }, context && (await clusterAnswers()) ? 1 : 0);
  const storeUp = g("underlay_store_up", "Whether Underlay's store answered (1) or not (0).", []);
  try {
    await storedRuns(g, context);
    storeUp.set(1);
  } catch {
    storeUp.set(0);
  }
  if (context) await runGauges(g, context);
  return { body: await registry.metrics(), contentType: registry.contentType };
}

type G = (name: string, help: string, labelNames: string[]) => Gauge;

let version: string | undefined;
function buildVersion(): string {
  try {
    version ??= (
      JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as {
        version?: string;
      }
    ).version;
  } catch {
    version = undefined;
  }
  return version ?? "unknown";
}

async function clusterAnswers(): Promise<boolean> {
  try {
    await Promise.race([
      api(VersionApi).getCode(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Jobs by kind and outcome, and when each kind last finished well, from the store. */
async function storedRuns(g: G, context: string): Promise<void> {
  const counts = g(
    "underlay_jobs",
    "Runs in the store for the current context, by kind and outcome (running, succeeded, failed, cancelled).",
    ["context", "kind", "status"],
  );
  const last = g(
    "underlay_last_run_timestamp_seconds",
    "When the latest successful run of each kind finished (Unix time): the age of the gauges above.",
    ["context", "kind"],
  );
  for (const r of await jobCounts(context))
    counts.set({ context, kind: r.kind, status: r.status }, r.n);
  for (const kind of JOB_KINDS) {
    const j = await latestJob(kind, context);
    if (j?.finishedAt) last.set({ context, kind }, Date.parse(j.finishedAt) / 1000);
  }
}

/** The latest runs' figures (latency, DNS, MTU) and the debug pods alive now. */
async function runGauges(g: G, context: string): Promise<void> {
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
  const mesh = await latestResult("latency", context).catch(() => null);
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
  const mtu = await latestResult("mtu", context).catch(() => null);
  for (const v of ["ok", "mismatch", "suboptimal", "unknown"])
    verdicts.set({ context, verdict: v }, mtu?.nodes.filter((n) => n.verdict === v).length ?? 0);
  for (const p of mtu?.paths ?? [])
    if (p.pathMtu !== null)
      pathMtu.set({ context, from: p.from, to: p.to, over: p.over, above: p.above }, p.pathMtu);
  const pods = await listDebugPods().catch(() => null);
  if (pods)
    for (const phase of ["Pending", "Running", "Terminating"])
      alive.set({ context, phase }, pods.filter((d) => d.phase === phase).length);
}
