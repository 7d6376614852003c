import type { ErrorCode } from "./api-error";

/** What a person should do about each error code the API can answer with. */
export const guidance: Record<ErrorCode, { title: string; steps: string[] }> = {
  no_auth: {
    title: "No way to sign in is configured",
    steps: [
      "An Underlay admin sets UNDERLAY_AUTH (tokens or a login proxy); see the README's Deploying section.",
    ],
  },
  proxy_auth: {
    title: "The login proxy's headers are missing",
    steps: ["Open Underlay through the login proxy it is configured behind, not directly."],
  },
  attach_refused: {
    title: "Not allowed to attach to that pod",
    steps: [
      "Underlay never attaches to its own pods or another user's debug pods; pick the pod you are debugging.",
    ],
  },
  context_not_allowed: {
    title: "That cluster is not open to Underlay",
    steps: ["Pick one of the contexts listed above; an admin opens more with UNDERLAY_CONTEXTS."],
  },
  not_found: {
    title: "Not found",
    steps: ["It may have been deleted, or the link is mistyped: go back and pick it again."],
  },
  cannot_delete: {
    title: "This cannot be deleted",
    steps: ["An ephemeral container cannot be removed: it stops by itself at its deadline."],
  },
  conflict: {
    title: "It changed meanwhile",
    steps: ["Reload the page to see its current state, then try again."],
  },
  empty_report: {
    title: "Nothing to put in the report yet",
    steps: ["Run a diagnosis, a mesh or a diagnostic first, then create the report."],
  },
  job_running: {
    title: "Already running",
    steps: ["Follow the run named above, or cancel it, before starting another."],
  },
  not_running: {
    title: "The debug pod is not running",
    steps: ["Wait until it is Running (its row says why it is not), or launch another."],
  },
  pod_security: {
    title: "Pod Security admission refused the debug pod",
    steps: [
      "Label the namespace pod-security.kubernetes.io/enforce=privileged, or debug elsewhere.",
    ],
  },
  unknown_host: {
    title: "Opened under an address Underlay does not serve",
    steps: ["Open Underlay at its own address (an admin lists others in UNDERLAY_ALLOWED_HOSTS)."],
  },
  pod_quota: {
    title: "Too many debug pods of yours at once",
    steps: ["Delete the debug pods you no longer need, then launch again."],
  },
  too_many_attempts: {
    title: "Too many attempts",
    steps: ["Wait the time named above, then try again."],
  },
  internal: {
    title: "The Underlay server failed",
    steps: ["Nothing was changed. Try again; if it fails again, the server's log says why."],
  },
  exec_failed: {
    title: "The command could not be started in the pod",
    steps: [
      "Check that the debug pod is Running and that the node's kubelet answers, then try again.",
    ],
  },
  iperf3_failed: {
    title: "iperf3 could not measure",
    steps: ["The reason is above: often a port the network blocks between the two nodes."],
  },
  kube_error: {
    title: "The Kubernetes API server refused",
    steps: ["Its reason is above; check the cluster's health (`kubectl get --raw /readyz`)."],
  },
  throttled: {
    title: "The Kubernetes API server is busy",
    steps: ["It asked to slow down (429): wait a moment and try again."],
  },
  timeout: {
    title: "It took too long",
    steps: ["Nothing answered in time: check the node or pod named above, then try again."],
  },
  bad_request: {
    title: "Not sent: a field needs a change",
    steps: ["Correct the field named above and send again; nothing was changed."],
  },
  invalid: {
    title: "Not accepted: a value is not valid here",
    steps: ["Correct the value named above and send again; nothing was changed."],
  },
  too_large: {
    title: "Too large to send",
    steps: ["Send less at once: the part that shows the problem is enough."],
  },
  unreadable_input: {
    title: "The text could not be read",
    steps: ["Paste what a node prints or what the CNI is configured with, as the hint says."],
  },
  unauthenticated: {
    title: "Not signed in",
    steps: [
      "Paste the token an Underlay admin gave you (UNDERLAY_TOKEN, UNDERLAY_OPERATOR_TOKEN or UNDERLAY_VIEWER_TOKEN), or open Underlay through your login proxy.",
    ],
  },
  role: {
    title: "Your role cannot do this",
    steps: [
      "Ask an Underlay admin for the role named above: a token of that role, or a group mapped to it in UNDERLAY_ROLE_MAP.",
    ],
  },
  no_role: {
    title: "No role for your groups",
    steps: ["Ask an Underlay admin to map one of your groups to a role in UNDERLAY_ROLE_MAP."],
  },
  cross_site: {
    title: "Refused: not from Underlay's own page",
    steps: ["Open Underlay at its own address and try again from there."],
  },
  no_kubeconfig: {
    title: "No kubeconfig found",
    steps: [
      "Underlay reads the current kubeconfig context, as kubectl does: the KUBECONFIG variable, else ~/.kube/config, else the in-cluster service account.",
      "Start Underlay with KUBECONFIG=/path/to/kubeconfig, or copy a kubeconfig to ~/.kube/config, then reload this page.",
      "No cluster at hand? On Linux, as root, `npm run demo` brings up a lab cluster and serves Underlay on it (Ctrl-C takes both down); `npm run demo -- healthy` picks another scenario.",
    ],
  },
  invalid_kubeconfig: {
    title: "The kubeconfig cannot be read",
    steps: ["Check the file with `kubectl config view`; fix or replace it, then reload this page."],
  },
  cluster_unreachable: {
    title: "The cluster cannot be reached",
    steps: [
      "The API server address in the kubeconfig did not answer from this machine.",
      "Check that the cluster is running and that this machine can reach it (VPN, firewall, proxy): `kubectl get --raw /version`.",
      "Or pick another context above.",
    ],
  },
  credentials_rejected: {
    title: "The cluster rejected the credentials",
    steps: [
      "The API server answered 401 Unauthorized: the token or client certificate in the kubeconfig is expired, revoked or wrong.",
      "Log in again (refresh the cloud provider's token), then check with `kubectl auth whoami`.",
    ],
  },
  tls_error: {
    title: "The cluster's certificate is not trusted",
    steps: [
      "The kubeconfig's certificate-authority does not match the API server's certificate. Fetch the right CA for this cluster.",
    ],
  },
  forbidden: {
    title: "Permission missing",
    steps: [
      "Underlay's identity lacks a Kubernetes permission (named above). Apply the ClusterRole shipped in deploy/ or ask a cluster admin.",
    ],
  },
  unknown_context: {
    title: "Unknown context",
    steps: ["The selected context is not in the kubeconfig. Pick one from the list."],
  },
};
