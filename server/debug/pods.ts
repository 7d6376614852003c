import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type CoreV1Event,
  type V1Node,
  type V1Pod,
} from "@kubernetes/client-node";
import { ApiError } from "@/lib/api-error";
import type { Role } from "@/lib/auth/roles";
import { attachRefusal } from "@/lib/debug/attach-policy";
import {
  ANNOTATION,
  buildDebugPod,
  buildEphemeralContainer,
  type DebugImage,
  CNI_CONF_DIR,
  cniRunDirs,
  DEBUG_CONTAINER,
  debugPodName,
  ledgerOf,
  MANAGED_BY,
  MANAGER,
} from "@/lib/debug/pod-spec";
import { env } from "@/lib/env";
import type { DebugPod, DebugPodPhase, LaunchRequest } from "@/lib/schemas/debug";
import { api, serverOf } from "@/server/kube/client";
import { kubeError, tolerate } from "@/server/kube/errors";

const selector = `${MANAGED_BY}=${MANAGER}`;

async function kube<T>(
  context: string | undefined,
  fn: (core: CoreV1Api) => Promise<T>,
): Promise<T> {
  try {
    return await fn(api(CoreV1Api, context));
  } catch (e) {
    throw kubeError(e, serverOf(context)) ?? e;
  }
}

const PSA = "pod-security.kubernetes.io/enforce";

/** The debug namespace, created with the Pod Security level privileged pods need. */
export async function ensureNamespace(context?: string): Promise<void> {
  const name = env().UNDERLAY_DEBUG_NAMESPACE;
  await kube(context, async (core) => {
    const ns = await tolerate(core.readNamespace({ name }), null);
    if (!ns) {
      await core.createNamespace({
        body: { metadata: { name, labels: { [PSA]: "privileged", [MANAGED_BY]: MANAGER } } },
      });
      return;
    }
    const level = ns.metadata?.labels?.[PSA];
    if (level && level !== "privileged") {
      throw new ApiError(
        "pod_security",
        `Namespace ${name} enforces Pod Security "${level}", which forbids host-network pods with NET_ADMIN. Label it ${PSA}=privileged, or set UNDERLAY_DEBUG_NAMESPACE to a namespace that is.`,
      );
    }
  });
}

function ttl(requested?: number): number {
  const cap = env().UNDERLAY_DEBUG_TTL_SECONDS;
  if (requested === undefined) return cap;
  if (requested < 60 || requested > cap)
    throw new ApiError("bad_request", `ttlSeconds: must be between 60 and ${cap} seconds.`);
  return requested;
}

/** Where Underlay itself runs: UNDERLAY_NAMESPACE, else the in-cluster service account's namespace. */
function ownNamespace(): string | null {
  const set = env().UNDERLAY_NAMESPACE;
  if (set) return set;
  try {
    return fs.readFileSync(SA_NAMESPACE, "utf8").trim() || null;
  } catch {
    return null;
  }
}
const SA_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

export async function launch(
  req: LaunchRequest,
  creator: string,
  opts: { role?: Role; now?: Date } = {},
): Promise<DebugPod> {
  const now = opts.now ?? new Date();
  const seconds = ttl(req.ttlSeconds);
  const image: DebugImage = {
    image: env().UNDERLAY_DEBUG_IMAGE,
    pullPolicy: env().UNDERLAY_DEBUG_PULL_POLICY,
    pullSecrets: env().UNDERLAY_DEBUG_PULL_SECRETS,
  };
  const suffix = crypto.randomBytes(3).toString("hex");
  if (req.mode === "attach") {
    const { namespace, pod: podName } = req.target;
    const refusal = attachRefusal(namespace, opts.role ?? "operator", {
      ownNamespace: ownNamespace(),
      debugNamespace: env().UNDERLAY_DEBUG_NAMESPACE,
      allowed: env().UNDERLAY_ATTACH_NAMESPACES,
    });
    if (refusal) throw new ApiError("attach_refused", refusal);
    const pod = await kube(req.context, (core) =>
      core.readNamespacedPod({ namespace, name: podName }),
    );
    if (pod.status?.phase !== "Running")
      throw new ApiError(
        "not_running",
        `Pod ${namespace}/${podName} is ${pod.status?.phase ?? "not running"}: an ephemeral container can only join a running pod.`,
      );
    const target = req.target.container ?? pod.spec?.containers[0]?.name;
    if (!target || !pod.spec?.containers.some((c) => c.name === target))
      throw new ApiError(
        "not_found",
        `Pod ${namespace}/${podName} has no container named ${target}.`,
      );
    const name = `underlay-debug-${suffix}`;
    const container = buildEphemeralContainer({
      name,
      image,
      target,
      ttlSeconds: seconds,
      creator,
      now,
    });
    const updated = await kube(req.context, (core) =>
      core.patchNamespacedPodEphemeralcontainers(
        { namespace, name: podName, body: { spec: { ephemeralContainers: [container] } } },
        setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
      ),
    );
    return toDebugPods(updated, [], now).find((d) => d.container === name)!;
  }
  const node = await kube(req.context, (core) => core.readNode({ name: req.node }));
  await ensureNamespace(req.context);
  const body = buildDebugPod({
    mode: req.mode,
    node: req.node,
    namespace: env().UNDERLAY_DEBUG_NAMESPACE,
    name: debugPodName(req.node, suffix),
    image,
    ttlSeconds: seconds,
    creator,
    now,
    hostMounts: [CNI_CONF_DIR, ...cniRunDirs(node.metadata?.annotations)],
  });
  const created = await kube(req.context, (core) =>
    core.createNamespacedPod({ namespace: body.metadata!.namespace!, body }),
  );
  return toDebugPods(created, [], now, [node])[0]!;
}

