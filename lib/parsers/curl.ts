/**
 * `curl -sS -o /dev/null --max-time N -w '%{json}' --url URL` (curl ≥ 7.70). curl's time_* values
 * are seconds since the start of the transfer, so each timing here is cumulative too: connectMs
 * includes dnsMs, firstByteMs includes both. curl reports 0 for a phase it never reached (no TLS
 * on http://, no connect after a refusal); those become null. time_namelookup and time_total
 * are always real figures.
 */
export type CurlTimings = {
  dnsMs: number;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number;
};

export type CurlResult = {
  /** The HTTP status, or null when no response arrived (curl prints 0). */
  httpCode: number | null;
  remoteIp: string | null;
  remotePort: number | null;
  url: string | null;
  timings: CurlTimings;
  /** curl's exit code: 0 ok, 6 DNS failed, 7 could not connect, 28 timed out, 35 TLS, ... */
  exitcode: number;
  errormsg: string | null;
};

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
/** Seconds → ms, rounded to the µs curl measures in (avoids 0.029510 * 1000 = 29.509999...). */
const ms = (seconds: unknown) => Math.round(num(seconds) * 1e6) / 1e3;
const reached = (seconds: unknown) => (num(seconds) > 0 ? ms(seconds) : null);
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

function jsonObject(stdout: string): Record<string, unknown> {
  const start = stdout.indexOf("{");
  const end = stdout.lastIndexOf("}");
  if (start < 0 || end < start)
    throw new Error("No JSON object in the output: was curl run with -w '%{json}'?");
  const value: unknown = JSON.parse(stdout.slice(start, end + 1));
  if (typeof value !== "object" || value === null || !("time_total" in value)) {
    throw new Error("The JSON is not curl's -w '%{json}' output (it has no time_total).");
  }
  return value as Record<string, unknown>;
}

export function parseCurlJson(stdout: string): CurlResult {
  const j = jsonObject(stdout);
  const code = num(j.http_code ?? j.response_code);
  return {
    httpCode: code > 0 ? code : null,
    remoteIp: str(j.remote_ip),
    remotePort: num(j.remote_port) > 0 ? num(j.remote_port) : null,
    url: str(j.url_effective) ?? str(j.url),
    timings: {
      dnsMs: ms(j.time_namelookup),
      connectMs: reached(j.time_connect),
      tlsMs: reached(j.time_appconnect),
      firstByteMs: reached(j.time_starttransfer),
      totalMs: ms(j.time_total),
    },
    exitcode: num(j.exitcode),
    errormsg: str(j.errormsg),
  };
}
