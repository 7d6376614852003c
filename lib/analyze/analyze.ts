/**
 * The offline MTU analyzer: pastes and files in (command output, CNI / kube-proxy configuration,
 * install commands), one report out: CNI, encapsulation, MTUs, a verdict per node, the differences
 * between nodes, findings, the command that gives each missing fact, and what every piece of the
 * input was read as. Pure: no I/O.
 */
import {
  emptyFacts,
  mergeFacts,
  type Cni,
  type ConfigFacts,
  type Encapsulation,
  type KubeProxyMode,
} from "../parsers/cni-config";
import type { LinkDevice, LinkKind } from "../parsers/ip-link";
import { encapsulationOverhead, GENEVE_OVN_OPTIONS } from "../mtu/overhead";
import {
  mtuVerdict,
  type Finding,
  type NamedMtu,
  type Verdict,
  type VerdictStatus,
} from "../mtu/verdict";
import {
  cniOfDevice,
  cniOfDevices,
  encapsulationOfName,
  isTunnel,
  OVS_PORT,
  pickOverlay,
  pickUnderlay,
  POD_MTU_DEVICE,
} from "./devices";
import {
  readInput,
  UnreadableInputError,
  type AnalyzeInput,
  type PieceReport,
  type ReadInput,
} from "./read-input";

export { UnreadableInputError, type AnalyzeInput, type PieceReport } from "./read-input";

type Device = { name: string; kind: LinkKind; mtu: number };

export type NodeAnalysis = {
  /** The host a prompt or label names, else "node N" in the order pasted. */
  name: string;
  devices: Device[];
  underlay: { name: string; mtu: number; why: string } | null;
  overlay: Device | null;
  verdict: Verdict;
};

export type Analysis = {
  cni: Cni;
  /** Why the CNI is what it is, when the devices (not the configuration) tell. */
  cniWhy: string | null;
  encapsulation: Encapsulation;
  configuredMtu: number | null;
  mtuSource: string | null;
  /** With no value in the paste: where the MTU is set (an env from a ConfigMap key), in words. */
  mtuFrom: string | null;
  kubeProxyMode: KubeProxyMode | null;
  /** The node the top-level figures are from (the worst verdict when there are several). */
  node: string | null;
  devices: Device[];
  underlay: NodeAnalysis["underlay"];
  overlay: Device | null;
  verdict: Verdict;
  /** One entry per node whose devices were pasted (empty when none were). */
  nodes: NodeAnalysis[];
  findings: Finding[];
  inputs: { name: string; type: ReadInput["type"] }[];
  /** Every piece of every input, in order, with what it was read as (null: not recognised). */
  pieces: PieceReport[];
};

type Group = { name: string; host?: string; reads: ReadInput[] };

/** The smallest MTU IPv4 allows (RFC 791): a smaller figure is a number the paste cut short. */
const MIN_MTU = 68;

/**
 * Reads in paste order → nodes. A prompt's or label's host names the node; without one, a full
 * `ip link` listing (it starts again at `1: lo`) after another one opens the next node.
 */
function groupByNode(reads: ReadInput[]): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  const full = (r: ReadInput) => r.type === "ip-link" && r.link.devices[0]?.index === 1;
  // ifconfig has no indexes: its listing names a device the node already showed → the next node.
  const repeatsIfconfig = (r: ReadInput, g: Group) =>
    r.type === "ip-link" &&
    r.link.format === "ifconfig" &&
    g.reads.some(
      (x) =>
        x.type === "ip-link" &&
        x.link.format === "ifconfig" &&
        x.link.devices.some((d) => r.link.devices.some((e) => e.name === d.name)),
    );
  for (const r of reads) {
    if (r.type === "config") continue;
    if (r.host) {
      current = groups.find((g) => g.host === r.host) ?? null;
      if (!current) {
        current = { name: r.host, host: r.host, reads: [] };
        groups.push(current);
      }
    } else if (
      !current ||
      (current.host === undefined &&
        ((full(r) && current.reads.some(full)) || repeatsIfconfig(r, current)))
    ) {
      current = { name: "", reads: [] };
      groups.push(current);
    }
    current.reads.push(r);
  }
  let n = 0;
  for (const g of groups) if (!g.host) g.name = `node ${++n}`;
  if (groups.length === 1 && !groups[0]!.host) groups[0]!.name = "the node";
  return groups;
}

