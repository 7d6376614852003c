/**
 * `ip -j -d link` JSON: one object per device with ifname, mtu, link_type, optional `link`
 * (peer name in the same namespace) or `link_index` (peer in another one), and `linkinfo`
 * `{ info_kind, info_data, info_slave_kind }` when the kernel reports linkinfo.
 */
import { kindOf, stripPeer, type IpLinkParse, type LinkDevice } from "./link-types";

type Obj = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const int = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;

function parseDevice(d: Obj): LinkDevice {
  const { name, link: namedPeer } = stripPeer(String(d.ifname));
  const linkinfo = obj(d.linkinfo);
  const rawKind = str(linkinfo?.info_kind);
  const data = obj(linkinfo?.info_data) ?? {};
  const device: LinkDevice = { name, kind: kindOf(rawKind, str(d.link_type)), mtu: Number(d.mtu) };
  const index = int(d.ifindex);
  if (index !== undefined) device.index = index;
  const peer =
    str(d.link) ?? namedPeer ?? (int(d.link_index) !== undefined ? `if${d.link_index}` : undefined);
  if (peer && peer !== "NONE") device.link = peer;
  if (rawKind) device.rawKind = rawKind;
  const master = str(d.master);
  if (master) device.master = master;
  const state = str(d.operstate);
  if (state) device.state = state;
  if (rawKind === "vxlan") {
    device.vxlan = {
      id: int(data.id) ?? 0,
      port: int(data.port) ?? 0,
      external: data.external === true,
    };
    const local = str(data.local) ?? str(data.local6);
    if (local) device.vxlan.local = local;
    const remote = str(data.remote) ?? str(data.remote6) ?? str(data.group) ?? str(data.group6);
    if (remote) device.vxlan.remote = remote;
    const dev = str(data.link);
    if (dev) device.vxlan.dev = dev;
    const df = str(data.df);
    if (df) device.vxlan.df = df;
  } else if (rawKind === "geneve") {
    device.geneve = {
      id: int(data.id) ?? 0,
      port: int(data.port) ?? 0,
      external: data.external === true,
    };
    const remote = str(data.remote) ?? str(data.remote6);
    if (remote) device.geneve.remote = remote;
    const df = str(data.df);
    if (df) device.geneve.df = df;
  } else if (rawKind === "vlan") {
    device.vlan = { id: int(data.id) ?? 0 };
    const protocol = str(data.protocol);
    if (protocol) device.vlan.protocol = protocol;
    if (device.link) device.vlan.dev = device.link;
  }
  return device;
}

export function parseIpLinkJson(list: Obj[]): IpLinkParse {
  return {
    format: "json",
    detailed: list.some((d) => "linkinfo" in d || "min_mtu" in d),
    devices: list.map(parseDevice),
  };
}
