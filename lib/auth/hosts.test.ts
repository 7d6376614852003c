import { describe, expect, it } from "vitest";
import { isAllowedHost, originHost } from "./hosts";

describe("the hosts Underlay answers to", () => {
  const pub = ["underlay.example.com", "underlay.internal:8443"];
  it("takes loopback names on any port, and the public URLs' hosts exactly", () => {
    for (const h of ["127.0.0.1:3000", "localhost:8080", "LOCALHOST", "[::1]:3000", "127.1.2.3"])
      expect(isAllowedHost(h, [])).toBe(true);
    expect(isAllowedHost("underlay.example.com", pub)).toBe(true);
    expect(isAllowedHost("Underlay.Example.com", pub)).toBe(true);
    expect(isAllowedHost("underlay.internal:8443", pub)).toBe(true);
  });
  it("refuses a rebinding domain, a look-alike, another port of a public host, and junk", () => {
    for (const h of [
      "rebind.example:3000",
      "127.0.0.1.nip.io:3000",
      "localhost.evil.example",
      "underlay.example.com.evil.example",
      "underlay.internal:9443",
      "underlay.internal",
      "",
      "127.0.0.1:3000@evil",
      "a".repeat(400),
      "[::2]:3000",
      "0.0.0.0:3000",
    ])
      expect(isAllowedHost(h, pub), h).toBe(false);
  });
  it("reads an Origin's host, and nothing from an opaque or odd origin", () => {
    expect(originHost("http://127.0.0.1:3000")).toBe("127.0.0.1:3000");
    expect(originHost("https://Underlay.example.com")).toBe("underlay.example.com");
    expect(originHost("null")).toBeNull();
    expect(originHost("file:///etc/passwd")).toBeNull();
    expect(originHost("not a url")).toBeNull();
  });
});