/** Device names whose line the paste cut short: they still name the CNI, their MTU is not used. */
const cutNames = new WeakMap<Group, string[]>();

function collectDevices(g: Group, findings: Finding[]): LinkDevice[] {
  const cut: string[] = [];
  cutNames.set(g, cut);
  const devices = new Map<string, LinkDevice>();
  for (const r of g.reads) {
    if (r.type !== "ip-link") continue;
    if (!r.link.detailed) {
      findings.push({
        severity: "warning",
        code: "ip_link_not_detailed",
        message:
          r.link.format === "ifconfig"
            ? `${r.name} is \`ifconfig\`: device kinds (vxlan, veth…) are not shown, so only device names can be used.`
            : `${r.name} is \`ip link\` without -d: device kinds (vxlan, veth…) are not shown, so only device names can be used.`,
      });
    }
    for (const d of r.link.devices) {
      if (d.mtu < MIN_MTU) {
        findings.push({
          severity: "info",
          code: "cut_off",
          message: `${r.name} shows ${d.name} with MTU ${d.mtu}, below IPv4's minimum of ${MIN_MTU}: the paste is cut there, so ${d.name}'s MTU is not used.`,
        });
        cut.push(d.name);
        continue;
      }
      const seen = devices.get(d.name);
      if (!seen) devices.set(d.name, d);
      else if (seen.mtu !== d.mtu) {
        findings.push({
          severity: "warning",
          code: "device_conflict",
          message: `${d.name} has MTU ${seen.mtu} in one input and ${d.mtu} in ${r.name}; using ${seen.mtu}.`,
        });
      } else if (seen.kind === "other" && d.kind !== "other") devices.set(d.name, d);
    }
  }
  // A device with remote VTEPs in its fdb is a VXLAN tunnel, whatever the output showed of it.
  for (const r of g.reads) {
    if (r.type !== "fdb") continue;
    for (const e of r.entries) {
      const d = e.dev && e.dst ? devices.get(e.dev) : undefined;
      if (d && d.kind === "other") devices.set(d.name, { ...d, kind: "vxlan" });
    }
  }
  return [...devices.values()];
}

function namesOf(g: Group, devices: LinkDevice[]): string[] {
  const names = new Set([...devices.map((d) => d.name), ...(cutNames.get(g) ?? [])]);
  for (const r of g.reads) {
    if (r.type === "ip-brief") r.devices.forEach((d) => names.add(d.name));
    if (r.type === "fdb") r.entries.forEach((e) => e.dev && names.add(e.dev));
    if (r.type === "ip-route") r.route.routes.forEach((x) => x.dev && names.add(x.dev));
  }
  return [...names];
}

type NodeResult = NodeAnalysis & {
  cni: Cni;
  cniWhy: string | null;
  encapsulation: Encapsulation;
  hasLink: boolean;
  /** Some listing shows device kinds (`ip -d`, `ip -j`). */
  detailed: boolean;
  hasRoutes: boolean;
  findings: Finding[];
  names: string[];
  lowerMissing: string | null;
};

/**
 * With no device listing, a tunnel the routes, `ip -br` or the fdb name still shows the
 * encapsulation (`local … dev cilium_vxlan`, fdb entries on flannel.1); never tunl0, which the
 * ipip module makes on every host that loads it.
 */
function encapsulationOfNames(names: string[], routed: Set<string>, cni: Cni): Encapsulation {
  const found = names
    // tunl0 counts when routes go through it (Calico's BIRD routes pods `via … dev tunl0 onlink`).
    .filter(
      (n) => (n !== "tunl0" || routed.has(n)) && (cni === "unknown" || cniOfDevice(n) === cni),
    )
    .map(encapsulationOfName)
    .filter((e) => e !== "unknown");
  return new Set(found).size === 1 ? found[0]! : "unknown";
}

