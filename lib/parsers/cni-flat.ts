/** Flat files: flannel's /run/flannel/subnet.env and ovn-kubernetes' INI ovn_k8s.conf. */
import { emptyFacts, setCni, setEncapsulation, setMtu, type ConfigFacts } from "./cni-types";

export const looksLikeSubnetEnv = (text: string) =>
  /^FLANNEL_(NETWORK|SUBNET|MTU|IPMASQ)=/m.test(text);

export function subnetEnvFacts(text: string, file: string): ConfigFacts {
  const f = emptyFacts();
  setCni(f, "flannel");
  const mtu = /^FLANNEL_MTU=(.*)$/m.exec(text)?.[1];
  // FLANNEL_MTU is what the flannel CNI plugin gives cni0 and the pod veths.
  setMtu(f, mtu, `${file} FLANNEL_MTU`, "pod");
  return f;
}

type Ini = Map<string, Map<string, string>>;

export const looksLikeIni = (text: string) =>
  /^\s*\[[A-Za-z][\w .-]*\]\s*$/m.test(text) && /^\s*[\w.-]+\s*=/m.test(text);

function parseIni(text: string): Ini {
  const ini: Ini = new Map();
  let section = ini.get("") ?? new Map<string, string>();
  ini.set("", section);
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith("#") || t.startsWith(";")) continue;
    const head = /^\[(.+)\]$/.exec(t);
    if (head) {
      const name = head[1]!.trim().toLowerCase();
      section = ini.get(name) ?? new Map<string, string>();
      ini.set(name, section);
      continue;
    }
    const kv = /^([^=]+)=(.*)$/.exec(t);
    if (kv) section.set(kv[1]!.trim().toLowerCase(), kv[2]!.trim());
  }
  return ini;
}

export function iniFacts(text: string, file: string): ConfigFacts | null {
  const ini = parseIni(text);
  const ovn =
    ini.has("ovnnorth") ||
    ini.has("ovnsouth") ||
    (ini.get("cni")?.get("plugin") ?? "").startsWith("ovn-k8s");
  if (!ovn) return null;
  const f = emptyFacts();
  setCni(f, "ovn-kubernetes");
  const def = ini.get("default");
  // [default] mtu is the overlay (pod) MTU in ovn-kubernetes (config.go: "MTU value used for the overlay networks").
  setMtu(f, def?.get("mtu"), `${file} [default] mtu`, "pod");
  const encap = def?.get("encap-type")?.toLowerCase();
  if (encap === "geneve" || encap === "vxlan") setEncapsulation(f, encap);
  return f;
}
