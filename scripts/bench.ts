/**
 * npm run bench [-- --phase scale|wide|all] [--reuse-lab] [--nodes N] [--no-build] [--json FILE]
 *
 * Load figures of the production build against the lab cluster, printed with the method behind
 * each and "met"/"short" where a target exists. Nothing here is a test: targets are printed,
 * never asserted. Phase "scale" (5,000 KWOK nodes, 100,000 pods, 5,000 Services): kubectl's full
 * list as the baseline, cold and warm topology, memory, bytes, browser render and panning, a
 * report page, idle API traffic. Phase "wide" (UNDERLAY_LAB_NODES network-namespace nodes): a
 * latency mesh, its probes and the API traffic and exec streams it takes.
 *
 * --reuse-lab   use the lab that is up when its scenario matches (else bring the right one up)
 * --any-lab     use whatever lab is up for every phase, whatever its scenario (for trying the bench)
 * --nodes N     nodes of the wide lab (default 100; steps down to 60, then 40, if the lab cannot hold it)
 * --no-build    skip `next build` when .next-bench/BUILD_ID exists
 * --json FILE   also write every figure as JSON
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { paths as labPaths } from "../e2e/lab/paths";
import {
  launchBrowser,
  measureFirstVisible,
  measureReport,
  measureTopology,
  type TopologyBrowser,
} from "./bench-browser";

const ROOT = path.resolve(__dirname, "..");
const DIST = ".next-bench";
const PORT = 3300;
const BASE = `http://127.0.0.1:${PORT}`;
const WARM_REQUESTS = 100;
const IDLE_SECONDS = 60;
const KIB = 1024;

// ---------------------------------------------------------------------------------------------
// Figures

type Unit = "ms" | "bytes" | "per_s" | "fps" | "ratio" | "count";
type Figure = {
  phase: string;
  name: string;
  value: number | null;
  unit: Unit;
  target: string | null;
  met: boolean | null;
  method: string;
};
const figures: Figure[] = [];
let phase = "setup";

const say = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function fmt(v: number | null, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return "n/a";
  switch (unit) {
    case "ms":
      return v < 1000
        ? `${v.toFixed(v < 10 ? 1 : 0)} ms`
        : `${(v / 1000).toFixed(v < 100_000 ? 2 : 1)} s`;
    case "bytes":
      return v < KIB
        ? `${v} B`
        : v < KIB ** 2
          ? `${(v / KIB).toFixed(1)} KiB`
          : v < KIB ** 3
            ? `${(v / KIB ** 2).toFixed(1)} MiB`
            : `${(v / KIB ** 3).toFixed(2)} GiB`;
    case "per_s":
      return `${v.toFixed(v < 10 ? 2 : 1)}/s`;
    case "fps":
      return `${v.toFixed(1)} fps`;
    case "ratio":
      return `${v.toPrecision(3)}×`;
    case "count":
      return Math.round(v).toLocaleString("en-US");
  }
}

/** Records a figure; `max`/`min` is the target (printed, never asserted). */
function fig(
  name: string,
  value: number | null,
  unit: Unit,
  method: string,
  t?: { max?: number; min?: number },
) {
  const target =
    t?.max !== undefined
      ? `≤ ${fmt(t.max, unit)}`
      : t?.min !== undefined
        ? `≥ ${fmt(t.min, unit)}`
        : null;
  const met = value === null || !t ? null : t.max !== undefined ? value <= t.max : value >= t.min!;
  figures.push({ phase, name, value, unit, target, met, method });
  say(
    `${name}: ${fmt(value, unit)}${target ? ` (target ${target}: ${met === null ? "n/a" : met ? "met" : "short"})` : ""}`,
  );
}

/** A measurement that failed is a line saying why, and the run goes on. */
async function attempt(what: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (e) {
    const msg = String((e as Error)?.message ?? e)
      .split("\n")
      .slice(0, 3)
      .join(" / ")
      .slice(0, 300);
    figures.push({
      phase,
      name: what,
      value: null,
      unit: "count",
      target: null,
      met: null,
      method: `not measured: ${msg}`,
    });
    say(`${what}: not measured: ${msg}`);
  }
}

function printTable() {
  const rows = figures.map((f) => [
    f.phase,
    f.name,
    fmt(f.value, f.unit),
    f.target ?? "",
    f.met === null ? "" : f.met ? "met" : "short",
    f.method,
  ]);
  const head = ["phase", "figure", "value", "target", "", "method"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < 5 ? r[i]!.length : 0))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < 5 ? c.padEnd(w[i]!) : c))
      .join("  ")
      .trimEnd();
  console.log(line(head));
  console.log(line(w.map((n, i) => "-".repeat(i < 5 ? n : 6))));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------
// Small tools

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
};
const median = (xs: number[]) => pct(xs, 0.5);

type Res = {
  status: number;
  ms: number;
  wireBytes: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
};
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTP request on a kept-alive connection; `wireBytes` is the body as sent (still encoded). */
function request(
  method: string,
  url: string,
  o: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : Buffer.from(JSON.stringify(o.body));
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(body
            ? { "content-type": "application/json", "content-length": String(body.length) }
            : {}),
          ...o.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const buf = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            wireBytes: buf.length,
            body: buf,
            headers: res.headers,
          });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 30 * 60_000, () =>
      req.destroy(
        new Error(`${method} ${url}: no answer within ${(o.timeoutMs ?? 30 * 60_000) / 1000} s`),
      ),
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function getJson<T>(p: string): Promise<T> {
  const r = await request("GET", BASE + p, { headers: { accept: "application/json" } });
  if (r.status !== 200)
    throw new Error(`GET ${p}: ${r.status} ${r.body.toString("utf8").slice(0, 200)}`);
  return JSON.parse(r.body.toString("utf8")) as T;
}

