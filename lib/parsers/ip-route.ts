/**
 * `ip route` (text) and `ip -j route` (JSON): only what the MTU analysis needs, the device of the
 * default route (the underlay NIC) and any route that pins an `mtu`.
 */
export type RouteFacts = {
  defaultDevs: string[];
  routes: { dst: string; dev?: string; via?: string; mtu?: number }[];
};

export const ROUTE_LINE =
  /^(?:(default|unreachable|blackhole|local|broadcast|[0-9a-fA-F.:]+(?:\/\d+)?)\s.*\bdev\s+\S+|(?:blackhole|unreachable|prohibit|throw)\s+[0-9a-fA-F.:]+(?:\/\d+)?\b.*)/;

export const looksLikeIpRouteText = (text: string) => {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  return lines.length > 0 && lines.every((l) => ROUTE_LINE.test(l.trim()) || /^\s/.test(l));
};

export function looksLikeIpRouteJson(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((r) => typeof r === "object" && r !== null && "dst" in r)
  );
}

function facts(routes: RouteFacts["routes"]): RouteFacts {
  const defaultDevs = [
    ...new Set(routes.filter((r) => r.dst === "default" && r.dev).map((r) => r.dev!)),
  ];
  return { defaultDevs, routes };
}

export function parseIpRoute(text: string): RouteFacts {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    const value: unknown = JSON.parse(trimmed);
    if (!looksLikeIpRouteJson(value)) throw new Error("JSON is not `ip -j route` output");
    return facts(
      (value as Record<string, unknown>[]).map((r) => {
        const metrics = Array.isArray(r.metrics) ? (r.metrics as Record<string, unknown>[]) : [];
        const mtu = metrics.map((m) => m.mtu).find((v) => typeof v === "number") as
          number | undefined;
        return {
          dst: String(r.dst),
          ...(typeof r.dev === "string" ? { dev: r.dev } : {}),
          ...(typeof r.gateway === "string" ? { via: r.gateway } : {}),
          ...(mtu ? { mtu } : {}),
        };
      }),
    );
  }
  if (!looksLikeIpRouteText(text)) throw new Error("text is not `ip route` output");
  return facts(
    trimmed
      .split(/\r?\n/)
      .filter((l) => ROUTE_LINE.test(l.trim()))
      .map((l) => {
        const dst = l.trim().split(/\s+/)[0]!;
        const dev = /\bdev\s+(\S+)/.exec(l)?.[1];
        const via = /\bvia\s+(\S+)/.exec(l)?.[1];
        const mtu = /\bmtu\s+(?:lock\s+)?(\d+)/.exec(l)?.[1];
        return {
          dst,
          ...(dev ? { dev } : {}),
          ...(via ? { via } : {}),
          ...(mtu ? { mtu: Number(mtu) } : {}),
        };
      }),
  );
}
