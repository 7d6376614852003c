import os from "node:os";
import path from "node:path";

/** Built binaries and Go caches (kept across clones and CI runs), and the running lab's state. */
export const CACHE =
  process.env.UNDERLAY_LAB_CACHE || path.join(os.homedir(), ".cache", "underlay-lab");
export const RUN = path.join(CACHE, "run");
export const CLUSTER_NAME = "underlay-lab";
export const CONTEXT = `kwok-${CLUSTER_NAME}`;

export const paths = {
  kwokWorkdir: path.join(RUN, "kwok"),
  kubeconfig: path.join(RUN, "kubeconfig.yaml"),
  config: path.join(RUN, "kwokctl.yaml"),
  shims: path.join(RUN, "shims"),
  roots: path.join(RUN, "roots"),
  state: path.join(RUN, "state.json"),
  wirerLog: path.join(RUN, "wirer.log"),
  wirerPid: path.join(RUN, "wirer.pid"),
  /** kwokctl's CA and the component certificates it made (a real node's are signed with its CA). */
  pki: path.join(RUN, "kwok", "clusters", CLUSTER_NAME, "pki"),
};

/**
 * Host paths a lab node exposes to host-network pods (hostPath mounts at the same path), and a
 * real node binds its own directory over (/var/lib/cni: the CNI's IPAM state). `up` creates the
 * missing ones and `down` removes what it created.
 */
export const NODE_HOST_PATHS = [
  "/etc/cni/net.d",
  "/run/flannel",
  "/var/run/calico",
  "/var/lib/cni",
];