/** Runs argv; resolves with its exit code and the tail of what it printed on stderr. */
function run(
  argv: string[],
  o: { env?: NodeJS.ProcessEnv; stdout?: (c: Buffer) => void; echo?: boolean } = {},
): Promise<{ code: number | null; stderrTail: string; ms: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ROOT,
      env: o.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    child.stdout.on("data", (c: Buffer) =>
      o.stdout ? o.stdout(c) : o.echo && process.stderr.write(c),
    );
    child.stderr.on("data", (c: Buffer) => {
      if (o.echo) process.stderr.write(c);
      tail = (tail + c.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stderrTail: tail, ms: performance.now() - t0, pid: child.pid! }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Memory of the server's process tree, from /proc

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
    } catch {
      /* gone */
    }
  }
  return kids;
}

function treeMemory(root: number): { rss: number; hwm: number; pids: number } {
  const kids = children();
  const todo = [root];
  let rss = 0;
  let hwm = 0;
  let pids = 0;
  while (todo.length) {
    const pid = todo.pop()!;
    todo.push(...(kids.get(pid) ?? []));
    try {
      const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(s)?.[1] ?? 0) * KIB;
      hwm += Number(/VmHWM:\s+(\d+) kB/.exec(s)?.[1] ?? 0) * KIB;
      pids++;
    } catch {
      /* gone */
    }
  }
  return { rss, hwm, pids };
}

// ---------------------------------------------------------------------------------------------
// The lab

type LabState = { scenario: string; bin?: { dir: string } };
const labState = (): LabState | null => {
  try {
    return JSON.parse(fs.readFileSync(labPaths.state, "utf8")) as LabState;
  } catch {
    return null;
  }
};

/** The lab's kubectl: in the directory build.sh prints last (the running lab's state records it). */
async function kubectlBin(): Promise<string> {
  const dir = labState()?.bin?.dir;
  if (dir && fs.existsSync(path.join(dir, "kubectl"))) return path.join(dir, "kubectl");
  let out = "";
  const r = await run(["bash", "e2e/lab/build.sh"], { stdout: (c) => (out += c.toString("utf8")) });
  if (r.code !== 0)
    throw new Error(`e2e/lab/build.sh failed: ${r.stderrTail.trim().split("\n").pop()}`);
  return path.join(out.trim().split("\n").pop()!, "kubectl");
}

async function labNodes(kubeconfig: string): Promise<number> {
  let out = "";
  const r = await run(
    [await kubectlBin(), "--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"],
    { stdout: (c) => (out += c.toString("utf8")) },
  );
  if (r.code !== 0) throw new Error(`kubectl get nodes: ${r.stderrTail.trim()}`);
  return out.split("\n").filter(Boolean).length;
}

type Lab = { scenario: string; kubeconfig: string; nodes: number };

/** The lab for a phase: the one up when --reuse-lab (matching) or --any-lab allow it, else `npm run lab -- up`. */
async function ensureLab(scenario: string, o: Opts, nodes?: number): Promise<Lab> {
  const up = labState();
  if (
    up &&
    fs.existsSync(labPaths.kubeconfig) &&
    (o.anyLab || (o.reuseLab && up.scenario === scenario))
  ) {
    const n = await labNodes(labPaths.kubeconfig);
    if (o.anyLab || nodes === undefined || o.nodes === undefined || n === nodes) {
      say(`using the lab that is up: ${up.scenario}, ${n} nodes`);
      return { scenario: up.scenario, kubeconfig: labPaths.kubeconfig, nodes: n };
    }
    say(`the ${up.scenario} lab that is up has ${n} nodes, not ${nodes}: bringing it up again`);
  }
  if (o.anyLab) throw new Error("--any-lab: no lab is up (npm run lab -- status)");
  say(
    `npm run lab -- up ${scenario}${nodes ? ` (UNDERLAY_LAB_NODES=${nodes})` : ""}: its progress follows`,
  );
  let out = "";
  const r = await run(["npm", "run", "-s", "lab", "--", "up", scenario], {
    env: { ...process.env, ...(nodes ? { UNDERLAY_LAB_NODES: String(nodes) } : {}) },
    stdout: (c) => (out += c.toString("utf8")),
    echo: true,
  });
  if (r.code !== 0)
    throw new Error(
      `npm run lab -- up ${scenario} failed after ${fmt(r.ms, "ms")}: ${r.stderrTail.trim().split("\n").slice(-3).join(" / ")}`,
    );
  const kubeconfig = out.trim().split("\n").pop()!;
  fig(
    `lab up ${scenario}`,
    r.ms,
    "ms",
    `wall time of \`npm run lab -- up ${scenario}\`${nodes ? ` with UNDERLAY_LAB_NODES=${nodes}` : ""}`,
  );
  return { scenario, kubeconfig, nodes: await labNodes(kubeconfig) };
}

// ---------------------------------------------------------------------------------------------
// The server under test

type Server = {
  proc: ChildProcess;
  pid: number;
  dataDir: string;
  log: string;
  spawnedAt: number;
  peakRss: number;
  sampler: NodeJS.Timeout;
};
let current: Server | null = null;

