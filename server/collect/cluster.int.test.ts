import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { describeLab, labKubeConfig } from "@/e2e/lab/testing";
import { clusterSummary } from "./cluster";

const labKubeconfig = process.env.KUBECONFIG!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "underlay-kc-"));

/** A kubeconfig for the lab's API server with another identity (or another server). */
function variant(name: string, change: (kc: KubeConfig) => { server?: string; token?: string }): string {
  const kc = labKubeConfig();
  const { server, token } = change(kc);
  const cluster = kc.getCurrentCluster()!;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [{ ...cluster, server: server ?? cluster.server }],
    users: [{ name: "u", token }],
    contexts: [{ name, cluster: cluster.name, user: "u" }],
    currentContext: name,
  });
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, out.exportConfig());
  return file;
}

async function failure(kubeconfig: string): Promise<ApiError> {
  process.env.KUBECONFIG = kubeconfig;
  try {
    await clusterSummary();
  } catch (e) {
    return e as ApiError;
  } finally {
    process.env.KUBECONFIG = labKubeconfig;
  }
  throw new Error("expected clusterSummary to fail");
}

describeLab(["healthy"], "cluster summary", () => {
  const kc = labKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const sa = `underlay-test-viewer-${Math.random().toString(36).slice(2, 7)}`;
  let saToken = "";

  beforeAll(async () => {
    await core.createNamespacedServiceAccount({ namespace: "default", body: { metadata: { name: sa } } });
    // May read the version, nothing else.
    const tr = await core.createNamespacedServiceAccountToken({ namespace: "default", name: sa, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    saToken = tr.status!.token;
  });
  afterAll(async () => {
    await core.deleteNamespacedServiceAccount({ namespace: "default", name: sa }).catch(() => undefined);
    await kc.makeApiClient(RbacAuthorizationV1Api).deleteClusterRoleBinding({ name: sa }).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("summarises the lab: context, server, version, nodes Ready", async () => {
    const s = await clusterSummary();
    expect(s.context).toBe("kwok-underlay-lab");
    expect(s.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.version).toBe("v1.36.3");
    expect(s.nodes).toEqual({ total: 3, ready: 3 });
  });

  it("says the cluster is unreachable when nothing listens at the server address", async () => {
    const e = await failure(variant("gone", () => ({ server: "https://127.0.0.1:1", token: "x" })));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("cluster_unreachable");
    expect(e.message).toContain("https://127.0.0.1:1");
  });

  it("says the credentials were rejected for a token the API server does not know", async () => {
    const e = await failure(variant("badtoken", () => ({ token: "not-a-real-token" })));
    expect([e.status, e.code]).toEqual([503, "credentials_rejected"]);
  });

  it("names the missing permission for an identity without RBAC rights", async () => {
    const e = await failure(variant("viewer", () => ({ token: saToken })));
    expect([e.status, e.code]).toEqual([403, "forbidden"]);
    expect(e.message).toBe('The dashboard\'s Kubernetes identity is not allowed to list nodes across the cluster. Grant the "list" verb on "nodes" to its ServiceAccount or user.');
  });
});
