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
  { cni: "ovn-kubernetes", pattern: /^genev_sys_\d+$/ },
  { cni: "weave", pattern: /^vxlan-6784$/ },
  { cni: "kube-router", pattern: /^tun-[0-9a-f]+$/ },
];

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
    return (
      (isTunnel(d) || d.kind === "other") &&
      owner !== "unknown" &&
      (cni === "unknown" || owner === cni)
    );
  });
  const rank = (d: LinkDevice) =>
    (encapsulation !== "unknown" && d.kind === encapsulation ? 0 : 2) +
    (d.name === "tunl0" && d.state === "DOWN" ? 1 : 0) +
    (d.name === "tunl0" ? 1 : 0);
  return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? null;
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