/** Devices routes go through `via` a gateway (a tunnel that carries pods), not just `dev` links. */
const routedDevs = (g: Group) =>
  new Set(
    g.reads.flatMap((r) =>
      r.type === "ip-route" ? r.route.routes.filter((x) => x.via && x.dev).map((x) => x.dev!) : [],
    ),
  );

/**
 * Tunnels beside the CNI's (a WireGuard mesh such as Kilo's kilo0, a wg0, an IPIP tunl0 in use)
 * must fit in the underlay as well: each is checked with its own overhead.
 */
function otherTunnels(
  devices: LinkDevice[],
  overlay: LinkDevice | null,
  underlay: LinkDevice,
): Finding[] {
  const out: Finding[] = [];
  for (const d of devices) {
    if (d === overlay || d.vxlan?.external || d.geneve?.external || OVS_PORT.test(d.name)) continue;
    if (d.state === "DOWN" || (d.vxlan?.dev && d.vxlan.dev !== underlay.name)) continue;
    const encapsulation = isTunnel(d) ? (d.kind as Encapsulation) : encapsulationOfName(d.name);
    const overhead = encapsulationOverhead(encapsulation, "ipv4", 0);
    if (overhead === null || encapsulation === "none") continue;
    if (d.mtu + overhead > underlay.mtu)
      out.push({
        severity: "error",
        code: "tunnel_mismatch",
        message: `${d.name} (${encapsulation}) MTU ${d.mtu} + overhead ${overhead} = ${d.mtu + overhead} > ${underlay.name} MTU ${underlay.mtu}: full-size packets through ${d.name} do not fit; set it to ${underlay.mtu - overhead} or less.`,
      });
  }
  return out;
}

/** Largest MTU pinned on a route through a CNI device (Cilium keeps the pod MTU there). */
function routeMtu(g: Group, underlay: string | undefined): NamedMtu | null {
  const pinned = g.reads
    .flatMap((r) => (r.type === "ip-route" ? r.route.routes : []))
    .filter((r) => r.mtu && r.dev && r.dev !== underlay && r.dst !== "default");
  const top = pinned.sort((a, b) => b.mtu! - a.mtu!)[0];
  return top ? { name: `route ${top.dst} dev ${top.dev}`, mtu: top.mtu! } : null;
}

/** What the configuration, or else all nodes' devices together, say of the cluster. */
type Cluster = { facts: ConfigFacts; deviceCni: { cni: Cni; why: string } | null };

