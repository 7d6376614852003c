/**
 * Which `Host` names Underlay answers to: the loopback names (any port: `kubectl port-forward`
 * picks its own) and the hosts of the URLs it is served at (UNDERLAY_PUBLIC_URL, exactly, port
 * included). A DNS-rebinding page reaches Underlay under its own name, which is neither.
 */
export function isAllowedHost(host: string, publicHosts: readonly string[]): boolean {
  const h = host.trim().toLowerCase();
  if (!h || h.length > 300) return false;
  if (publicHosts.includes(h)) return true;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return false;
  const name = m[1]!;
  return name === "localhost" || name === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** The host of an Origin header's URL ("http://a:3000" → "a:3000"); null for "null" or junk. */
export function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    const u = new URL(origin);
    return u.protocol === "http:" || u.protocol === "https:" ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
