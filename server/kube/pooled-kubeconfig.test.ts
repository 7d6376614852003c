import { describe, expect, it } from "vitest";
import { callOf } from "./pooled-kubeconfig";

describe("callOf", () => {
  // URLs as client-node 1.x builds them for the calls Underlay makes.
  it.each([
    ["GET", "https://127.0.0.1:40123/api/v1/pods?limit=500", "list pods"],
    [
      "GET",
      "https://127.0.0.1:40123/api/v1/pods?_continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzfQ&limit=500",
      "list pods",
    ],
    [
      "GET",
      "https://127.0.0.1:40123/apis/discovery.k8s.io/v1/endpointslices?limit=500",
      "list endpointslices",
    ],
    [
      "GET",
      "https://127.0.0.1:40123/api/v1/namespaces/underlay-system/pods?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dunderlay",
      "list pods",
    ],
    ["POST", "https://127.0.0.1:40123/api/v1/namespaces/underlay-system/pods", "create pods"],
    [
      "DELETE",
      "https://127.0.0.1:40123/api/v1/namespaces/underlay-system/pods/underlay-debug-x7k2",
      "delete pods",
    ],
    ["GET", "https://127.0.0.1:40123/api/v1/namespaces/underlay-system", "get namespaces"],
    ["GET", "https://127.0.0.1:40123/api/v1/namespaces", "list namespaces"],
    [
      "PATCH",
      "https://127.0.0.1:40123/api/v1/namespaces/shop/pods/web-v1-0/ephemeralcontainers",
      "patch pods/ephemeralcontainers",
    ],
    [
      "GET",
      "https://127.0.0.1:40123/apis/apps/v1/namespaces/kube-flannel/daemonsets/kube-flannel-ds",
      "get daemonsets",
    ],
    [
      "GET",
      "https://127.0.0.1:40123/apis/gateway.networking.k8s.io/v1/httproutes",
      "list httproutes",
    ],
    [
      "POST",
      "https://127.0.0.1:40123/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      "create selfsubjectaccessreviews",
    ],
    ["GET", "https://127.0.0.1:40123/version", "get /version"],
  ])("%s %s → %s", (method, url, call) => {
    expect(callOf(method, url)).toBe(call);
  });
});
