// The attack suite: each attack on issue 14's list, sent as an attacker would send it (raw HTTP with
// the headers a hostile page, a rebinding domain or a lower-role colleague controls, and a real
// browser where the browser matters), asserting the refusal and that nothing changed.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { chromium, expect, test } from "@playwright/test";
import pg from "pg";
import { AUTH } from "../../playwright.config";
import { BASE, bearer, snapshot } from "./helpers";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

/** The loopback server with no sign-in: the person at the machine is its admin. */
const OPEN = "http://127.0.0.1:3100";
const store = () =>
  new pg.Client({
    connectionString: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
  });
async function count(sql: string): Promise<number> {
  const c = store();
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await c.end();
  }
}
const jobs = () => count("SELECT count(*) AS n FROM jobs");
const reports = () => count("SELECT count(*) AS n FROM reports");

function kube() {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.LAB_KUBECONFIG!);
  return kc.makeApiClient(CoreV1Api);
}
const debugPods = async () =>
  (
    await kube().listNamespacedPod({
      namespace: "underlay-system",
      labelSelector: "app.kubernetes.io/managed-by=underlay",
    })
  ).items.filter((p) => !p.metadata?.deletionTimestamp).length;

type Raw = { status: number; headers: http.IncomingHttpHeaders; text: string };
/** One HTTP request with exactly these headers (Host included), from an optional local address. */
function raw(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      // A connection of its own: a refused body must not be read as the next request.
      { method: o.method ?? "GET", headers: o.headers, localAddress: o.from, agent: false },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(o.body);
  });
}
const message = (r: Raw) => (JSON.parse(r.text) as { error: { message: string } }).error.message;

test.describe.configure({ mode: "serial" });

test("DNS rebinding, by request: another Host is refused on every route, even with matching Origin", async () => {
  const before = { jobs: await jobs(), pods: await debugPods() };
  const rebind = {
    host: "rebind.example:3100",
    origin: "http://rebind.example:3100",
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
  };
  const mtu = await raw(`${OPEN}/api/mtu`, { method: "POST", headers: rebind, body: "{}" });
  expect(mtu.status).toBe(421);
  expect(message(mtu)).toContain("Underlay is not served at rebind.example:3100");
  expect(message(mtu)).toContain("UNDERLAY_PUBLIC_URL");
  for (const path of ["/api/topology", "/api/audit", "/api/reports", "/", "/topology"]) {
    const r = await raw(`${OPEN}${path}`, { headers: { host: "rebind.example:3100" } });
    expect(r.status, path).toBe(421);
    expect(r.text, path).not.toContain("lab-node-1");
  }
  // A client's X-Forwarded-Host is no way around it: no trusted proxy sent it.
  const fwd = await raw(`${OPEN}/api/topology`, {
    headers: { host: "127.0.0.1:3100", "x-forwarded-host": "rebind.example:3100" },
  });
  expect(fwd.status).toBe(421);
  expect(message(fwd)).toContain("not a trusted proxy");
  // The liveness probe answers under any Host, and says nothing.
  const health = await raw(`${OPEN}/api/health`, { headers: { host: "10.1.2.3:3000" } });
  expect([health.status, health.text]).toEqual([200, '{"ok":true}']);
  expect({ jobs: await jobs(), pods: await debugPods() }).toEqual(before);
});

test("DNS rebinding, in a browser: the attacker's page, re-resolved to loopback, reads and starts nothing", async () => {
  const before = { jobs: await jobs(), pods: await debugPods() };
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      // After the rebinding: rebind.example resolves to this machine.
      "--host-resolver-rules=MAP rebind.example 127.0.0.1",
      // Chromium's own guard against pages reaching loopback (Local Network Access) is off, as it
      // is in browsers that have none: Underlay must refuse by itself.
      "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights",
    ],
  });
  try {
    const page = await browser.newPage();
    // The attacker's page, as first served by the attacker before the DNS answer changed.
    await page.route("http://rebind.example:3100/attack", (r) =>
      r.fulfill({ contentType: "text/html", body: "<h1>cute cats</h1>" }),
    );
    await page.goto("http://rebind.example:3100/attack");
    const seen = await page.evaluate(async () => {
      const post = await fetch("/api/mtu", { method: "POST", body: "{}" });
      const audit = await fetch("/api/audit");
      const topology = await fetch("/api/topology");
      return [post.status, audit.status, topology.status, await topology.text()];
    });
    expect(seen.slice(0, 3)).toEqual([421, 421, 421]);
    expect(seen[3]).not.toContain("lab-node");
  } finally {
    await browser.close();
  }
  expect({ jobs: await jobs(), pods: await debugPods() }).toEqual(before);
});

