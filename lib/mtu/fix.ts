import type { Cni } from "@/lib/parsers/cni-types";

export type Fix = { summary: string; steps: string[] };

/**
 * The exact change that fixes an overlay MTU for a CNI: where the MTU is set, the value, and what
 * must be restarted. Sources: flannel's pkg/backend/vxlan (Backend.MTU, else the external
 * interface's MTU, minus 50), Calico's and Cilium's MTU documentation, summarised per CNI.
 *
 * `underlayMtu` is what the path between nodes carries (measured, not the NIC's claim) and
 * `overlayMtu` what pods get. A CNI's auto-detection sizes from the NIC, so it is offered as an
 * alternative only when `autoDetectSafe` (every measured path carries what the NICs say).
 */
export function mtuFix(
  cni: Cni,
  o: {
    underlayMtu: number;
    overlayMtu: number;
    overhead: number;
    mtuSource: string | null;
    autoDetectSafe?: boolean;
  },
): Fix {
  const pods =
    "Recreate the pods (or drain and restart each node): a pod's eth0 keeps the MTU it was created with.";
  switch (cni) {
    case "flannel":
      return {
        summary: `Make flannel size flannel.1 for a ${o.underlayMtu}-byte underlay: ${o.overlayMtu} for pods.`,
        steps: [
          `In ConfigMap kube-flannel/kube-flannel-cfg, key net-conf.json, set "Backend": {"Type": "vxlan", "MTU": ${o.underlayMtu}} (flannel subtracts ${o.overhead}${o.autoDetectSafe ? `; or remove "MTU" to use the external interface's MTU` : `; do not remove "MTU": flannel would then use the external interface's MTU, which the path does not carry`}).`,
          "kubectl -n kube-flannel rollout restart ds/kube-flannel-ds",
          "flannel keeps an existing flannel.1 as it is: on each node run `ip link delete flannel.1` (flannel re-creates it) or reboot the node.",
          pods,
        ],
      };
    case "calico": {
      const operator = o.mtuSource?.startsWith("Installation");
      return {
        summary: `Set Calico's MTU to ${o.overlayMtu} (${o.underlayMtu} − ${o.overhead}).`,
        steps: [
          operator
            ? `kubectl patch installation default --type merge -p '{"spec":{"calicoNetwork":{"mtu":${o.overlayMtu}}}}'`
            : `In ConfigMap kube-system/calico-config set veth_mtu: "${o.overlayMtu}"${o.autoDetectSafe ? " (or 0 to let Felix auto-detect)" : " (not 0: Felix would auto-detect from the NIC, which the path does not carry)"}, and the same in FelixConfiguration vxlanMTU/ipipMTU/wireguardMTU if they are set.`,
          operator
            ? "The operator rolls calico-node out by itself."
            : "kubectl -n kube-system rollout restart ds/calico-node",
          pods,
        ],
      };
    }
    case "cilium":
      return {
        summary: `Set Cilium's MTU to the underlay's ${o.underlayMtu}; Cilium subtracts the tunnel overhead on pod routes.`,
        steps: [
          `helm upgrade cilium cilium/cilium --reuse-values --set MTU=${o.underlayMtu} (ConfigMap kube-system/cilium-config key mtu)`,
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
