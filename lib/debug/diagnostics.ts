import { z } from "zod";
import { issueMessage } from "../zod-message";
import { diagnosticFields } from "./fields";
import { dnsName, host, httpUrl, interfaceName, ipAddress, port } from "./params";

/**
 * Every diagnostic Underlay runs in a debug pod: a fixed argv template filled with validated
 * parameters. Nothing here reaches a shell; each argv element is one argument.
 */
type Def<S extends z.ZodType> = {
  label: string;
  description: string;
  params: S;
  /** Seconds before the exec is killed. */
  timeoutSeconds: (p: z.infer<S>) => number;
  commands: (p: z.infer<S>) => string[][];
  /** stdout is binary (a pcap), offered as a download rather than shown. */
  binary?: boolean;
};
const def = <S extends z.ZodType>(d: Def<S>) => d;
const none = z.object({}).strict();

export const diagnostics = {
  interfaces: def({
    label: "Interfaces",
    description: "Every link with its type, MTU and tunnel details (ip -d link).",
    params: none,
    timeoutSeconds: () => 15,
    commands: () => [
      ["ip", "-d", "link"],
      ["ip", "-j", "-d", "link"],
    ],
  }),
  routes: def({
    label: "Addresses and routes",
    description: "Addresses (ip addr) and the routing table (ip route), with route MTUs.",
    params: none,
    timeoutSeconds: () => 15,
    commands: () => [
      ["ip", "addr"],
      ["ip", "route", "show", "table", "all"],
    ],
  }),
  sockets: def({
    label: "Listening sockets",
    description: "TCP and UDP sockets listening here (ss -tulpn).",
    params: none,
    timeoutSeconds: () => 15,
    commands: () => [["ss", "-tulpn"]],
  }),
  resolv: def({
    label: "resolv.conf",
    description: "The resolver configuration, with ndots and search explained.",
    params: none,
    timeoutSeconds: () => 10,
    commands: () => [["cat", "/etc/resolv.conf"]],
  }),
  dns: def({
    label: "DNS lookup",
    description: "dig a name, with the query time.",
    params: z
      .object({
        name: dnsName,
        type: z.enum(["A", "AAAA", "SRV", "CNAME", "TXT", "MX", "NS", "PTR"]).default("A"),
        server: ipAddress.optional(),
      })
      .strict(),
    timeoutSeconds: () => 15,
    commands: (p) => [
      [
        "dig",
        "+tries=1",
        "+time=3",
        ...(p.server ? [`@${p.server}`] : []),
        "-q",
        p.name,
        "-t",
        p.type,
      ],
    ],
  }),
  ping: def({
    label: "Ping",
    description: "ICMP echo with a chosen size and the DF bit: the path MTU test.",
    params: z
      .object({
        target: host,
        count: z.number().int().min(1, "must be 1 to 50").max(50, "must be 1 to 50").default(4),
        size: z
          .number()
          .int()
          .min(0, "must be 0 to 65000")
          .max(65000, "must be 0 to 65000")
          .default(56),
        df: z.boolean().default(true),
      })
      .strict(),
    timeoutSeconds: (p) => p.count + 10,
    commands: (p) => [
      [
        "ping",
        "-n",
        "-c",
        String(p.count),
        "-i",
        "0.2",
        "-W",
        "2",
        "-M",
        p.df ? "do" : "dont",
        "-s",
        String(p.size),
        "--",
        p.target,
      ],
    ],
  }),
  traceroute: def({
    label: "Traceroute",
    description: "The hops to a target (traceroute -n).",
    params: z
      .object({ target: host, maxHops: z.number().int().min(1).max(30).default(15) })
      .strict(),
    timeoutSeconds: (p) => p.maxHops * 2 + 10,
    commands: (p) => [
      ["traceroute", "-n", "-w", "1", "-q", "1", "-m", String(p.maxHops), p.target],
    ],
  }),
  http: def({
    label: "HTTP timing",
    description: "curl a URL and time DNS, connect, TLS, first byte and total.",
    params: z
      .object({ url: httpUrl, timeoutSeconds: z.number().int().min(1).max(60).default(10) })
      .strict(),
    timeoutSeconds: (p) => p.timeoutSeconds + 5,
    commands: (p) => [
      [
        "curl",
        "-sS",
        // The URL is taken literally ({} and [] are not ranges) and only over HTTP(S): no file://,
        // gopher:// or the like, not even after a redirect.
        "--globoff",
        "--proto",
        "=http,https",
        "--proto-redir",
        "=http,https",
        "-o",
        "/dev/null",
        "--max-time",
        String(p.timeoutSeconds),
        "-w",
        "%{json}",
        "--url",
        p.url,
      ],
    ],
  }),
  conntrack: def({
    label: "Conntrack statistics",
    description: "Per-CPU conntrack counters: insert_failed and drop reveal the UDP DNS race.",
    params: none,
    timeoutSeconds: () => 10,
    commands: () => [["conntrack", "-S"]],
  }),
  capture: def({
    label: "Packet capture",
    description: "tcpdump a few packets to a .pcap you can download (e.g. UDP port 53).",
    params: z
      .object({
        interface: interfaceName.default("any"),
        count: z
          .number()
          .int()
          .min(1, "must be 1 to 1000")
          .max(1000, "must be 1 to 1000")
          .default(20),
        seconds: z
          .number()
          .int()
          .min(1, "must be 1 to 120")
          .max(120, "must be 1 to 120")
          .default(15),
        protocol: z.enum(["tcp", "udp", "icmp", "arp"]).optional(),
        port: port.optional(),
        host: ipAddress.optional(),
      })
      .strict(),
    timeoutSeconds: (p) => p.seconds,
    commands: (p) => [
      ["tcpdump", "-i", p.interface, "-c", String(p.count), "-U", "-w", "-", ...captureFilter(p)],
    ],
    binary: true,
  }),
};

