import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { checkSameOrigin, ownHost } from "./csrf";
import {
  roleOfToken,
  SESSION_COOKIE,
  signSession,
  verifySession,
  type SessionKeys,
} from "./session";
import { authenticate, PEER_HEADER, requireRole } from "./user";

const ADMIN = "admin-token-0123456789abcdef";
const OPERATOR = "operator-token-0123456789abcdef";
const VIEWER = "viewer-token-0123456789abcdef";
const tokenEnv = parseEnv({
  HOST: "0.0.0.0",
  UNDERLAY_TOKEN: ADMIN,
  UNDERLAY_OPERATOR_TOKEN: OPERATOR,
  UNDERLAY_VIEWER_TOKEN: VIEWER,
});
const proxyEnv = parseEnv({
  UNDERLAY_SERVER: "underlay",
  HOST: "0.0.0.0",
  UNDERLAY_TRUSTED_PROXIES: "10.0.0.0/24, fd00::1",
  UNDERLAY_ROLE_MAP: "sre=admin,platform=operator",
  UNDERLAY_DEFAULT_ROLE: "none",
});
const keys: SessionKeys = { secret: crypto.randomBytes(32), revoked: new Set() };

function req(
  headers: Record<string, string>,
  cookies: Record<string, string> = {},
  method = "GET",
) {
  const h = new Headers(headers);
  return {
    method,
    headers: h,
    cookies: { get: (n: string) => (n in cookies ? { value: cookies[n]! } : undefined) },
  };
}
const withCookie = (value: string) => req({}, { [SESSION_COOKIE]: value });

