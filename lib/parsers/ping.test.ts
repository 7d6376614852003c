import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parsePing } from "./ping";

const ping = (stem: string, withStderr = false) =>
  parsePing(
    readTestdata(`${stem}.txt`),
    withStderr ? readTestdata(`${stem}.stderr.txt`) : undefined,
  );

describe("parsePing on real iputils captures (capture-net-tools.sh)", () => {
  it("reads a healthy ping: every reply's rtt and the summary", () => {
    const r = ping("ping-ok");
    expect(r).toMatchObject({
      target: "10.20.2.1",
      payloadBytes: 56,
      transmitted: 5,
      received: 5,
      lossPercent: 0,
    });
    expect(r.rtts).toEqual([0.316, 0.052, 0.065, 0.065, 0.055]);
    expect([r.min, r.avg, r.max, r.mdev]).toEqual([0.052, 0.11, 0.316, 0.102]);
    expect(r.errors).toEqual([]);
    expect(r.silentLoss).toBe(false);
  });

  it("reads 1472-byte replies with -M dont", () => {
    const r = ping("ping-dont-fragment-off");
    expect(r.payloadBytes).toBe(1472);
    expect(r.rtts).toEqual([0.07, 0.087, 0.082, 0.084, 0.108]);
    expect(r.max).toBe(0.108);
  });

  it("reads the local 'message too long' errors from stderr (VXLAN 1500 over a 1500 veth)", () => {
    const r = ping("ping-vxlan-mtu", true);
    expect(r).toMatchObject({
      target: "10.30.0.2",
      payloadBytes: 1472,
      transmitted: 5,
      received: 0,
      errorCount: 4,
    });
    expect(r.lossPercent).toBe(100);
    expect(r.errors).toEqual(Array(4).fill({ kind: "message-too-long", mtu: 1450 }));
    expect(r.pathMtu).toBe(1450);
    expect([r.min, r.avg, r.max, r.mdev]).toEqual([null, null, null, null]);
    expect(r.silentLoss).toBe(false);
  });

  it("without stderr, the same run has no error lines to show", () => {
    expect(ping("ping-vxlan-mtu").errors).toEqual([]);
  });

  it("reads ICMP 'Frag needed and DF set' from a router with a smaller next hop", () => {
    const r = ping("ping-frag-needed");
    expect(r.errors).toHaveLength(5);
    expect(r.errors[0]).toEqual({ kind: "frag-needed", mtu: 1400, from: "10.20.1.254", seq: 1 });
    expect(r.errors[4]).toEqual({ kind: "frag-needed", mtu: 1400, from: "10.20.1.254", seq: 5 });
    expect(r).toMatchObject({
      transmitted: 5,
      received: 0,
      errorCount: 5,
      lossPercent: 100,
      pathMtu: 1400,
    });
    expect(r.silentLoss).toBe(false);
  });

  it("flags silent loss when the router's frag-needed is dropped (PMTU black hole)", () => {
    const r = ping("ping-silent-loss");
    expect(r).toMatchObject({
      transmitted: 5,
      received: 0,
      lossPercent: 100,
      errors: [],
      pathMtu: null,
    });
    expect(r.silentLoss).toBe(true);
  });

  it("reads Destination Host Unreachable after the ARP timeout", () => {
    const r = ping("ping-host-unreachable");
    expect(r).toMatchObject({
      target: "10.20.1.77",
      transmitted: 20,
      received: 0,
      errorCount: 20,
      lossPercent: 100,
    });
    expect(r.errors).toHaveLength(20);
    expect(r.errors[19]).toEqual({ kind: "host-unreachable", from: "10.20.1.1", seq: 20 });
    expect(r.silentLoss).toBe(false);
  });

  it("a short run to the same host ends before ARP gives up: plain, silent 100% loss", () => {
    const r = ping("ping-no-reply");
    expect(r).toMatchObject({
      transmitted: 3,
      received: 0,
      lossPercent: 100,
      errors: [],
      silentLoss: true,
    });
  });
});
