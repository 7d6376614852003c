/**
 * KWOK stages for the lab's pods. A pod on a network lab node stays Pending (ContainerCreating)
 * until the lab's wirer has made its network namespace and exec rule, given it its address and
 * annotated it as wired: the dashboard can never exec into a pod whose namespace is not there.
 */
export const WIRED = "lab.underlay.dev/wired";
/** Pods whose image starts with this never pull: the lab's stand-in for a registry that fails. */
export const UNPULLABLE_PREFIX = "lab.invalid/";

const unpullable = `'[.spec.containers[].image | startswith("${UNPULLABLE_PREFIX}")] | any'`;

type Match = { key: string; op: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] };

function podStage(name: string, match: Match[], next: string, extra = ""): string {
  const all: Match[] = [{ key: "'.metadata.deletionTimestamp'", op: "DoesNotExist" }, ...match];
  const expressions = all
    .map(
      (m) =>
        `    - key: ${m.key}\n      operator: '${m.op}'${m.values ? `\n      values: [${m.values.map((v) => `'${v}'`).join(", ")}]` : ""}`,
    )
    .join("\n");
  const body = next
    .trim()
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
  return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:
${expressions}${extra}
  next:
    statusTemplate: |
      {{ $now := Now }}
${body}
`;
}

const conditions = (...c: [type: string, status: "True" | "False"][]) =>
  [
    "conditions:",
    ...c.map(
      ([type, status]) =>
        `- lastTransitionTime: {{ $now | Quote }}\n  status: "${status}"\n  type: ${type}`,
    ),
  ].join("\n");

/** One status per container of `list` (containers or ephemeralContainers) in the given state. */
const statuses = (field: string, list: string, ready: boolean, state: string) => `${field}:
{{ range .spec.${list} }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: ${ready}
  restartCount: 0
  state:
${state
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
{{ end }}`;

const ipList = (field: string, fn: string) => `{{ with ${fn} }}
${field}: {{ index . 0 | Quote }}
${field}s:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}`;
const hostIps = ipList("hostIP", "NodeIPsWith .spec.nodeName");
const podIps = ipList(
  "podIP",
  'PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" )',
);

const pending: Match = { key: "'.status.phase'", op: "In", values: ["Pending"] };

const imagePullFailed = podStage(
  "lab-pod-image-pull-failed",
  [
    pending,
    { key: unpullable, op: "In", values: ["true"] },
    {
      key: "'.status.containerStatuses.[].state.waiting.reason'",
      op: "NotIn",
      values: ["ImagePullBackOff"],
    },
  ],
  [
    conditions(["PodScheduled", "True"]),
    statuses(
      "containerStatuses",
      "containers",
      false,
      'waiting:\n  reason: ImagePullBackOff\n  message: {{ printf "Back-off pulling image %q" .image | Quote }}',
    ),
    "phase: Pending",
  ].join("\n"),
  `
  weight: 100
  next:
    event:
      type: Warning
      reason: Failed
      message: 'Failed to pull image: rpc error: code = NotFound desc = failed to resolve reference: ${UNPULLABLE_PREFIX}: not found'`,
).replace(/\n {2}next:\n {4}statusTemplate/, "\n    statusTemplate"); // one `next:` holding both event and status

/**
 * Schedules the pod onto its node (hostIP) and keeps it in ContainerCreating. Its pod IP comes
 * from the lab's CNI (the wirer), as it comes from a real CNI's IPAM: host-local hands out .2
 * onwards, .1 being the node's bridge.
 */
const podAddress = podStage(
  "lab-pod-address",
  [
    pending,
    { key: "'.status.hostIP'", op: "DoesNotExist" },
    { key: unpullable, op: "In", values: ["false"] },
  ],
  [
    conditions(["PodScheduled", "True"], ["Ready", "False"]),
    statuses("containerStatuses", "containers", false, "waiting:\n  reason: ContainerCreating"),
    "phase: Pending",
    "startTime: {{ $now | Quote }}",
    hostIps,
  ].join("\n"),
);

function podReady(gated: boolean) {
  const gate: Match[] = gated
    ? [{ key: `'.metadata.annotations["${WIRED}"]'`, op: "In", values: ["true"] }]
    : [];
  return podStage(
    "lab-pod-ready",
    [
      pending,
      {
        key: `'.status.conditions.[] | select( .type == "Ready" ) | .status'`,
        op: "NotIn",
        values: ["True"],
      },
      { key: unpullable, op: "In", values: ["false"] },
      ...gate,
    ],
    [
      conditions(
        ["PodScheduled", "True"],
        ["Initialized", "True"],
        ["Ready", "True"],
        ["ContainersReady", "True"],
      ),
      statuses(
        "containerStatuses",
        "containers",
        true,
        "running:\n  startedAt: {{ $now | Quote }}",
      ),
      "phase: Running",
      "startTime: {{ $now | Quote }}",
      ...(gated ? [] : [hostIps, podIps]),
    ].join("\n"),
  );
}

/** Ephemeral debug containers (kubectl debug) start running in the target pod. */
const podEphemeral = podStage(
  "lab-pod-ephemeral-running",
  [
    { key: "'.status.phase'", op: "In", values: ["Running"] },
    {
      key: "'(.spec.ephemeralContainers // [] | length) > (.status.ephemeralContainerStatuses // [] | length)'",
      op: "In",
      values: ["true"],
    },
  ],
  statuses(
    "ephemeralContainerStatuses",
    "ephemeralContainers",
    false,
    "running:\n  startedAt: {{ $now | Quote }}",
  ),
);

/** Our pod stages; KWOK's own node stages and pod-complete/pod-delete are added from its module. */
export function labPodStages(gated: boolean): string[] {
  return gated
    ? [imagePullFailed, podAddress, podReady(true), podEphemeral]
    : [imagePullFailed, podReady(false), podEphemeral];
}
