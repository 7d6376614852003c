import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path";

const origin = "http://127.0.0.1:3000";

describe("where sign-in goes next", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNext("/mtu?job=abc", origin)).toBe("/mtu?job=abc");
    expect(safeNext("/topology#n1", origin)).toBe("/topology#n1");
    expect(safeNext(undefined, origin)).toBe("/");
  });
  it("gives / for anything that leaves the origin, however it is spelled", () => {
    for (const n of [
      "/\t/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "http://127.0.0.1:3001/",
      "javascript:alert(1)",
      "/\n/evil.example",
      " //evil.example",
    ])
      expect(safeNext(n, origin), JSON.stringify(n)).toBe("/");
  });
});
