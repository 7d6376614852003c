/**
 * DaemonSets/Deployments: the CNI is named by its container image (never by a grep of the
 * shell text: weave's init container waits for flannel.1 routes and is still weave), MTU and
 * encapsulation by literal env values and flags.
 */
import {
  emptyFacts,
  isObj,
  proxyMode,
  setCni,
  setEncapsulation,
  setMtu,
  type ConfigFacts,
} from "./cni-types";

type Container = { name: string; image: string; env: Map<string, string>; args: string[] };

function containers(workload: Record<string, unknown>): Container[] {
  const spec = isObj(workload.spec) ? workload.spec : {};
  const template = isObj(spec.template) ? spec.template : {};
  const pod = isObj(template.spec) ? template.spec : {};
  const list = [pod.containers, pod.initContainers].flatMap((l) =>
    Array.isArray(l) ? l.filter(isObj) : [],
  );
  return list.map((c) => {
    const env = new Map<string, string>();
    for (const e of Array.isArray(c.env) ? c.env.filter(isObj) : []) {
      if (typeof e.name === "string" && typeof e.value === "string") env.set(e.name, e.value);
    }
    const args = [c.command, c.args].flatMap((l) => (Array.isArray(l) ? l.map(String) : []));
    return { name: String(c.name ?? ""), image: String(c.image ?? ""), env, args };
  });
}

function flag(args: string[], name: string): string | undefined {
  for (const a of args) {
    const m = new RegExp(`^--${name}=(.*)$`).exec(a.trim());
    if (m) return m[1]!.replace(/^"|"$/g, "");
  }
  return undefined;
}

const POOL_MODES = ["Always", "CrossSubnet"];

function container(f: ConfigFacts, c: Container, where: string): void {
  const at = `${where} container ${c.name}`;
  const img = c.image.toLowerCase();
  if (/amazon-k8s-cni(?!-init)|\/amazon-k8s-cni:/.test(img)) {
    setCni(f, "aws-vpc-cni");
    setEncapsulation(f, "none");
    // POD_MTU defaults to AWS_VPC_ENI_MTU when unset (amazon-vpc-cni-k8s README).
    setMtu(f, c.env.get("POD_MTU"), `${at} env POD_MTU`, "pod");
    setMtu(f, c.env.get("AWS_VPC_ENI_MTU"), `${at} env AWS_VPC_ENI_MTU`, "pod");
  } else if (/weave-kube|weaveworks\/weave/.test(img)) {
    setCni(f, "weave");
    setMtu(f, c.env.get("WEAVE_MTU"), `${at} env WEAVE_MTU`, "pod");
  } else if (/kube-router/.test(img)) {
    setCni(f, "kube-router");
    if (flag(c.args, "enable-overlay") === "false") setEncapsulation(f, "none");
    else if (flag(c.args, "overlay-encap") === "ipip") setEncapsulation(f, "ipip");
    if (flag(c.args, "run-service-proxy") === "true") f.kubeProxyReplaced = true;
  } else if (/calico\/node|calico-node/.test(img)) {
    setCni(f, "calico");
    if (POOL_MODES.includes(c.env.get("CALICO_IPV4POOL_VXLAN") ?? "")) setEncapsulation(f, "vxlan");
    if (POOL_MODES.includes(c.env.get("CALICO_IPV4POOL_IPIP") ?? "")) setEncapsulation(f, "ipip");
    for (const key of ["FELIX_VXLANMTU", "FELIX_IPINIPMTU", "FELIX_WIREGUARDMTU"])
      setMtu(f, c.env.get(key), `${at} env ${key}`, "pod");
  } else if (/\/cilium:|\/cilium\/cilium|^cilium:/.test(img)) setCni(f, "cilium");
  else if (/flannel/.test(img)) setCni(f, "flannel");
  else if (/antrea/.test(img)) setCni(f, "antrea");
  else if (/ovn-kube|ovnkube|ovn-kubernetes/.test(img)) setCni(f, "ovn-kubernetes");
  else if (/kube-proxy/.test(img)) f.kubeProxyMode ??= proxyMode(flag(c.args, "proxy-mode"));
}

export function workloadFacts(w: Record<string, unknown>): ConfigFacts | null {
  const meta = isObj(w.metadata) ? w.metadata : {};
  const where = `${String(w.kind)} ${meta.namespace ? `${String(meta.namespace)}/` : ""}${String(meta.name ?? "")}`;
  const f = emptyFacts();
  for (const c of containers(w)) container(f, c, where);
  return f.cni !== "unknown" || f.kubeProxyMode !== null ? f : null;
}
