/**
 * iputils `ping -n -c N -i 0.2 -W 2 -M do|dont -s SIZE TARGET` (iputils 20221126). Reply lines and
 * ICMP errors ("From … Frag needed …") come on stdout; a local send failure ("ping: local error:
 * message too long, mtu=1450", what a DF packet too big for the local path MTU gets) on stderr.
 */
export type PingError =
  /** The local kernel refused to send: the packet is bigger than the path MTU it knows. */
  | { kind: "message-too-long"; mtu: number }
  /** A router on the path sent ICMP "fragmentation needed" (DF was set, its next hop is smaller). */
  | { kind: "frag-needed"; mtu: number; from: string; seq: number }
  /** No ARP/ND answer for the target (or the next hop): the kernel gave up. */
  | { kind: "host-unreachable"; from: string; seq: number }
  | { kind: "net-unreachable"; from: string; seq: number }
  /** Any other `From … icmp_seq=N …` or `ping: …` line, kept verbatim. */
  | { kind: "other"; message: string };

export type PingResult = {
  target: string | null;
  payloadBytes: number | null;
  transmitted: number;
  received: number;
  /** The "+N errors" figure of the summary (0 when absent). */
  errorCount: number;
  lossPercent: number;
  /** Round-trip time of each reply, in ms, in the order printed. */
  rtts: number[];
  min: number | null;
  avg: number | null;
  max: number | null;
  mdev: number | null;
  errors: PingError[];
  /** Smallest MTU named by any error line: the path MTU the probe ran into. */
  pathMtu: number | null;
  /** Packets went missing and nothing said why: no error line at all (e.g. ICMP filtered). */
  silentLoss: boolean;
};

const HEADER = /^PING\s+(\S+)\s+\([^)]*\)\s+(\d+)\(\d+\)\s+bytes of data/;
const REPLY_TIME = /\bicmp_seq=\d+\b.*\btime[=<]([\d.]+)\s*ms/;
const FROM = /^From\s+(\S+?):?\s+icmp_seq=(\d+)\s+(.*)$/;
const FRAG = /Frag needed and DF set \(mtu = (\d+)\)/;
const LOCAL_TOO_LONG = /local error: message too long, mtu=(\d+)/;
const SUMMARY =
  /(\d+) packets transmitted, (\d+) received(?:, \+(\d+) duplicates)?(?:, \+(\d+) errors)?, ([\d.]+)% packet loss/;
const RTT = /^(?:rtt|round-trip) min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)\/([\d.]+) ms/;

function fromLine(m: RegExpExecArray): PingError {
  const from = m[1]!;
  const seq = Number(m[2]);
  const rest = m[3]!.trim();
  const frag = FRAG.exec(rest);
  if (frag) return { kind: "frag-needed", mtu: Number(frag[1]), from, seq };
  if (/^Destination Host Unreachable/i.test(rest)) return { kind: "host-unreachable", from, seq };
  if (/^Destination Net Unreachable/i.test(rest)) return { kind: "net-unreachable", from, seq };
  return { kind: "other", message: m[0]! };
}

function errorLine(line: string): PingError | null {
  const local = LOCAL_TOO_LONG.exec(line);
  if (local) return { kind: "message-too-long", mtu: Number(local[1]) };
  const from = FROM.exec(line);
  if (from) return fromLine(from);
  if (/^ping:\s/.test(line)) return { kind: "other", message: line };
  return null;
}

export function parsePing(stdout: string, stderr = ""): PingResult {
  const result: PingResult = {
    target: null,
    payloadBytes: null,
    transmitted: 0,
    received: 0,
    errorCount: 0,
    lossPercent: 0,
    rtts: [],
    min: null,
    avg: null,
    max: null,
    mdev: null,
    errors: [],
    pathMtu: null,
    silentLoss: false,
  };
  // stderr first: ping prints a local error the moment the send fails, before any summary
  const lines = [...stderr.split(/\r?\n/), ...stdout.split(/\r?\n/)]
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const header = HEADER.exec(line);
    if (header) {
      result.target = header[1]!;
      result.payloadBytes = Number(header[2]);
      continue;
    }
    const summary = SUMMARY.exec(line);
    if (summary) {
      result.transmitted = Number(summary[1]);
      result.received = Number(summary[2]);
      result.errorCount = Number(summary[4] ?? 0);
      result.lossPercent = Number(summary[5]);
      continue;
    }
    const rtt = RTT.exec(line);
    if (rtt) {
      [result.min, result.avg, result.max, result.mdev] = [rtt[1], rtt[2], rtt[3], rtt[4]].map(
        Number,
      ) as [number, number, number, number];
      continue;
    }
    const reply = REPLY_TIME.exec(line);
    if (reply && !line.startsWith("From ")) {
      result.rtts.push(Number(reply[1]));
      continue;
    }
    const error = errorLine(line);
    if (error) result.errors.push(error);
  }
  const mtus = result.errors.flatMap((e) => ("mtu" in e ? [e.mtu] : []));
  result.pathMtu = mtus.length ? Math.min(...mtus) : null;
  result.silentLoss = result.transmitted > result.received && result.errors.length === 0;
  return result;
}
