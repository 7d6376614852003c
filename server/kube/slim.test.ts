import fs from "node:fs";
import path from "node:path";
// The serializer the generated API clients use to turn list responses into typed objects.
import { ObjectSerializer } from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";
import { describe, expect, it } from "vitest";
import { slim } from "./slim";

// Objects as the lab's kube-apiserver served them (kubectl get -o json --show-managed-fields).
const read = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "testdata", name), "utf8"));
// The informers hold what client-node deserialises, not the raw JSON.
const typed = (type: string, name: string) => ObjectSerializer.deserialize(read(name), type, "");

describe("slim objects for the watch-backed caches", () => {
  it("keeps of a pod what the topology reads, and drops its spec, managedFields and the rest", () => {
    const pod = slim("pods", typed("V1Pod", "pod-coredns.json"));
    expect(pod).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: expect.stringMatching(/^coredns-/),
        namespace: "kube-system",
        uid: expect.any(String),
        resourceVersion: expect.any(String),
        labels: expect.objectContaining({ "k8s-app": "kube-dns" }),
      },
      spec: { nodeName: expect.stringMatching(/^lab-node-/) },
      status: { phase: "Running", podIP: expect.stringMatching(/^10\.244\./) },
    });
    expect(
      JSON.stringify(pod).length / JSON.stringify(read("pod-coredns.json")).length,
    ).toBeLessThan(0.15);
  });

  it("keeps a node's addresses and condition statuses only", () => {
    const node = slim("nodes", typed("V1Node", "node.json"));
    expect(Object.keys(node.status!)).toEqual(["addresses", "conditions"]);
    expect(node.status!.addresses).toContainEqual({ type: "InternalIP", address: "172.31.1.2" });
    expect(node.status!.conditions!.find((c: { type: string }) => c.type === "Ready")).toEqual({
      type: "Ready",
      status: "True",
    });
    expect(node.metadata!.labels!["topology.kubernetes.io/zone"]).toBe("lab-a");
    expect(node.metadata!.managedFields).toBeUndefined();
    expect(node.spec).toBeUndefined();
  });

  it("keeps a Service's ClusterIP and an EndpointSlice's addresses, nodes and pods", () => {
    expect(slim("services", typed("V1Service", "service-kube-dns.json"))).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        uid: expect.any(String),
        resourceVersion: expect.any(String),
      },
      spec: { clusterIP: "10.96.0.10" },
    });
    const slice = slim("endpointslices", typed("V1EndpointSlice", "endpointslice-kube-dns.json"));
    expect(slice.metadata!.labels!["kubernetes.io/service-name"]).toBe("kube-dns");
    expect(slice.endpoints.length).toBe(2);
    for (const e of slice.endpoints)
      expect(Object.keys(e).sort()).toEqual(["addresses", "nodeName", "targetRef"]);
    expect(slice.endpoints[0]!.targetRef).toEqual({ name: expect.stringMatching(/^coredns-/) });
  });

  it("slims in place: the object the informer stored is the one that shrinks", () => {
    const pod = typed("V1Pod", "pod-coredns.json");
    expect(slim("pods", pod)).toBe(pod);
    expect(pod.spec.containers).toBeUndefined();
  });
});