function analyzeNode(g: Group, { facts, deviceCni: clusterCni }: Cluster): NodeResult {
  const findings: Finding[] = [];
  const devices = collectDevices(g, findings);
  const names = namesOf(g, devices);
  const own = cniOfDevices(names);
  const fromDevices = own && own.cni !== "unknown" ? own : (clusterCni ?? own);
  const defaultDevs = g.reads.flatMap((r) => (r.type === "ip-route" ? r.route.defaultDevs : []));
  const hasLink = g.reads.some((r) => r.type === "ip-link");
  const deviceCni = fromDevices?.cni ?? "unknown";
  const knownCni = facts.cni !== "unknown" ? facts.cni : deviceCni;

  const overlayDev =
    facts.encapsulation === "none" ? null : pickOverlay(devices, knownCni, facts.encapsulation);
  const cni =
    knownCni !== "unknown"
      ? knownCni
      : overlayDev && !/^genev_sys_/.test(overlayDev.name)
        ? cniOfDevice(overlayDev.name)
        : "unknown";
  const encapsulation: Encapsulation =
    facts.encapsulation !== "unknown"
      ? facts.encapsulation
      : overlayDev && isTunnel(overlayDev)
        ? (overlayDev.kind as Encapsulation)
        : overlayDev
          ? encapsulationOfName(overlayDev.name)
          : encapsulationOfNames(names, routedDevs(g), knownCni);
  // Inside a pod, `ip a` shows lo and the pod's end of a veth (eth0@if1030) and nothing of the node.
  const podEnd = devices.find((d) => /^eth\d+$/.test(d.name) && /^if\d+$/.test(d.link ?? ""));
  const podNamespace =
    !!podEnd &&
    !names.some((n) => cniOfDevices([n]) !== null || cniOfDevice(n) !== "unknown") &&
    devices.every((d) => d.kind === "loopback" || /^(eth|net)\d+$/.test(d.name));
  const underlay = podNamespace ? null : pickUnderlay(devices, overlayDev, defaultDevs);
  if (podNamespace)
    findings.push({
      severity: "warning",
      code: "pod_namespace",
      message: `${g.name === "the node" ? "This listing" : `${g.name}'s listing`} looks like a pod's own network namespace (${podEnd!.name}@${podEnd!.link} and no node devices): ${podEnd!.name} MTU ${podEnd!.mtu} is the pod's MTU, not a node NIC's. Run \`ip -d link\` on the node for the underlay.`,
    });
  const lower = overlayDev?.vxlan?.dev;
  const lowerMissing = lower && !devices.some((d) => d.name === lower) ? lower : null;

  const stated: NamedMtu | null =
    facts.configuredMtu !== null && facts.mtuMeaning === "pod"
      ? { name: facts.mtuSource ?? "configured MTU", mtu: facts.configuredMtu }
      : null;
  const gateway = devices.find((d) => POD_MTU_DEVICE.test(d.name));
  const pod =
    stated ??
    routeMtu(g, underlay?.device.name) ??
    (overlayDev && OVS_PORT.test(overlayDev.name) && gateway
      ? { name: gateway.name, mtu: gateway.mtu }
      : null);
  let overlay: NamedMtu | null = overlayDev ? { name: overlayDev.name, mtu: overlayDev.mtu } : null;
  if (
    overlayDev &&
    (overlayDev.vxlan?.external || overlayDev.geneve?.external || OVS_PORT.test(overlayDev.name))
  ) {
    findings.push({
      severity: "info",
      code: "collect_metadata_tunnel",
      message: `${overlayDev.name} is a collect-metadata (external) tunnel device: its MTU ${overlayDev.mtu} is not the overlay MTU (Cilium sets it on pod routes, Open vSwitch keeps its ports at 65000), so only the pod MTU${pod && !stated ? ` (here ${pod.name} ${pod.mtu})` : " when stated"} can be checked.`,
    });
    overlay = pod;
  }
  let verdict: Verdict = hasLink
    ? mtuVerdict({
        underlay: underlay ? { name: underlay.device.name, mtu: underlay.device.mtu } : null,
        overlay,
        encapsulation,
        pod,
        family: overlayDev?.vxlan?.local?.includes(":") ? "ipv6" : "ipv4",
        geneveOptions: cni === "ovn-kubernetes" ? GENEVE_OVN_OPTIONS : 0,
      })
    : {
        status: "unknown",
        reason:
          "No device MTUs were given (`ip -d link`, `ip addr` or `ifconfig` output), so the underlay and overlay MTUs are unknown.",
        underlayMtu: null,
        overlayMtu: null,
        overhead: null,
        maxOverlayMtu: null,
        findings: [],
      };
  // Every tunnel on the node must fit, not only the CNI's: one that does not makes the node's verdict.
  const others = underlay ? otherTunnels(devices, overlayDev, underlay.device) : [];
  if (others.length && (verdict.status === "ok" || verdict.status === "suboptimal"))
    verdict = { ...verdict, status: "mismatch", reason: others[0]!.message };
  findings.unshift(...verdict.findings);
  findings.push(...others);
  for (const r of g.reads) {
    if (r.type !== "fdb") continue;
    const byDev = new Map<string, string[]>();
    for (const e of r.entries)
      if (e.dev && e.dst) byDev.set(e.dev, [...(byDev.get(e.dev) ?? []), e.dst]);
    for (const [dev, dsts] of byDev) {
      const peers = [...new Set(dsts.filter((d) => d !== "0.0.0.0"))];
      findings.push({
        severity: "info",
        code: "vxlan_peers",
        message: `${dev} forwards to ${peers.length} remote VTEP${peers.length === 1 ? "" : "s"} (${peers.slice(0, 5).join(", ")}${peers.length > 5 ? ", …" : ""}) on ${g.name}.`,
      });
    }
  }
  return {
    name: g.name,
    devices: devices.map(({ name, kind, mtu }) => ({ name, kind, mtu })),
    underlay: underlay
      ? { name: underlay.device.name, mtu: underlay.device.mtu, why: underlay.rule }
      : null,
    overlay: overlayDev
      ? { name: overlayDev.name, kind: overlayDev.kind, mtu: overlayDev.mtu }
      : null,
    verdict,
    cni,
    cniWhy: facts.cni === "unknown" ? (fromDevices?.why ?? null) : null,
    encapsulation,
    hasLink,
    detailed: g.reads.some((r) => r.type === "ip-link" && r.link.detailed),
    hasRoutes: g.reads.some((r) => r.type === "ip-route"),
    findings,
    names,
    lowerMissing,
  };
}

