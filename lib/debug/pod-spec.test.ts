import { describe, expect, it } from "vitest";
import { launchRequest } from "@/lib/schemas/debug";
import { zodMessage } from "@/lib/zod-message";
import {
  buildDebugPod,
  buildEphemeralContainer,
  ledgerOf,
  CNI_CONF_DIR,
  cniRunDirs,
  debugPodName,
} from "./pod-spec";

// Node annotations as flannel v0.28 and calico write them (see e2e/lab/objects.ts and the CNIs' docs).
const flannelNode = {
  "flannel.alpha.coreos.com/backend-type": "vxlan",
  "flannel.alpha.coreos.com/public-ip": "172.31.1.2",
};
const calicoNode = { "projectcalico.org/IPv4Address": "172.31.1.2/24" };

describe("debug pod spec", () => {
  const now = new Date("2026-11-26T10:00:00Z");
  const pod = buildDebugPod({
    mode: "node",
    node: "ip-10-0-1-5.ec2.internal",
    namespace: "underlay-system",
    name: "underlay-debug-x",
    image: {
      image: "registry.local/netshoot:v0.13",
      pullPolicy: "IfNotPresent",
      pullSecrets: ["registry-local"],
    },
    ttlSeconds: 900,
    creator: "alice",
    now,
    hostMounts: [CNI_CONF_DIR, ...cniRunDirs(flannelNode)],
  });

  it("pins a host-network pod to the node with NET_ADMIN/NET_RAW and a hard deadline", () => {
    expect(pod.spec).toMatchObject({
      nodeName: "ip-10-0-1-5.ec2.internal",
      hostNetwork: true,
      activeDeadlineSeconds: 900,
      restartPolicy: "Never",
      automountServiceAccountToken: false,
    });
    expect(pod.spec!.containers[0]).toMatchObject({
      image: "registry.local/netshoot:v0.13",
      imagePullPolicy: "IfNotPresent",
      command: ["sleep", "900"],
      securityContext: { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } },
    });
    expect(pod.spec!.imagePullSecrets).toEqual([{ name: "registry-local" }]);
    expect(pod.metadata!.labels!["app.kubernetes.io/managed-by"]).toBe("underlay");
    expect(pod.metadata!.annotations).toEqual({
      "underlay.dev/creator": "alice",
      "underlay.dev/expires-at": "2026-11-26T10:15:00.000Z",
    });
  });

  it("mounts the CNI directories the node's annotations point at, read-only", () => {
    expect(pod.spec!.volumes!.map((v) => v.hostPath!.path)).toEqual([
      "/etc/cni/net.d",
      "/run/flannel",
    ]);
    expect(pod.spec!.containers[0]!.volumeMounts!.map((m) => [m.mountPath, m.readOnly])).toEqual([
      ["/etc/cni/net.d", true],
      ["/run/flannel", true],
    ]);
    expect(cniRunDirs(calicoNode).map((d) => d.path)).toEqual(["/var/run/calico"]);
    expect(cniRunDirs({})).toEqual([]);
  });

  it("keeps a pod-network pod off the host: no host network, no host mounts", () => {
    const p = buildDebugPod({
      mode: "pod-network",
      node: "n1",
      namespace: "ns",
      name: "x",
      image: { image: "i", pullPolicy: "Never", pullSecrets: [] },
      ttlSeconds: 60,
      creator: "c",
      now,
      hostMounts: [CNI_CONF_DIR],
    });
    expect(p.spec!.hostNetwork).toBe(false);
    expect(p.spec!.imagePullSecrets).toBeUndefined();
    expect(p.spec!.containers[0]!.imagePullPolicy).toBe("Never");
    expect(p.spec!.volumes).toEqual([]);
  });

  it("names pods by node and fits the 63-character label limit", () => {
    expect(debugPodName("lab-node-1", "a1b2c3")).toBe("underlay-debug-lab-node-1-a1b2c3");
    expect(
      debugPodName("ip-10-0-1-5.ec2.internal.very-long-node-name-here", "a1b2c3").length,
    ).toBeLessThanOrEqual(63);
  });

  it("builds the ephemeral container kubectl debug --target would, with who added it until when", () => {
    const c = buildEphemeralContainer({
      name: "underlay-debug-1",
      image: { image: "nicolaka/netshoot:v0.13", pullPolicy: "IfNotPresent", pullSecrets: ["x"] },
      target: "app",
      ttlSeconds: 300,
      creator: "carol",
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(c).toMatchObject({
      targetContainerName: "app",
      command: ["sleep", "300"],
      imagePullPolicy: "IfNotPresent",
    });
    expect(ledgerOf(c)).toEqual({ creator: "carol", expiresAt: "2026-12-01T10:05:00.000Z" });
    expect(ledgerOf({ name: "someone-elses" })).toBeNull();
  });
});

describe("launch request validation", () => {
  const bad = (body: unknown) => {
    const r = launchRequest.safeParse(body);
    if (r.success) throw new Error("accepted");
    return zodMessage(r.error, "body");
  };
  it("names the field in words", () => {
    expect(bad({ mode: "node", node: "lab-node-1; rm -rf /" })).toMatch(
      /^node: must be a Kubernetes name/,
    );
    expect(bad({ mode: "attach", target: { namespace: "$(id)", pod: "p" } })).toMatch(
      /^target\.namespace: must be a DNS label/,
    );
    expect(bad({ mode: "shell", node: "x" })).toMatch(
      /^mode must be one of: node, pod-network, attach\./,
    );
    expect(bad({ mode: "node", node: "n", ttlSeconds: "1h" })).toBe("ttlSeconds must be a number.");
  });
});
