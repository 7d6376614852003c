/**
 * Configuration as people paste it: not whole documents but fragments. A container's `env:` list,
 * a `data:` block (or its keys) without the ConfigMap around it, Helm values (Cilium, the Tigera
 * operator, flannel), k3s' config.yaml, flannel's net-conf.json alone, an object whose facts sit in
 * its last-applied-configuration, Calico v2's `ipPool`, JSON cut mid-object, `kubectl describe`.
 * Values are claimed only when the fragment states them.
 */
import { jsonrepair } from "jsonrepair";
import { parseAllDocuments } from "yaml";
import { configMapFacts } from "./cni-configmaps";
import { conflistFacts, looksLikeConflist } from "./cni-conflist";
import { installationSpecFacts, manifestFacts } from "./cni-manifest";
import {
  emptyFacts,
  isObj,
  keyCI,
  mergeFacts,
  nestedTooDeep,
  setCni,
  setEncapsulation,
  setMtu,
  type ConfigFacts,
  FLANNEL_BACKENDS,
} from "./cni-types";
import { containerFacts, envRefs, type Container } from "./cni-workloads";

type Obj = Record<string, unknown>;
export type Fragment = { what: string; facts: ConfigFacts };

/** ConfigMap data keys this analyzer reads (cni-configmaps.ts), to spot a `data:` block's body. */
const DATA_KEYS = [
  "net-conf.json",
  "cni-conf.json",
  "cni_network_config",
  "calico_backend",
  "veth_mtu",
  "routing-mode",
  "tunnel-protocol",
  "kube-proxy-replacement",
  "antrea-agent.conf",
  "config.conf",
];
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const str = (v: unknown) =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
const truthy = (v: unknown) => v === true || str(v).toLowerCase() === "true";

/** YAML (one or more documents) or JSON, repairing JSON cut mid-object; undefined if neither. */
export function looseValues(text: string): { values: unknown[]; repaired: boolean } | undefined {
  const t = text.trim();
  if (nestedTooDeep(t)) return undefined;
  if (t.startsWith("{") || t.startsWith("[") || t.startsWith('"')) {
    try {
      return { values: [JSON.parse(t)], repaired: false };
    } catch {
      try {
        return {
          values: [JSON.parse(jsonrepair(t.startsWith('"') ? `{${t}` : t))],
          repaired: true,
        };
      } catch {
        return undefined;
      }
    }
  }
  const docs = parseAllDocuments(t);
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.some((d) => d.errors.length > 0)) return undefined;
  try {
    // toJS throws on what parses but cannot be built (`*` read as an alias with no anchor).
    const values = list
      .map((d) => d.toJS() as unknown)
      .filter((v) => v !== null && v !== undefined);
    return values.length ? { values, repaired: false } : undefined;
  } catch {
    return undefined;
  }
}

function envMap(list: unknown[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const e of list.filter(isObj)) {
    if (typeof e.name === "string" && (typeof e.value === "string" || typeof e.value === "number"))
      env.set(e.name, String(e.value));
  }
  return env;
}

