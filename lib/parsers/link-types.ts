/** Device types shared by the `ip link` text and JSON parsers. */
export type LinkKind =
  | "vxlan"
  | "geneve"
  | "ipip"
  | "wireguard"
  | "veth"
  | "bridge"
  | "vlan"
  | "ethernet"
  | "loopback"
  | "other";

export type VxlanInfo = {
  id: number;
  port: number;
  local?: string;
  remote?: string;
  dev?: string;
  df?: string;
  external: boolean;
};
export type GeneveInfo = {
  id: number;
  port: number;
  remote?: string;
  df?: string;
  external: boolean;
};
export type VlanInfo = { id: number; protocol?: string; dev?: string };

export type LinkDevice = {
  name: string;
  kind: LinkKind;
  mtu: number;
  index?: number;
  /** The peer or lower device after `@` (`if5` when it lives in another namespace). */
  link?: string;
  /** The linkinfo kind exactly as the kernel names it (`vxlan`, `macvlan`, `ifb`…). */
  rawKind?: string;
  master?: string;
  state?: string;
  vxlan?: VxlanInfo;
  geneve?: GeneveInfo;
  vlan?: VlanInfo;
};

export type IpLinkParse = {
  format: "text" | "json" | "ifconfig";
  /** False for plain `ip link` (no `-d`): kinds other than loopback/ipip/none cannot be told. */
  detailed: boolean;
  devices: LinkDevice[];
};

const KINDS: Record<string, LinkKind> = {
  vxlan: "vxlan",
  geneve: "geneve",
  ipip: "ipip",
  wireguard: "wireguard",
  veth: "veth",
  bridge: "bridge",
  vlan: "vlan",
};

/** Maps a linkinfo kind (or its absence) and the `link/<type>` word to a LinkKind. */
export function kindOf(rawKind: string | undefined, linkType: string | undefined): LinkKind {
  if (rawKind) return KINDS[rawKind] ?? "other";
  if (linkType === "loopback") return "loopback";
  if (linkType === "ether") return "ethernet";
  if (linkType === "ipip") return "ipip";
  return "other";
}

/** `eth0@if5` → `eth0`; `tunl0@NONE` → `tunl0`. */
export function stripPeer(name: string): { name: string; link?: string } {
  const at = name.indexOf("@");
  if (at <= 0) return { name };
  const link = name.slice(at + 1);
  return { name: name.slice(0, at), link: link && link !== "NONE" ? link : undefined };
}
