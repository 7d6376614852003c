/**
 * `ip -d link` (text) and `ip -j -d link` (JSON) output → one typed device list.
 * Kinds come from the kernel's linkinfo kind (`IFLA_INFO_KIND`, the word iproute2 prints on the
 * line after `link/…`); a device without one is `ethernet` (or `loopback`, by its link type).
 */
import { parseIpLinkJson } from "./ip-link-json";
import { HEADER, parseIpLinkText } from "./ip-link-text";
import type { IpLinkParse } from "./link-types";

export * from "./link-types";

export const looksLikeIpLinkText = (text: string) =>
  text.split(/\r?\n/).some((l) => HEADER.test(l) && /\bmtu \d+/.test(l));

export function looksLikeIpLinkJson(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((d) => typeof d === "object" && d !== null && "ifname" in d && "mtu" in d)
  );
}

/** Parses either output form; throws when the text is neither. */
export function parseIpLink(text: string): IpLinkParse {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    const value: unknown = JSON.parse(trimmed);
    if (!looksLikeIpLinkJson(value))
      throw new Error("JSON is not `ip -j link` output (no ifname/mtu objects)");
    return parseIpLinkJson(value as Record<string, unknown>[]);
  }
  if (!looksLikeIpLinkText(text)) throw new Error("text is not `ip link` output");
  return parseIpLinkText(text);
}