const isEnvList = (v: unknown): v is Obj[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((e) => isObj(e) && typeof e.name === "string" && ("value" in e || "valueFrom" in e));

function containerOf(c: Obj): Container {
  const args = [c.command, c.args].flatMap((l) => (Array.isArray(l) ? l.map(String) : []));
  return {
    name: str(c.name),
    image: str(c.image),
    env: envMap(Array.isArray(c.env) ? c.env : []),
    refs: envRefs(Array.isArray(c.env) ? c.env : []),
    args,
  };
}

function fromContainers(list: Container[], where: string): ConfigFacts | null {
  const f = emptyFacts();
  for (const c of list) containerFacts(f, c, where);
  return f.cni !== "unknown" || f.kubeProxyMode !== null ? f : null;
}

function ciliumValues(v: Obj, where: string): ConfigFacts | null {
  const known = [
    "routingMode",
    "tunnelProtocol",
    "kubeProxyReplacement",
    "MTU",
    "k8sServiceHost",
    "ipv4NativeRoutingCIDR",
    "autoDirectNodeRoutes",
    "bpf",
    "hubble",
    "bandwidthManager",
  ];
  const tunnel = str(v.tunnel);
  if (!known.some((k) => k in v) && !["vxlan", "geneve", "disabled"].includes(tunnel)) return null;
  const f = emptyFacts();
  setCni(f, "cilium");
  const routing = str(v.routingMode);
  const native = routing === "native" || tunnel === "disabled";
  const encryption = isObj(v.encryption) ? v.encryption : {};
  const wireguard = truthy(encryption.enabled) && str(encryption.type) === "wireguard";
  const protocol = str(v.tunnelProtocol) || (tunnel !== "disabled" ? tunnel : "");
  if (wireguard && native) setEncapsulation(f, "wireguard");
  else if (native) setEncapsulation(f, "none");
  else if (protocol === "vxlan" || protocol === "geneve") setEncapsulation(f, protocol);
  else
    f.notes.push(
      `${where} does not set routingMode or tunnelProtocol: the Cilium chart's default is VXLAN tunnelling (routingMode tunnel), but the encapsulation is not claimed from a default.`,
    );
  if (wireguard && !native) f.notes.push(`${where}: WireGuard is enabled on top of the tunnel.`);
  // The chart's MTU becomes cilium-config mtu: the device (underlay) MTU Cilium subtracts from.
  setMtu(f, v.MTU, `${where} MTU`, "underlay");
  if (truthy(v.kubeProxyReplacement) || str(v.kubeProxyReplacement) === "strict")
    f.kubeProxyReplaced = true;
  return f;
}

/** flannel's net-conf.json (`{"Network": …, "Backend": {…}}`) on its own. */
function netConf(v: Obj, where: string): ConfigFacts | null {
  if (!keyCI(v, "Backend") || !(keyCI(v, "Network") || keyCI(v, "EnableIPv6"))) return null;
  return configMapFacts({ data: { "net-conf.json": JSON.stringify(v) } }, where);
}

/**
 * Calico v2 (calicoctl's v1 API): `kind: ipPool` (or `pool`), `spec.ipip.enabled` (`ipip: true`
 * in the oldest form); `enabled: false` states no encapsulation.
 */
function calicoV1Pool(o: Obj): ConfigFacts | null {
  if (!["ipPool", "pool"].includes(str(o.kind)) || !isObj(o.spec)) return null;
  const f = emptyFacts();
  setCni(f, "calico");
  const ipip = o.spec.ipip;
  const enabled = isObj(ipip) ? ipip.enabled : ipip;
  if (truthy(enabled)) setEncapsulation(f, "ipip");
  else if (enabled === false || str(enabled) === "false") setEncapsulation(f, "none");
  return f;
}

const KUBESPRAY_VARS = new Set([
  "calico_mtu",
  "calico_veth_mtu",
  "calico_ipip_mode",
  "calico_vxlan_mode",
  "calico_network_backend",
  "cilium_mtu",
  "cilium_tunnel_mode",
  "flannel_backend_type",
  "flannel_interface",
]);

/** Kubespray's inventory variables (group_vars k8s-net-*.yml, k8s-cluster.yml). */
function kubespray(v: Obj, where: string): ConfigFacts | null {
  const plugin = str(v.kube_network_plugin);
  const keys = Object.keys(v).filter((k) => KUBESPRAY_VARS.has(k));
  if (!plugin && !keys.length) return null;
  const f = emptyFacts();
  const cni = plugin || keys[0]!.split("_")[0]!.replace("kube", "kube-router");
  if (!["calico", "cilium", "flannel", "kube-router", "weave"].includes(cni)) return null;
  setCni(f, cni as "calico");
  const mode = (k: string) => ["Always", "CrossSubnet"].includes(str(v[k]));
  if (mode("calico_vxlan_mode")) setEncapsulation(f, "vxlan");
  else if (mode("calico_ipip_mode")) setEncapsulation(f, "ipip");
  const backend = str(v.flannel_backend_type);
  if (backend) setEncapsulation(f, FLANNEL_BACKENDS[backend] ?? "unknown");
  const tunnel = str(v.cilium_tunnel_mode);
  if (tunnel === "vxlan" || tunnel === "geneve") setEncapsulation(f, tunnel);
  setMtu(f, v.calico_mtu ?? v.calico_veth_mtu, `${where} calico_mtu`, "pod");
  // cilium_mtu becomes cilium-config mtu: the device MTU Cilium subtracts its overhead from.
  setMtu(f, v.cilium_mtu, `${where} cilium_mtu`, "underlay");
  return f;
}

type Reader = (v: Obj, where: string) => Fragment | null;

const READERS: Reader[] = [
  (v) => {
    if (typeof v.kind !== "string") return null;
    const pool = calicoV1Pool(v);
    if (pool) return { what: "a Calico v2 ipPool", facts: pool };
    const obj = typeof v.apiVersion === "string" ? v : { apiVersion: "v1", ...v };
    const { facts, recognised } = manifestFacts([obj]);
    return recognised ? { what: `a ${v.kind} fragment`, facts } : null;
  },
  (v, where) => {
    const ann =
      isObj(v.metadata) && isObj(v.metadata.annotations)
        ? v.metadata.annotations[LAST_APPLIED]
        : undefined;
    if (typeof ann !== "string") return null;
    try {
      const inner: unknown = JSON.parse(ann);
      if (!isObj(inner)) return null;
      const { facts, recognised } = manifestFacts([inner]);
      return recognised
        ? { what: `the ${LAST_APPLIED} annotation`, facts }
        : fragmentOf(inner, where);
    } catch {
      return null;
    }
  },
  (v, where) => {
    const data = isObj(v.data) ? v.data : DATA_KEYS.some((k) => k in v) ? v : null;
    if (!data) return null;
    const facts = configMapFacts(
      { metadata: isObj(v.metadata) ? v.metadata : {}, data },
      isObj(v.metadata) ? undefined : where,
    );
    return facts ? { what: "a ConfigMap's data", facts } : null;
  },
  (v, where) => {
    if (!isEnvList(v.env)) return null;
    const facts = fromContainers(
      [{ ...containerOf(v), env: envMap(v.env), refs: envRefs(v.env) }],
      where,
    );
    return facts ? { what: "an env list", facts } : null;
  },
  (v, where) => {
    const list = [v.containers, v.initContainers].flatMap((l) =>
      Array.isArray(l) ? l.filter(isObj) : [],
    );
    if (!list.length) return null;
    const facts = fromContainers(list.map(containerOf), where);
    return facts ? { what: "a pod spec's containers", facts } : null;
  },
  (v, where) => {
    const facts = looksLikeConflist(v) ? conflistFacts(v as never, where) : null;
    return facts ? { what: "a CNI conflist", facts } : null;
  },
  (v, where) => {
    const facts = ciliumValues(v, where);
    return facts ? { what: "Cilium Helm values", facts } : null;
  },
  (v, where) => {
    if (!isObj(v.installation)) return null;
    const inst = v.installation;
    return {
      what: "Tigera operator Helm values",
      facts: installationSpecFacts(isObj(inst.spec) ? inst.spec : inst, `${where} installation.`),
    };
  },
  (v, where) => {
    const flannel = isObj(v.flannel) ? v.flannel : null;
    const backend = str(flannel?.backend ?? keyCI(v, "flannel-backend"));
    if (!backend) return null;
    const f = emptyFacts();
    // k3s: flannel-backend none disables flannel; anything else is flannel with that backend.
    if (backend === "none") {
      f.notes.push(
        `${where}: flannel-backend none: k3s runs without flannel (another CNI is installed).`,
      );
      return { what: "k3s configuration", facts: f };
    }
    setCni(f, "flannel");
    setEncapsulation(f, FLANNEL_BACKENDS[backend] ?? "unknown");
    if (flannel) setMtu(f, flannel.mtu, `${where} flannel.mtu`, "underlay");
    return { what: flannel ? "flannel Helm values" : "k3s configuration", facts: f };
  },
  (v, where) => {
    const facts = netConf(v, where);
    return facts ? { what: "flannel's net-conf.json", facts } : null;
  },
  (v, where) => {
    const facts = kubespray(v, where);
    return facts ? { what: "Kubespray inventory variables", facts } : null;
  },
];

function fragmentOf(v: Obj, where: string): Fragment | null {
  for (const read of READERS) {
    const hit = read(v, where);
    if (hit) return hit;
  }
  // One level down (`spec:`, `flannelConfig:`, `cilium:` wrappers of umbrella charts).
  for (const child of Object.values(v)) {
    if (isObj(child)) {
      for (const read of READERS) {
        const hit = read(child, where);
        if (hit) return hit;
      }
    }
  }
  return null;
}

/** `kubectl describe` of a ConfigMap (its Data section) or of a Pod/DaemonSet (images, env, args). */
export function describeFacts(text: string, where: string): Fragment | null {
  const lines = text.split(/\r?\n/);
  if (!lines.some((l) => /^Name:\s+\S/.test(l))) return null;
  const name = /^Name:\s+(\S+)/m.exec(text)?.[1] ?? "";
  const ns = /^Namespace:\s+(\S+)/m.exec(text)?.[1];
  const dataAt = lines.findIndex(
    (l, i) => l.trim() === "Data" && /^=+$/.test(lines[i + 1]?.trim() ?? ""),
  );
  if (dataAt >= 0) {
    const data: Obj = {};
    let key: string | null = null;
    for (let i = dataAt + 2; i < lines.length; i++) {
      const l = lines[i]!;
      if (/^(BinaryData|Events:)/.test(l)) break;
      if (/^-{3,}$/.test(lines[i + 1]?.trim() ?? "") && /^\S.*:$/.test(l.trim())) {
        key = l.trim().slice(0, -1);
        data[key] = "";
        i++;
      } else if (key) data[key] = `${String(data[key])}${l}\n`;
    }
    const facts = configMapFacts({ metadata: { name, ...(ns ? { namespace: ns } : {}) }, data });
    return facts ? { what: `\`kubectl describe\` of ConfigMap ${name}`, facts } : null;
  }
  const containers: Container[] = [];
  let c: Container | null = null;
  let envIndent = -1;
  for (const l of lines) {
    const indent = /^\s*/.exec(l)![0].length;
    const image = /^\s+Image:\s+(\S+)/.exec(l);
    if (image) {
      c = {
        name: "",
        image: image[1]!,
        env: new Map(),
        args: [],
        ...(ns ? { namespace: ns } : {}),
      };
      containers.push(c);
      envIndent = -1;
      continue;
    }
    if (!c) continue;
    if (/^\s+Environment:\s*$/.test(l)) envIndent = indent;
    else if (envIndent >= 0 && indent > envIndent && /^\s+([A-Z][A-Z0-9_]*):\s+(.*)$/.test(l)) {
      const [, k, val] = /^\s+([A-Z][A-Z0-9_]*):\s+(.*)$/.exec(l)!;
      const ref = /^<set to the key '([^']*)' of config map '([^']*)'>/.exec(val!.trim());
      if (ref) (c.refs ??= new Map()).set(k!, { configMap: ref[2]!, key: ref[1]! });
      else c.env.set(k!, val!.trim());
    } else if (envIndent >= 0 && indent <= envIndent) envIndent = -1;
    const arg = /^\s+(--[\w-]+(?:=\S*)?)\s*$/.exec(l);
    if (arg) c.args.push(arg[1]!);
  }
  const facts = fromContainers(containers, `${where} (describe ${name})`);
  return facts ? { what: `\`kubectl describe\` of ${name}`, facts } : null;
}

/** Env names whose values this analyzer reads, as `KEY=value` (systemd, `export`, shell) lines. */
const ENV_NAMES = /^(?:FELIX_\w+|CALICO_\w+|CNI_MTU|WEAVE_MTU|AWS_VPC_\w+|POD_MTU|FLANNELD_\w+)$/;

/**
 * Text that is no YAML any more (`...` elisions, indentation lost in the paste): its `- name: X` /
 * `value: Y` pairs, `KEY=value` lines and `image:` lines, read one by one.
 */
export function scanFacts(text: string, where: string): Fragment | null {
  const env = new Map<string, string>();
  const refs = new Map<string, { configMap: string; key: string }>();
  let image = "";
  let name: string | null = null;
  // Inside `valueFrom: configMapKeyRef:` of `name`: the ConfigMap's name, then its key.
  let ref: { configMap?: string } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#")) continue;
    const n = /^-?\s*name:\s*["']?([A-Z][A-Z0-9_]*)["']?\s*$/.exec(line);
    if (n) {
      name = n[1]!;
      ref = null;
      continue;
    }
    if (name && line === "configMapKeyRef:") {
      ref = {};
      continue;
    }
    const refName = ref ? /^name:\s*["']?([a-z0-9.-]+)["']?\s*$/.exec(line) : null;
    if (ref && refName) {
      ref.configMap = refName[1]!;
      continue;
    }
    const refKey = ref?.configMap ? /^key:\s*["']?([\w.-]+)["']?\s*$/.exec(line) : null;
    if (name && ref?.configMap && refKey) {
      refs.set(name, { configMap: ref.configMap, key: refKey[1]! });
      ref = null;
      name = null;
      continue;
    }
    const v = /^value:\s*(.*)$/.exec(line);
    if (v && name) {
      env.set(name, v[1]!.trim().replace(/^["']|["']$/g, ""));
      name = null;
      continue;
    }
    const kv = /^(?:export\s+|Environment=)?["']?([A-Z][A-Z0-9_]*)=["']?([^"'\s]*)["']?\s*$/.exec(
      line,
    );
    if (kv && ENV_NAMES.test(kv[1]!)) env.set(kv[1]!, kv[2]!);
    const img = /^-?\s*image:\s*["']?(\S+?)["']?\s*$/.exec(line);
    if (img && !image) image = img[1]!;
  }
  if (env.size === 0 && refs.size === 0 && !image) return null;
  const facts = fromContainers([{ name: "", image, env, refs, args: [] }], where);
  return facts ? { what: env.size ? "environment variables" : "a container image", facts } : null;
}

/** cilium-config keys, as `cilium config view` prints them: `key   value` in two columns. */
function columnsFacts(text: string, where: string): Fragment | null {
  const data: Obj = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z0-9][a-z0-9-]*)(?:\s{2,}(\S.*))?$/.exec(line.trim());
    if (m) data[m[1]!] = m[2] ?? "";
  }
  // Two columns on most lines, and a key only cilium-config has.
  const pairs = Object.values(data).filter((v) => v !== "").length;
  if (
    pairs < 2 ||
    !["routing-mode", "tunnel-protocol", "kube-proxy-replacement", "enable-wireguard"].some(
      (k) => k in data,
    )
  )
    return null;
  const facts = configMapFacts({ metadata: { name: "cilium-config" }, data }, where);
  return facts ? { what: "`cilium config view` columns", facts } : null;
}

/** Facts from a configuration fragment, or null when it states nothing this analyzer knows. */
export function fragmentFacts(text: string, where: string): Fragment | null {
  const described = describeFacts(text, where) ?? columnsFacts(text, where);
  if (described) return described;
  const loose =
    looseValues(text) ??
    looseValues(
      text
        .split(/\r?\n/)
        .filter((l) => !/^\s*(\.\.\.|…)\s*$/.test(l))
        .join("\n"),
    );
  if (!loose) return scanFacts(text, where);
  let out: Fragment | null = null;
  for (const value of loose.values) {
    const hit = isEnvList(value)
      ? (() => {
          const facts = fromContainers(
            [{ name: "", image: "", env: envMap(value), args: [] }],
            where,
          );
          return facts ? { what: "an env list", facts } : null;
        })()
      : isObj(value)
        ? fragmentOf(value, where)
        : Array.isArray(value)
          ? (value
              .filter(isObj)
              .map((v) => fragmentOf(v, where))
              .find((h) => h !== null) ?? null)
          : null;
    if (hit) out = out ? { what: out.what, facts: mergeFacts(out.facts, hit.facts) } : hit;
  }
  if (out && loose.repaired)
    out = { what: `${out.what} (cut off; read as far as it goes)`, facts: out.facts };
  return out ?? scanFacts(text, where);
}

/** Facts from a values tree (Helm `--set`s, a values.yaml), or null when it sets nothing known. */
export function valuesFacts(values: Obj, where: string): ConfigFacts | null {
  return fragmentOf(values, where)?.facts ?? null;
}
