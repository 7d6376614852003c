/**
 * `ip -br link` / `ip -br addr`: one line per device, name, state, then MAC and flags (link) or
 * addresses (addr). It prints no MTU: only the device names (and so the CNI) can be read.
 */
import { stripPeer } from "./link-types";

/** Name, state, then a MAC (`-br link`) or addresses (`-br addr`) or nothing. */
const LINE =
  /^(\S+)\s+(UP|DOWN|UNKNOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)(?:\s+((?:[0-9a-f]{2}:){5}[0-9a-f]{2}|[0-9a-f.:]+\/\d+)\b.*)?\s*$/;

export const looksLikeIpBrief = (line: string) => LINE.test(line.trim());

export type BriefDevice = { name: string; state: string };

export function parseIpBrief(text: string): BriefDevice[] {
  return text
    .split(/\r?\n/)
    .map((l) => LINE.exec(l.trim()))
    .filter((m) => m !== null)
    .map((m) => ({ name: stripPeer(m[1]!).name, state: m[2]! }));
}
