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

export type Container = {
  name: string;
  image: string;
  env: Map<string, string>;
  /** Env set from a ConfigMap key: name → where its value is. */
  refs?: Map<string, { configMap: string; key: string }>;
  args: string[];
  namespace?: string;
};

/** `valueFrom.configMapKeyRef` entries of an env list. */
export function envRefs(list: unknown[]): Map<string, { configMap: string; key: string }> {
  const refs = new Map<string, { configMap: string; key: string }>();
  for (const e of list.filter(isObj)) {
    const from = isObj(e.valueFrom) ? e.valueFrom.configMapKeyRef : undefined;
    if (typeof e.name === "string" && isObj(from) && typeof from.name === "string")
      refs.set(e.name, { configMap: from.name, key: String(from.key ?? "") });
  }
  return refs;
}

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
    const refs = envRefs(Array.isArray(c.env) ? c.env : []);
    return { name: String(c.name ?? ""), image: String(c.image ?? ""), env, refs, args };
  });
}

export function flag(args: string[], name: string): string | undefined {
  for (const a of args) {
    const m = new RegExp(`^--${name}[= ](.*)$`).exec(a.trim());
    if (m) return m[1]!.replace(/^"|"$/g, "");
  }
  return undefined;
}

const POOL_MODES = ["Always", "CrossSubnet"];

type Kind =
  | "aws-vpc-cni"
  | "weave"
  | "kube-router"
  | "calico"
  | "cilium"
  | "flannel"
  | "antrea"
  | "ovn-kubernetes"
  | "kube-proxy";

function kindOfImage(img: string): Kind | null {
  if (/amazon-k8s-cni(?!-init)|\/amazon-k8s-cni:/.test(img)) return "aws-vpc-cni";
  if (/weave-kube|weaveworks\/weave/.test(img)) return "weave";
  if (/kube-router/.test(img)) return "kube-router";
  if (/calico\/node|calico-node/.test(img)) return "calico";
  if (/\/cilium:|\/cilium\/cilium|^cilium:/.test(img)) return "cilium";
  if (/flannel/.test(img)) return "flannel";
  if (/antrea/.test(img)) return "antrea";
  if (/ovn-kube|ovnkube|ovn-kubernetes/.test(img)) return "ovn-kubernetes";
  if (/kube-proxy/.test(img)) return "kube-proxy";
  return null;
}

/** A pasted `env:` list has no image: the variables' own names tell whose they are. */
function kindOfEnv(env: Map<string, string>): Kind | null {
  const names = [...env.keys()];
  const any = (re: RegExp) => names.some((n) => re.test(n));
  if (any(/^(FELIX_|CALICO_)/)) return "calico";
  if (any(/^WEAVE_/)) return "weave";
  if (any(/^AWS_VPC_/)) return "aws-vpc-cni";
  if (any(/^FLANNELD_/)) return "flannel";
  if (any(/^CILIUM_/)) return "cilium";
  if (any(/^ANTREA_/)) return "antrea";
  return null;
}

/** One container's facts: the CNI by image (or, with none, by its env names), MTU and flags. */
export function containerFacts(f: ConfigFacts, c: Container, where: string): void {
  const at = c.name ? `${where} container ${c.name}` : where;
  const kind = kindOfImage(c.image.toLowerCase()) ?? kindOfEnv(c.env);
  switch (kind) {
    case "aws-vpc-cni":
      setCni(f, "aws-vpc-cni");
      setEncapsulation(f, "none");
      // POD_MTU defaults to AWS_VPC_ENI_MTU when unset (amazon-vpc-cni-k8s README).
      setMtu(f, c.env.get("POD_MTU"), `${at} env POD_MTU`, "pod");
      setMtu(f, c.env.get("AWS_VPC_ENI_MTU"), `${at} env AWS_VPC_ENI_MTU`, "pod");
      return;
    case "weave":
      setCni(f, "weave");
      setMtu(f, c.env.get("WEAVE_MTU"), `${at} env WEAVE_MTU`, "pod");
      return;
    case "kube-router":
      setCni(f, "kube-router");
      if (flag(c.args, "enable-overlay") === "false") setEncapsulation(f, "none");
      else if (flag(c.args, "overlay-encap") === "ipip") setEncapsulation(f, "ipip");
      if (flag(c.args, "run-service-proxy") === "true") f.kubeProxyReplaced = true;
      return;
    case "calico":
      setCni(f, "calico");
      if (POOL_MODES.includes(c.env.get("CALICO_IPV4POOL_VXLAN") ?? ""))
        setEncapsulation(f, "vxlan");
      if (POOL_MODES.includes(c.env.get("CALICO_IPV4POOL_IPIP") ?? "")) setEncapsulation(f, "ipip");
      for (const key of ["FELIX_VXLANMTU", "FELIX_IPINIPMTU", "FELIX_WIREGUARDMTU", "CNI_MTU"]) {
        setMtu(f, c.env.get(key), `${at} env ${key}`, "pod");
        const ref = c.refs?.get(key);
        if (ref)
          f.mtuRefs.push({ env: key, ...ref, ...(c.namespace ? { namespace: c.namespace } : {}) });
      }
      return;
    case "kube-proxy":
      f.kubeProxyMode ??= proxyMode(flag(c.args, "proxy-mode"));
      return;
    case null:
      return;
    default:
      setCni(f, kind);
  }
}

export function workloadFacts(w: Record<string, unknown>): ConfigFacts | null {
  const meta = isObj(w.metadata) ? w.metadata : {};
  const where = `${String(w.kind)} ${meta.namespace ? `${String(meta.namespace)}/` : ""}${String(meta.name ?? "")}`;
  const f = emptyFacts();
  const namespace = typeof meta.namespace === "string" ? meta.namespace : undefined;
  for (const c of containers(w))
    containerFacts(f, { ...c, ...(namespace ? { namespace } : {}) }, where);
  return f.cni !== "unknown" || f.kubeProxyMode !== null ? f : null;
}
