import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { ICMP_IPV4_OVERHEAD, probeOutcome, searchPathMtu, type ProbeOutcome } from "./pmtu";

// Real iputils ping captures (lib/testdata/capture-net-tools.sh).
describe("probeOutcome tells the three ways a DF probe ends apart", () => {
  it("a reply: it fits", () =>
    expect(probeOutcome(readTestdata("ping-ok.txt"), "")).toEqual({ ok: true }));
  it("the local kernel refused it (message too long, mtu=1450)", () =>
    expect(
      probeOutcome(readTestdata("ping-vxlan-mtu.txt"), readTestdata("ping-vxlan-mtu.stderr.txt")),
    ).toEqual({ ok: false, said: "local", mtu: 1450 }));
  it("a router said so with ICMP fragmentation needed", () =>
    expect(probeOutcome(readTestdata("ping-frag-needed.txt"), "")).toEqual({
      ok: false,
      said: "icmp",
      mtu: 1400,
    }));
  it("it vanished and nothing said why: a black hole", () =>
    expect(probeOutcome(readTestdata("ping-silent-loss.txt"), "")).toEqual({
      ok: false,
      said: "nothing",
    }));
});

/** A path as the probe sees it: `carries` IP bytes; above that, what happens to a DF packet. */
function path(carries: number, above: "silent" | "icmp", firstLossSilent = false) {
  let first = firstLossSilent;
  const sent: number[] = [];
  const probe = async (payload: number): Promise<ProbeOutcome> => {
    const size = payload + ICMP_IPV4_OVERHEAD;
    sent.push(size);
    if (size <= carries) return { ok: true };
    if (first) {
      first = false; // the router's ICMP is still on its way
      return { ok: false, said: "nothing" };
    }
    return above === "silent"
      ? { ok: false, said: "nothing" }
      : { ok: false, said: "icmp", mtu: carries };
  };
  return { probe, sent };
}

describe("the path-MTU search", () => {
  it("finds a black hole's size and calls it silent", async () => {
    const p = path(1500, "silent");
    const r = await searchPathMtu(p.probe, 9000);
    expect(r).toMatchObject({ pathMtu: 1500, above: "silent" });
    expect(r.probes).toBeLessThanOrEqual(15);
  });
  it("hears a router's ICMP, trying the size it names first", async () => {
    const p = path(1500, "icmp");
    const r = await searchPathMtu(p.probe, 9000);
    expect(r).toEqual({ pathMtu: 1500, above: "icmp", probes: 3 });
    expect(p.sent).toEqual([9000, 1500, 1501]);
  });
  it("asks again when the first big packet vanishes before the ICMP arrives", async () => {
    const p = path(1500, "icmp", true);
    const r = await searchPathMtu(p.probe, 9000);
    expect(r).toEqual({ pathMtu: 1500, above: "icmp", probes: 4 });
  });
  it("says fits when the largest size crosses", async () => {
    expect(await searchPathMtu(path(9000, "icmp").probe, 9000)).toEqual({
      pathMtu: 9000,
      above: "fits",
      probes: 1,
    });
  });
});
