import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { describeLab, identityWith, kubeconfigVariant } from "@/e2e/lab/testing";
import { clusterSummary } from "./cluster";

const labKubeconfig = process.env.KUBECONFIG!;
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
  let viewer: Awaited<ReturnType<typeof identityWith>>;
  beforeAll(async () => {
    // An identity that may do nothing at all.
    viewer = await identityWith(
      `underlay-test-nobody-${Math.random().toString(36).slice(2, 7)}`,
      [],
    );
  });
  afterAll(() => viewer.dispose());

  it("summarises the lab: context, server, version, nodes Ready", async () => {
    const s = await clusterSummary();
    expect(s.context).toBe("kwok-underlay-lab");
    expect(s.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.version).toBe("v1.36.3");
    expect(s.nodes).toEqual({ total: 3, ready: 3 });
  });

  it("says the cluster is unreachable when nothing listens at the server address", async () => {
    const e = await failure(
      kubeconfigVariant("gone", { server: "https://127.0.0.1:1", token: "x" }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("cluster_unreachable");
    expect(e.message).toContain("https://127.0.0.1:1");
  });

  it("says the credentials were rejected for a token the API server does not know", async () => {
    const e = await failure(kubeconfigVariant("badtoken", { token: "not-a-real-token" }));
    expect([e.status, e.code]).toEqual([503, "credentials_rejected"]);
  });

  it("names the missing permission for an identity without RBAC rights", async () => {
    const e = await failure(kubeconfigVariant("viewer", { token: viewer.token }));
    expect([e.status, e.code]).toEqual([403, "forbidden"]);
    expect(e.message).toBe(
      'The dashboard\'s Kubernetes identity is not allowed to list nodes across the cluster. Grant the "list" verb on "nodes" to its ServiceAccount or user.',
    );
  });
});