async function build(o: Opts) {
  if (o.noBuild && fs.existsSync(path.join(ROOT, DIST, "BUILD_ID")))
    return say(`--no-build: using the build in ${DIST}`);
  say(`UNDERLAY_DIST_DIR=${DIST} npx next build`);
  // next build points tsconfig.json's include and next-env.d.ts at its own distDir: put them back,
  // so that the bench's build leaves the checkout as it found it.
  const touched = ["tsconfig.json", "next-env.d.ts"].map((f) => path.join(ROOT, f));
  const before = touched.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null));
  const r = await run(["npx", "next", "build"], {
    env: { ...process.env, UNDERLAY_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" },
    echo: true,
  }).finally(() =>
    touched.forEach((f, i) => {
      const was = before[i];
      if (was === null || was === undefined) return;
      if (!fs.existsSync(f) || fs.readFileSync(f, "utf8") !== was) fs.writeFileSync(f, was);
    }),
  );
  if (r.code !== 0) throw new Error(`next build failed (${r.code})`);
  fig("production build", r.ms, "ms", `wall time of \`UNDERLAY_DIST_DIR=${DIST} npx next build\``);
}

async function startServer(kubeconfig: string): Promise<Server> {
  const busy = await request("GET", `${BASE}/api/health`, { timeoutMs: 2000 }).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`something already answers on ${BASE}: stop it first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "underlay-bench-"));
  const log = path.join(dataDir, "server.log");
  const out = fs.openSync(log, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    UNDERLAY_DIST_DIR: DIST,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    KUBECONFIG: kubeconfig,
    UNDERLAY_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.UNDERLAY_CONTEXT;
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", out, out],
  });
  const s: Server = {
    proc,
    pid: proc.pid!,
    dataDir,
    log,
    spawnedAt,
    peakRss: 0,
    sampler: setInterval(() => (s.peakRss = Math.max(s.peakRss, treeMemory(s.pid).rss)), 250),
  };
  current = s;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(
        `the server exited (${proc.exitCode}): ${fs.readFileSync(log, "utf8").slice(-500)}`,
      );
    const ok = await request("GET", `${BASE}/api/health`, { timeoutMs: 2000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (performance.now() - spawnedAt > 120_000)
      throw new Error("the server did not answer /api/health within 120 s");
    await sleep(50);
  }
  return s;
}

async function stopServer() {
  const s = current;
  if (!s) return;
  current = null;
  clearInterval(s.sampler);
  if (s.proc.exitCode === null) {
    const gone = new Promise((r) => s.proc.once("exit", r));
    s.proc.kill("SIGTERM");
    await Promise.race([gone, sleep(10_000)]);
    if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill("SIGKILL");
  }
  const tail = fs
    .readFileSync(s.log, "utf8")
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("underlay: listening"))
    .slice(-5);
  if (tail.length) say(`the server's last log lines:\n  ${tail.join("\n  ").slice(0, 2000)}`);
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// /api/metrics

type Sample = { name: string; labels: Record<string, string>; value: number };
async function scrape(): Promise<{ at: number; samples: Sample[] }> {
  const r = await request("GET", `${BASE}/api/metrics`);
  const at = performance.now();
  if (r.status !== 200) throw new Error(`GET /api/metrics: ${r.status}`);
  const samples: Sample[] = [];
  for (const line of r.body.toString("utf8").split("\n")) {
    const m = /^(\w+)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]),
    );
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { at, samples };
}
const metric = (s: { samples: Sample[] }, name: string, labels: Record<string, string> = {}) =>
  s.samples
    .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
    .reduce((a, x) => a + x.value, 0);
const apiCount = (s: { samples: Sample[] }, kind: "request" | "stream") =>
  metric(s, "underlay_kube_api_requests_total", { kind });
/** What changed between two scrapes of a counter with labels, as "a b: n" parts, largest first. */
function breakdown(
  a: { samples: Sample[] },
  b: { samples: Sample[] },
  name: string,
  labels: string[],
): { total: number; text: string } {
  const diffs = b.samples
    .filter((x) => x.name === name)
    .map((x) => ({
      what: labels.map((l) => x.labels[l]).join(" "),
      n: x.value - metric(a, name, Object.fromEntries(labels.map((l) => [l, x.labels[l]!]))),
    }))
    .filter((d) => d.n > 0)
    .sort((p, q) => q.n - p.n);
  return {
    total: diffs.reduce((t, d) => t + d.n, 0),
    text: diffs.length ? diffs.map((d) => `${d.what}: ${d.n}`).join(", ") : "none",
  };
}
/**
 * A scrape lists the debug pods (1 request), and events and nodes too (2 more) while one is not
 * Running: that much of the counter is the bench's own doing, counted from the scrape's own gauges.
 */
const scrapeCost = (s: { samples: Sample[] }) =>
  1 + (metric(s, "underlay_debug_pods_alive", { phase: "Pending" }) > 0 ? 2 : 0);

// ---------------------------------------------------------------------------------------------
// Phase 1: the scale lab

type Topo = {
  level: string;
  totals: { nodes: number; pods: number; services: number };
  zones: { zone: string; nodes: number }[];
  nodes: { name: string; zone: string | null }[];
};