export type DiagnosticId = keyof typeof diagnostics;
export const diagnosticIds = Object.keys(diagnostics) as DiagnosticId[];

/** A tcpdump filter built from a safe grammar: protocol, port and host, joined with "and". */
export function captureFilter(p: { protocol?: string; port?: number; host?: string }): string[] {
  const parts: string[][] = [];
  if (p.protocol) parts.push([p.protocol]);
  if (p.port) parts.push(["port", String(p.port)]);
  if (p.host) parts.push(["host", p.host]);
  return parts.flatMap((x, i) => (i ? ["and", ...x] : x));
}

export type PlannedDiagnostic = {
  id: DiagnosticId;
  commands: string[][];
  timeoutSeconds: number;
  binary: boolean;
  params: unknown;
};

/**
 * What is wrong with a diagnostic's parameters, in a sentence naming the field as its form does
 * ("Target is required."), or null: the form says it before sending, the server the same if sent.
 */
export function paramsProblem(id: DiagnosticId, params: unknown): string | null {
  const d = diagnostics[id] as Def<z.ZodType>;
  const parsed = d.params.safeParse(params ?? {});
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys")
    return `${d.label} takes no parameter named ${issue.keys.join(", ")}.`;
  const labels = new Map(diagnosticFields[id].map((f) => [f.name, f.label]));
  return issueMessage(issue, "params", (path) => labels.get(path));
}

/** Validates parameters and returns the argv to run, or a sentence naming the bad field. */
export function planDiagnostic(
  id: string,
  params: unknown,
): { ok: true; plan: PlannedDiagnostic } | { ok: false; message: string } {
  // Own keys only: `id in` would take "constructor" or "__proto__" from the prototype.
  if (!Object.hasOwn(diagnostics, id))
    return {
      ok: false,
      message: `There is no diagnostic named ${JSON.stringify(id.slice(0, 40))}. Choose one of: ${diagnosticIds.join(", ")}.`,
    };
  const d = diagnostics[id as DiagnosticId] as Def<z.ZodType>;
  const problem = paramsProblem(id as DiagnosticId, params);
  if (problem) return { ok: false, message: problem };
  const parsed = d.params.safeParse(params ?? {});
  if (!parsed.success) return { ok: false, message: `${d.label}: its parameters are not valid.` };
  return {
    ok: true,
    plan: {
      id: id as DiagnosticId,
      commands: d.commands(parsed.data),
      timeoutSeconds: d.timeoutSeconds(parsed.data),
      binary: !!d.binary,
      params: parsed.data,
    },
  };
}
