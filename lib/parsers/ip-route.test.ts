import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { looksLikeIpRouteText, parseIpRoute } from "./ip-route";

describe("parseIpRoute on the real flannel-node capture", () => {
  it.each(["txt", "json"])("finds eth0 as the default-route device (%s)", (ext) => {
    const r = parseIpRoute(readTestdata(`ip-route-flannel.${ext}`));
    expect(r.defaultDevs).toEqual(["eth0"]);
    expect(r.routes.map((x) => x.dst)).toEqual(["default", "10.0.0.0/24"]);
  });

  it("does not take ip link output for routes", () => {
    expect(looksLikeIpRouteText(readTestdata("ip-link-flannel.txt"))).toBe(false);
  });
});