async function kubectlBaseline(lab: Lab): Promise<number | null> {
  const kubectl = await kubectlBin();
  const timeFile = path.join(os.tmpdir(), `underlay-bench-time-${process.pid}`);
  let bytes = 0;
  say("kubectl get nodes,pods,services -A -o json (the baseline; minutes on the scale lab)");
  const r = await run(
    [
      "/usr/bin/time",
      "-f",
      "%e %M",
      "-o",
      timeFile,
      kubectl,
      "--kubeconfig",
      lab.kubeconfig,
      "get",
      "nodes,pods,services",
      "-A",
      "-o",
      "json",
    ],
    { stdout: (c) => (bytes += c.length) },
  );
  const [, maxKb] = fs
    .readFileSync(timeFile, "utf8")
    .trim()
    .split("\n")
    .pop()!
    .split(" ")
    .map(Number);
  fs.rmSync(timeFile, { force: true });
  if (r.code !== 0)
    throw new Error(`kubectl failed (${r.code}): ${r.stderrTail.trim().slice(-300)}`);
  fig(
    "kubectl get nodes,pods,services -A -o json: time",
    r.ms,
    "ms",
    "wall time from spawn to exit, output counted and discarded, nothing else running (the dashboard is not started yet)",
  );
  fig(
    "kubectl get nodes,pods,services -A -o json: output",
    bytes,
    "bytes",
    "bytes of JSON on its stdout",
  );
  fig(
    "kubectl get nodes,pods,services -A -o json: peak RSS",
    (maxKb ?? 0) * KIB,
    "bytes",
    "max RSS from /usr/bin/time -f %M",
  );
  return r.ms;
}

async function warm(name: string, p: string, method: string) {
  for (let i = 0; i < 3; i++) await request("GET", BASE + p); // not counted
  // Whether the server was busy with the API server meanwhile (an informer relisting, say).
  const before = await scrape().catch(() => null);
  const ms: number[] = [];
  for (let i = 0; i < WARM_REQUESTS; i++) {
    const r = await request("GET", BASE + p, { headers: { accept: "application/json" } });
    if (r.status !== 200)
      throw new Error(`GET ${p}: ${r.status} ${r.body.toString("utf8").slice(0, 200)}`);
    ms.push(r.ms);
  }
  const after = await scrape().catch(() => null);
  const busy =
    before && after
      ? `; meanwhile the server made ${apiCount(after, "request") - apiCount(before, "request") - scrapeCost(before)} API requests and opened ${apiCount(after, "stream") - apiCount(before, "stream")} streams (${breakdown(before, after, "underlay_kube_api_calls_total", ["verb", "resource"]).text})`
      : "";
  const how = `${WARM_REQUESTS} sequential GET ${p} on one kept-alive connection after 3 uncounted, request sent → body read; ${method}${busy}`;
  fig(`${name} p50`, median(ms), "ms", how);
  fig(`${name} p95`, pct(ms, 0.95), "ms", how, name === "warm topology" ? { max: 250 } : undefined);
}