test("a forged admin session: signed with the old token-derived key, or a real session edited, is nobody", async ({
  request,
}) => {
  // The operator knows their own token, and so the old scheme's whole signing key.
  const oldKey = crypto
    .createHash("sha256")
    .update(["underlay-session", AUTH.admin, AUTH.operator, AUTH.viewer].join("\0"))
    .digest();
  const payload = Buffer.from(
    JSON.stringify({ name: "mallory", role: "admin", exp: Date.now() + 1e12 }),
  ).toString("base64url");
  const sig = crypto.createHmac("sha256", oldKey).update(payload).digest("base64url");
  const forged = await raw(`${BASE}/api/audit`, {
    headers: { cookie: `underlay_session=${payload}.${sig}` },
  });
  expect(forged.status).toBe(401);

  // A real operator session with its role edited to admin: the signature no longer holds.
  const login = await request.post("/api/auth/login", { data: { token: AUTH.operator } });
  expect(login.status()).toBe(200);
  const cookie = (await request.storageState()).cookies.find((c) => c.name === "underlay_session")!;
  const [p, s] = cookie.value.split(".") as [string, string];
  const body = JSON.parse(Buffer.from(p, "base64url").toString());
  const edited = Buffer.from(JSON.stringify({ ...body, role: "admin" })).toString("base64url");
  const r = await raw(`${BASE}/api/audit`, {
    headers: { cookie: `underlay_session=${edited}.${s}` },
  });
  expect(r.status).toBe(401);
  // The genuine cookie is an operator's, and signing out ends it everywhere, even a copy.
  const copy = `underlay_session=${cookie.value}`;
  expect((await raw(`${BASE}/api/audit`, { headers: { cookie: copy } })).status).toBe(403);
  expect((await raw(`${BASE}/api/cluster`, { headers: { cookie: copy } })).status).toBe(200);
  await request.post("/api/auth/logout");
  expect((await raw(`${BASE}/api/cluster`, { headers: { cookie: copy } })).status).toBe(401);
});

test("attach anywhere: an operator cannot attach in kube-system, the debug namespace or Underlay's own", async ({
  request,
}) => {
  const core = kube();
  const ephemeral = async (namespace: string) =>
    (await core.listNamespacedPod({ namespace })).items.flatMap(
      (p) => p.spec?.ephemeralContainers ?? [],
    ).length;
  const before = {
    kubeSystem: await ephemeral("kube-system"),
    debug: await ephemeral("underlay-system"),
  };
  const system = (await core.listNamespacedPod({ namespace: "kube-system" })).items[0];
  for (const [namespace, pod, said] of [
    ["kube-system", system?.metadata?.name ?? "kube-dns", "takes the admin role"],
    ["underlay-system", "underlay-debug-any", "Underlay's own debug pods"],
  ] as const) {
    const res = await request.post("/api/debug-pods", {
      headers: bearer("operator"),
      data: { mode: "attach", target: { namespace, pod } },
    });
    expect(res.status(), namespace).toBe(403);
    expect((await res.json()).error.message).toContain(said);
  }
  expect({
    kubeSystem: await ephemeral("kube-system"),
    debug: await ephemeral("underlay-system"),
  }).toEqual(before);
});

/** The peak resident memory of the server listening on `port` (its process's VmHWM). */
function peakRssMiB(port: number): number {
  const ss = execFileSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(ss)![1]!;
  const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]!;
  return Number(kb) / 1024;
}

