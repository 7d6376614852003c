/** What a person should do about each error code the API can answer with. */
export const guidance: Record<string, { title: string; steps: string[] }> = {
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
