/**
 * Encapsulation overheads: how many bytes the inner (overlay) IP MTU must be below the underlay
 * IP MTU. The outer Ethernet header is not counted (it is not part of the IP MTU); the inner
 * Ethernet header of L2 tunnels (VXLAN, Geneve) is, because it travels inside the outer packet.
 */
import type { Encapsulation } from "../parsers/cni-types";

export type IpFamily = "ipv4" | "ipv6";

const IPV4_HEADER = 20; // RFC 791 §3.1: header without options
const IPV6_HEADER = 40; // RFC 8200 §3: fixed header
const UDP_HEADER = 8; // RFC 768
const INNER_ETHERNET = 14; // IEEE 802.3 MAC header (dst 6 + src 6 + EtherType 2), carried inside L2 tunnels

const outerIp = (family: IpFamily) => (family === "ipv6" ? IPV6_HEADER : IPV4_HEADER);

/**
 * VXLAN: RFC 7348 §5 — outer IP + outer UDP + 8-byte VXLAN header + the inner Ethernet frame's
 * header = 20 + 8 + 8 + 14 = 50 (IPv4), 40 + 8 + 8 + 14 = 70 (IPv6). The Linux kernel uses the
 * same figures (VXLAN_HEADROOM 50 / VXLAN6_HEADROOM 70, include/net/vxlan.h) and so do flannel
 * (encapOverhead = 50) and Calico (vxlanMTUOverhead 50 / vxlanV6MTUOverhead 70).
 */
export const VXLAN_HEADER = 8;
export const vxlanOverhead = (family: IpFamily = "ipv4") =>
  outerIp(family) + UDP_HEADER + VXLAN_HEADER + INNER_ETHERNET;

/**
 * Geneve: RFC 8926 §3.4 — 8-byte fixed header plus variable options (Opt Len × 4 bytes, 6-bit
 * field, so at most 252 bytes), over UDP, carrying an Ethernet frame: 50 + options (IPv4),
 * 70 + options (IPv6). OVN-Kubernetes budgets 8 bytes of options (GeneveHeaderLengthIPv4 = 58,
 * go-controller/pkg/types/const.go), hence GENEVE_OVN_OPTIONS.
 */
export const GENEVE_BASE_HEADER = 8;
export const GENEVE_MAX_OPTIONS = 252;
export const GENEVE_OVN_OPTIONS = 8;
export const geneveOverhead = (family: IpFamily = "ipv4", options = 0) =>
  outerIp(family) + UDP_HEADER + GENEVE_BASE_HEADER + INNER_ETHERNET + options;

/** IP-in-IP: RFC 2003 §3 — one outer IPv4 header (20 bytes, no options); no inner Ethernet. */
export const ipipOverhead = () => IPV4_HEADER;

/**
 * WireGuard: outer IP + UDP + 16-byte transport data header (type 1 + reserved 3, receiver 4,
 * counter 8) + 16-byte Poly1305 tag on the encrypted packet (WireGuard whitepaper §5.4.6,
 * "Subsequent Messages: Transport Data Messages") = 60 (IPv4) / 80 (IPv6). Calico uses 60/80 (wireguardMTUOverhead); wg-quick, flannel and
 * Cilium use 80 for both families to be safe.
 */
export const WIREGUARD_DATA_HEADER = 16;
export const WIREGUARD_AUTH_TAG = 16;
export const wireguardOverhead = (family: IpFamily = "ipv4") =>
  outerIp(family) + UDP_HEADER + WIREGUARD_DATA_HEADER + WIREGUARD_AUTH_TAG;

/**
 * 802.1Q VLAN tag: 4 bytes (IEEE 802.1Q §9.3: TPID 2 + TCI 2). It lengthens the L2 frame, not
 * the IP packet: it matters only where a switch caps frames at 1518 bytes, so the verdict does
 * not subtract it from the IP MTU.
 */
export const VLAN_TAG = 4;

/**
 * IPsec ESP (RFC 4303 §2): SPI 4 + sequence 4 + trailer (pad length 1 + next header 1 + 0–3 bytes
 * of padding to a 4-byte boundary) + ICV, with AES-GCM's 8-byte IV and 16-byte ICV (RFC 4106 §3,
 * §6). Transport mode: 8 + 8 + 2 + 3 + 16 = 37 bytes worst case. Tunnel mode adds the new outer IP
 * header: 57 (IPv4) / 77 (IPv6). NAT traversal adds a UDP header (RFC 3948 §2.1): +8. Other
 * ciphers differ (AES-CBC's 16-byte IV and block padding give more), so these are the AES-GCM
 * figures, worst-case padding.
 */
export const ESP_HEADER = 8;
export const ESP_TRAILER_MIN = 2;
export const ESP_MAX_PADDING_GCM = 3;
export const AES_GCM_IV = 8;
export const AES_GCM_ICV = 16;
export function ipsecEspOverhead(
  mode: "transport" | "tunnel",
  family: IpFamily = "ipv4",
  natTraversal = false,
): number {
  const esp = ESP_HEADER + AES_GCM_IV + ESP_TRAILER_MIN + ESP_MAX_PADDING_GCM + AES_GCM_ICV;
  return esp + (mode === "tunnel" ? outerIp(family) : 0) + (natTraversal ? UDP_HEADER : 0);
}

/** The overhead of an encapsulation the analyzer can name; null when it cannot be computed. */
export function encapsulationOverhead(
  encapsulation: Encapsulation,
  family: IpFamily = "ipv4",
  geneveOptions = 0,
): number | null {
  switch (encapsulation) {
    case "vxlan":
      return vxlanOverhead(family);
    case "geneve":
      return geneveOverhead(family, geneveOptions);
    case "ipip":
      return family === "ipv4" ? ipipOverhead() : null;
    case "wireguard":
      return wireguardOverhead(family);
    case "none":
      return 0;
    case "unknown":
      return null;
  }
}
