import "server-only";
import { ApiError } from "@/lib/api-error";
import { isAllowedHost, originHost } from "@/lib/auth/hosts";
import { env, type Env } from "@/lib/env";
import { fromTrustedProxy, type RequestLike } from "./user";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host this request was sent to: `Host`, or `X-Forwarded-Host` when a trusted proxy sent it.
 * Anything but a loopback name or a host of UNDERLAY_PUBLIC_URL is refused (421), so a DNS-rebinding
 * page, whose requests carry its own name, reaches nothing.
 */
export function ownHost(req: RequestLike, e: Env = env()): string {
  const host = (req.headers.get("host") ?? "").toLowerCase();
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]!.trim().toLowerCase();
  const viaProxy = !!forwarded && forwarded !== host && fromTrustedProxy(req, e);
  if (forwarded && forwarded !== host && !viaProxy)
    throw misdirected(
      `X-Forwarded-Host ${forwarded.slice(0, 100)} came from an address that is not a trusted proxy (UNDERLAY_TRUSTED_PROXIES)`,
      e,
    );
  const effective = viaProxy ? forwarded : host;
  if (!isAllowedHost(effective, e.UNDERLAY_PUBLIC_URL))
    throw misdirected(`Underlay is not served at ${effective.slice(0, 100) || "an empty Host"}`, e);
  return effective;
}

const misdirected = (why: string, e: Env) =>
  new ApiError(
    "unknown_host",
    `${why}. Underlay answers only to loopback names${e.UNDERLAY_PUBLIC_URL.length ? ` and ${e.UNDERLAY_PUBLIC_URL.join(", ")}` : ""}: if this is the address people use, add it to UNDERLAY_PUBLIC_URL (e.g. https://underlay.example.com).`,
  );

/**
 * Cross-site request forgery: a state-changing request from a browser must carry an Origin whose
 * host is the one it was sent to, which ownHost has already checked against the allowlist. Browsers
 * send Origin on every POST/DELETE; a request with neither Origin nor Sec-Fetch-Site is not from a
 * browser (curl, the CLI) and carries no ambient credentials worth refusing.
 */
export function checkSameOrigin(req: RequestLike & { method: string }, e: Env = env()): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite(`a ${site} page`);
  const origin = req.headers.get("origin");
  if (origin === null) {
    if (site === "same-origin") throw crossSite("a page that sent no Origin");
    return;
  }
  const from = originHost(origin);
  if (!from || !isAllowedHost(from, e.UNDERLAY_PUBLIC_URL) || from !== ownHost(req, e))
    throw crossSite(origin === "null" ? "an opaque origin" : origin.slice(0, 100));
}

const crossSite = (from: string) =>
  new ApiError(
    "cross_site",
    `Refused: this request to change something came from ${from}, not from Underlay's own pages. Open Underlay itself and try again.`,
  );
