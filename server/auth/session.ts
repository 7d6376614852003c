import "server-only";
import crypto from "node:crypto";
import { authMode, env, type Env } from "@/lib/env";
import { ROLES, type Role } from "@/lib/auth/roles";

export const SESSION_COOKIE = "underlay_session";

/** The key sessions are signed with: the configured secret, else one derived from the tokens (rotating a token ends its sessions). */
function key(e: Env): Buffer {
  const material =
    e.UNDERLAY_SESSION_SECRET ??
    ["underlay-session", e.UNDERLAY_TOKEN, e.UNDERLAY_OPERATOR_TOKEN, e.UNDERLAY_VIEWER_TOKEN].join(
      "\0",
    );
  return crypto.createHash("sha256").update(material).digest();
}

const mac = (e: Env, payload: string) =>
  crypto.createHmac("sha256", key(e)).update(payload).digest("base64url");

type Session = { name: string; role: Role; exp: number };

/** A signed, self-contained session value (several replicas verify it without shared state). */
export function signSession(
  name: string,
  role: Role,
  e: Env = env(),
  now = Date.now(),
): { value: string; maxAge: number } {
  const maxAge = e.UNDERLAY_SESSION_HOURS * 3600;
  const payload = Buffer.from(
    JSON.stringify({ name, role, exp: now + maxAge * 1000 } satisfies Session),
  ).toString("base64url");
  return { value: `${payload}.${mac(e, payload)}`, maxAge };
}

export function verifySession(
  value: string | undefined,
  e: Env = env(),
  now = Date.now(),
): Session | null {
  if (!value || value.length > 2048 || authMode(e) === "none") return null;
  const [payload, sig, extra] = value.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(e, payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return null;
  try {
    const s = JSON.parse(Buffer.from(payload, "base64url").toString()) as Session;
    if (
      typeof s.name !== "string" ||
      !ROLES.includes(s.role) ||
      typeof s.exp !== "number" ||
      s.exp <= now
    )
      return null;
    return s;
  } catch {
    return null;
  }
}

/** Which configured token this is, compared in constant time; null when none matches. */
export function roleOfToken(given: string, e: Env = env()): Role | null {
  const candidates: [string | undefined, Role][] = [
    [e.UNDERLAY_TOKEN, "admin"],
    [e.UNDERLAY_OPERATOR_TOKEN, "operator"],
    [e.UNDERLAY_VIEWER_TOKEN, "viewer"],
  ];
  const g = crypto.createHash("sha256").update(given).digest();
  let found: Role | null = null;
  for (const [token, role] of candidates) {
    if (!token) continue;
    const t = crypto.createHash("sha256").update(token).digest();
    if (crypto.timingSafeEqual(g, t) && !found) found = role;
  }
  return found;
}