const RANK: Record<VerdictStatus, number> = { mismatch: 3, unknown: 2, suboptimal: 1, ok: 0 };
/** veth ends (pods come and go) are per node by nature: their MTUs are not compared. */
const PER_POD = /^(veth|cali|lxc|vethwe|azv|eni|tap)/;

function differences(nodes: NodeResult[]): Finding[] {
  const out: Finding[] = [];
  const first = nodes[0]!;
  const names = [...new Set(nodes.flatMap((n) => n.devices.map((d) => d.name)))].filter(
    (n) => !PER_POD.test(n) && n !== "lo",
  );
  for (const name of names) {
    const seen = nodes.map((n) => ({ node: n.name, d: n.devices.find((d) => d.name === name) }));
    const mtus = new Set(seen.flatMap((s) => (s.d ? [s.d.mtu] : [])));
    if (mtus.size > 1)
      out.push({
        severity: "warning",
        code: "node_mtu_differs",
        message: `${name} MTU differs between nodes: ${seen.map((s) => `${s.node} ${s.d ? s.d.mtu : "—"}`).join(", ")}.`,
      });
  }
  const roles = [
    ["underlay", (n: NodeResult) => n.underlay && `${n.underlay.name} ${n.underlay.mtu}`],
    ["overlay", (n: NodeResult) => n.overlay && `${n.overlay.name} ${n.overlay.mtu}`],
  ] as const;
  for (const [role, of] of roles) {
    const known = nodes.flatMap((n) => (of(n) ? [{ node: n.name, value: of(n)! }] : []));
    const values = known.map((k) => k.value);
    if (
      new Set(values).size > 1 &&
      !out.some((f) => values.some((v) => f.message.startsWith(`${v.split(" ")[0]!} MTU`)))
    )
      out.push({
        severity: "warning",
        code: "node_role_differs",
        message: `The ${role} differs between nodes: ${known.map((k) => `${k.node} ${k.value}`).join(", ")}.`,
      });
  }
  const statuses = new Set(nodes.map((n) => n.verdict.status));
  if (statuses.size > 1)
    out.push({
      severity: "warning",
      code: "node_verdicts_differ",
      message: `The nodes do not agree: ${nodes.map((n) => `${n.name} ${n.verdict.status}`).join(", ")}. If they are one cluster, it is as good as its worst node: fix ${
        nodes
          .filter((n) => n.verdict.status === "mismatch")
          .map((n) => n.name)
          .join(", ") || "the nodes that differ"
      } to match ${first.verdict.status === "ok" ? first.name : "the others"}.`,
    });
  return out;
}