/** Why a pod is not running, in words: the waiting reason with its event, Unschedulable, node NotReady. */
function reasonOf(
  pod: V1Pod,
  events: CoreV1Event[],
  nodes: V1Node[],
  container: string,
): string | null {
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((c) => c.name === container);
  const waiting = status?.state?.waiting;
  const warnings = events.filter((e) => e.type === "Warning");
  if (waiting?.reason && waiting.reason !== "ContainerCreating") {
    // The kubelet's "Failed to pull image …" event says why; its later "Error: ImagePullBackOff"
    // and "Back-off pulling image" ones only repeat the reason.
    const pull = warnings.filter((e) => e.message?.startsWith("Failed to pull image")).at(-1);
    const detail = pull?.message ?? waiting.message ?? warnings.at(-1)?.message ?? "no detail";
    return `${waiting.reason}: ${detail}`;
  }
  // No sandbox yet: the node's CNI (or runtime) could not set the pod up, and says why.
  const sandbox = warnings.filter((e) => e.reason === "FailedCreatePodSandBox").at(-1);
  if (!pod.status?.containerStatuses?.some((c) => c.state?.running) && sandbox)
    return `FailedCreatePodSandBox: ${sandbox.message ?? "no detail"}`;
  const terminated = status?.state?.terminated;
  if (terminated) return `${terminated.reason ?? "Terminated"} (exit ${terminated.exitCode})`;
  const sched = pod.status?.conditions?.find(
    (c) => c.type === "PodScheduled" && c.status === "False",
  );
  if (sched) return `${sched.reason ?? "Unschedulable"}: ${sched.message ?? ""}`.trim();
  const node = nodes.find((n) => n.metadata?.name === pod.spec?.nodeName);
  const ready = node?.status?.conditions?.find((c) => c.type === "Ready");
  if (node && ready?.status !== "True")
    return `Node ${node.metadata?.name} is NotReady${ready?.message ? `: ${ready.message}` : ""}`;
  if (pod.status?.reason)
    return `${pod.status.reason}${pod.status.message ? `: ${pod.status.message}` : ""}`;
  return null;
}

function toDebugPods(
  pod: V1Pod,
  events: CoreV1Event[],
  now: Date,
  nodes: V1Node[] = [],
): DebugPod[] {
  const m = pod.metadata!;
  const base = {
    namespace: m.namespace!,
    pod: m.name!,
    node: pod.spec?.nodeName ?? "",
    podIP: pod.status?.podIP ?? null,
  };
  const phase: DebugPodPhase = m.deletionTimestamp
    ? "Terminating"
    : ((pod.status?.phase as DebugPodPhase) ?? "Unknown");
  if (m.labels?.[MANAGED_BY] === MANAGER) {
    const running = pod.status?.containerStatuses?.find((c) => c.name === DEBUG_CONTAINER)?.state
      ?.running;
    return [
      {
        ...base,
        id: `${m.namespace}/${m.name}/${DEBUG_CONTAINER}`,
        container: DEBUG_CONTAINER,
        mode: m.labels[ANNOTATION.mode] === "pod-network" ? "pod-network" : "node",
        image: pod.spec?.containers[0]?.image ?? "",
        phase,
        ready: phase === "Running" && !!running,
        reason: phase === "Running" ? null : reasonOf(pod, events, nodes, DEBUG_CONTAINER),
        creator: m.annotations?.[ANNOTATION.creator] ?? "unknown",
        createdAt: (m.creationTimestamp ?? now).toISOString(),
        expiresAt: m.annotations?.[ANNOTATION.expiresAt] ?? "",
      },
    ];
  }
  return (pod.spec?.ephemeralContainers ?? []).flatMap((c) => {
    const ledger = ledgerOf(c);
    if (!ledger) return [];
    const st = pod.status?.ephemeralContainerStatuses?.find((s) => s.name === c.name);
    const expired = new Date(ledger.expiresAt) <= now;
    return [
      {
        ...base,
        id: `${m.namespace}/${m.name}/${c.name}`,
        container: c.name,
        mode: "attach" as const,
        image: c.image ?? "",
        phase: (st?.state?.running && !expired
          ? "Running"
          : st?.state?.terminated || expired
            ? "Succeeded"
            : "Pending") as DebugPodPhase,
        ready: !!st?.state?.running && !expired,
        reason: st?.state?.running ? null : reasonOf(pod, events, nodes, c.name),
        creator: ledger.creator,
        createdAt: (m.creationTimestamp ?? now).toISOString(),
        expiresAt: ledger.expiresAt,
      },
    ];
  });
}

