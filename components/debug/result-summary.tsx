import type { CurlResult } from "@/lib/parsers/curl";
import type { DigResult } from "@/lib/parsers/dig";
import type { PingResult } from "@/lib/parsers/ping";
import type { ResolvConf } from "@/lib/parsers/resolv-conf";
import type { ConntrackStats } from "@/lib/parsers/conntrack";

const Row = ({ k, v }: { k: string; v: React.ReactNode }) => (
  <div className="flex gap-3 border-b border-slate-100 py-1 last:border-0">
    <dt className="w-40 text-slate-500">{k}</dt>
    <dd className="mono">{v}</dd>
  </div>
);
const ms = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : `${v.toFixed(2)} ms`;

/** The parsed result of a diagnostic, in words and numbers. */
export function ResultSummary({ id, parsed }: { id: string; parsed: unknown }) {
  if (id === "ping") {
    const p = parsed as PingResult;
    const verdict = p.silentLoss
      ? "Packets vanished with no error: a silent drop (ICMP filtered on the path?)"
      : p.pathMtu
        ? `Too big for the path: MTU ${p.pathMtu}`
        : p.received === p.transmitted
          ? "All replies came back"
          : `${p.lossPercent}% lost`;
    return (
      <dl aria-label="Ping result" className="text-sm">
        <Row k="Verdict" v={verdict} />
        <Row k="Sent / received" v={`${p.transmitted} / ${p.received} (${p.lossPercent}% loss)`} />
        <Row k="Payload" v={p.payloadBytes === null ? "—" : `${p.payloadBytes} bytes`} />
        <Row k="RTT min / avg / max" v={`${ms(p.min)} / ${ms(p.avg)} / ${ms(p.max)}`} />
      </dl>
    );
  }
  if (id === "dns") {
    const d = parsed as DigResult;
    return (
      <dl aria-label="DNS result" className="text-sm">
        <Row k="Status" v={d.status} />
        <Row k="Query time" v={d.queryTimeMs === null ? "—" : `${d.queryTimeMs} ms`} />
        <Row k="Server" v={d.server ?? "—"} />
        {d.answers.map((a, i) => (
          <Row key={i} k={a.type} v={`${a.name} → ${a.data} (TTL ${a.ttl})`} />
        ))}
      </dl>
    );
  }
  if (id === "resolv") {
    const r = parsed as ResolvConf;
    return (
      <div aria-label="resolv.conf explained" className="space-y-1 text-sm">
        <dl>
          <Row k="Nameservers" v={r.nameservers.join(", ") || "none"} />
          <Row k="Search" v={r.search.join(" ") || "none"} />
          <Row k="ndots" v={r.options.ndots} />
        </dl>
        <ul className="list-disc pl-5 text-slate-700">
          {r.explain.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (id === "http") {
    const c = parsed as CurlResult;
    return (
      <dl aria-label="HTTP timing" className="text-sm">
        <Row k="HTTP status" v={c.httpCode || "—"} />
        <Row
          k="DNS / connect / TLS"
          v={`${ms(c.timings.dnsMs)} / ${ms(c.timings.connectMs)} / ${ms(c.timings.tlsMs)}`}
        />
        <Row k="First byte / total" v={`${ms(c.timings.firstByteMs)} / ${ms(c.timings.totalMs)}`} />
        {c.errormsg && <Row k="Error" v={c.errormsg} />}
      </dl>
    );
  }
  if (id === "conntrack") {
    const s = parsed as ConntrackStats;
    return (
      <dl aria-label="Conntrack totals" className="text-sm">
        <Row k="insert_failed" v={s.totals.insert_failed} />
        <Row k="drop" v={s.totals.drop} />
        <Row k="early_drop" v={s.totals.early_drop} />
        <Row k="invalid" v={s.totals.invalid} />
      </dl>
    );
  }
  return null;
}
