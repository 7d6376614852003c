/**
 * Reads one input (a file, or a paste) piece by piece: each command's output and each stretch of
 * one shape is recognised on its own, and every piece is reported, read or not, with its lines.
 * Empty or binary input throws a sentence naming it.
 */
import { parseFdb, type FdbEntry } from "../parsers/bridge-fdb";
import { parseCniConfig, type ConfigFacts } from "../parsers/cni-config";
import { fragmentFacts } from "../parsers/cni-fragments";
import { parseIfconfig } from "../parsers/ifconfig";
import { parseIpBrief, type BriefDevice } from "../parsers/ip-brief";
import { looksLikeIpLinkJson, parseIpLink, type IpLinkParse } from "../parsers/ip-link";
import { looksLikeIpRouteJson, parseIpRoute, type RouteFacts } from "../parsers/ip-route";
import { installCommandFacts } from "../parsers/install-commands";
import { splitPaste, type Piece } from "./paste";
import { shapeRuns, type Run } from "./shapes";

export type AnalyzeInput = { name: string; text: string };

type Read =
  | { type: "ip-link"; link: IpLinkParse }
  | { type: "ip-route"; route: RouteFacts }
  | { type: "ip-brief"; devices: BriefDevice[] }
  | { type: "fdb"; entries: FdbEntry[] }
  | { type: "config"; facts: ConfigFacts };

export type ReadInput = Read & {
  /** The input, with the lines when it has more than one piece: "paste lines 3–20". */
  name: string;
  host?: string;
  /** What it was read as, in words: "`ip -d link` (5 devices)". */
  what: string;
};

/** One line of the "what was read" report. */
export type PieceReport = {
  input: string;
  from: number;
  to: number;
  command?: string;
  host?: string;
  /** null: not recognised. */
  readAs: string | null;
  /** The first line, to show what was not recognised. */
  firstLine: string;
};

/** Thrown for input that is empty, binary or in no recognised format. */
export class UnreadableInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "UnreadableInputError";
  }
}

export const RECOGNISED =
  "expected `ip -d link` / `ip addr` / `ip -br link` / `ifconfig` / `ip route` / `bridge fdb` output, a CNI conflist, a Kubernetes manifest, ConfigMap or fragment of one (YAML/JSON, `kubectl describe`), Helm values, an install command (`helm install … --set`, `cilium install`, `kubectl apply -f <url>`), flannel's subnet.env or an INI ovn_k8s.conf";

/** NUL bytes, U+FFFD from undecodable bytes, or many control characters: not text. */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 8192);
  // ESC starts ANSI colour codes (`ip -c`), which pasted terminal output carries: not binary.
  // eslint-disable-next-line no-control-regex
  const odd = sample.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd > Math.max(8, sample.length * 0.02);
}

