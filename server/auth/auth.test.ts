import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { checkSameOrigin } from "./csrf";
import { roleOfToken, SESSION_COOKIE, signSession, verifySession } from "./session";
import { authenticate, PEER_HEADER, requireRole } from "./user";

const ADMIN = "admin-token-0123456789abcdef";
const VIEWER = "viewer-token-0123456789abcdef";
const tokenEnv = parseEnv({
  HOST: "0.0.0.0",
  UNDERLAY_TOKEN: ADMIN,
  UNDERLAY_VIEWER_TOKEN: VIEWER,
});
const proxyEnv = parseEnv({
  HOST: "0.0.0.0",
  UNDERLAY_TRUSTED_PROXIES: "10.0.0.0/24, fd00::1",
  UNDERLAY_ROLE_MAP: "sre=admin,platform=operator",
  UNDERLAY_DEFAULT_ROLE: "none",
});

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

describe("authentication", () => {
  it("on loopback with nothing configured, the person at the machine is the admin", () => {
    expect(authenticate(req({}), parseEnv({}))).toMatchObject({
      name: "local",
      role: "admin",
      via: "local",
    });
  });

  it("takes a bearer token for its role and refuses a wrong one with a sentence", () => {
    expect(authenticate(req({}), tokenEnv)).toBeNull();
    expect(authenticate(req({ authorization: `Bearer ${ADMIN}` }), tokenEnv)).toMatchObject({
      role: "admin",
      via: "token",
    });
    expect(authenticate(req({ authorization: `bearer ${VIEWER}` }), tokenEnv)).toMatchObject({
      role: "viewer",
    });
    expect(() => authenticate(req({ authorization: "Bearer guess" }), tokenEnv)).toThrow(
      "That token is not valid for this Underlay.",
    );
    expect(roleOfToken(ADMIN + "x", tokenEnv)).toBeNull();
  });

  it("keeps a signed session; a changed, expired or foreign one is nobody", () => {
    const { value, maxAge } = signSession("Olga (viewer token)", "viewer", tokenEnv);
    expect(maxAge).toBe(12 * 3600);
    expect(authenticate(req({}, { [SESSION_COOKIE]: value }), tokenEnv)).toMatchObject({
      name: "Olga (viewer token)",
      role: "viewer",
      via: "session",
    });
    const [payload, sig] = value.split(".") as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ name: "Olga", role: "admin", exp: Date.now() + 1e6 }),
    ).toString("base64url");
    expect(verifySession(`${forged}.${sig}`, tokenEnv)).toBeNull();
    expect(verifySession(`${payload}.${sig.slice(0, -2)}AA`, tokenEnv)).toBeNull();
    expect(verifySession(value, tokenEnv, Date.now() + maxAge * 1000 + 1)).toBeNull();
    // Rotating the token ends the sessions signed with the old one.
    expect(
      verifySession(value, parseEnv({ UNDERLAY_TOKEN: "another-admin-token-0123456789" })),
    ).toBeNull();
    expect(verifySession("a.b.c", tokenEnv)).toBeNull();
  });

  it("believes proxy headers only from a trusted proxy address", () => {
    const headers = {
      "x-forwarded-user": "alice@example.com",
      "x-forwarded-groups": "dev,platform",
    };
    expect(authenticate(req({ ...headers, [PEER_HEADER]: "10.0.0.7" }), proxyEnv)).toEqual({
      name: "alice@example.com",
      role: "operator",
      groups: ["dev", "platform"],
      via: "proxy",
    });
    expect(
      authenticate(req({ ...headers, [PEER_HEADER]: "::ffff:10.0.0.7" }), proxyEnv),
    ).toMatchObject({ role: "operator" });
    expect(
      authenticate(
        req({ ...headers, "x-forwarded-groups": "sre", [PEER_HEADER]: "fd00::1" }),
        proxyEnv,
      ),
    ).toMatchObject({ role: "admin" });
    // From anywhere else, or with no peer stamped by Underlay's server, the headers count for nothing.
    expect(authenticate(req({ ...headers, [PEER_HEADER]: "10.0.1.7" }), proxyEnv)).toBeNull();
    expect(authenticate(req({ ...headers, "x-forwarded-for": "10.0.0.7" }), proxyEnv)).toBeNull();
    // A token-only Underlay ignores them even from a proxy address.
    expect(
      authenticate(
        req({ ...headers, [PEER_HEADER]: "10.0.0.7" }),
        parseEnv({ UNDERLAY_TOKEN: ADMIN }),
      ),
    ).toBeNull();
  });

  it("refuses a proxied user whose groups map to no role, naming the groups", () => {
    expect(() =>
      authenticate(
        req({
          "x-forwarded-user": "bob",
          "x-forwarded-groups": "finance",
          [PEER_HEADER]: "10.0.0.9",
        }),
        proxyEnv,
      ),
    ).toThrow("none of your groups (finance) is given a role");
  });

  it("answers 401 to nobody and 403 naming the role to too small a role", () => {
    expect(() => requireRole(req({}), "viewer", "read this", tokenEnv)).toThrow(
      "You are not signed in.",
    );
    const viewer = req({ authorization: `Bearer ${VIEWER}` });
    expect(requireRole(viewer, "viewer", "read this", tokenEnv).role).toBe("viewer");
    try {
      requireRole(viewer, "operator", "launch debug pods", tokenEnv);
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

describe("cross-site requests", () => {
  const post = (h: Record<string, string>) => req({ host: "underlay.internal", ...h }, {}, "POST");
  it("lets Underlay's own pages and non-browser clients change things", () => {
    expect(() =>
      checkSameOrigin(
        post({ origin: "https://underlay.internal", "sec-fetch-site": "same-origin" }),
      ),
    ).not.toThrow();
    expect(() => checkSameOrigin(post({}))).not.toThrow();
    expect(() =>
      checkSameOrigin({ ...req({ origin: "https://evil.example" }), method: "GET" }),
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
  ])("refuses %o", (h, message) => {
    expect(() => checkSameOrigin(post(h))).toThrow(message);
  });
});
