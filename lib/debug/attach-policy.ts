import { atLeast, type Role } from "@/lib/auth/roles";

export type AttachPolicy = {
  /** The namespace Underlay itself runs in (its sessions and tokens cross its pods' eth0). */
  ownNamespace: string | null;
  debugNamespace: string;
  /** UNDERLAY_ATTACH_NAMESPACES; undefined: any namespace but the refused ones. */
  allowed?: readonly string[];
};

/**
 * Why an ephemeral debug container (NET_ADMIN, NET_RAW: it can capture every packet of the pod)
 * may not join a pod in `namespace`, in a sentence; null when it may. Never Underlay's own
 * namespace or its debug namespace; kube-system only for an admin, or when the allowlist names it.
 */
export function attachRefusal(namespace: string, role: Role, p: AttachPolicy): string | null {
  if (namespace === p.ownNamespace)
    return `Underlay does not attach debug containers in its own namespace (${namespace}): one could capture its users' sessions and tokens.`;
  if (namespace === p.debugNamespace)
    return `Namespace ${namespace} holds Underlay's own debug pods: launch a debug pod on the node instead of attaching to one.`;
  if (p.allowed && !p.allowed.includes(namespace))
    return `Attaching is limited to the namespaces in UNDERLAY_ATTACH_NAMESPACES (${p.allowed.join(", ") || "none"}); ${namespace} is not one of them.`;
  if (namespace === "kube-system" && !p.allowed?.includes(namespace) && !atLeast(role, "admin"))
    return "Attaching a debug container in kube-system takes the admin role (or kube-system listed in UNDERLAY_ATTACH_NAMESPACES): its pods hold the cluster's own credentials.";
  return null;
}