async function scalePhase(o: Opts) {
  phase = "scale";
  const lab = await ensureLab("scale", o);
  say(`scale phase on the ${lab.scenario} lab (${lab.nodes} nodes)`);
  let kubectlMs: number | null = null;
  await attempt("kubectl baseline", async () => {
    kubectlMs = await kubectlBaseline(lab);
  });

  // What the server holds before any cluster cache: a start whose only request opens the store.
  await attempt("server RSS, store open", async () => {
    const s = await startServer(lab.kubeconfig);
    const r = await request("GET", `${BASE}/api/reports`);
    if (r.status !== 200) throw new Error(`GET /api/reports: ${r.status}`);
    await sleep(2000);
    const m = treeMemory(s.pid);
    fig(
      "server RSS, store open, no cluster cache",
      m.rss,
      "bytes",
      "a first start whose only request is GET /api/reports (it waits for the embedded store, PGlite, to open), VmRSS summed over the tree 2 s later; stopped before the cold start below",
    );
    await stopServer();
  });

  say(`starting the server (${DIST}, port ${PORT})`);
  const server = await startServer(lab.kubeconfig);
  const listening = performance.now() - server.spawnedAt;
  fig(
    "server start",
    listening,
    "ms",
    "spawn of `node scripts/start.mjs` → first 200 from /api/health (polled every 50 ms)",
  );
  let topo: Topo | null = null;
  await attempt("cold topology", async () => {
    const r = await request("GET", `${BASE}/api/topology`, {
      headers: { accept: "application/json" },
    });
    if (r.status !== 200)
      throw new Error(`GET /api/topology: ${r.status} ${r.body.toString("utf8").slice(0, 200)}`);
    topo = JSON.parse(r.body.toString("utf8")) as Topo;
    const target = kubectlMs !== null ? { max: kubectlMs } : undefined;
    fig(
      "cold topology (first response)",
      r.ms,
      "ms",
      `first GET /api/topology right after /api/health answered: the watch caches list everything (pages of 500) before it answers; target = the kubectl baseline; totals ${topo.totals.nodes} nodes, ${topo.totals.pods} pods, ${topo.totals.services} Services, level ${topo.level}`,
      target,
    );
    fig(
      "cold topology incl. server start",
      performance.now() - server.spawnedAt,
      "ms",
      "spawn of the server → first topology response read",
    );
    if (kubectlMs !== null)
      fig(
        "cold topology / kubectl",
        r.ms / kubectlMs,
        "ratio",
        "cold topology (first response) ÷ kubectl baseline time",
        { max: 1 },
      );
  });
  const t = topo as Topo | null;
  // Drill-down and expansion targets: the biggest zone, its first group (when it has groups), and the first node drawn there.
  const zone = t?.zones.slice().sort((a, b) => b.nodes - a.nodes)[0]?.zone;
  const zoneQ = zone ? `zone=${encodeURIComponent(zone)}` : null;
  let nodesQ: string | null = null;
  let expandNode: string | undefined;
  if (zoneQ)
    await attempt("zone lookup", async () => {
      const z = await getJson<Topo>(`/api/topology?${zoneQ}`);
      nodesQ = z.level === "groups" ? `${zoneQ}&group=0` : zoneQ;
      expandNode = (z.level === "groups" ? await getJson<Topo>(`/api/topology?${nodesQ}`) : z)
        .nodes[0]?.name;
    });
  await attempt("warm topology", () => warm("warm topology", "/api/topology", `level ${t?.level}`));
  if (zoneQ)
    await attempt("warm zone drill-down", () =>
      warm(
        "warm zone drill-down",
        `/api/topology?${zoneQ}`,
        `the largest zone (${t!.zones.find((z) => z.zone === zone)!.nodes} nodes)`,
      ),
    );
  if (nodesQ && nodesQ !== zoneQ)
    await attempt("warm group drill-down", () =>
      warm("warm group drill-down", `/api/topology?${nodesQ}`, "that zone's first group of nodes"),
    );
  if (nodesQ && expandNode)
    await attempt("warm expanded node", () =>
      warm(
        "warm expanded node",
        `/api/topology?${nodesQ}&expand=${encodeURIComponent(expandNode!)}`,
        "the first node drawn there, with its pods",
      ),
    );
  const afterWarm = treeMemory(server.pid);
  fig(
    "server RSS after warm-up",
    afterWarm.rss,
    "bytes",
    `sum of VmRSS in /proc/<pid>/status over the server's process tree (${afterWarm.pids} process(es)), after the warm requests`,
    { max: KIB ** 3 },
  );

  let tb: TopologyBrowser | null = null;
  let reportPath: string | null = null;
  const title = `Bench report ${new Date().toISOString()}`;
  await attempt("report create", async () => {
    const r = await request("POST", `${BASE}/api/reports`, {
      body: {
        title,
        note: "Made by npm run bench to time the report page.",
        includeMtu: true,
        includeLatency: true,
      },
    });
    if (r.status !== 201)
      throw new Error(`POST /api/reports: ${r.status} ${r.body.toString("utf8").slice(0, 200)}`);
    reportPath = (JSON.parse(r.body.toString("utf8")) as { url: string }).url;
    fig(
      "report create (POST /api/reports)",
      r.ms,
      "ms",
      "one POST: a cluster summary (every node, listed in pages) and the latest runs, redacted and stored",
    );
  });
  const browser = await launchBrowser();
  try {
    await attempt("browser overview", async () => {
      const v = await measureFirstVisible(
        browser,
        BASE,
        "/",
        'section[aria-label="Cluster"] dd',
        null,
        9,
      );
      fig(
        "browser: overview's first facts",
        median(v),
        "ms",
        `Chromium (Playwright, /usr/bin/chromium, headless, 1280×720): navigation start → the Cluster card's first fact laid out and visible (the summary is read on the server while the page renders, app/(overview)/page.tsx); median of ${v.length} fresh contexts (${v.map((x) => Math.round(x)).join(", ")} ms)`,
      );
    });
    await attempt("browser topology", async () => {
      tb = await measureTopology(browser, BASE, 3);
      const v = tb.runs.map((x) => x.visibleMs);
      fig(
        "browser: first topology render",
        median(v),
        "ms",
        `Chromium (Playwright, /usr/bin/chromium, headless, 1280×720): navigation start → first .react-flow__node laid out and not hidden (checked every animation frame, performance.now()); median of ${v.length} fresh contexts (${v.map((x) => Math.round(x)).join(", ")} ms, the first on a server that had not served the page yet)`,
        { max: 2000 },
      );
      const loads = tb.runs.map((x) => x.loadEventMs).filter((x): x is number => x !== null);
      if (loads.length)
        fig(
          "browser: /topology load event",
          median(loads),
          "ms",
          "navigation timing loadEventEnd, median of the same loads",
        );
      fig(
        "bytes: whole /topology page load",
        median(tb.runs.map((x) => x.transferBytes)),
        "bytes",
        `sum of transferSize over the navigation and every resource entry (${tb.runs[0]!.resources} entries) of the Performance API at first render + load + 300 ms, empty cache; median of the loads`,
      );
      if (tb.topologyTransfer)
        fig(
          "bytes: /api/topology in the browser",
          tb.topologyTransfer.transferSize,
          "bytes",
          `transferSize of its resource entry (headers + body as sent: ${tb.topologyTransfer.encodedBodySize} B encoded, ${tb.topologyTransfer.decodedBodySize} B decoded)`,
        );
      fig(
        "browser: panning FPS",
        tb.pan.fps,
        "fps",
        `requestAnimationFrame callbacks ÷ seconds while page.mouse drags the empty pane back and forth for ${tb.pan.seconds.toFixed(1)} s (a move every ~16 ms; ${tb.pan.frames} frames, longest ${tb.pan.worstFrameMs.toFixed(0)} ms, the viewport's x spanned ${tb.pan.pannedPx.toFixed(0)} px); the first graph (level ${t?.level})`,
      );
      if (tb.drill) {
        fig(
          "browser: drill-down render",
          tb.drill.renderMs,
          "ms",
          `clicks on ${tb.drill.what}: the last click → the next view laid out (${tb.drill.nodes} graph nodes drawn)`,
        );
        fig(
          "browser: panning FPS, drilled down",
          tb.drill.pan.fps,
          "fps",
          `as above, on the view of ${tb.drill.what} (${tb.drill.pan.frames} frames in ${tb.drill.pan.seconds.toFixed(1)} s, longest ${tb.drill.pan.worstFrameMs.toFixed(0)} ms, x spanned ${tb.drill.pan.pannedPx.toFixed(0)} px)`,
        );
      }
    });
    if (reportPath) {
      await attempt("browser report page", async () => {
        const runs = await measureReport(browser, BASE, reportPath!, title, 3);
        const v = runs.map((x) => x.visibleMs);
        fig(
          "browser: report page, heading visible",
          median(v),
          "ms",
          `navigation start → its h1 (the title) laid out, performance.now(); median of ${v.length} fresh contexts (${v.map((x) => Math.round(x)).join(", ")} ms)`,
          { max: 1000 },
        );
        const loads = runs.map((x) => x.loadEventMs).filter((x): x is number => x !== null);
        if (loads.length)
          fig(
            "browser: report page, load event",
            median(loads),
            "ms",
            "navigation timing loadEventEnd, median of the same loads",
            { max: 1000 },
          );
        fig(
          "bytes: whole report page load",
          median(runs.map((x) => x.transferBytes)),
          "bytes",
          "sum of transferSize (navigation + resources), empty cache, median",
        );
      });
    }
  } finally {
    await browser.close();
  }

  await attempt("topology bytes", async () => {
    const b = tb as TopologyBrowser | null;
    const enc = b?.acceptEncoding ?? "gzip, deflate, br, zstd";
    for (const [label, p] of [
      ["default view", "/api/topology"],
      ...(zone ? [[`zone ${zone}`, `/api/topology?zone=${encodeURIComponent(zone)}`]] : []),
    ] as [string, string][]) {
      const raw = await request("GET", BASE + p, {
        headers: { accept: "application/json", "accept-encoding": "identity" },
      });
      const sent = await request("GET", BASE + p, {
        headers: { accept: "application/json", "accept-encoding": enc },
      });
      fig(
        `bytes: topology JSON, ${label}, raw`,
        raw.wireBytes,
        "bytes",
        `body of GET ${p} with Accept-Encoding: identity`,
      );
      fig(
        `bytes: topology JSON, ${label}, as sent`,
        sent.wireBytes,
        "bytes",
        `body on the wire of GET ${p} with the browser's Accept-Encoding "${enc}"${b?.acceptEncoding ? " (as Chromium sent it)" : " (assumed: the browser run failed)"}: Content-Encoding ${sent.headers["content-encoding"] ?? "none"}`,
      );
    }
  });

  await attempt("idle API requests", async () => {
    await sleep(5000); // the browser's last requests settle
    const a = await scrape();
    const b = await scrape();
    await sleep(IDLE_SECONDS * 1000);
    const c = await scrape();
    const s = (c.at - b.at) / 1000;
    const own = scrapeCost(b);
    const req = apiCount(c, "request") - apiCount(b, "request") - own;
    const str = apiCount(c, "stream") - apiCount(b, "stream");
    fig(
      "idle API requests/s (kind=request)",
      req / s,
      "per_s",
      `underlay_kube_api_requests_total{kind="request"} from /api/metrics, ${s.toFixed(0)} s apart with nothing else using the server, minus the ${own} the first scrape makes itself (${req} requests; two back-to-back scrapes differed by ${apiCount(b, "request") - apiCount(a, "request")})`,
    );
    fig(
      "idle API requests/s (kind=stream)",
      str / s,
      "per_s",
      `underlay_kube_api_requests_total{kind="stream"} (watches, exec) over the same window (${str} streams opened)`,
    );
    const calls = breakdown(b, c, "underlay_kube_api_calls_total", ["verb", "resource"]);
    fig(
      "idle calls, by verb and resource",
      calls.total,
      "count",
      `underlay_kube_api_calls_total over the same window, the scrape's own included: ${calls.text}`,
    );
    const starts = breakdown(b, c, "underlay_kube_informer_starts_total", ["resource", "from"]);
    fig(
      "informer starts while idle",
      starts.total,
      "count",
      `underlay_kube_informer_starts_total over the same window: ${starts.text}; since the server started: ${breakdown({ samples: [] }, c, "underlay_kube_informer_starts_total", ["resource", "from"]).text}`,
    );
  });
  const end = treeMemory(server.pid);
  fig(
    "server peak RSS (VmHWM)",
    end.hwm,
    "bytes",
    `sum of VmHWM over the server's process tree at the end of the phase (${end.pids} process(es))`,
    { max: KIB ** 3 },
  );
  fig(
    "server peak RSS (sampled)",
    server.peakRss,
    "bytes",
    "highest sum of VmRSS over the tree, sampled every 250 ms from spawn to the end of the phase",
    { max: KIB ** 3 },
  );
  await stopServer();
}

