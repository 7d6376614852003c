import "server-only";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { ApiError } from "@/lib/api-error";
import { atLeast, ROLE_CAN, roleForGroups, type Role, type User } from "@/lib/auth/roles";
import { authMode, env, type Env } from "@/lib/env";
import type { Me } from "@/lib/schemas/auth";
import { roleOfToken, SESSION_COOKIE, verifySession, type SessionKeys } from "./session";

/** Set by Underlay's own HTTP server (scripts/start.mjs) from the socket: a client cannot forge it. */
export const PEER_HEADER = "x-underlay-peer";

/** What authentication reads of a request: its headers and cookies (a NextRequest, or next/headers in a page). */
export type RequestLike = {
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
};

let trusted: { list: string[]; block: BlockList } | undefined;
function trustedProxies(e: Env): BlockList {
  const list = e.UNDERLAY_TRUSTED_PROXIES ?? [];
  if (trusted?.list === list) return trusted.block;
  const block = new BlockList();
  for (const a of list) {
    const [ip, bits] = a.split("/") as [string, string | undefined];
    const type = isIPv4(ip) ? "ipv4" : "ipv6";
    if (bits === undefined) block.addAddress(ip, type);
    else block.addSubnet(ip, Number(bits), type);
  }
  trusted = { list, block };
  return block;
}

export function fromTrustedProxy(req: RequestLike, e: Env): boolean {
  let peer = req.headers.get(PEER_HEADER);
  if (!peer) return false;
  if (peer.startsWith("::ffff:") && isIPv4(peer.slice(7))) peer = peer.slice(7);
  const type = isIPv4(peer) ? "ipv4" : isIPv6(peer) ? "ipv6" : null;
  return !!type && trustedProxies(e).check(peer, type);
}

/**
 * Who is asking, or null when nobody is signed in. On loopback with no auth configured the person
 * at the machine is the admin ("local").
 */
export function authenticate(req: RequestLike, keys: SessionKeys, e: Env = env()): User | null {
  const mode = authMode(e);
  if (mode === "none") return { name: "local", role: "admin", groups: [], via: "local" };
  if (mode !== "token" && fromTrustedProxy(req, e)) {
    const name = req.headers.get(e.UNDERLAY_PROXY_USER_HEADER)?.trim();
    if (name) {
      const groups = (req.headers.get(e.UNDERLAY_PROXY_GROUPS_HEADER) ?? "")
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean);
      const role = roleForGroups(
        groups,
        e.UNDERLAY_ROLE_MAP,
        e.UNDERLAY_DEFAULT_ROLE === "none" ? null : e.UNDERLAY_DEFAULT_ROLE,
      );
      if (!role)
        throw new ApiError(
          "no_role",
          `You are signed in as ${name.slice(0, 100)}, but none of your groups (${groups.join(", ").slice(0, 200) || "none"}) is given a role in UNDERLAY_ROLE_MAP. Ask an Underlay admin for access.`,
        );
      return { name: name.slice(0, 200), role, groups, via: "proxy" };
    }
  }
  if (mode !== "proxy") {
    const bearer = bearerOf(req);
    if (bearer) {
      const role = roleOfToken(bearer, e);
      if (!role)
        throw new ApiError("unauthenticated", "That token is not valid for this Underlay.");
      return { name: `${role} token`, role, groups: [], via: "token" };
    }
    const s = verifySession(req.cookies.get(SESSION_COOKIE)?.value, keys, e);
    if (s)
      return { name: s.name, role: s.role, groups: [], via: "session", sid: s.sid, exp: s.exp };
  }
  return null;
}

const bearerOf = (req: RequestLike) =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];

/** The role a request's valid Bearer token gives (not in proxy-only mode), else null. */
export function bearerRole(req: RequestLike, e: Env = env()): Role | null {
  const bearer = authMode(e) === "proxy" ? undefined : bearerOf(req);
  return bearer ? roleOfToken(bearer, e) : null;
}

const unauthenticated = (e: Env) => {
  const mode = authMode(e);
  const how =
    mode === "proxy"
      ? "Sign in through your organisation's login proxy."
      : "Sign in at /login with an Underlay token, or send Authorization: Bearer <token>.";
  return new ApiError("unauthenticated", `You are not signed in. ${how}`);
};

/** The signed-in user with at least `need`, else a 401 (nobody) or a 403 naming the role it takes. */
export function requireRole(
  req: RequestLike,
  keys: SessionKeys,
  need: Role,
  what = "do that",
  e: Env = env(),
): User {
  const user = authenticate(req, keys, e);
  if (!user) throw unauthenticated(e);
  if (!atLeast(user.role, need))
    throw new ApiError(
      "role",
      `Your role (${user.role}) cannot ${what}: it takes the ${need} role, which can ${ROLE_CAN[need]}.`,
    );
  return user;
}

/** Who this request is signed in as (null when nobody, or when the proxy's groups map to no role), and the auth mode. */
export function meOf(req: RequestLike, keys: SessionKeys): Me {
  let user: Me["user"] = null;
  try {
    const u = authenticate(req, keys);
    user = u && { name: u.name, role: u.role, via: u.via };
  } catch {
    user = null;
  }
  return { user, mode: authMode(env()) };
}
