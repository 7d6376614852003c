/**
 * Which device is the underlay NIC and which is the CNI's overlay (tunnel) device.
 *
 * Underlay rule, first that applies:
 *  1. the lower device the overlay tunnel is bound to (`vxlan … dev eth0`), if listed;
 *  2. the device of the default route (from `ip route` input), if it is not a tunnel;
 *  3. among non-tunnel, non-CNI devices that look physical — linkinfo-less `ethernet`, vlan, or
 *     named eth* / ens* / enp* / eno* / em* / bond* (a veth named eth0 is the NIC of a container
 *     node, as on kind) — the one with the smallest MTU, as Calico's MTU auto-detection does
 *     (findHostMTU takes the smallest matching interface), ties broken by lowest ifindex.
 * Overlay rule: a tunnel device with a name the detected CNI gives it (preferring the detected
 * encapsulation); with no CNI known, any known CNI tunnel name; never an unknown tunnel.
 */
import type { Cni, Encapsulation } from "../parsers/cni-types";
import type { LinkDevice } from "../parsers/ip-link";

const TUNNEL_KINDS = new Set(["vxlan", "geneve", "ipip", "wireguard"]);
export const isTunnel = (d: LinkDevice) => TUNNEL_KINDS.has(d.kind);

/** Tunnel device names per CNI (each CNI's source/docs; see /work/research/cni-mtu.md). */
export const CNI_TUNNELS: { cni: Exclude<Cni, "unknown">; pattern: RegExp }[] = [
  { cni: "flannel", pattern: /^(flannel\.\d+|flannel-v6\.\d+|flannel-wg(-v6)?|flannel\.ipip)$/ },
  {
    cni: "calico",
    pattern: /^(vxlan\.calico|vxlan-v6\.calico|tunl0|wireguard\.cali|wg-v6\.cali)$/,
  },
  { cni: "cilium", pattern: /^(cilium_vxlan|cilium_geneve|cilium_wg0|cilium_ipip[46])$/ },
  { cni: "antrea", pattern: /^(antrea-tun0|antrea-wg0)$/ },
  // Open vSwitch names its tunnel vports genev_sys_<port> / vxlan_sys_<port>: Antrea and
  // OVN-Kubernetes both use OVS (see OVS_PORT).
  { cni: "ovn-kubernetes", pattern: /^(genev|vxlan)_sys_\d+$/ },
  { cni: "weave", pattern: /^vxlan-6784$/ },
  { cni: "kube-router", pattern: /^tun-?[0-9a-f]+$/ },
];

/** The encapsulation a tunnel's name implies, for output that names no kinds (`ip link`, ifconfig). */
const NAME_ENCAP: [RegExp, Encapsulation][] = [
  [/^(flannel(-v6)?\.\d+|vxlan(-v6)?\.calico|cilium_vxlan|vxlan-6784|vxlan_sys_\d+)$/, "vxlan"],
  [/^(cilium_geneve|genev_sys_\d+)$/, "geneve"],
  [/^(tunl0|flannel\.ipip|cilium_ipip[46]|tun-?[0-9a-f]+)$/, "ipip"],
  [
    /^(flannel-wg(-v6)?|wireguard\.cali|wg-v6\.cali|cilium_wg0|antrea-wg0|kilo\d+|wg\d+)$/,
    "wireguard",
  ],
];

/**
 * Open vSwitch's tunnel vports: collect-metadata devices OVS keeps at MTU 65000 whatever the pods
 * use, so their MTU is never the overlay's (Antrea sets the pod MTU on antrea-gw0, OVN-Kubernetes
 * on ovn-k8s-mp0).
 */
export const OVS_PORT = /^(genev|vxlan|gre|stt)_sys_\d+$/;
/** The device whose MTU is the pod MTU where the tunnel device's is not (OVS-based CNIs). */
export const POD_MTU_DEVICE = /^(antrea-gw0|ovn-k8s-mp0)$/;

export const encapsulationOfName = (name: string): Encapsulation =>
  NAME_ENCAP.find(([re]) => re.test(name))?.[1] ?? "unknown";

/**
 * Devices that only one CNI makes, tunnels or not (each CNI's source: flannel's cni0 + flannel.N,
 * Calico's cali* workload veths, cilium_host, antrea-gw0, Weave's weave bridge and datapath,
 * kube-router's kube-bridge / kube-dummy-if, OVN-Kubernetes' ovn-k8s-mp0).
 */
const CNI_MARKERS: { cni: Exclude<Cni, "unknown">; pattern: RegExp }[] = [
  { cni: "cilium", pattern: /^(cilium_host|cilium_net|lxc[0-9a-f]{6,}|lxc_health)$/ },
  { cni: "calico", pattern: /^(cali[0-9a-f]{6,}|vxlan\.calico|vxlan-v6\.calico|wireguard\.cali)$/ },
  { cni: "antrea", pattern: /^(antrea-gw0|antrea-tun0|antrea-wg0)$/ },
  { cni: "weave", pattern: /^(weave|datapath|vethwe-(bridge|datapath|pcap)|vxlan-6784)$/ },
  { cni: "kube-router", pattern: /^(kube-bridge|kube-dummy-if)$/ },
  { cni: "ovn-kubernetes", pattern: /^(ovn-k8s-mp\d+|breth\d+)$/ },
  { cni: "flannel", pattern: /^(flannel\.\d+|flannel-v6\.\d+|flannel-wg(-v6)?|flannel\.ipip)$/ },
];

