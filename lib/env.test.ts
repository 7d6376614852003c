import { describe, expect, it } from "vitest";
import { authMode, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills the defaults", () => {
    expect(parseEnv({})).toMatchObject({
      HOST: "127.0.0.1",
      PORT: 3000,
      UNDERLAY_DATA_DIR: "./data",
      UNDERLAY_DEBUG_IMAGE: "nicolaka/netshoot:v0.13",
      UNDERLAY_DEBUG_PULL_POLICY: "IfNotPresent",
      UNDERLAY_DEBUG_PULL_SECRETS: [],
      UNDERLAY_DEBUG_NAMESPACE: "underlay-system",
      UNDERLAY_DEBUG_TTL_SECONDS: 1800,
    });
  });
  it("never echoes a secret it refuses", () =>
    expect(() => parseEnv({ UNDERLAY_TOKEN: "hunter2" })).toThrow(/characters[^"]*$/));
  it("listens beyond loopback only with an auth mode", () => {
    expect(authMode(parseEnv({ HOST: "0.0.0.0", UNDERLAY_TOKEN: "0123456789abcdef0123" }))).toBe(
      "token",
    );
    expect(
      authMode(
        parseEnv({
          HOST: "::",
          UNDERLAY_TRUSTED_PROXIES: "10.0.0.0/8,::1",
          UNDERLAY_SERVER: "underlay",
        }),
      ),
    ).toBe("proxy");
    expect(authMode(parseEnv({ HOST: "localhost" }))).toBe("none");
    expect(
      parseEnv({
        UNDERLAY_PROXY_USER_HEADER: "X-Auth-Request-User",
        UNDERLAY_ROLE_MAP: "sre=admin",
      }),
    ).toMatchObject({
      UNDERLAY_PROXY_USER_HEADER: "x-auth-request-user",
      UNDERLAY_ROLE_MAP: [{ group: "sre", role: "admin" }],
    });
  });
  it("reads the public URLs as the hosts to answer to, and lists as lists", () => {
    const e = parseEnv({
      UNDERLAY_PUBLIC_URL: "https://Underlay.example.com:8443/x, http://underlay.internal",
      UNDERLAY_ATTACH_NAMESPACES: "shop, payments",
      UNDERLAY_CONTEXTS: "prod-eu,arn:aws:eks:eu-west-1:1:cluster/prod",
    });
    expect(e.UNDERLAY_PUBLIC_URL).toEqual(["underlay.example.com:8443", "underlay.internal"]);
    expect(e.UNDERLAY_ATTACH_NAMESPACES).toEqual(["shop", "payments"]);
    expect(e.UNDERLAY_CONTEXTS).toEqual(["prod-eu", "arn:aws:eks:eu-west-1:1:cluster/prod"]);
  });
  it("treats an empty variable as unset", () =>
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined());
  it.each([
    [{ PORT: "http" }, "Invalid environment variable PORT: must be a number"],
    [
      { DATABASE_URL: "mysql://x" },
      "Invalid environment variable DATABASE_URL: must start with postgres:// or postgresql://",
    ],
    [
      { UNDERLAY_DEBUG_TTL_SECONDS: "5" },
      "Invalid environment variable UNDERLAY_DEBUG_TTL_SECONDS: must be at least 60 seconds",
    ],
    [
      { UNDERLAY_DEBUG_NAMESPACE: "Bad_NS" },
      "Invalid environment variable UNDERLAY_DEBUG_NAMESPACE: must be a valid namespace name",
    ],
    [{ UNDERLAY_DEBUG_IMAGE: "$(reboot)" }, "Invalid environment variable UNDERLAY_DEBUG_IMAGE"],
    [
      { UNDERLAY_DEBUG_PULL_POLICY: "always" },
      "Invalid environment variable UNDERLAY_DEBUG_PULL_POLICY: must be IfNotPresent, Always or Never",
    ],
    [
      { UNDERLAY_DEBUG_PULL_SECRETS: "regcred, Bad Secret" },
      'Invalid environment variable UNDERLAY_DEBUG_PULL_SECRETS: "Bad Secret" is not a secret name',
    ],
    [
      { UNDERLAY_TOKEN: "short" },
      "Invalid environment variable UNDERLAY_TOKEN: must be at least 16 characters (use e.g. `openssl rand -hex 24`).",
    ],
    [
      { UNDERLAY_TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/33" },
      'Invalid environment variable UNDERLAY_TRUSTED_PROXIES: "10.1.0.0/33" is not an IP address or CIDR',
    ],
    [{ UNDERLAY_TRUSTED_PROXIES: "proxy.local" }, '"proxy.local" is not an IP address or CIDR'],
    [
      { UNDERLAY_ROLE_MAP: "sre=root" },
      'Invalid environment variable UNDERLAY_ROLE_MAP: "root" in "sre=root" is not a role',
    ],
    [
      { UNDERLAY_DEFAULT_ROLE: "god" },
      "UNDERLAY_DEFAULT_ROLE: must be viewer, operator, admin or none",
    ],
    [{ HOST: "0.0.0.0" }, "Refusing to listen on 0.0.0.0 with no authentication"],
    [
      { UNDERLAY_PUBLIC_URL: "https://ok.example, underlay.example.com" },
      'Invalid environment variable UNDERLAY_PUBLIC_URL: "underlay.example.com" is not an http(s) URL like https://underlay.example.com',
    ],
    [
      { UNDERLAY_ATTACH_NAMESPACES: "shop, Bad_NS" },
      'Invalid environment variable UNDERLAY_ATTACH_NAMESPACES: "Bad_NS" is not a namespace name',
    ],
    [
      { UNDERLAY_TRUSTED_PROXIES: "10.0.0.1" },
      "Refusing to trust an OIDC proxy (UNDERLAY_TRUSTED_PROXIES) without Underlay's own HTTP server",
    ],
    [
      { HOST: "10.0.0.7", UNDERLAY_ROLE_MAP: "sre=admin" },
      "Refusing to listen on 10.0.0.7 with no authentication",
    ],
  ])("stops on %o with a sentence", (env, message) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(message);
  });
});
