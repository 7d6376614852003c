import "server-only";
import crypto from "node:crypto";
import { authMode, env, type Env } from "@/lib/env";
import { atLeast, ROLES, type Role } from "@/lib/auth/roles";

export const SESSION_COOKIE = "underlay_session";

/**
 * What sessions are checked with: the signing secret (UNDERLAY_SESSION_SECRET, else 256 random
 * bits kept in the store) and the ids of sessions signed out before they expired.
 */
export type SessionKeys = { secret: Buffer; revoked: ReadonlySet<string> };

type Session = { sid: string; name: string; role: Role; fp: string; exp: number };

const mac = (keys: SessionKeys, payload: string) =>
  crypto.createHmac("sha256", keys.secret).update(payload).digest("base64url");

/** A token's fingerprint under the secret: a session names its token without carrying it. */
const fingerprint = (keys: SessionKeys, token: string) => mac(keys, `token\0${token}`).slice(0, 22);

/** The configured tokens, each with the role it gives. */
function tokens(e: Env): [string, Role][] {
  const all: [string | undefined, Role][] = [
    [e.UNDERLAY_TOKEN, "admin"],
    [e.UNDERLAY_OPERATOR_TOKEN, "operator"],
    [e.UNDERLAY_VIEWER_TOKEN, "viewer"],
  ];
  return all.filter((t): t is [string, Role] => !!t[0]);
}

/**
 * A signed, self-contained session for someone who signed in with `token`. It carries the token's
 * fingerprint, so that rotating the token ends it, and an id, so that signing out can revoke it.
 */
export function signSession(
  name: string,
  token: string,
  keys: SessionKeys,
  e: Env = env(),
  now = Date.now(),
): { value: string; maxAge: number; sid: string; role: Role } {
  const role = roleOfToken(token, e);
  if (!role) throw new Error("signSession: not a configured token");
  const maxAge = e.UNDERLAY_SESSION_HOURS * 3600;
  const sid = crypto.randomBytes(12).toString("base64url");
  const session: Session = {
    sid,
    name,
    role,
    fp: fingerprint(keys, token),
    exp: now + maxAge * 1000,
  };
  const payload = Buffer.from(JSON.stringify(session)).toString("base64url");
  return { value: `${payload}.${mac(keys, payload)}`, maxAge, sid, role };
}

/**
 * The session a cookie holds, or null: a bad signature, an expiry past now or further than the
 * session lifetime from now, a signed-out id, or a token that is no longer configured. Its role is
 * never more than its token gives today.
 */
export function verifySession(
  value: string | undefined,
  keys: SessionKeys,
  e: Env = env(),
  now = Date.now(),
): Session | null {
  if (!value || value.length > 2048 || authMode(e) === "none" || authMode(e) === "proxy")
    return null;
  const [payload, sig, extra] = value.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(keys, payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return null;
  let s: Session;
  try {
    s = JSON.parse(Buffer.from(payload, "base64url").toString()) as Session;
  } catch {
    return null;
  }
  const lifetime = e.UNDERLAY_SESSION_HOURS * 3600_000;
  if (
    typeof s.sid !== "string" ||
    typeof s.name !== "string" ||
    typeof s.fp !== "string" ||
    !ROLES.includes(s.role) ||
    typeof s.exp !== "number" ||
    s.exp <= now ||
    s.exp > now + lifetime ||
    keys.revoked.has(s.sid)
  )
    return null;
  const today = tokens(e).find(([t]) => safeEqual(fingerprint(keys, t), s.fp))?.[1];
  if (!today) return null; // the token it was signed in with is gone (rotated)
  return { ...s, role: atLeast(today, s.role) ? s.role : today };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Which configured token this is, compared in constant time; null when none matches. */
export function roleOfToken(given: string, e: Env = env()): Role | null {
  const g = crypto.createHash("sha256").update(given).digest();
  let found: Role | null = null;
  for (const [token, role] of tokens(e)) {
    const t = crypto.createHash("sha256").update(token).digest();
    if (crypto.timingSafeEqual(g, t) && !found) found = role;
  }
  return found;
}
