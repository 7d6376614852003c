// A scrape never fails: with the API server unreachable, /api/metrics still answers, saying so.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";

describeLab(["healthy"], "Prometheus metrics with the cluster down", () => {
  const before = process.env.KUBECONFIG;
  let metrics: typeof import("./metrics");
  beforeAll(async () => {
    // A context whose API server refuses connections (nothing listens on port 9 here).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "underlay-down-"));
    const file = path.join(dir, "kubeconfig");
    fs.writeFileSync(
      file,
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters: [{ name: down, cluster: { server: 'https://127.0.0.1:9', insecure-skip-tls-verify: true } }]",
        "users: [{ name: down, user: { token: not-a-token } }]",
        "contexts: [{ name: down, context: { cluster: down, user: down } }]",
        "current-context: down",
        "",
      ].join("\n"),
    );
    process.env.KUBECONFIG = file;
    metrics = await import("./metrics");
  });
  afterAll(() => void (process.env.KUBECONFIG = before));

  it("answers, with underlay_cluster_up 0 and the store's and build's gauges", async () => {
    const { body } = await metrics.metricsText();
    expect(body).toMatch(/^underlay_cluster_up\{context="down"\} 0$/m);
    expect(body).toMatch(/^underlay_store_up 1$/m);
    expect(body).toMatch(/^underlay_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
  });
});