describe("authentication", () => {
  it("on loopback with nothing configured, the person at the machine is the admin", () => {
    expect(authenticate(req({}), keys, parseEnv({}))).toMatchObject({
      name: "local",
      role: "admin",
      via: "local",
    });
  });

  it("takes a bearer token for its role and refuses a wrong one with a sentence", () => {
    expect(authenticate(req({}), keys, tokenEnv)).toBeNull();
    expect(authenticate(req({ authorization: `Bearer ${ADMIN}` }), keys, tokenEnv)).toMatchObject({
      role: "admin",
      via: "token",
    });
    expect(authenticate(req({ authorization: `bearer ${VIEWER}` }), keys, tokenEnv)).toMatchObject({
      role: "viewer",
    });
    expect(() => authenticate(req({ authorization: "Bearer guess" }), keys, tokenEnv)).toThrow(
      "That token is not valid for this Underlay.",
    );
    expect(roleOfToken(ADMIN + "x", tokenEnv)).toBeNull();
  });

  it("keeps a signed session; a changed, expired or foreign one is nobody", () => {
    const { value, maxAge } = signSession("Olga (viewer token)", VIEWER, keys, tokenEnv);
    expect(maxAge).toBe(12 * 3600);
    expect(authenticate(withCookie(value), keys, tokenEnv)).toMatchObject({
      name: "Olga (viewer token)",
      role: "viewer",
      via: "session",
    });
    const [payload, sig] = value.split(".") as [string, string];
    const body = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...body, role: "admin" })).toString("base64url");
    expect(verifySession(`${forged}.${sig}`, keys, tokenEnv)).toBeNull();
    expect(verifySession(`${payload}.${sig.slice(0, -2)}AA`, keys, tokenEnv)).toBeNull();
    expect(verifySession(value, keys, tokenEnv, Date.now() + maxAge * 1000 + 1)).toBeNull();
    const otherKeys = { secret: crypto.randomBytes(32), revoked: new Set<string>() };
    expect(verifySession(value, otherKeys, tokenEnv)).toBeNull();
    expect(verifySession("a.b.c", keys, tokenEnv)).toBeNull();
  });

  it("ends a session when its token is rotated, and when it is signed out", () => {
    const s = signSession("Ivan (operator token)", OPERATOR, keys, tokenEnv);
    const rotated = parseEnv({
      HOST: "0.0.0.0",
      UNDERLAY_TOKEN: ADMIN,
      UNDERLAY_OPERATOR_TOKEN: "a-new-operator-token-0123456789",
    });
    expect(verifySession(s.value, keys, rotated)).toBeNull();
    expect(verifySession(s.value, keys, tokenEnv)).toMatchObject({ role: "operator" });
    expect(verifySession(s.value, { ...keys, revoked: new Set([s.sid]) }, tokenEnv)).toBeNull();
  });

  it("never grants a session more than its token gives today", () => {
    const s = signSession("Ivan (admin token)", ADMIN, keys, tokenEnv);
    // The same token is now configured as the operator token only.
    const demoted = parseEnv({ HOST: "0.0.0.0", UNDERLAY_OPERATOR_TOKEN: ADMIN });
    expect(verifySession(s.value, keys, demoted)).toMatchObject({ role: "operator" });
  });

  it("refuses a self-signed admin session from someone who knows a token and the old key scheme", () => {
    // The attack on the old scheme: the signing key was a hash of the configured tokens.
    const oldKey = crypto
      .createHash("sha256")
      .update(["underlay-session", undefined, OPERATOR, undefined].join("\0"))
      .digest();
    const payload = Buffer.from(
      JSON.stringify({ name: "mallory", role: "admin", exp: Date.now() + 1e12 }),
    ).toString("base64url");
    const sig = crypto.createHmac("sha256", oldKey).update(payload).digest("base64url");
    const env = parseEnv({ HOST: "0.0.0.0", UNDERLAY_OPERATOR_TOKEN: OPERATOR });
    expect(authenticate(withCookie(`${payload}.${sig}`), keys, env)).toBeNull();
    // Even with the real key, an expiry beyond the session lifetime is refused.
    const far = Buffer.from(
      JSON.stringify({ sid: "x", name: "m", role: "operator", fp: "f", exp: Date.now() + 1e12 }),
    ).toString("base64url");
    const real = crypto.createHmac("sha256", keys.secret).update(far).digest("base64url");
    expect(verifySession(`${far}.${real}`, keys, env)).toBeNull();
  });

  it("believes proxy headers only from a trusted proxy address", () => {
    const headers = {
      "x-forwarded-user": "alice@example.com",
      "x-forwarded-groups": "dev,platform",
    };
    expect(authenticate(req({ ...headers, [PEER_HEADER]: "10.0.0.7" }), keys, proxyEnv)).toEqual({
      name: "alice@example.com",
      role: "operator",
      groups: ["dev", "platform"],
      via: "proxy",
    });
    expect(
      authenticate(req({ ...headers, [PEER_HEADER]: "::ffff:10.0.0.7" }), keys, proxyEnv),
    ).toMatchObject({ role: "operator" });
    expect(
      authenticate(
        req({ ...headers, "x-forwarded-groups": "sre", [PEER_HEADER]: "fd00::1" }),
        keys,
        proxyEnv,
      ),
    ).toMatchObject({ role: "admin" });
    // From anywhere else, or with no peer stamped by Underlay's server, the headers count for nothing.
    expect(authenticate(req({ ...headers, [PEER_HEADER]: "10.0.1.7" }), keys, proxyEnv)).toBeNull();
    expect(
      authenticate(req({ ...headers, "x-forwarded-for": "10.0.0.7" }), keys, proxyEnv),
    ).toBeNull();
    // A token-only Underlay ignores them even from a proxy address.
    expect(
      authenticate(
        req({ ...headers, [PEER_HEADER]: "10.0.0.7" }),
        keys,
        parseEnv({ UNDERLAY_TOKEN: ADMIN }),
      ),
    ).toBeNull();
  });

  it("refuses to trust a proxy unless Underlay's own server stamps the peer", () => {
    expect(() => parseEnv({ UNDERLAY_TRUSTED_PROXIES: "10.0.0.1" })).toThrow(
      "without Underlay's own HTTP server",
    );
  });

  it("refuses a proxied user whose groups map to no role, naming the groups", () => {
    expect(() =>
      authenticate(
        req({
          "x-forwarded-user": "bob",
          "x-forwarded-groups": "finance",
          [PEER_HEADER]: "10.0.0.9",
        }),
        keys,
        proxyEnv,
      ),
    ).toThrow("none of your groups (finance) is given a role");
  });

  it("answers 401 to nobody and 403 naming the role to too small a role", () => {
    expect(() => requireRole(req({}), keys, "viewer", "read this", tokenEnv)).toThrow(
      "You are not signed in.",
    );
    const viewer = req({ authorization: `Bearer ${VIEWER}` });
    expect(requireRole(viewer, keys, "viewer", "read this", tokenEnv).role).toBe("viewer");
    try {
      requireRole(viewer, keys, "operator", "launch debug pods", tokenEnv);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        status: 403,
        code: "role",
        message:
          "Your role (viewer) cannot launch debug pods: it takes the operator role, which can launch debug pods and run diagnostics, probes and reports.",
      });
    }
  });
});

