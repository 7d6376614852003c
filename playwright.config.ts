import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const lab = process.env.LAB_KUBECONFIG;
// Both servers share one PostgreSQL store, so a report made on the lab server can be opened on the
// server that has no kubeconfig at all: a reader without cluster access.
const store = {
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
};
/** The signed-in server (port 3102): tokens per role, and an OIDC proxy trusted only at 127.0.0.2. */
export const AUTH = {
  admin: "e2e-admin-token-0123456789abcdef",
  operator: "e2e-operator-token-0123456789abcd",
  viewer: "e2e-viewer-token-0123456789abcdef",
  proxy: "127.0.0.2",
};
const dataDir = (name: string) => path.join(os.tmpdir(), `underlay-e2e-${name}-${process.pid}`);
const server = (port: number, env: Record<string, string>) => ({
  command: "node scripts/start.mjs",
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...env,
  } as Record<string, string>,
});

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Pages that need no cluster run against a server with no kubeconfig at all.
    {
      name: "no-kubeconfig",
      testMatch: ["no-kubeconfig.spec.ts", "analyze.spec.ts", "binding.spec.ts"],
      use: { baseURL: "http://127.0.0.1:3101" },
    },
    {
      name: "lab",
      testIgnore: [
        "no-kubeconfig.spec.ts",
        "analyze.spec.ts",
        "binding.spec.ts",
        "auth/**",
        "topology-views.spec.ts",
        "demo.spec.ts",
      ],
      use: { baseURL: "http://127.0.0.1:3100" },
    },
    // The topology's zones and groups, against a server that draws one node a view.
    {
      name: "small-views",
      testMatch: ["topology-views.spec.ts"],
      use: { baseURL: "http://127.0.0.1:3103" },
    },
    // `npm run demo`, which starts its own lab and dashboard (npm test runs it with LAB_DEMO=1).
    { name: "demo", testMatch: ["demo.spec.ts"] },
    // Auth, roles, CSRF and the fuzzing of every route, against a server that requires sign-in.
    { name: "auth", testMatch: ["auth/**/*.spec.ts"], use: { baseURL: "http://127.0.0.1:3102" } },
  ],
  webServer: [
    server(3101, {
      KUBECONFIG: "/nonexistent/underlay-e2e/kubeconfig",
      UNDERLAY_DATA_DIR: dataDir("nokube"),
      ...store,
    }),
    ...(lab
      ? [server(3100, { KUBECONFIG: lab, UNDERLAY_DATA_DIR: dataDir("lab"), ...store })]
      : []),
    ...(lab
      ? [
          server(3103, {
            KUBECONFIG: lab,
            UNDERLAY_DATA_DIR: dataDir("views"),
            ...store,
            UNDERLAY_TOPOLOGY_VIEW_NODES: "1",
          }),
        ]
      : []),
    ...(lab
      ? [
          server(3102, {
            KUBECONFIG: lab,
            UNDERLAY_DATA_DIR: dataDir("auth"),
            ...store,
            UNDERLAY_TOKEN: AUTH.admin,
            UNDERLAY_OPERATOR_TOKEN: AUTH.operator,
            UNDERLAY_VIEWER_TOKEN: AUTH.viewer,
            UNDERLAY_TRUSTED_PROXIES: AUTH.proxy,
            UNDERLAY_ROLE_MAP: "sre=admin,platform=operator",
            UNDERLAY_DEFAULT_ROLE: "viewer",
            UNDERLAY_MAX_DEBUG_PODS_PER_USER: "2",
          }),
        ]
      : []),
  ],
});