/**
 * The CNI the device names alone show, or null. `tunl0` exists wherever the ipip module is loaded,
 * so it counts only beside cali*; `cni0` is any bridge conflist's default, so it never counts;
 * genev_sys_6081 is OVS's (Antrea or OVN-Kubernetes): the other devices decide, or it stays open.
 */
export function cniOfDevices(names: string[]): { cni: Cni; why: string } | null {
  const hits = new Map<Cni, string[]>();
  for (const n of names) {
    const m =
      CNI_MARKERS.find((x) => x.pattern.test(n)) ??
      (n !== "tunl0" && !OVS_PORT.test(n) ? CNI_TUNNELS.find((x) => x.pattern.test(n)) : undefined);
    if (m) hits.set(m.cni, [...(hits.get(m.cni) ?? []), n]);
  }
  const kinds = [...hits.keys()];
  const geneve = names.find((n) => OVS_PORT.test(n));
  if (kinds.length === 1) {
    const [cni] = kinds as [Cni];
    return { cni, why: `the paste shows ${hits.get(cni)!.slice(0, 3).join(", ")}` };
  }
  if (kinds.length > 1)
    return {
      cni: "unknown",
      why: `devices of ${kinds.join(" and ")} are both present (${kinds.map((k) => hits.get(k)![0]).join(", ")})`,
    };
  if (names.includes("cni0") && !geneve)
    return {
      cni: "unknown",
      why: "cni0 is the bridge plugin's default name (flannel's, k3s', and the container runtime's default conflist's), so it does not tell the CNI",
    };
  if (geneve)
    return {
      cni: "unknown",
      why: `${geneve} is an Open vSwitch tunnel port, made by Antrea and OVN-Kubernetes alike; no other device tells which`,
    };
  return null;
}

/** Devices that CNIs, container runtimes or kube-proxy create: never the underlay. */
const VIRTUAL_NAMES =
  /^(cni\d*|cali|lxc|veth|cilium_|flannel|weave|datapath|vethwe|kube-|antrea-|ovn-k8s|br-int|br-ex|ovs-system|docker\d|genev_sys|tunl0|azv|eni|nodelocaldns|vxlan)/;
const PHYSICAL_NAMES = /^(eth|ens|enp|eno|em|bond)\w*/;

export function cniOfDevice(name: string): Cni {
  return CNI_TUNNELS.find((t) => t.pattern.test(name))?.cni ?? "unknown";
}

export function pickOverlay(
  devices: LinkDevice[],
  cni: Cni,
  encapsulation: Encapsulation,
): LinkDevice | null {
  const candidates = devices.filter((d) => {
    const owner = cniOfDevice(d.name);
    const ovs = OVS_PORT.test(d.name) && (cni === "antrea" || cni === "ovn-kubernetes");
    // tunl0 exists wherever the ipip module is loaded; DOWN, it carries nothing.
    if (d.name === "tunl0" && d.state === "DOWN") return false;
    return (
      (isTunnel(d) || d.kind === "other") &&
      owner !== "unknown" &&
      (cni === "unknown" || owner === cni || ovs)
    );
  });
  const rank = (d: LinkDevice) =>
    (encapsulation !== "unknown" && d.kind === encapsulation ? 0 : 2) +
    (d.name === "tunl0" ? 1 : 0);
  const named = candidates.sort((a, b) => rank(a) - rank(b))[0];
  if (named) return named;
  // A tunnel the CNI was told to name otherwise (flannel's VNI 4096 as fl4096): the one device of
  // the stated encapsulation, when there is exactly one.
  const ofKind = devices.filter((d) => encapsulation !== "unknown" && d.kind === encapsulation);
  return ofKind.length === 1 ? ofKind[0]! : null;
}

const lowerOf = (d: LinkDevice | null) => d?.vxlan?.dev;

export function pickUnderlay(
  devices: LinkDevice[],
  overlay: LinkDevice | null,
  defaultDevs: string[],
): { device: LinkDevice; rule: string } | null {
  const byName = (n: string | undefined) =>
    devices.find((d) => d.name === n && !isTunnel(d) && d.kind !== "loopback");
  const lower = byName(lowerOf(overlay));
  if (lower) return { device: lower, rule: `${overlay!.name} is bound to it (dev ${lower.name})` };
  for (const dev of defaultDevs) {
    const d = byName(dev);
    if (d) return { device: d, rule: "it carries the default route" };
  }
  const candidates = devices.filter(
    (d) =>
      !isTunnel(d) &&
      d.kind !== "loopback" &&
      d.kind !== "bridge" &&
      !VIRTUAL_NAMES.test(d.name) &&
      (d.kind === "ethernet" || d.kind === "vlan" || PHYSICAL_NAMES.test(d.name)) &&
      d.state !== "DOWN",
  );
  candidates.sort((a, b) => a.mtu - b.mtu || (a.index ?? 0) - (b.index ?? 0));
  const pick = candidates[0];
  if (!pick) return null;
  return {
    device: pick,
    rule:
      candidates.length > 1
        ? `smallest MTU of the physical-looking devices (${candidates.map((c) => c.name).join(", ")})`
        : "the only physical-looking device",
  };
}
