/**
 * `ifconfig` output (net-tools 2.x `eth0: flags=4163<UP,…>  mtu 1500`, and the 1.60 layout
 * `eth0      Link encap:Ethernet …` with `MTU:1500` on a later line), or `ifconfig | grep mtu`.
 * ifconfig names no device kinds, so every device is `other` (or `loopback`): not detailed.
 */
import { stripPeer, type IpLinkParse, type LinkDevice } from "./link-types";

const NEW_HEADER = /^([^\s:]+(?::\d+)?):\s+flags=\d+<([^>]*)>\s+mtu\s+(\d+)/;
const OLD_HEADER = /^(\S+)\s+Link encap:\s?(\S+(?: Loopback)?)/;
const OLD_MTU = /\bMTU:(\d+)/;

export const looksLikeIfconfig = (line: string) => NEW_HEADER.test(line) || OLD_HEADER.test(line);

export function parseIfconfig(text: string): IpLinkParse {
  const devices: LinkDevice[] = [];
  let old: { device: LinkDevice; seenMtu: boolean } | null = null;
  for (const line of text.split(/\r?\n/)) {
    const m = NEW_HEADER.exec(line);
    if (m) {
      old = null;
      const flags = m[2]!.split(",");
      devices.push({
        name: stripPeer(m[1]!).name,
        kind: flags.includes("LOOPBACK") ? "loopback" : "other",
        mtu: Number(m[3]),
        state: flags.includes("RUNNING") ? "UP" : flags.includes("UP") ? "UNKNOWN" : "DOWN",
      });
      continue;
    }
    const o = OLD_HEADER.exec(line);
    if (o) {
      old = {
        device: { name: o[1]!, kind: /Loopback/.test(o[2]!) ? "loopback" : "other", mtu: NaN },
        seenMtu: false,
      };
      devices.push(old.device);
      continue;
    }
    const mtu = OLD_MTU.exec(line);
    if (old && mtu && !old.seenMtu) {
      old.device.mtu = Number(mtu[1]);
      old.seenMtu = true;
      if (/\bRUNNING\b/.test(line)) old.device.state = "UP";
    }
  }
  return {
    format: "ifconfig",
    detailed: false,
    devices: devices.filter((d) => Number.isFinite(d.mtu)),
  };
}
