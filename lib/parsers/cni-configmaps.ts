/** ConfigMaps that configure a CNI or kube-proxy, recognised by their data keys (names vary). */
import { jsonrepair } from "jsonrepair";
import { parse as parseYaml } from "yaml";
import { conflistFacts, looksLikeConflist } from "./cni-conflist";
import {
  emptyFacts,
  isObj,
  keyCI,
  mergeFacts,
  nestedTooDeep,
  proxyMode,
  setCni,
  setEncapsulation,
  setMtu,
  type ConfigFacts,
  FLANNEL_BACKENDS,
} from "./cni-types";

type Data = Record<string, unknown>;
const s = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** A key's JSON, repaired as far as it goes when the paste cut it off. */
function tryJson(text: unknown): unknown {
  try {
    return JSON.parse(s(text));
  } catch {
    try {
      return s(text).startsWith("{") && !nestedTooDeep(s(text))
        ? JSON.parse(jsonrepair(s(text)))
        : undefined;
    } catch {
      return undefined;
    }
  }
}

function flannel(f: ConfigFacts, data: Data, where: string): void {
  setCni(f, "flannel");
  const conf = tryJson(data["net-conf.json"]);
  if (!isObj(conf)) return void f.notes.push(`${where} key net-conf.json is not valid JSON.`);
  const backend = keyCI(conf, "Backend");
  if (!isObj(backend)) return;
  setEncapsulation(f, FLANNEL_BACKENDS[s(keyCI(backend, "Type")).toLowerCase()] ?? "unknown");
  // Backend.MTU is the outer MTU flannel subtracts its overhead from (vxlan: flannel.1 = MTU - 50).
  setMtu(f, keyCI(backend, "MTU"), `${where} key net-conf.json Backend.MTU`, "underlay");
}

function cilium(f: ConfigFacts, data: Data, where: string): void {
  setCni(f, "cilium");
  const routing = s(data["routing-mode"]);
  const legacy = s(data.tunnel);
  const protocol = s(data["tunnel-protocol"]) || (legacy !== "disabled" ? legacy : "");
  const native = routing === "native" || legacy === "disabled";
  if (s(data["enable-wireguard"]) === "true" && native) setEncapsulation(f, "wireguard");
  else if (native) setEncapsulation(f, "none");
  else if (protocol === "vxlan" || protocol === "geneve") setEncapsulation(f, protocol);
  if (s(data["enable-wireguard"]) === "true" && !native)
    f.notes.push(`${where}: WireGuard is enabled on top of the tunnel.`);
  // Cilium's mtu is the device (underlay) MTU; it subtracts tunnel/encryption overhead on pod routes.
  setMtu(f, data.mtu, `${where} key mtu`, "underlay");
  if (["true", "strict"].includes(s(data["kube-proxy-replacement"]))) f.kubeProxyReplaced = true;
}

function antrea(f: ConfigFacts, data: Data, where: string): void {
  setCni(f, "antrea");
  let conf: unknown;
  try {
    conf = nestedTooDeep(s(data["antrea-agent.conf"]))
      ? undefined
      : parseYaml(s(data["antrea-agent.conf"]));
  } catch {
    return void f.notes.push(`${where} key antrea-agent.conf is not valid YAML.`);
  }
  if (!isObj(conf)) return;
  const mode = s(conf.trafficEncapMode);
  const tunnel = s(conf.tunnelType).toLowerCase();
  // noEncap routes pods; tunnelType is then present but unused.
  if (s(conf.trafficEncryptionMode).toLowerCase() === "wireguard") setEncapsulation(f, "wireguard");
  else if (mode === "noEncap") setEncapsulation(f, "none");
  else if ((mode === "encap" || mode === "hybrid") && (tunnel === "geneve" || tunnel === "vxlan"))
    setEncapsulation(f, tunnel);
  setMtu(f, conf.defaultMTU, `${where} key antrea-agent.conf defaultMTU`, "pod");
}

/** kubeadm's kube-proxy ConfigMap (key config.conf); mode "" chooses nothing → null. */
function kubeProxy(f: ConfigFacts, data: Data): boolean {
  let conf: unknown;
  try {
    conf = nestedTooDeep(s(data["config.conf"])) ? undefined : parseYaml(s(data["config.conf"]));
  } catch {
    return false;
  }
  if (!isObj(conf) || conf.kind !== "KubeProxyConfiguration") return false;
  f.kubeProxyMode = proxyMode(conf.mode);
  return true;
}

/** Facts from one ConfigMap, or null when it configures nothing this analyzer knows. */
export function configMapFacts(
  cm: Record<string, unknown>,
  /** How to name where the data was found when it is not a whole ConfigMap (a pasted fragment). */
  at?: string,
): ConfigFacts | null {
  const meta = isObj(cm.metadata) ? cm.metadata : {};
  const name = s(meta.name);
  const ns = s(meta.namespace);
  const where = at ?? `ConfigMap ${ns ? `${ns}/` : ""}${name}`;
  const data: Data = isObj(cm.data) ? cm.data : {};
  let f = emptyFacts();
  let proxyConfig = false;
  if ("net-conf.json" in data) flannel(f, data, where);
  else if ("calico_backend" in data || "veth_mtu" in data) {
    setCni(f, "calico");
    if (s(data.calico_backend) === "vxlan") setEncapsulation(f, "vxlan");
    setMtu(f, data.veth_mtu, `${where} key veth_mtu`, "pod");
  } else if (name === "cilium-config" || "routing-mode" in data || "tunnel-protocol" in data)
    cilium(f, data, where);
  else if ("antrea-agent.conf" in data) antrea(f, data, where);
  else if ("config.conf" in data) proxyConfig = kubeProxy(f, data);
  else if (name === "ovn-config") {
    setCni(f, "ovn-kubernetes");
    setMtu(f, data.mtu, `${where} key mtu`, "pod");
  } else if (name.startsWith("kube-router")) setCni(f, "kube-router");
  for (const key of ["cni-conf.json", "cni_network_config"]) {
    const conf = tryJson(data[key]);
    if (looksLikeConflist(conf)) f = mergeFacts(f, conflistFacts(conf, `${where} key ${key}`));
  }
  return proxyConfig || f.cni !== "unknown" || f.configuredMtu !== null ? f : null;
}
