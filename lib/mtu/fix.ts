import type { Cni } from "@/lib/parsers/cni-types";
import { versionAtLeast, type CniDeployment } from "./deployment";

export type Fix = {
  summary: string;
  /** Each a shell command to run as it is (isCommand), or a sentence that may quote code in backticks. */
  steps: string[];
  /** What was checked against this cluster before the fix was shown, or why it could not be. */
  checked?: string;
};

/** A step that is a command line to run as it stands, not a sentence about what to change. */
export const isCommand = (step: string) => /^(?:kubectl|helm|ip|sudo|calicoctl) /.test(step);

/** flannel reads Backend.MTU from this release on (flannel-io/flannel#1736, March 2023). */
export const FLANNEL_BACKEND_MTU_SINCE = "v0.21.3";

/**
 * The exact change that fixes an overlay MTU for a CNI: where the MTU is set, the value, and what
 * must be restarted. Sources: flannel's pkg/backend/vxlan (Backend.MTU, else the external
 * interface's MTU, minus 50), Calico's and Cilium's MTU documentation, summarised per CNI.
 *
 * `underlayMtu` is what the path between nodes carries (measured, not the NIC's claim) and
 * `overlayMtu` what pods get. A CNI's auto-detection sizes from the NIC, so it is offered as an
 * alternative only when `autoDetectSafe` (every measured path carries what the NICs say).
 */
export type FixInput = {
  underlayMtu: number;
  overlayMtu: number;
  overhead: number;
  mtuSource: string | null;
  autoDetectSafe?: boolean;
  /** Where the CNI runs here; absent or empty: the upstream default names, said to be unchecked. */
  at?: CniDeployment;
};

export function mtuFix(cni: Cni, o: FixInput): Fix {
  const fix = fixFor(cni, o);
  return { ...fix, checked: checkedAgainst(cni, o.at) };
}

/** A sentence on what the fix's names were checked against, or that they could not be. */
function checkedAgainst(cni: Cni, at: CniDeployment | undefined): string {
  if (!at?.daemonSet && !at?.configMap)
    return `Not checked against this cluster: no ${cni} DaemonSet or ConfigMap was read (Underlay may not be allowed to list them), so the names above are ${cni}'s defaults.`;
  const found = [
    at.daemonSet && `DaemonSet ${at.daemonSet}${at.version ? ` (${at.image})` : ""}`,
    at.configMap && `ConfigMap ${at.configMap}`,
  ].filter(Boolean);
  return `Checked: ${found.join(" and ")} exist in this cluster${at.version ? `, running ${at.version}` : ""}.`;
}

