/**
 * What a latency mesh's numbers mean, in words. Pure: the server measures, this decides.
 */
import type { Finding } from "@/lib/mtu/verdict";
import type { DnsLatency, LatencyPair, LatencyReport } from "@/lib/schemas/latency";
import { median, summarize, type Summary } from "@/lib/stats";

/** Over 3× the typical value and at least 1 ms more: stands out. */
const standsOut = (v: number, typical: number) => v > Math.max(3 * typical, typical + 1);

/**
 * A ping series' figures with the neighbour-resolution wait apart. The packets sent before the
 * first hop's MAC is known all wait in the neighbour queue and are released together (measured
 * here on a proxy-ARP veth with the kernel's default proxy_delay: 480, 277, 72.6 ms, then 0.03):
 * the leading replies that stand out against the series' median are that wait, not the path. The
 * rest is summarised; a series that is slow throughout stays slow.
 */
export function steadyState(
  rtts: number[],
): Summary & { firstMs: number | null; resolutionWaits: number } {
  const typical = median(rtts) ?? 0;
  let k = 0;
  while (k < rtts.length - 1 && standsOut(rtts[k]!, typical)) k++;
  return { ...summarize(rtts.slice(k)), firstMs: rtts[0] ?? null, resolutionWaits: k };
}

export function latencyFindings(
  pairs: LatencyPair[],
  dns: DnsLatency[],
  conntrack: LatencyReport["conntrack"],
  dnsService: string | null,
): Finding[] {
  const out: Finding[] = [];
  const lossy = pairs.filter((p) => p.loss > 0);
  if (lossy.length)
    out.push({
      severity: "error",
      code: "packet_loss",
      message: `Packet loss on ${lossy.length} path(s): ${lossy.map((p) => `${p.from}→${p.to} over the ${p.over} ${p.loss}%`).join(", ")}.`,
    });
  const typical = median(pairs.filter((p) => p.p99 !== null).map((p) => p.p99!));
  const slow = typical ? pairs.filter((p) => p.p99 !== null && standsOut(p.p99, typical)) : [];
  if (slow.length)
    out.push({
      severity: "warning",
      code: "latency_outlier",
      message: `Slow paths (steady-state p99 over 3× the cluster's typical ${typical!.toFixed(2)} ms): ${slow.map((p) => `${p.from}→${p.to} ${p.over} ${p.p99!.toFixed(2)} ms`).join(", ")}.`,
    });
  const waited = pairs.filter((p) => (p.resolutionWaits ?? 0) > 0);
  if (waited.length)
    out.push({
      severity: "info",
      code: "neighbour_resolution",
      message: `The first packets of ${waited.length} ping series waited for neighbour resolution (up to ${Math.max(...waited.map((p) => p.firstMs ?? 0)).toFixed(2)} ms, e.g. ${waited[0]!.from}→${waited[0]!.to} over the ${waited[0]!.over}), then the series ran at its usual speed: ARP, or proxy ARP's delay on the host side (Calico's Felix sets proxy_delay to 0 on cali* devices), not a slow path. They are left out of p50/p99.`,
    });
  const dead = dns.filter((d) => d.timeouts === d.queries);
  if (dns.length && dead.length === dns.length) {
    out.push({
      severity: "error",
      code: "dns_unanswered",
      message: `Cluster DNS answers nothing: every query to ${dnsService ?? "the kube-dns Service"} and to each CoreDNS endpoint timed out, from every node. Check the CoreDNS pods (logs, readiness) and whether anything drops UDP/TCP 53 to them.`,
    });
  } else if (dead.length) {
    out.push({
      severity: "error",
      code: "dns_partial",
      message: `Some DNS servers answer nothing: ${dead.map((d) => `${d.server} from ${d.from}`).join(", ")}.`,
    });
  }
  const dropped = conntrack.filter((c) => c.insertFailed > 0 || c.drop > 0);
  if (dropped.length)
    out.push({
      severity: "warning",
      code: "conntrack_races",
      message: `conntrack insert_failed/drop counters are non-zero on ${dropped.map((c) => `${c.node} (${c.insertFailed}/${c.drop})`).join(", ")}: the UDP DNS race (parallel A/AAAA queries) can lose lookups; consider single-request-reopen or NodeLocal DNSCache.`,
    });
  return out;
}
