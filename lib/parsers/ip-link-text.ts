/**
 * `ip -d link` text. Layout printed by iproute2 (ipaddress.c print_linkinfo): the header line
 * `N: name[@peer]: <FLAGS> mtu M … [master X] state S …`, then `link/<type> …`; with `-d` the
 * linkinfo kind starts the next indented line (`    vxlan id 1 …`), a slave kind follows as
 * `    bridge_slave …`, and a device without linkinfo continues the `link/` line instead.
 */
import { kindOf, stripPeer, type IpLinkParse, type LinkDevice } from "./link-types";

/**
 * `N: name: <FLAGS> …`; a Markdown list turns `N:` into `N.` (or `N)`, or `N.` glued to the name)
 * when pasted, and a `# ` is left where a root prompt was cut away.
 */
export const HEADER = /^\s*(?:#\s+)?(\d+)(?::\s+|[.)]\s*)([^\s:]+):\s+<([^>]*)>(.*)$/;
const NOT_A_KIND = new Set([
  "altname",
  "inet",
  "inet6",
  "valid_lft",
  "RX:",
  "TX:",
  "vf",
  "prop",
  "link/none",
]);

function word(line: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key} (\\S+)`).exec(line)?.[1];
}

function num(line: string, key: string): number | undefined {
  const w = word(line, key);
  return w !== undefined && /^\d+$/.test(w) ? Number(w) : undefined;
}

function splitBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (HEADER.test(raw)) blocks.push([raw]);
    else if (raw.trim() && blocks.length > 0) blocks[blocks.length - 1]!.push(raw.trim());
  }
  return blocks;
}

function parseBlock(lines: string[]): { device: LinkDevice; detailed: boolean } {
  const m = HEADER.exec(lines[0]!)!;
  const rest = m[4]!;
  const { name, link } = stripPeer(m[2]!);
  const linkIdx = lines.findIndex((l) => l.startsWith("link/"));
  const linkLine = linkIdx >= 0 ? lines[linkIdx]! : "";
  const linkType = /^link\/(\S+)/.exec(linkLine)?.[1];
  const detailed =
    /\b(promiscuity|minmtu|addrgenmode)\b/.test(linkLine) ||
    lines.some((l) => /\baddrgenmode\b/.test(l));
  // With -d, a device that has linkinfo has its kind as the first word of the line after link/.
  const next = linkIdx >= 0 ? lines[linkIdx + 1] : undefined;
  const first = next?.split(/\s+/)[0];
  const rawKind =
    detailed &&
    first &&
    !NOT_A_KIND.has(first) &&
    !first.endsWith("_slave") &&
    /^[a-z0-9_]+$/.test(first) &&
    first !== "addrgenmode"
      ? first
      : undefined;
  const kindLine = rawKind ? next! : "";
  const device: LinkDevice = {
    name,
    kind:
      detailed || linkType === "loopback" || linkType === "ipip"
        ? kindOf(rawKind, linkType)
        : "other",
    mtu: Number(word(rest, "mtu")),
    index: Number(m[1]),
  };
  if (link) device.link = link;
  if (rawKind) device.rawKind = rawKind;
  const master = word(rest, "master");
  if (master) device.master = master;
  const state = word(rest, "state");
  if (state) device.state = state;
  if (rawKind === "vxlan") {
    device.vxlan = {
      id: num(kindLine, "id") ?? 0,
      port: num(kindLine, "dstport") ?? 0,
      external: /\bexternal\b/.test(kindLine),
    };
    const v = device.vxlan;
    for (const key of ["local", "remote", "dev", "df"] as const) {
      const value = word(kindLine, key);
      if (value) v[key] = value;
    }
    if (!v.remote) {
      const group = word(kindLine, "group");
      if (group) v.remote = group;
    }
  } else if (rawKind === "geneve") {
    device.geneve = {
      id: num(kindLine, "id") ?? 0,
      port: num(kindLine, "dstport") ?? 0,
      external: /\bexternal\b/.test(kindLine),
    };
    const remote = word(kindLine, "remote");
    if (remote) device.geneve.remote = remote;
    const df = word(kindLine, "df");
    if (df) device.geneve.df = df;
  } else if (rawKind === "vlan") {
    device.vlan = { id: num(kindLine, "id") ?? 0 };
    const protocol = word(kindLine, "protocol");
    if (protocol) device.vlan.protocol = protocol;
    if (link) device.vlan.dev = link;
  }
  return { device, detailed };
}

export function parseIpLinkText(text: string): IpLinkParse {
  const parsed = splitBlocks(text).map(parseBlock);
  return {
    format: "text",
    detailed: parsed.some((p) => p.detailed),
    devices: parsed.map((p) => p.device),
  };
}
