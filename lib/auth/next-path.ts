/**
 * Where to go after signing in: `next` resolved as a browser would resolve it against this site,
 * kept only when it stays on this site's origin (tabs, backslashes and `//host` tricks resolve to
 * another origin and give "/").
 */
export function safeNext(next: string | undefined, origin: string): string {
  if (!next) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
