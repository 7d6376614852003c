import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { cniDeployment, versionAtLeast } from "./deployment";

const ds = (ns: string, name: string, image: string) => ({
  name: `DaemonSet ${ns}/${name}`,
  text: stringify({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: ns },
    spec: { template: { spec: { containers: [{ name: "c", image }] } } },
  }),
});
const cm = (ref: string) => ({ name: `ConfigMap ${ref}`, text: "data: {}" });

describe("where the CNI runs", () => {
  it("finds flannel's DaemonSet, its version and its ConfigMap, as the collector names them", () => {
    const inputs = [
      ds("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.36.3"),
      ds("kube-flannel", "kube-flannel-ds", "ghcr.io/flannel-io/flannel:v0.28.9"),
      cm("kube-flannel/kube-flannel-cfg"),
      cm("kube-system/kube-proxy"),
    ];
    expect(cniDeployment(inputs, "flannel")).toEqual({
      daemonSet: "kube-flannel/kube-flannel-ds",
      image: "ghcr.io/flannel-io/flannel:v0.28.9",
      version: "v0.28.9",
      configMap: "kube-flannel/kube-flannel-cfg",
    });
  });
  it("reads an older layout and a digest-pinned image", () => {
    const inputs = [
      ds("kube-system", "kube-flannel-ds-amd64", "quay.io/coreos/flannel:v0.11.0-amd64"),
      cm("kube-system/kube-flannel-cfg"),
    ];
    expect(cniDeployment(inputs, "flannel")).toMatchObject({
      daemonSet: "kube-system/kube-flannel-ds-amd64",
      version: "v0.11.0",
      configMap: "kube-system/kube-flannel-cfg",
    });
    const pinned = [ds("kube-system", "calico-node", "docker.io/calico/node@sha256:abc")];
    expect(cniDeployment(pinned, "calico")).toMatchObject({
      daemonSet: "kube-system/calico-node",
      version: null,
    });
  });
  it("finds nothing it was not shown", () => {
    expect(cniDeployment([], "cilium")).toEqual({
      daemonSet: null,
      image: null,
      version: null,
      configMap: null,
    });
  });
  it("compares versions part by part", () => {
    expect(versionAtLeast("v0.21.3", "v0.21.3")).toBe(true);
    expect(versionAtLeast("v0.28.9", "v0.21.3")).toBe(true);
    expect(versionAtLeast("v0.21.2", "v0.21.3")).toBe(false);
    expect(versionAtLeast("v0.9", "v0.21.3")).toBe(false);
  });
});
