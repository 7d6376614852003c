/**
 * Kubernetes objects (YAML, multi-document, `kind: List`, or `kubectl -o json`): the objects that
 * configure a CNI or kube-proxy, folded into one ConfigFacts.
 */
import { parseAllDocuments } from "yaml";
import { configMapFacts } from "./cni-configmaps";
import {
  emptyFacts,
  explicitMtu,
  isObj,
  mergeFacts,
  nestedTooDeep,
  proxyMode,
  setCni,
  setEncapsulation,
  setMtu,
  type ConfigFacts,
  type Encapsulation,
} from "./cni-types";
import { workloadFacts } from "./cni-workloads";

type Obj = Record<string, unknown>;

/** All objects, with List items flattened; throws when the YAML does not parse. */
export function yamlObjects(text: string): Obj[] {
  if (nestedTooDeep(text)) throw new Error("nested too deep to be configuration");
  const docs = parseAllDocuments(text);
  const out: Obj[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message.split("\n")[0]);
    flatten(doc.toJS(), out);
  }
  return out;
}

function flatten(v: unknown, out: Obj[]): void {
  if (!isObj(v)) return;
  if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items))
    v.items.forEach((i) => flatten(i, out));
  else out.push(v);
}

export const isKubeObject = (o: Obj) =>
  typeof o.kind === "string" && typeof o.apiVersion === "string";

const ACTIVE = ["Always", "CrossSubnet"];

function ipPool(spec: Obj): ConfigFacts {
  const f = emptyFacts();
  setCni(f, "calico");
  if (ACTIVE.includes(String(spec.vxlanMode))) setEncapsulation(f, "vxlan");
  else if (ACTIVE.includes(String(spec.ipipMode))) setEncapsulation(f, "ipip");
  else if (spec.vxlanMode === "Never" && spec.ipipMode === "Never") setEncapsulation(f, "none");
  return f;
}

/** An operator Installation's spec (or the Tigera chart's `installation` values): pools and MTU. */
export function installationSpecFacts(spec: Obj, where: string): ConfigFacts {
  const f = emptyFacts();
  setCni(f, "calico");
  const net = isObj(spec.calicoNetwork) ? spec.calicoNetwork : {};
  for (const pool of Array.isArray(net.ipPools) ? net.ipPools.filter(isObj) : []) {
    const e = String(pool.encapsulation ?? "");
    if (e.startsWith("VXLAN")) setEncapsulation(f, "vxlan");
    else if (e.startsWith("IPIP")) setEncapsulation(f, "ipip");
    else if (e === "None") setEncapsulation(f, "none");
  }
  // mtu 0 (or absent) = auto-detect.
  setMtu(f, net.mtu, `${where}calicoNetwork.mtu`, "pod");
  return f;
}

function installation(o: Obj): ConfigFacts {
  const name = isObj(o.metadata) ? String(o.metadata.name ?? "") : "";
  return installationSpecFacts(isObj(o.spec) ? o.spec : {}, `Installation ${name} spec.`);
}

function felix(o: Obj): ConfigFacts {
  const f = emptyFacts();
  setCni(f, "calico");
  const spec = isObj(o.spec) ? o.spec : {};
  if (spec.wireguardEnabled === true) setEncapsulation(f, "wireguard");
  const name = isObj(o.metadata) ? String(o.metadata.name ?? "") : "";
  for (const key of ["vxlanMTU", "ipipMTU", "wireguardMTU"]) {
    if (explicitMtu(spec[key]) !== null)
      setMtu(f, spec[key], `FelixConfiguration ${name} spec.${key}`, "pod");
  }
  return f;
}

function objectFacts(o: Obj): ConfigFacts | null {
  const api = String(o.apiVersion ?? "");
  switch (o.kind) {
    case "ConfigMap":
      return configMapFacts(o);
    case "DaemonSet":
    case "Deployment":
      return workloadFacts(o);
    case "KubeProxyConfiguration":
      return { ...emptyFacts(), kubeProxyMode: proxyMode(o.mode) };
    case "IPPool":
      return api.includes("projectcalico.org") && isObj(o.spec) ? ipPool(o.spec) : null;
    case "Installation":
      return api.startsWith("operator.tigera.io") ? installation(o) : null;
    case "FelixConfiguration":
      return felix(o);
    default:
      return null;
  }
}

/** Facts from all objects; `recognised` is false when no object configures a CNI or kube-proxy. */
export function manifestFacts(objects: Obj[]): { facts: ConfigFacts; recognised: boolean } {
  let facts = emptyFacts();
  let recognised = false;
  const pools: { name: string; encapsulation: string }[] = [];
  for (const o of objects) {
    const f = objectFacts(o);
    if (!f) continue;
    recognised = true;
    if (o.kind === "IPPool") {
      pools.push({
        name: isObj(o.metadata) ? String(o.metadata.name ?? "") : "",
        encapsulation: f.encapsulation,
      });
      f.encapsulation = "unknown";
    }
    facts = mergeFacts(facts, f);
  }
  // Pods take addresses from every pool: the encapsulation is claimed only when all pools state one.
  const encaps = new Set(pools.map((p) => p.encapsulation));
  const [only] = [...encaps];
  if (encaps.size === 1 && only !== "unknown") setEncapsulation(facts, only as Encapsulation);
  else if (pools.length > 1)
    facts.notes.push(
      `The IPPools do not state one encapsulation (${pools.map((p) => `${p.name}: ${p.encapsulation === "unknown" ? "neither ipipMode nor vxlanMode on" : p.encapsulation}`).join(", ")}), so none is claimed.`,
    );
  return { facts, recognised };
}