describe("the host a request was sent to", () => {
  const pub = parseEnv({ UNDERLAY_PUBLIC_URL: "https://underlay.internal" });
  it("is a loopback name or a public URL's host", () => {
    expect(ownHost(req({ host: "127.0.0.1:3000" }), pub)).toBe("127.0.0.1:3000");
    expect(ownHost(req({ host: "underlay.internal" }), pub)).toBe("underlay.internal");
    // Next fills X-Forwarded-Host with the Host itself.
    expect(
      ownHost(req({ host: "localhost:3000", "x-forwarded-host": "localhost:3000" }), pub),
    ).toBe("localhost:3000");
  });
  it("refuses a rebinding name, saying which variable to set", () => {
    expect(() => ownHost(req({ host: "rebind.example:3000" }), pub)).toThrow(
      /not served at rebind.example:3000.*UNDERLAY_PUBLIC_URL/,
    );
    expect(() => ownHost(req({}), pub)).toThrow("an empty Host");
  });
  it("believes X-Forwarded-Host from a trusted proxy only", () => {
    const fwd = { host: "10.1.2.3:3000", "x-forwarded-host": "underlay.internal" };
    expect(() => ownHost(req(fwd), pub)).toThrow("not a trusted proxy");
    expect(() =>
      ownHost(req({ host: "127.0.0.1:3000", "x-forwarded-host": "rebind.example" }), pub),
    ).toThrow("not a trusted proxy");
    const behind = parseEnv({
      UNDERLAY_SERVER: "underlay",
      UNDERLAY_PUBLIC_URL: "https://underlay.internal",
      UNDERLAY_TRUSTED_PROXIES: "10.0.0.0/24",
    });
    expect(ownHost(req({ ...fwd, [PEER_HEADER]: "10.0.0.5" }), behind)).toBe("underlay.internal");
    expect(() =>
      ownHost(
        req({ ...fwd, "x-forwarded-host": "rebind.example", [PEER_HEADER]: "10.0.0.5" }),
        behind,
      ),
    ).toThrow("not served at rebind.example");
  });
});

describe("cross-site requests", () => {
  const e = parseEnv({ UNDERLAY_PUBLIC_URL: "https://underlay.internal" });
  const post = (h: Record<string, string>) => req({ host: "underlay.internal", ...h }, {}, "POST");
  it("lets Underlay's own pages and non-browser clients change things", () => {
    expect(() =>
      checkSameOrigin(
        post({ origin: "https://underlay.internal", "sec-fetch-site": "same-origin" }),
        e,
      ),
    ).not.toThrow();
    expect(() => checkSameOrigin(post({}), e)).not.toThrow();
    expect(() =>
      checkSameOrigin({ ...req({ origin: "https://evil.example" }), method: "GET" }, e),
    ).not.toThrow();
  });
  it.each([
    [{ origin: "https://evil.example" }, "came from https://evil.example"],
    [{ "sec-fetch-site": "cross-site" }, "came from a cross-site page"],
    [
      { "sec-fetch-site": "same-site", origin: "https://other.internal" },
      "came from a same-site page",
    ],
    [{ origin: "null" }, "came from an opaque origin"],
    [
      { origin: "https://underlay.internal.evil.example" },
      "came from https://underlay.internal.evil.example",
    ],
    // DNS rebinding: Host and Origin agree, and Sec-Fetch-Site says same-origin.
    [
      {
        host: "rebind.example:3000",
        origin: "http://rebind.example:3000",
        "sec-fetch-site": "same-origin",
      },
      "came from http://rebind.example:3000",
    ],
    [{ "sec-fetch-site": "same-origin" }, "a page that sent no Origin"],
  ])("refuses %o", (h, message) => {
    expect(() => checkSameOrigin(post(h), e)).toThrow(message);
  });
});
