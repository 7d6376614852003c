import type { V1EphemeralContainer, V1Pod, V1Volume, V1VolumeMount } from "@kubernetes/client-node";
import type { DebugMode } from "@/lib/schemas/debug";

export const MANAGED_BY = "app.kubernetes.io/managed-by";
export const MANAGER = "underlay";
export const ANNOTATION = {
  creator: "underlay.dev/creator",
  expiresAt: "underlay.dev/expires-at",
  mode: "underlay.dev/mode",
} as const;
export const DEBUG_CONTAINER = "debug";

/** Host directories a node debug pod reads, mounted read-only at their own path. */
export type HostMount = { name: string; path: string };
export const CNI_CONF_DIR: HostMount = { name: "cni-net-d", path: "/etc/cni/net.d" };

/** The CNI run directories a node's annotations say are there. */
export function cniRunDirs(nodeAnnotations: Record<string, string> = {}): HostMount[] {
  const keys = Object.keys(nodeAnnotations);
  const dirs: HostMount[] = [];
  if (keys.some((k) => k.startsWith("flannel.alpha.coreos.com/")))
    dirs.push({ name: "run-flannel", path: "/run/flannel" });
  if (keys.some((k) => k.startsWith("projectcalico.org/")))
    dirs.push({ name: "run-calico", path: "/var/run/calico" });
  if (keys.some((k) => k.startsWith("io.cilium") || k.startsWith("network.cilium.io/")))
    dirs.push({ name: "run-cilium", path: "/var/run/cilium" });
  return dirs;
}

const capabilities = { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } };

/** `lab-node-1` -> a pod name that says where it runs and is unique. */
export function debugPodName(node: string, suffix: string): string {
  const base = node
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `underlay-debug-${base}-${suffix}`;
}

/**
 * The debug image and how the kubelet gets it. `IfNotPresent` by default: with `Always` (what a
 * kubelet assumes for an untagged or `:latest` image) every launch pulls, a 100-node mesh meets the
 * registry's rate limit and an air-gapped node fails even with the image cached.
 */
export type DebugImage = {
  image: string;
  pullPolicy: "IfNotPresent" | "Always" | "Never";
  /** Secrets in the debug namespace for a private registry (a pod's, not an ephemeral container's). */
  pullSecrets: string[];
};

export type DebugPodInput = {
  mode: Exclude<DebugMode, "attach">;
  node: string;
  namespace: string;
  name: string;
  image: DebugImage;
  ttlSeconds: number;
  creator: string;
  now: Date;
  hostMounts: HostMount[];
};

/**
 * A netshoot-style debug pod pinned to a node. activeDeadlineSeconds is the hard TTL the kubelet
 * enforces even if Underlay dies; the container also sleeps no longer than that.
 */
export function buildDebugPod(i: DebugPodInput): V1Pod {
  const hostNetwork = i.mode === "node";
  const volumes: V1Volume[] = hostNetwork
    ? i.hostMounts.map((m) => ({ name: m.name, hostPath: { path: m.path, type: "Directory" } }))
    : [];
  const volumeMounts: V1VolumeMount[] = hostNetwork
    ? i.hostMounts.map((m) => ({ name: m.name, mountPath: m.path, readOnly: true }))
    : [];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: i.name,
      namespace: i.namespace,
      labels: {
        [MANAGED_BY]: MANAGER,
        "app.kubernetes.io/name": "underlay-debug",
        [ANNOTATION.mode]: i.mode,
      },
      annotations: {
        [ANNOTATION.creator]: i.creator,
        [ANNOTATION.expiresAt]: new Date(i.now.getTime() + i.ttlSeconds * 1000).toISOString(),
      },
    },
    spec: {
      nodeName: i.node,
      hostNetwork,
      dnsPolicy: hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst",
      restartPolicy: "Never",
      activeDeadlineSeconds: i.ttlSeconds,
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      tolerations: [{ operator: "Exists" }],
      ...(i.image.pullSecrets.length
        ? { imagePullSecrets: i.image.pullSecrets.map((name) => ({ name })) }
        : {}),
      containers: [
        {
          name: DEBUG_CONTAINER,
          image: i.image.image,
          imagePullPolicy: i.image.pullPolicy,
          command: ["sleep", String(i.ttlSeconds)],
          securityContext: capabilities,
          volumeMounts,
          resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "256Mi" } },
        },
      ],
      volumes,
    },
  };
}

/**
 * Who added an ephemeral container and until when, kept in its own environment: the pod spec then
 * says it, and Underlay needs no `patch` on pods to write an annotation beside it.
 */
export const LEDGER_ENV = {
  creator: "UNDERLAY_CREATOR",
  expiresAt: "UNDERLAY_EXPIRES_AT",
} as const;

export function ledgerOf(c: V1EphemeralContainer): { creator: string; expiresAt: string } | null {
  const get = (name: string) => c.env?.find((e) => e.name === name)?.value;
  const creator = get(LEDGER_ENV.creator);
  const expiresAt = get(LEDGER_ENV.expiresAt);
  return creator !== undefined && expiresAt ? { creator, expiresAt } : null;
}

/**
 * The ephemeral container `kubectl debug POD --image=… --target=…` would add. It pulls with the
 * target pod's imagePullSecrets: an ephemeral container cannot name its own.
 */
export function buildEphemeralContainer(i: {
  name: string;
  image: DebugImage;
  target: string;
  ttlSeconds: number;
  creator: string;
  now: Date;
}): V1EphemeralContainer {
  const { name, image, target, ttlSeconds } = i;
  return {
    name,
    image: image.image,
    imagePullPolicy: image.pullPolicy,
    targetContainerName: target,
    env: [
      { name: LEDGER_ENV.creator, value: i.creator },
      {
        name: LEDGER_ENV.expiresAt,
        value: new Date(i.now.getTime() + ttlSeconds * 1000).toISOString(),
      },
    ],
    command: ["sleep", String(ttlSeconds)],
    securityContext: capabilities,
    stdin: false,
    tty: false,
  };
}