// ---------------------------------------------------------------------------------------------
// Phase 2: the wide lab and a latency mesh

type LatencyResult = {
  nodes: string[];
  pairs: { over: string; sent: number; received: number; loss: number }[];
  sampling: { measured: number; total: number; sampled: boolean };
  dns: { queries: number; timeouts: number }[];
  external: { sent: number }[];
  conntrack: unknown[];
  findings: { code: string; message: string }[];
};
type Job = {
  id: string;
  status: string;
  progress: number;
  message: string;
  result: LatencyResult | null;
  error: { message: string } | null;
  createdAt: string;
  finishedAt: string | null;
};

/** Starts a mesh, follows it to the end; false when the job failed (the caller steps down). */
async function mesh(lab: Lab): Promise<{ ok: boolean; why?: string }> {
  const a = await scrape();
  const b = await scrape();
  const t0 = performance.now();
  const r = await request("POST", `${BASE}/api/latency`, { body: {} });
  if (r.status !== 202)
    throw new Error(`POST /api/latency: ${r.status} ${r.body.toString("utf8").slice(0, 200)}`);
  const { jobId } = JSON.parse(r.body.toString("utf8")) as { jobId: string };
  const gauges: { open: number; waiting: number; cap: number }[] = [];
  let own = scrapeCost(b);
  let job: Job;
  let lastScrape = 0;
  let lastSay = "";
  for (;;) {
    job = await getJson<Job>(`/api/jobs/${jobId}`);
    if (job.status !== "running") break;
    if (performance.now() - lastScrape >= 2000) {
      lastScrape = performance.now();
      const s = await scrape();
      own += scrapeCost(s);
      gauges.push({
        open: metric(s, "underlay_exec_streams", { state: "open" }),
        waiting: metric(s, "underlay_exec_streams", { state: "waiting" }),
        cap: metric(s, "underlay_exec_streams", { state: "cap" }),
      });
    }
    const line = `${Math.round(job.progress * 100)}% ${job.message}`;
    if (line !== lastSay) say(`mesh: ${(lastSay = line)}`);
    await sleep(1000);
  }
  const ms = performance.now() - t0;
  const c = await scrape();
  const s = (c.at - b.at) / 1000;
  if (job.status !== "succeeded" || !job.result)
    return { ok: false, why: `the mesh ended ${job.status}: ${job.error?.message ?? job.message}` };
  const res = job.result;
  const pings =
    res.pairs.reduce((x, p) => x + p.sent, 0) + res.external.reduce((x, p) => x + p.sent, 0);
  const dnsQ = res.dns.reduce((x, d) => x + d.queries, 0);
  const execs = res.pairs.length + res.dns.length + res.external.length + res.conntrack.length;
  const unreadable = res.findings.filter((f) => f.code === "node_unreadable").length;
  fig(
    "wide lab nodes held",
    lab.nodes,
    "count",
    `nodes of the ${lab.scenario} lab the mesh ran on (kubectl get nodes); the mesh measured ${res.nodes.length}, ${unreadable} without a debug pod`,
  );
  fig(
    "latency mesh duration",
    ms,
    "ms",
    `POST /api/latency {} → GET /api/jobs/<id> (polled every 1 s) no longer running; the job's own createdAt→finishedAt: ${job.finishedAt ? fmt(Date.parse(job.finishedAt) - Date.parse(job.createdAt), "ms") : "n/a"}`,
  );
  fig(
    "latency mesh pairs measured",
    res.sampling.measured,
    "count",
    `node pairs pinged (of ${res.sampling.total} ordered pairs; ${res.sampling.sampled ? "a ring sample: each node to its next and its opposite" : "all of them"}), over the underlay and to a pod`,
  );
  fig(
    "latency mesh pings sent",
    pings,
    "count",
    `sum of \`sent\` over the job's ${res.pairs.length} ping results (10 pings each, node→node and node→pod) and ${res.external.length} external targets`,
  );
  fig(
    "latency mesh DNS queries",
    dnsQ,
    "count",
    `sum of \`queries\` over ${res.dns.length} dig batches (kube-dns Service and each CoreDNS endpoint, from each pod-network pod); ${res.dns.reduce((x, d) => x + d.timeouts, 0)} timed out`,
  );
  fig(
    "latency mesh probes/s",
    (pings + dnsQ) / (ms / 1000),
    "per_s",
    "(pings sent + DNS queries) ÷ mesh duration",
  );
  fig(
    "latency mesh commands exec'd",
    execs,
    "count",
    `one exec per ping result, dig batch, external target and conntrack read (${res.conntrack.length}), from the job's result`,
  );
  const req = apiCount(c, "request") - apiCount(b, "request") - own;
  fig(
    "API requests/s during the mesh (kind=request)",
    req / s,
    "per_s",
    `underlay_kube_api_requests_total{kind="request"} delta over ${s.toFixed(0)} s from just before the POST to just after the end, minus ${own} made by the bench's own ${gauges.length + 1} scrapes (1 each, 3 while a debug pod was Pending; two back-to-back scrapes differed by ${apiCount(b, "request") - apiCount(a, "request")}): ${req} requests`,
  );
  const str = apiCount(c, "stream") - apiCount(b, "stream");
  fig(
    "API streams/s during the mesh (kind=stream)",
    str / s,
    "per_s",
    `underlay_kube_api_requests_total{kind="stream"} over the same window: ${str} streams (exec and watches)`,
  );
  const calls = breakdown(b, c, "underlay_kube_api_calls_total", ["verb", "resource"]);
  fig(
    "calls during the mesh, by verb and resource",
    calls.total,
    "count",
    `underlay_kube_api_calls_total over the same window, the scrapes' own included: ${calls.text}`,
  );
  if (gauges.length) {
    const cap = Math.max(...gauges.map((g) => g.cap));
    const busy = gauges.filter((g) => g.open > 0);
    fig(
      "exec streams open (max)",
      Math.max(...gauges.map((g) => g.open)),
      "count",
      `underlay_exec_streams{state="open"} sampled every ~2 s (${gauges.length} samples), cap ${cap}; mean while any was open ${busy.length ? (busy.reduce((x, g) => x + g.open, 0) / busy.length).toFixed(1) : "0"}`,
    );
    fig(
      "exec streams waiting (max)",
      Math.max(...gauges.map((g) => g.waiting)),
      "count",
      `underlay_exec_streams{state="waiting"}, same samples: commands queued for a free stream`,
    );
  }
  return { ok: true };
}