function fixFor(cni: Cni, o: FixInput): Omit<Fix, "checked"> {
  const pods =
    "Recreate the pods (or drain and restart each node): a pod's eth0 keeps the MTU it was created with.";
  switch (cni) {
    case "flannel": {
      const cm = o.at?.configMap ?? "kube-flannel/kube-flannel-cfg";
      const [dsNs, dsName] = (o.at?.daemonSet ?? "kube-flannel/kube-flannel-ds").split("/");
      const recreate =
        "flannel keeps an existing flannel.1 as it is: on each node run `ip link delete flannel.1` (flannel re-creates it) or reboot the node.";
      const restart = `kubectl -n ${dsNs} rollout restart ds/${dsName}`;
      if (o.at?.version && !versionAtLeast(o.at.version, FLANNEL_BACKEND_MTU_SINCE))
        return {
          summary: `This flannel (${o.at.version}) has no Backend.MTU: it sizes flannel.1 from the external interface's MTU − ${o.overhead}. Make that ${o.underlayMtu}, or upgrade flannel.`,
          steps: [
            `On every node set the external interface's MTU to ${o.underlayMtu} (what the path carries), in the node's network configuration so that it survives a reboot; or upgrade flannel to ${FLANNEL_BACKEND_MTU_SINCE} or later and set "Backend": {"Type": "vxlan", "MTU": ${o.underlayMtu}} in ConfigMap ${cm}, key net-conf.json.`,
            restart,
            recreate,
            pods,
          ],
        };
      return {
        summary: `Make flannel size flannel.1 for a ${o.underlayMtu}-byte underlay: ${o.overlayMtu} for pods.`,
        steps: [
          `In ConfigMap ${cm}, key net-conf.json, set "Backend": {"Type": "vxlan", "MTU": ${o.underlayMtu}} (flannel subtracts ${o.overhead}${o.autoDetectSafe ? `; or remove "MTU" to use the external interface's MTU` : `; do not remove "MTU": flannel would then use the external interface's MTU, which the path does not carry`}).`,
          restart,
          recreate,
          pods,
        ],
      };
    }
    case "calico": {
      const operator = o.mtuSource?.startsWith("Installation");
      return {
        summary: `Set Calico's MTU to ${o.overlayMtu} (${o.underlayMtu} − ${o.overhead}).`,
        steps: [
          operator
            ? `kubectl patch installation default --type merge -p '{"spec":{"calicoNetwork":{"mtu":${o.overlayMtu}}}}'`
            : `In ConfigMap ${o.at?.configMap ?? "kube-system/calico-config"} set veth_mtu: "${o.overlayMtu}"${o.autoDetectSafe ? " (or 0 to let Felix auto-detect)" : " (not 0: Felix would auto-detect from the NIC, which the path does not carry)"}, and the same in FelixConfiguration vxlanMTU/ipipMTU/wireguardMTU if they are set.`,
          operator
            ? "The operator rolls calico-node out by itself."
            : `kubectl -n ${(o.at?.daemonSet ?? "kube-system/calico-node").replace("/", " rollout restart ds/")}`,
          pods,
        ],
      };
    }
    case "cilium":
      return {
        summary: `Set Cilium's MTU to the underlay's ${o.underlayMtu} (ConfigMap kube-system/cilium-config key mtu); Cilium subtracts the tunnel overhead on pod routes.`,
        steps: [
          `helm upgrade cilium cilium/cilium --reuse-values --set MTU=${o.underlayMtu}`,
          "kubectl -n kube-system rollout restart ds/cilium",
          pods,
        ],
      };
    case "weave":
      return {
        summary: `Set WEAVE_MTU to ${o.overlayMtu}.`,
        steps: [
          `kubectl -n kube-system set env ds/weave-net -c weave WEAVE_MTU=${o.overlayMtu}`,
          pods,
        ],
      };
    case "antrea":
      return {
        summary: `Set Antrea's defaultMTU to ${o.overlayMtu}.`,
        steps: [
          "In the antrea-config ConfigMap, antrea-agent.conf: defaultMTU: " + o.overlayMtu,
          "kubectl -n kube-system rollout restart ds/antrea-agent",
          pods,
        ],
      };
    case "ovn-kubernetes":
      return {
        summary: `Set OVN-Kubernetes' mtu to ${o.overlayMtu}.`,
        steps: [
          `In ovn_k8s.conf [default] (ConfigMap ovn-config) set mtu=${o.overlayMtu}`,
          "Restart the ovnkube-node DaemonSet",
          pods,
        ],
      };
    case "kube-router":
      return {
        summary: `Give kube-router's pods ${o.overlayMtu}.`,
        steps: [
          "kube-router runs with --auto-mtu by default; set the bridge CNI conf mtu to " +
            o.overlayMtu +
            " in kube-router-cfg",
          "kubectl -n kube-system rollout restart ds/kube-router",
          pods,
        ],
      };
    default:
      return {
        summary: `Set the overlay (pod) MTU to ${o.overlayMtu} = underlay ${o.underlayMtu} − ${o.overhead} bytes of encapsulation.`,
        steps: [
          "Find where your CNI sets its MTU (its ConfigMap or Helm values), set it, restart its DaemonSet.",
          pods,
        ],
      };
  }
}
