import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";

const policy = { free: 3, baseSeconds: 2, maxSeconds: 60, forgetSeconds: 600, maxKeys: 3 };

describe("backoff after failed attempts", () => {
  it("lets the first failures through, then doubles the wait up to the cap", () => {
    const b = new Backoff(policy);
    const t = 1_000_000;
    expect([b.fail("a", t), b.fail("a", t), b.fail("a", t)]).toEqual([0, 0, 0]);
    expect(b.retryAfter("a", t)).toBe(0);
    expect(b.fail("a", t)).toBe(2);
    expect(b.retryAfter("a", t)).toBe(2);
    expect(b.retryAfter("a", t + 1500)).toBe(1);
    expect(b.retryAfter("a", t + 2000)).toBe(0);
    expect(b.fail("a", t + 2000)).toBe(4);
    expect(b.fail("a", t + 2000)).toBe(8);
    for (let i = 0; i < 40; i++) b.fail("a", t + 3000);
    expect(b.retryAfter("a", t + 3000)).toBe(60);
    expect(b.total).toBe(46);
  });
  it("keeps keys apart, forgets a quiet key, and a success clears it", () => {
    const b = new Backoff(policy);
    for (let i = 0; i < 5; i++) b.fail("a", 0);
    expect(b.retryAfter("b", 0)).toBe(0);
    expect(b.retryAfter("a", 0)).toBeGreaterThan(0);
    expect(b.failuresOf("a", 601_000)).toBe(0);
    for (let i = 0; i < 5; i++) b.fail("c", 0);
    b.succeed("c");
    expect(b.retryAfter("c", 0)).toBe(0);
  });
  it("remembers at most maxKeys keys, dropping the quietest", () => {
    const b = new Backoff(policy);
    for (const [i, k] of ["a", "b", "c", "d"].entries()) b.fail(k, i);
    expect(b.failuresOf("a", 10)).toBe(0);
    expect(b.failuresOf("d", 10)).toBe(1);
  });
});
