/**
 * The offline MTU analyzer: `ip link` / `ip route` output and CNI/kube-proxy configuration files
 * in, one report out (CNI, encapsulation, MTUs, verdict, findings). Pure: no I/O.
 */
import {
  emptyFacts,
  mergeFacts,
  type Cni,
  type Encapsulation,
  type KubeProxyMode,
} from "../parsers/cni-config";
import type { LinkDevice, LinkKind } from "../parsers/ip-link";
import { GENEVE_OVN_OPTIONS } from "../mtu/overhead";
import { mtuVerdict, type Finding, type NamedMtu, type Verdict } from "../mtu/verdict";
import { cniOfDevice, isTunnel, pickOverlay, pickUnderlay } from "./devices";
import { readInput, type AnalyzeInput, type ReadInput } from "./read-input";

export { UnreadableInputError, type AnalyzeInput } from "./read-input";

export type Analysis = {
  cni: Cni;
  encapsulation: Encapsulation;
  configuredMtu: number | null;
  mtuSource: string | null;
  kubeProxyMode: KubeProxyMode | null;
  devices: { name: string; kind: LinkKind; mtu: number }[];
  underlay: { name: string; mtu: number; why: string } | null;
  overlay: { name: string; kind: LinkKind; mtu: number } | null;
  verdict: Verdict;
  findings: Finding[];
  inputs: { name: string; type: ReadInput["type"] }[];
};

function collectDevices(read: ReadInput[], findings: Finding[]): LinkDevice[] {
  const devices = new Map<string, LinkDevice>();
  for (const r of read) {
    if (r.type !== "ip-link") continue;
    if (!r.link.detailed) {
      findings.push({
        severity: "warning",
        code: "ip_link_not_detailed",
        message: `${r.name} is \`ip link\` without -d: device kinds (vxlan, veth…) are not shown, so only device names can be used.`,
      });
    }
    for (const d of r.link.devices) {
      const seen = devices.get(d.name);
      if (!seen) devices.set(d.name, d);
      else if (seen.mtu !== d.mtu) {
        findings.push({
          severity: "warning",
          code: "device_conflict",
          message: `${d.name} has MTU ${seen.mtu} in one input and ${d.mtu} in ${r.name}; using ${seen.mtu}.`,
        });
      }
    }
  }
  return [...devices.values()];
}

export function analyze(inputs: AnalyzeInput[]): Analysis {
  const read = inputs.map(readInput);
  const findings: Finding[] = [];
  const facts = read.reduce(
    (acc, r) => (r.type === "config" ? mergeFacts(acc, r.facts) : acc),
    emptyFacts(),
  );
  const devices = collectDevices(read, findings);
  const defaultDevs = read.flatMap((r) => (r.type === "ip-route" ? r.route.defaultDevs : []));
  const hasLink = read.some((r) => r.type === "ip-link");

  const overlayDev =
    facts.encapsulation === "none" ? null : pickOverlay(devices, facts.cni, facts.encapsulation);
  const cni =
    facts.cni !== "unknown" ? facts.cni : overlayDev ? cniOfDevice(overlayDev.name) : "unknown";
  const encapsulation: Encapsulation =
    facts.encapsulation !== "unknown"
      ? facts.encapsulation
      : overlayDev && isTunnel(overlayDev)
        ? (overlayDev.kind as Encapsulation)
        : "unknown";
  const underlay = pickUnderlay(devices, overlayDev, defaultDevs);

  const pod: NamedMtu | null =
    facts.configuredMtu !== null && facts.mtuMeaning === "pod"
      ? { name: facts.mtuSource ?? "configured MTU", mtu: facts.configuredMtu }
      : null;
  let overlay: NamedMtu | null = overlayDev ? { name: overlayDev.name, mtu: overlayDev.mtu } : null;
  if (overlayDev && (overlayDev.vxlan?.external || overlayDev.geneve?.external)) {
    findings.push({
      severity: "info",
      code: "collect_metadata_tunnel",
      message: `${overlayDev.name} is a collect-metadata (external) tunnel device: its MTU ${overlayDev.mtu} is not the overlay MTU (Cilium sets it on pod routes, OVS per flow), so only a stated pod MTU can be checked.`,
    });
    overlay = pod;
  }
  const verdict = hasLink
    ? mtuVerdict({
        underlay: underlay ? { name: underlay.device.name, mtu: underlay.device.mtu } : null,
        overlay,
        encapsulation,
        pod,
        family: overlayDev?.vxlan?.local?.includes(":") ? "ipv6" : "ipv4",
        geneveOptions: cni === "ovn-kubernetes" ? GENEVE_OVN_OPTIONS : 0,
      })
    : {
        status: "unknown" as const,
        reason: "No `ip -d link` output was given, so the underlay and overlay MTUs are unknown.",
        underlayMtu: null,
        overlayMtu: null,
        overhead: null,
        maxOverlayMtu: null,
        findings: [
          {
            severity: "info" as const,
            code: "no_link_output",
            message:
              "No `ip -d link` output was given: only the configuration was read (add `ip -j -d link` from a node for a verdict).",
          },
        ],
      };
  findings.unshift(...verdict.findings);

  if (
    facts.configuredMtu !== null &&
    facts.mtuMeaning === "underlay" &&
    underlay &&
    facts.configuredMtu > underlay.device.mtu
  ) {
    findings.push({
      severity: "error",
      code: "configured_mtu_exceeds_underlay",
      message: `${facts.mtuSource} is ${facts.configuredMtu}, larger than ${underlay.device.name} MTU ${underlay.device.mtu}: the CNI will size its overlay for a link that does not exist.`,
    });
  }
  const foreign = devices.find(
    (d) =>
      isTunnel(d) &&
      cniOfDevice(d.name) !== "unknown" &&
      facts.cni !== "unknown" &&
      cniOfDevice(d.name) !== facts.cni,
  );
  if (foreign) {
    findings.push({
      severity: "warning",
      code: "cni_device_mismatch",
      message: `The configuration is ${facts.cni}, but the node has ${foreign.name}, a ${cniOfDevice(foreign.name)} device: are the inputs from the same cluster?`,
    });
  }
  if (facts.kubeProxyReplaced)
    findings.push({
      severity: "info",
      code: "kube_proxy_replaced",
      message: `${cni} replaces kube-proxy, so there is no kube-proxy mode.`,
    });
  for (const note of facts.notes)
    findings.push({ severity: "info", code: "config_note", message: note });

  return {
    cni,
    encapsulation,
    configuredMtu: facts.configuredMtu,
    mtuSource: facts.mtuSource,
    kubeProxyMode: facts.kubeProxyMode,
    devices: devices.map(({ name, kind, mtu }) => ({ name, kind, mtu })),
    underlay: underlay
      ? { name: underlay.device.name, mtu: underlay.device.mtu, why: underlay.rule }
      : null,
    overlay: overlayDev
      ? { name: overlayDev.name, kind: overlayDev.kind, mtu: overlayDev.mtu }
      : null,
    verdict,
    findings,
    inputs: read.map((r) => ({ name: r.name, type: r.type })),
  };
}