/** The command that gives each fact the verdict still lacks, from what the paste shows. */
function hints(node: NodeResult, facts: ConfigFacts): Finding[] {
  const out: Finding[] = [];
  const on =
    node.name !== "the node" ? `on ${node.name}` : node.names.length ? "on that node" : "on a node";
  const hint = (message: string) => out.push({ severity: "info", code: "missing_fact", message });
  if (node.lowerMissing)
    hint(
      `Run \`ip -d link show ${node.lowerMissing}\` ${on}: ${node.overlay!.name} is bound to ${node.lowerMissing} (\`vxlan … dev ${node.lowerMissing}\`), whose MTU is not in the paste.`,
    );
  if (!node.hasLink)
    hint(
      `Run \`ip -d link\` ${on}: ${node.names.length ? `the paste names ${node.names.slice(0, 4).join(", ")} but no MTU` : "no device MTU is in the paste"}.`,
    );
  else if (!node.underlay && !node.lowerMissing && !node.hasRoutes)
    hint(
      `Run \`ip route show default\` and \`ip -d link\` ${on}: which device is the underlay NIC is not in the paste.`,
    );
  else if (node.verdict.status === "unknown" && node.encapsulation === "unknown")
    hint(
      node.detailed
        ? `Paste the CNI configuration (\`cat /etc/cni/net.d/*\` ${on}, or \`kubectl -n kube-system get configmap -o yaml\`): the node shows no tunnel device${facts.cni === "unknown" ? "" : ` of ${facts.cni}`} and nothing in the paste states the encapsulation.`
        : `Run \`ip -d link\` ${on}: without -d the tunnel device's kind (vxlan, geneve, ipip) is not shown, and nothing in the paste states the encapsulation.`,
    );
  return out;
}

