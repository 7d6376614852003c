import fs from "node:fs";
import path from "node:path";
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { describePodSecurity, describeForbidden, kubeError, tolerate } from "./errors";

// Status bodies captured from the lab's kube-apiserver (v1.36.3) with curl.
const captured = (name: string) => fs.readFileSync(path.join(__dirname, "testdata", name), "utf8");

describe("kubeError", () => {
  it("names the missing verb and resource of a cluster-scoped RBAC denial", () => {
    const e = kubeError(
      new ApiException(403, "Forbidden", captured("status-403-list-nodes.json"), {
        authorization: "Bearer secret-token",
      }),
    )!;
    expect([e.status, e.code]).toEqual([403, "forbidden"]);
    expect(e.message).toBe(
      'The dashboard\'s Kubernetes identity is not allowed to list nodes across the cluster. Grant the "list" verb on "nodes" to its ServiceAccount or user.',
    );
    expect(JSON.stringify(e.toJSON())).not.toContain("secret-token");
  });

  it("names the namespace of a namespaced denial", () => {
    expect(describeForbidden(JSON.parse(captured("status-403-list-pods-ns.json")).message)).toBe(
      'The dashboard\'s Kubernetes identity is not allowed to list pods in namespace kube-system. Grant the "list" verb on "pods" to its ServiceAccount or user.',
    );
  });

  it("names Pod Security admission and the label to change, not a permission", () => {
    const ex = new ApiException(403, "Forbidden", captured("status-403-pod-security.json"), {});
    const e = kubeError(ex)!;
    expect([e.status, e.code]).toEqual([403, "forbidden"]);
    expect(e.message).toBe(
      'Pod Security admission refused the pod: its namespace enforces the "baseline" level, which forbids non-default capabilities (container "debug" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add), host namespaces (hostNetwork=true), hostPath volumes (volume "cni-net-d"). A debug container needs the "privileged" level: label the namespace pod-security.kubernetes.io/enforce=privileged, or debug elsewhere.',
    );
    expect(describePodSecurity(JSON.parse(captured("status-403-list-pods-ns.json")).message)).toBe(
      null,
    );
  });

  it("turns 401 into 'credentials rejected', never forwarding the exception's text", () => {
    const ex = new ApiException(401, "Unauthorized", captured("status-401.json"), {
      "audit-id": "abc",
    });
    const e = kubeError(ex)!;
    expect([e.status, e.code]).toEqual([503, "credentials_rejected"]);
    expect(e.message).not.toContain("audit-id");
  });

  it("recognises an unreachable server by its errno code", () => {
    const err = Object.assign(
      new Error(
        "request to https://127.0.0.1:1/version failed, reason: connect ECONNREFUSED 127.0.0.1:1",
      ),
      { code: "ECONNREFUSED", type: "system" },
    );
    const e = kubeError(err, "https://127.0.0.1:1")!;
    expect([e.status, e.code]).toEqual([503, "cluster_unreachable"]);
    expect(e.message).toContain("https://127.0.0.1:1");
  });

  it("leaves unknown errors to the generic 500", () => {
    expect(kubeError(new TypeError("x is undefined"))).toBeNull();
    const own = new ApiError("bad_request", "no");
    expect(kubeError(own)).toBe(own);
  });
});

describe("tolerate", () => {
  const refused = () =>
    Promise.reject(
      new ApiException(403, "Forbidden", captured("status-403-list-pods-ns.json"), {}),
    );
  const absent = () => Promise.reject(new ApiException(404, "Not Found", "{}", {}));

  it("gives the fallback for what is absent", async () => {
    expect(await tolerate(absent(), "fallback")).toBe("fallback");
  });

  it("gives the fallback for what RBAC refuses, and the refusal in words, when the caller can go on", async () => {
    const said: string[] = [];
    expect(await tolerate(refused(), [], (e) => said.push(e.message))).toEqual([]);
    expect(said).toEqual([
      'The dashboard\'s Kubernetes identity is not allowed to list pods in namespace kube-system. Grant the "list" verb on "pods" to its ServiceAccount or user.',
    ]);
  });

  it("throws a refusal the caller cannot go on without, and anything else, mapped", async () => {
    await expect(tolerate(refused(), null)).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
    });
    await expect(
      tolerate(Promise.reject(new ApiException(409, "Conflict", "{}", {})), null, () => undefined),
    ).rejects.toMatchObject({ status: 409, code: "conflict" });
    expect(await tolerate(Promise.resolve("read"), "fallback")).toBe("read");
  });
});