function jsonValue(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith("[") && !t.startsWith("{")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** Full `ip link` listings start again at `1: lo`: several nodes (or namespaces) pasted together. */
function listings(link: IpLinkParse): IpLinkParse[] {
  const out: IpLinkParse[] = [];
  for (const d of link.devices) {
    const current = out[out.length - 1];
    // A listing starts again at `1: lo`, or (ifconfig has no indexes) when a name comes back.
    if (
      !current ||
      (d.index === 1 && current.devices.length > 0) ||
      current.devices.some((x) => x.name === d.name)
    )
      out.push({ ...link, devices: [] });
    out[out.length - 1]!.devices.push(d);
  }
  return out;
}

function linkWhat(command: string | undefined, link: IpLinkParse): string {
  const tool =
    link.format === "ifconfig"
      ? "`ifconfig`"
      : link.format === "json"
        ? "`ip -j link`"
        : command && /^(?:sudo\s+)?ip\s/.test(command)
          ? `\`${command}\``
          : link.detailed
            ? "`ip -d link`"
            : "`ip link`";
  return `${tool} (${plural(link.devices.length, "device")})`;
}

/** A text run: JSON `ip -j` output, a whole configuration file, or a fragment of one. */
function readText(text: string, where: string): (Read & { what: string }) | null {
  const json = jsonValue(text);
  if (looksLikeIpLinkJson(json)) {
    const link = parseIpLink(text);
    return { type: "ip-link", link, what: linkWhat(undefined, link) };
  }
  if (looksLikeIpRouteJson(json))
    return { type: "ip-route", route: parseIpRoute(text), what: "`ip -j route`" };
  const config = parseCniConfig(text, where);
  if (config) return { type: "config", facts: config.facts, what: `a ${config.format}` };
  const fragment = fragmentFacts(text, where);
  return fragment ? { type: "config", facts: fragment.facts, what: fragment.what } : null;
}

/** What a run reads as; anything a parser throws on odd text is "nothing read", never an error out. */
function readRun(run: Run, where: string, command?: string): (Read & { what: string })[] {
  try {
    return readRunOrThrow(run, where, command);
  } catch {
    return [];
  }
}

function readRunOrThrow(run: Run, where: string, command?: string): (Read & { what: string })[] {
  const text = run.lines.join("\n");
  switch (run.shape) {
    case "ip-link": {
      const link = parseIpLink(text);
      return listings(link).map((l) => ({ type: "ip-link", link: l, what: linkWhat(command, l) }));
    }
    case "ifconfig": {
      const link = parseIfconfig(text);
      return listings(link).map((l) => ({ type: "ip-link", link: l, what: linkWhat(command, l) }));
    }
    case "ip-route":
      return [
        {
          type: "ip-route",
          route: parseIpRoute(text),
          what: `${command ? `\`${command}\`` : "`ip route`"} (${plural(run.lines.length, "line")})`,
        },
      ];
    case "ip-brief": {
      const devices = parseIpBrief(text);
      return [
        {
          type: "ip-brief",
          devices,
          what: `\`ip -br\` (${plural(devices.length, "device")}, no MTUs)`,
        },
      ];
    }
    case "fdb": {
      const dev = command ? /\bdev\s+(\S+)/.exec(command)?.[1] : undefined;
      const entries = parseFdb(text, dev);
      return [
        { type: "fdb", entries, what: `\`bridge fdb\` (${plural(entries.length, "entry")})` },
      ];
    }
    case "text": {
      const r = readText(text, where);
      if (r) return [r];
      // Prose with commands in inline code: `curl -sfL https://get.k3s.io | sh -s - server …`.
      return [...text.matchAll(/`([^`\n]+)`/g)].flatMap((m) => {
        const c = installCommandFacts(m[1]!);
        return c ? [{ type: "config" as const, facts: c.facts, what: c.what }] : [];
      });
    }
  }
}

const blankLine = (l: string) => l.trim() === "";

/** Paragraphs (blank-line separated), each trimmed of up to two lines of prose that keep it from reading. */
function paragraphs(run: Run): Run[] {
  const out: Run[] = [];
  let start = -1;
  const push = (a: number, b: number) => {
    const lines = run.lines.slice(a, b + 1);
    out.push(...trimmed({ shape: "text", from: run.from + a, to: run.from + b, lines }));
  };
  run.lines.forEach((l, i) => {
    if (blankLine(l)) {
      if (start >= 0) push(start, i - 1);
      start = -1;
    } else if (start < 0) start = i;
  });
  if (start >= 0) push(start, run.lines.length - 1);
  return out;
}

/** A line of prose, not of YAML or JSON (`key: value`, `- item`, braces, comments). */
const prose = (l: string) => !/^\s*(?:[-{}[\]#"']|[\w./-]+\s*:(?:\s|$))/.test(l);

function trimmed(p: Run): Run[] {
  const cut = (a: number, b: number): Run => ({
    shape: "text",
    from: p.from + a,
    to: p.from + b,
    lines: p.lines.slice(a, b + 1),
  });
  const n = p.lines.length;
  for (let head = 0; head <= Math.min(2, n - 1); head++)
    for (let tail = 0; tail <= Math.min(2, n - 1 - head); tail++) {
      if (head === 0 && tail === 0) continue;
      const dropped = [...p.lines.slice(0, head), ...p.lines.slice(n - tail)];
      if (!dropped.every(prose)) continue;
      const body = cut(head, n - 1 - tail);
      if (body.lines.length < 1 || !readRun(body, "").length) continue;
      return [...(head ? [cut(0, head - 1)] : []), body, ...(tail ? [cut(n - tail, n - 1)] : [])];
    }
  return [p];
}

/** The file a `cat` (or `kubectl get … -o yaml`) printed, to name where facts were found. */
function sourceOf(command: string | undefined): string | undefined {
  if (!command) return undefined;
  const cat = /^(?:sudo\s+)?cat\s+(\S+)/.exec(command);
  if (cat) return cat[1];
  return /^(?:sudo\s+)?(?:kubectl|k|oc)\s/.test(command) ? `\`${command}\`` : undefined;
}

export function readInput({ name, text }: AnalyzeInput): {
  reads: ReadInput[];
  report: PieceReport[];
} {
  if (text.trim() === "") throw new UnreadableInputError(name, `${name} is empty: ${RECOGNISED}.`);
  if (looksBinary(text))
    throw new UnreadableInputError(
      name,
      `${name} looks like a binary file, not text: ${RECOGNISED}.`,
    );
  const pieces: Piece[] = splitPaste(text);
  const units = pieces.flatMap((p) => {
    const runs = shapeRuns(p);
    return [
      ...(p.command ? [{ piece: p, run: null as Run | null }] : []),
      ...runs.map((run) => ({ piece: p, run })),
    ];
  });
  // A text stretch that reads as nothing whole may be configuration between prose: each paragraph
  // on its own, and each with a lead-in or trailing sentence cut away.
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.run?.shape !== "text" || readRun(u.run, name, u.piece.command).length) continue;
    const parts = paragraphs(u.run);
    if (parts.length > 1 || parts[0]!.lines.length !== u.run.lines.length)
      units.splice(i, 1, ...parts.map((run) => ({ piece: u.piece, run })));
  }
  const several = units.length > 1;
  const reads: ReadInput[] = [];
  const report: PieceReport[] = [];
  for (const { piece, run } of units) {
    const from = run ? run.from : piece.from - 1;
    const to = run ? run.to : piece.from - 1;
    const at = several
      ? `${name} line${from === to ? "" : "s"} ${from === to ? from : `${from}–${to}`}`
      : name;
    const where = sourceOf(piece.command) ? `${sourceOf(piece.command)} (${at})` : at;
    const base = {
      input: name,
      from,
      to,
      ...(piece.command ? { command: piece.command } : {}),
      ...(piece.host ? { host: piece.host } : {}),
    };
    if (!run) {
      // The command line itself: an install command states facts; any other is only a label.
      let install: ReturnType<typeof installCommandFacts> = null;
      try {
        install = installCommandFacts(piece.command!, piece.stdin === true);
      } catch {
        install = null;
      }
      if (install) {
        reads.push({
          type: "config",
          facts: install.facts,
          what: install.what,
          name: where,
          ...(piece.host ? { host: piece.host } : {}),
        });
        report.push({ ...base, readAs: install.what, firstLine: piece.command! });
      }
      continue;
    }
    let got: (Read & { what: string })[];
    try {
      got = readRun(run, where, piece.command);
    } catch (e) {
      got = [];
      report.push({
        ...base,
        readAs: null,
        firstLine: `${run.lines[0]!.trim()} (${(e as Error).message})`,
      });
      continue;
    }
    for (const g of got)
      reads.push({ ...g, name: where, ...(piece.host ? { host: piece.host } : {}) });
    report.push({
      ...base,
      readAs: got.length ? got.map((g) => g.what).join(", ") : null,
      firstLine: run.lines[0]!.trim(),
    });
  }
  if (reads.length === 0) {
    const lines = report.length
      ? ` Not recognised: ${report
          .slice(0, 4)
          .map(
            (r) =>
              `line${r.from === r.to ? ` ${r.from}` : `s ${r.from}–${r.to}`} (“${r.firstLine.slice(0, 60)}”)`,
          )
          .join(", ")}${report.length > 4 ? `, and ${report.length - 4} more` : ""}.`
      : "";
    throw new UnreadableInputError(
      name,
      `${name} is not in a recognised format: ${RECOGNISED}.${lines}`,
    );
  }
  return { reads, report };
}
