import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { probeOutcome } from "./pmtu";

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
