import { parseConntrackStats } from "@/lib/parsers/conntrack";
import { parseCurlJson } from "@/lib/parsers/curl";
import { parseDig } from "@/lib/parsers/dig";
import { parseIpLink } from "@/lib/parsers/ip-link";
import { parsePing } from "@/lib/parsers/ping";
import { parseResolvConf } from "@/lib/parsers/resolv-conf";
import type { DiagnosticId } from "./diagnostics";

export type CommandOutput = { stdout: string; stderr: string; exitCode: number | null };

/** Turns a diagnostic's raw outputs into a typed result where a parser exists (else null). */
export function parseResult(id: DiagnosticId, outputs: CommandOutput[]): unknown {
  const [first, second] = outputs;
  if (!first) return null;
  try {
    switch (id) {
      case "interfaces": {
        if (!second || second.exitCode !== 0) return null;
        const { devices } = parseIpLink(second.stdout);
        return {
          devices: devices.map((d) => ({
            name: d.name,
            kind: d.kind,
            mtu: d.mtu,
            state: d.state ?? null,
            vxlan: d.vxlan ?? null,
          })),
        };
      }
      case "ping":
        return parsePing(first.stdout, first.stderr);
      case "dns":
        return parseDig(first.stdout);
      case "resolv":
        return first.exitCode === 0 ? parseResolvConf(first.stdout) : null;
      case "conntrack":
        return first.exitCode === 0 ? parseConntrackStats(first.stdout) : null;
      case "http":
        return parseCurlJson(first.stdout);
      default:
        return null;
    }
  } catch {
    return null;
  }
}