export function analyze(inputs: AnalyzeInput[]): Analysis {
  const read = inputs.map((input) => {
    try {
      return { input, ...readInput(input) };
    } catch (e) {
      if (!(e instanceof UnreadableInputError) || /is empty|binary/.test(e.message)) throw e;
      return { input, reads: [] as ReadInput[], report: [] as PieceReport[], error: e };
    }
  });
  const unreadable = read.filter((r) => "error" in r);
  if (unreadable.length === read.length) throw (unreadable[0] as { error: Error }).error;
  const reads = read.flatMap((r) => r.reads);
  const pieces = read.flatMap((r) =>
    "error" in r
      ? [
          {
            input: r.input.name,
            from: 1,
            to: r.input.text.split("\n").length,
            readAs: null,
            firstLine: r.input.text.trim().split("\n")[0]!.slice(0, 80),
          },
        ]
      : r.report,
  );
  const facts = reads.reduce(
    (acc, r) => (r.type === "config" ? mergeFacts(acc, r.facts) : acc),
    emptyFacts(),
  );
  const groups = groupByNode(reads);
  const cluster: Cluster = {
    facts,
    deviceCni: cniOfDevices(groups.flatMap((g) => namesOf(g, collectDevices(g, [])))),
  };
  let nodes = (groups.length ? groups : [{ name: "the node", reads: [] }]).map((g) =>
    analyzeNode(g, cluster),
  );
  // A node whose paste shows no tunnel takes the encapsulation the other nodes' tunnels show.
  const encaps = new Set(nodes.map((n) => n.encapsulation).filter((e) => e !== "unknown"));
  if (
    facts.encapsulation === "unknown" &&
    encaps.size === 1 &&
    nodes.some((n) => n.encapsulation === "unknown")
  ) {
    const [encapsulation] = [...encaps] as [Encapsulation];
    nodes = (groups.length ? groups : []).map((g) =>
      analyzeNode(g, { ...cluster, facts: { ...facts, encapsulation } }),
    );
  }
  const worst = [...nodes].sort((a, b) => RANK[b.verdict.status] - RANK[a.verdict.status])[0]!;
  const linked = nodes.filter((n) => n.hasLink);
  const findings: Finding[] = [];
  for (const n of nodes)
    for (const f of n.findings)
      findings.push(nodes.length > 1 ? { ...f, message: `${n.name}: ${f.message}` } : f);
  if (linked.length > 1) findings.push(...differences(linked));
  if (!nodes.some((n) => n.hasLink))
    findings.push({
      severity: "info",
      code: "no_link_output",
      message:
        "No `ip -d link`, `ip addr` or `ifconfig` output was given, so no device MTU was read (add `ip -d link` from a node for a verdict).",
    });
  for (const n of nodes) findings.push(...hints(n, facts));
  if (facts.configuredMtu === null)
    for (const r of facts.mtuRefs.filter(
      (r, i, all) => all.findIndex((x) => x.configMap === r.configMap && x.key === r.key) === i,
    ))
      findings.push({
        severity: "info",
        code: "missing_fact",
        message: `Run \`kubectl${r.namespace ? ` -n ${r.namespace}` : ""} get configmap ${r.configMap} -o yaml\`: ${r.env} is set from its key ${r.key}, which is not in the paste.`,
      });

  const cni = worst.cni;
  if (facts.configuredMtu !== null && facts.mtuMeaning === "underlay") {
    for (const n of nodes) {
      if (n.underlay && facts.configuredMtu > n.underlay.mtu)
        findings.push({
          severity: "error",
          code: "configured_mtu_exceeds_underlay",
          message: `${facts.mtuSource} is ${facts.configuredMtu}, larger than ${nodes.length > 1 ? `${n.name}'s ` : ""}${n.underlay.name} MTU ${n.underlay.mtu}: the CNI will size its overlay for a link that does not exist.`,
        });
    }
  }
  for (const n of nodes) {
    const foreign = n.devices.find(
      (d) =>
        (d.kind === "vxlan" ||
          d.kind === "geneve" ||
          d.kind === "ipip" ||
          d.kind === "wireguard") &&
        cniOfDevice(d.name) !== "unknown" &&
        facts.cni !== "unknown" &&
        cniOfDevice(d.name) !== facts.cni &&
        !(/^genev_sys_/.test(d.name) && facts.cni === "antrea"),
    );
    if (foreign)
      findings.push({
        severity: "warning",
        code: "cni_device_mismatch",
        message: `The configuration is ${facts.cni}, but ${n.name} has ${foreign.name}, a ${cniOfDevice(foreign.name)} device: are the inputs from the same cluster?`,
      });
  }
  if (facts.cni === "unknown" && worst.cniWhy)
    findings.push({
      severity: "info",
      code: "cni_from_devices",
      message: `CNI ${cni === "unknown" ? "not told" : cni}: ${worst.cniWhy}.`,
    });
  if (facts.kubeProxyReplaced)
    findings.push({
      severity: "info",
      code: "kube_proxy_replaced",
      message: `${cni} replaces kube-proxy, so there is no kube-proxy mode.`,
    });
  for (const note of new Set(facts.notes))
    findings.push({ severity: "info", code: "config_note", message: note });
  for (const p of pieces.filter((p) => p.readAs === null))
    findings.push({
      severity: "info",
      code: "not_recognised",
      message: `${p.input} line${p.from === p.to ? ` ${p.from}` : `s ${p.from}–${p.to}`}${p.command ? ` (output of \`${p.command}\`)` : ""} not recognised: “${p.firstLine.slice(0, 80)}”.`,
    });

  const strip = ({ name, devices, underlay, overlay, verdict }: NodeResult): NodeAnalysis => ({
    name,
    devices,
    underlay,
    overlay,
    verdict,
  });
  return {
    cni,
    cniWhy: worst.cniWhy,
    encapsulation: worst.encapsulation,
    configuredMtu: facts.configuredMtu,
    mtuSource: facts.mtuSource,
    mtuFrom:
      facts.configuredMtu === null && facts.mtuRefs.length
        ? `ConfigMap ${facts.mtuRefs[0]!.namespace ? `${facts.mtuRefs[0]!.namespace}/` : ""}${facts.mtuRefs[0]!.configMap} key ${facts.mtuRefs[0]!.key} (${facts.mtuRefs[0]!.env}), its value not in the paste`
        : null,
    kubeProxyMode: facts.kubeProxyMode,
    node: worst.hasLink ? worst.name : null,
    devices: worst.devices,
    underlay: worst.underlay,
    overlay: worst.overlay,
    verdict: worst.verdict,
    nodes: linked.map(strip),
    findings,
    inputs: reads.map((r) => ({ name: r.name, type: r.type })),
    pieces,
  };
}