test("memory exhaustion: a 300 MB sign-in body is refused on its length, or cut off as it streams", async () => {
  const peak = peakRssMiB(3102);
  const declared = await raw(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) },
  }).catch(() => null);
  // The server answers 413 without reading, and may close before the (unsent) body arrives.
  if (declared) expect(declared.status).toBe(413);

  // No Content-Length: 1 MiB chunks until the server answers.
  const streamed = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
    let sent = 0;
    const req = http.request(`${BASE}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      agent: false,
    });
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const pump = () => {
      while (sent < 300 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    req.on("error", (e) => (sent > 0 ? undefined : reject(e)));
    pump();
  });
  expect(streamed.status).toBe(413);
  // Not a timing: the memory the refused bodies cost the server, which the old code grew by 839 MiB.
  expect(peakRssMiB(3102) - peak).toBeLessThan(64);
});

test("open redirect: next=/%09/evil.example signs in and stays on Underlay", async ({ page }) => {
  await page.goto("/login?next=/%09/evil.example");
  await page.getByLabel("Token").fill(AUTH.viewer);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("viewer token");
  expect(new URL(page.url()).origin).toBe(BASE);
  expect(new URL(page.url()).pathname).toBe("/");
});

test("login brute force: after 5 wrong tokens a client waits (429, Retry-After), with one audit row", async ({
  request,
}) => {
  const from = "127.0.0.9"; // its own client address, so other tests' sign-ins are not slowed
  const before = await snapshot(request);
  const locked = await count("SELECT count(*) AS n FROM audit_log WHERE action = 'login.locked'");
  const failedRows = await count(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'login.failed'",
  );
  const statuses: number[] = [];
  let retryAfter = "";
  for (let i = 0; i < 8; i++) {
    const r = await raw(`${BASE}/api/auth/login`, {
      method: "POST",
      from,
      headers: { "content-type": "application/json", origin: BASE, host: "127.0.0.1:3102" },
      body: JSON.stringify({ token: `guess-${i}-0123456789abcdef` }),
    });
    statuses.push(r.status);
    if (r.status === 429) retryAfter = String(r.headers["retry-after"]);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(6)).toEqual([429, 429]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  // Even the right token waits its turn.
  const right = await raw(`${BASE}/api/auth/login`, {
    method: "POST",
    from,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: AUTH.admin }),
  });
  expect(right.status).toBe(429);
  expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'login.locked'")).toBe(
    locked + 1,
  );
  expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'login.failed'")).toBe(
    failedRows,
  );
  const metrics = await request.get("/api/metrics", { headers: bearer("viewer") });
  expect(await metrics.text()).toMatch(/^underlay_login_failures_total [1-9]\d*$/m);
  expect(await snapshot(request)).toEqual(before);
});

test("ReDoS in redaction: a report with a crafted diagnostic output is made, and the server stays responsive", async ({
  request,
}) => {
  const before = await reports();
  const res = await request.post("/api/reports", {
    headers: bearer("operator"),
    data: {
      title: "crafted output",
      includeMtu: false,
      includeLatency: false,
      diagnostics: [
        {
          diagnostic: "http",
          target: "underlay-system/x/debug",
          commands: [["curl"]],
          output: "a-".repeat(120_000),
          exitCodes: [0],
          parsed: null,
          captureId: null,
        },
      ],
    },
  });
  expect(res.status()).toBe(201);
  expect(await reports()).toBe(before + 1);
  expect((await request.get("/api/health")).status()).toBe(200);
  const { id } = (await res.json()) as { id: string };
  await request.delete(`/api/reports/${id}`, { headers: bearer("admin") });
});

test("no quota: a loop of POST /api/mtu starts one run; the rest answer 409 naming it", async ({
  request,
}) => {
  const before = { jobs: await jobs() };
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => request.post("/api/mtu", { headers: bearer("operator") })),
  );
  const started = answers.filter((a) => a.status() === 202);
  expect(started).toHaveLength(1);
  const { jobId } = (await started[0]!.json()) as { jobId: string };
  for (const a of answers.filter((x) => x.status() !== 202)) {
    expect(a.status()).toBe(409);
    const said = (await a.json()).error.message as string;
    expect(said).toContain("An MTU diagnosis is already running");
    expect(said).toContain(`/api/jobs/${jobId}`);
  }
  expect(await jobs()).toBe(before.jobs + 1);
  await request.delete(`/api/jobs/${jobId}`, { headers: bearer("operator") });
  await expect
    .poll(async () =>
      (await request.get(`/api/jobs/${jobId}`, { headers: bearer("operator") })).json(),
    )
    .toMatchObject({ status: expect.stringMatching(/cancelled|succeeded|failed/) });
});

test("no quota: a user's live debug pods are capped (UNDERLAY_MAX_DEBUG_PODS_PER_USER)", async ({
  request,
}) => {
  const made: string[] = [];
  try {
    for (const node of ["lab-node-1", "lab-node-2"]) {
      const r = await request.post("/api/debug-pods", {
        headers: bearer("operator"),
        data: { mode: "node", node },
      });
      expect(r.status()).toBe(201);
      made.push(((await r.json()) as { id: string }).id);
    }
    const pods = await debugPods();
    const third = await request.post("/api/debug-pods", {
      headers: bearer("operator"),
      data: { mode: "node", node: "lab-node-3" },
    });
    expect(third.status()).toBe(429);
    expect((await third.json()).error.message).toContain(
      "the most one user may have (UNDERLAY_MAX_DEBUG_PODS_PER_USER=2)",
    );
    expect(await debugPods()).toBe(pods);
  } finally {
    for (const id of made)
      await request.delete(`/api/debug-pods/${id}`, { headers: bearer("admin") });
  }
});

test("framing: every response forbids framing and sniffing, and a hostile page cannot frame Underlay", async ({
  page,
  request,
}) => {
  for (const path of ["/login", "/api/health", "/api/cluster"]) {
    const r = await request.get(path, { headers: bearer("viewer") });
    const h = r.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
  }
  // The hostile page, on an origin of its own.
  await page.route("http://hostile.example/", (r) =>
    r.fulfill({
      contentType: "text/html",
      body: `<iframe src="${BASE}/login" onload="window.framed = true"></iframe>`,
    }),
  );
  await page.goto("http://hostile.example/");
  // The frame's load event fires whether the browser shows the page or its refusal.
  await page.waitForFunction(() => (window as { framed?: boolean }).framed === true);
  const frame = page.frames().find((f) => f.url().startsWith(BASE));
  const framed = frame
    ? await frame
        .getByRole("heading", { name: "Sign in to Underlay" })
        .isVisible()
        .catch(() => false)
    : false;
  expect(framed).toBe(false);
});

test("smaller holes: a diagnostic named after Object's prototype is unknown", async ({
  request,
}) => {
  const res = await request.post("/api/debug-pods/underlay-system/no-such-pod/debug/diagnostics", {
    headers: bearer("operator"),
    data: { diagnostic: "constructor" },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toContain("There is no diagnostic named");
});
