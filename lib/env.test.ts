import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills the defaults", () => {
    expect(parseEnv({})).toMatchObject({ HOST: "127.0.0.1", PORT: 3000, UNDERLAY_DATA_DIR: "./data", UNDERLAY_DEBUG_IMAGE: "nicolaka/netshoot", UNDERLAY_DEBUG_NAMESPACE: "underlay-system", UNDERLAY_DEBUG_TTL_SECONDS: 1800 });
  });
  it("treats an empty variable as unset", () => expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined());
  it.each([
    [{ PORT: "http" }, "Invalid environment variable PORT: must be a number"],
    [{ DATABASE_URL: "mysql://x" }, "Invalid environment variable DATABASE_URL: must start with postgres:// or postgresql://"],
    [{ UNDERLAY_DEBUG_TTL_SECONDS: "5" }, "Invalid environment variable UNDERLAY_DEBUG_TTL_SECONDS: must be at least 60 seconds"],
    [{ UNDERLAY_DEBUG_NAMESPACE: "Bad_NS" }, "Invalid environment variable UNDERLAY_DEBUG_NAMESPACE: must be a valid namespace name"],
    [{ UNDERLAY_DEBUG_IMAGE: "$(reboot)" }, "Invalid environment variable UNDERLAY_DEBUG_IMAGE"],
  ])("stops on %o with a sentence", (env, message) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(message);
  });
});
