/**
 * KWOK stages for the lab's pods. A pod on a network lab node stays Pending (ContainerCreating)
 * until the lab's wirer has made its network namespace and exec rule and annotated it as wired:
 * the dashboard can never exec into a pod whose namespace does not exist yet.
 */
export const WIRED = "lab.underlay.dev/wired";
/** Pods whose image starts with this never pull: the lab's stand-in for a registry that fails. */
export const UNPULLABLE_PREFIX = "lab.invalid/";

const notDeleting = `
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'`;

const hostIps = `
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}`;

const ips = `
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      {{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      {{ with $podIPs }}
      podIP: {{ index . 0 | Quote }}
      podIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}`;

const imagePullFailed = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: lab-pod-image-pull-failed
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']
    - key: '[.spec.containers[].image | startswith("${UNPULLABLE_PREFIX}")] | any'
      operator: 'In'
      values: ['true']
    - key: '.status.containerStatuses.[].state.waiting.reason'
      operator: 'NotIn'
      values: ['ImagePullBackOff']
  weight: 100
  next:
    event:
      type: Warning
      reason: Failed
      message: 'Failed to pull image: rpc error: code = NotFound desc = failed to resolve reference: ${UNPULLABLE_PREFIX}: not found'
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: PodScheduled
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        state:
          waiting:
            reason: ImagePullBackOff
            message: {{ printf "Back-off pulling image %q" .image | Quote }}
      {{ end }}
      phase: Pending
`;

/**
 * Schedules the pod onto its node (hostIP) and keeps it in ContainerCreating. Its pod IP comes
 * from the lab's CNI (the wirer), as it comes from a real CNI's IPAM: host-local hands out .2
 * onwards, .1 being the node's bridge.
 */
const podAddress = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: lab-pod-address
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']
    - key: '.status.hostIP'
      operator: 'DoesNotExist'
    - key: '[.spec.containers[].image | startswith("${UNPULLABLE_PREFIX}")] | any'
      operator: 'In'
      values: ['false']
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: PodScheduled
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        reason: ContainersNotReady
        type: Ready
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        state:
          waiting:
            reason: ContainerCreating
      {{ end }}
      phase: Pending
      startTime: {{ $now | Quote }}${hostIps}
`;

function podReady(gated: boolean) {
  const gate = gated
    ? `
    - key: '.metadata.annotations["${WIRED}"]'
      operator: 'In'
      values: ['true']`
    : "";
  return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: lab-pod-ready
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values: ['True']
    - key: '[.spec.containers[].image | startswith("${UNPULLABLE_PREFIX}")] | any'
      operator: 'In'
      values: ['false']${gate}
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: PodScheduled
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: ContainersReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: true
        restartCount: 0
        started: true
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}${gated ? "" : ips}
`;
}

/** Ephemeral debug containers (kubectl debug) start running in the target pod. */
const podEphemeral = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: lab-pod-ephemeral-running
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:${notDeleting}
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
    - key: '(.spec.ephemeralContainers // [] | length) > (.status.ephemeralContainerStatuses // [] | length)'
      operator: 'In'
      values: ['true']
  next:
    statusTemplate: |
      {{ $now := Now }}
      ephemeralContainerStatuses:
      {{ range .spec.ephemeralContainers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
`;

/** Our pod stages; KWOK's own node stages and pod-complete/pod-delete are added from its module. */
export function labPodStages(gated: boolean): string[] {
  return gated ? [imagePullFailed, podAddress, podReady(true), podEphemeral] : [imagePullFailed, podReady(false), podEphemeral];
}