async function widePhase(o: Opts) {
  phase = "wide";
  const wanted = o.nodes ?? 100;
  const ladder = [wanted, ...[60, 40].filter((n) => n < wanted)];
  for (const n of o.anyLab ? [wanted] : ladder) {
    let lab: Lab;
    try {
      lab = await ensureLab("wide", o, n);
    } catch (e) {
      fig(`wide lab at ${n} nodes`, null, "count", `failed: ${(e as Error).message.slice(0, 400)}`);
      continue;
    }
    say(`wide phase on the ${lab.scenario} lab (${lab.nodes} nodes)`);
    await startServer(lab.kubeconfig);
    let held = false;
    await attempt("latency mesh", async () => {
      const r = await mesh(lab);
      if (!r.ok) fig(`latency mesh at ${lab.nodes} nodes`, null, "count", `failed: ${r.why}`);
      held = r.ok;
    });
    await stopServer();
    if (held) return;
  }
}

// ---------------------------------------------------------------------------------------------

type Opts = {
  phase: "scale" | "wide" | "all";
  reuseLab: boolean;
  anyLab: boolean;
  nodes?: number;
  noBuild: boolean;
  json?: string;
};

function parseArgs(argv: string[]): Opts {
  const o: Opts = { phase: "all", reuseLab: false, anyLab: false, noBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--phase") {
      const v = value();
      if (v !== "scale" && v !== "wide" && v !== "all")
        throw new Error("--phase takes scale, wide or all");
      o.phase = v;
    } else if (a === "--reuse-lab") o.reuseLab = true;
    else if (a === "--any-lab") o.anyLab = true;
    else if (a === "--no-build") o.noBuild = true;
    else if (a === "--nodes") {
      o.nodes = Number(value());
      if (!Number.isInteger(o.nodes) || o.nodes < 2 || o.nodes > 250)
        throw new Error("--nodes takes a whole number from 2 to 250");
    } else if (a === "--json") o.json = path.resolve(value());
    else
      throw new Error(
        `unknown argument ${a}; usage: npm run bench -- [--phase scale|wide|all] [--reuse-lab] [--any-lab] [--nodes N] [--no-build] [--json FILE]`,
      );
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = new Date();
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  const loadAtStart = load();
  const git = await (async () => {
    let out = "";
    await run(["git", "rev-parse", "--short", "HEAD"], { stdout: (c) => (out += c) }).catch(
      () => null,
    );
    let dirty = "";
    await run(["git", "status", "--porcelain", "--untracked-files=no"], {
      stdout: (c) => (dirty += c),
    }).catch(() => null);
    return `${out.trim() || "?"}${dirty.trim() ? " (with uncommitted changes)" : ""}`;
  })();
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => void stopServer().finally(() => process.exit(130)));
  await build(o);
  try {
    for (const [name, fn] of [
      ["scale", scalePhase],
      ["wide", widePhase],
    ] as const) {
      if (o.phase !== "all" && o.phase !== name) continue;
      try {
        await fn(o);
      } catch (e) {
        fig(
          `${name} phase`,
          null,
          "count",
          `stopped: ${String((e as Error)?.message ?? e).slice(0, 400)}`,
        );
      } finally {
        await stopServer();
      }
    }
  } finally {
    await stopServer();
    agent.destroy();
  }
  console.log(
    `\nUnderlay bench — ${started.toISOString()}, commit ${git}, ${os.cpus().length} cores, ${fmt(os.totalmem(), "bytes")} RAM, Node ${process.version}; server ${DIST} on ${BASE}; took ${fmt(Date.now() - started.getTime(), "ms")}`,
  );
  console.log(
    `Load average (1/5/15 min) at start ${loadAtStart}, at end ${load()}: anything else running on the machine shows in the times.`,
  );
  console.log("Targets are printed, never asserted.\n");
  printTable();
  if (o.json) {
    fs.writeFileSync(
      o.json,
      JSON.stringify(
        {
          startedAt: started.toISOString(),
          commit: git,
          loadAverage: { start: loadAtStart, end: load() },
          cores: os.cpus().length,
          memoryBytes: os.totalmem(),
          node: process.version,
          figures,
        },
        null,
        2,
      ) + "\n",
    );
    say(`figures written to ${o.json}`);
  }
}

main().catch(async (e: Error) => {
  say(`failed: ${e.message}`);
  await stopServer().catch(() => undefined);
  if (figures.length) printTable();
  process.exit(1);
});
