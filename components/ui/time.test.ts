import { describe, expect, it } from "vitest";
import { localTime } from "./time";

describe("localTime", () => {
  it("names the zone, and never throws on the options it passes", () => {
    const was = process.env.TZ;
    process.env.TZ = "Asia/Kolkata";
    try {
      const s = localTime("2026-12-01T16:56:09.422Z");
      expect(s).toMatch(/10:26/);
      expect(s).toMatch(/GMT\+5:30|IST/);
    } finally {
      process.env.TZ = was;
    }
  });
});