/** Debug pods in the debug namespace, with the reason for any that is not running. */
export async function listDebugPods(context?: string, now = new Date()): Promise<DebugPod[]> {
  const namespace = env().UNDERLAY_DEBUG_NAMESPACE;
  return kube(context, async (core) => {
    const pods = await tolerate(core.listNamespacedPod({ namespace, labelSelector: selector }), {
      items: [] as V1Pod[],
    });
    const troubled = pods.items.filter((p) => p.status?.phase !== "Running");
    const events = troubled.length ? (await core.listNamespacedEvent({ namespace })).items : [];
    const nodes = troubled.length ? (await core.listNode()).items : [];
    return pods.items
      .flatMap((p) =>
        toDebugPods(
          p,
          events.filter((e) => e.involvedObject.uid === p.metadata?.uid),
          now,
          nodes,
        ),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
}

export async function getDebugPod(
  ref: { namespace: string; pod: string; container: string },
  context?: string,
  now = new Date(),
  /** False: skip the events (a poller reads them on some rounds only, not one list per pod a second). */
  withEvents = true,
): Promise<DebugPod> {
  return kube(context, async (core) => {
    const pod = await core.readNamespacedPod({ namespace: ref.namespace, name: ref.pod });
    // Not running after a few seconds: the kubelet's events say why (pull, CNI, sandbox).
    const age = now.getTime() - (pod.metadata?.creationTimestamp?.getTime() ?? now.getTime());
    const events =
      withEvents && pod.status?.phase !== "Running" && age > 5000
        ? (
            await core
              .listNamespacedEvent({
                namespace: ref.namespace,
                fieldSelector: `involvedObject.uid=${pod.metadata?.uid}`,
              })
              // Events are the explanation, not the answer: without them the reason is shorter.
              .catch(() => ({ items: [] as CoreV1Event[] }))
          ).items
        : [];
    const found = toDebugPods(pod, events, now).find((d) => d.container === ref.container);
    if (!found)
      throw new ApiError(
        "not_found",
        `There is no Underlay debug container ${ref.container} in pod ${ref.namespace}/${ref.pod}.`,
      );
    return found;
  });
}

/** Deletes a debug pod. An ephemeral container cannot be removed; it ends at its deadline. */
export async function deleteDebugPod(
  ref: { namespace: string; pod: string; container: string },
  context?: string,
): Promise<void> {
  const d = await getDebugPod(ref, context);
  if (d.mode === "attach")
    throw new ApiError(
      "cannot_delete",
      `Ephemeral container ${d.container} cannot be removed from pod ${d.namespace}/${d.pod} (Kubernetes does not allow it); it stops itself at ${d.expiresAt}.`,
    );
  await kube(context, (core) =>
    core.deleteNamespacedPod({ namespace: d.namespace, name: d.pod, gracePeriodSeconds: 0 }),
  );
}

/** Deletes debug pods past their deadline or finished. Returns the names deleted. */
export async function reap(context?: string, now = new Date()): Promise<string[]> {
  const namespace = env().UNDERLAY_DEBUG_NAMESPACE;
  return kube(context, async (core) => {
    const pods = await tolerate(core.listNamespacedPod({ namespace, labelSelector: selector }), {
      items: [] as V1Pod[],
    });
    const expired = pods.items.filter((p) => {
      if (p.metadata?.deletionTimestamp) return false;
      const at = Date.parse(p.metadata?.annotations?.[ANNOTATION.expiresAt] ?? "");
      return (
        (Number.isFinite(at) && at <= now.getTime()) ||
        p.status?.phase === "Succeeded" ||
        p.status?.phase === "Failed"
      );
    });
    for (const p of expired)
      await tolerate(
        core.deleteNamespacedPod({ namespace, name: p.metadata!.name!, gracePeriodSeconds: 0 }),
        undefined,
      );
    return expired.map((p) => p.metadata!.name!);
  });
}
