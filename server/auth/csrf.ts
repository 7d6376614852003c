import "server-only";
import { ApiError } from "@/lib/api-error";
import type { RequestLike } from "./user";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a state-changing request must come from this site's own pages.
 * Browsers send Sec-Fetch-Site and Origin on every POST/DELETE; a request with neither is not
 * from a browser (curl, the CLI) and carries no ambient cookie risk worth refusing.
 */
export function checkSameOrigin(req: RequestLike & { method: string }): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite(`a ${site} page`);
  const origin = req.headers.get("origin");
  if (origin === null) return;
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host;
  } catch {
    host = null;
  }
  const own = [req.headers.get("host"), req.headers.get("x-forwarded-host")].filter(Boolean);
  if (!host || !own.includes(host))
    throw crossSite(origin === "null" ? "an opaque origin" : origin.slice(0, 100));
}

const crossSite = (from: string) =>
  new ApiError(
    403,
    "cross_site",
    `Refused: this request to change something came from ${from}, not from Underlay's own pages. Open Underlay itself and try again.`,
  );
