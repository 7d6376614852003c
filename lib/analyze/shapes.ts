/**
 * One piece of a paste can still hold several outputs back to back (`ip a; ip r` pasted without
 * prompts). Each line is recognised by its own shape, and a run of lines of one shape is one
 * output: `ip link`/`ip addr` blocks, ifconfig blocks, `ip -br` lines, route lines, fdb lines,
 * and anything else (YAML, JSON, describe output, prose) as text.
 */
import { looksLikeFdb } from "../parsers/bridge-fdb";
import { looksLikeIfconfig } from "../parsers/ifconfig";
import { looksLikeIpBrief } from "../parsers/ip-brief";
import { HEADER as LINK_HEADER } from "../parsers/ip-link-text";
import { ROUTE_LINE } from "../parsers/ip-route";
import type { Piece } from "./paste";

export type Shape = "ip-link" | "ifconfig" | "ip-brief" | "ip-route" | "fdb" | "text";
export type Run = { shape: Shape; from: number; to: number; lines: string[] };

/** Lines `ip link` / `ip addr` print under a device header (also when a tracker ate the indent). */
const LINK_CONTINUATION =
  /^(?:link\/|inet6?\s|valid_lft|altname|alias|prop\s|RX:|TX:|vf\s|\d+\s+\d+\s)/;

function starter(line: string): Shape | null {
  if (LINK_HEADER.test(line)) return "ip-link";
  if (looksLikeIfconfig(line)) return "ifconfig";
  if (ROUTE_LINE.test(line.trim())) return "ip-route";
  if (looksLikeFdb(line)) return "fdb";
  if (looksLikeIpBrief(line) && !/^\S+:\s/.test(line.trim())) return "ip-brief";
  return null;
}

function continues(shape: Shape, line: string): boolean {
  if (line.trim() === "") return shape !== "ip-brief" && shape !== "fdb";
  if (shape === "ip-link") return /^\s/.test(line) || LINK_CONTINUATION.test(line.trim());
  if (shape === "ifconfig") return /^\s/.test(line);
  if (shape === "ip-route") return /^\s+(?:nexthop|cache)\b/.test(line);
  return false;
}

/** A piece's lines cut into runs of one shape each (blank edges trimmed). */
export function shapeRuns(piece: Piece): Run[] {
  const runs: Run[] = [];
  let run: Run | null = null;
  piece.lines.forEach((line, i) => {
    const n = piece.from + i;
    if (run && run.shape !== "text" && continues(run.shape, line)) {
      run.lines.push(line);
      return;
    }
    // A terminal 80 columns wide wraps a long header (`… master o` / `vs-system state UP …`):
    // a line that starts nothing of its own, right after a header, is the rest of it.
    if (
      run?.shape === "ip-link" &&
      line.trim() !== "" &&
      starter(line) === null &&
      LINK_HEADER.test(run.lines[run.lines.length - 1]!) &&
      !/\bmtu \d+\b.*\bqlen \d+\s*$/.test(run.lines[run.lines.length - 1]!)
    ) {
      run.lines[run.lines.length - 1] += line.trim();
      return;
    }
    if (line.trim() === "" && run?.shape !== "text") {
      run = null;
      return;
    }
    const shape = starter(line) ?? "text";
    if (run && run.shape === shape) {
      run.lines.push(line);
      return;
    }
    run = { shape, from: n, to: n, lines: [line] };
    runs.push(run);
  });
  for (const r of runs) {
    while (r.lines.length && r.lines[r.lines.length - 1]!.trim() === "") r.lines.pop();
    r.to = r.from + r.lines.length - 1;
  }
  return runs.filter((r) => r.lines.length > 0);
}
