import fs from "node:fs";
import path from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { PodIndex } from "./pod-index";

// A pod as the lab's kube-apiserver served it.
const coredns = (): V1Pod =>
  JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, "testdata", "pod-coredns.json"), "utf8"),
  );

describe("PodIndex", () => {
  it("finds a pod by node, address and namespace, and forgets it when it goes", () => {
    const idx = new PodIndex();
    const p = coredns();
    idx.put(p);
    expect(idx.byNode.get(p.spec!.nodeName!)?.size).toBe(1);
    expect(idx.byIp.get(p.status!.podIP!)).toBe(p);
    expect(idx.namespaces.get("kube-system")).toBe(1);
    idx.remove(p);
    expect([idx.size, idx.byNode.size, idx.byIp.size, idx.namespaces.size]).toEqual([0, 0, 0, 0]);
  });

  it("counts a placement change when a pod comes, moves or goes, not when only its status changes", () => {
    const idx = new PodIndex();
    const p = coredns();
    idx.put(p);
    const placed = idx.placement;
    // A status update (what the kubelet sends all day): same node, same address.
    const status = { ...p, status: { ...p.status, conditions: [] } };
    idx.put(status);
    expect(idx.placement).toBe(placed);
    expect(idx.byIp.get(p.status!.podIP!)).toBe(status); // the index holds the newest object
    // A new address (the pod was recreated under the same name).
    idx.put({ ...status, status: { ...status.status, podIP: "10.244.9.9" } });
    expect(idx.placement).toBe(placed + 1);
    expect(idx.byIp.has(p.status!.podIP!)).toBe(false);
    idx.remove(status);
    expect(idx.placement).toBe(placed + 2);
    idx.remove(status); // gone already
    expect(idx.placement).toBe(placed + 2);
  });
});
