import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseDig } from "./dig";

describe("parseDig on real DiG 9.18 captures against dnsmasq (capture-net-tools.sh)", () => {
  it("reads an A answer from a --host-record", () => {
    const r = parseDig(readTestdata("dig-a.txt"));
    expect(r.status).toBe("NOERROR");
    expect(r.answers).toEqual([
      { name: "db.example.test.", ttl: 0, class: "IN", type: "A", data: "10.0.0.5" },
    ]);
    expect(r.flags).toEqual(["qr", "aa", "rd", "ra"]);
    expect(r.queryTimeMs).toBe(0);
    expect([r.server, r.serverPort]).toEqual(["10.20.2.1", 53]);
    expect(r.question).toEqual({ name: "db.example.test.", type: "A" });
    expect(r.ede).toBeNull();
  });

  it("reads a wildcard --address answer", () => {
    const r = parseDig(readTestdata("dig-wildcard.txt"));
    expect(r.answers.map((a) => [a.name, a.data])).toEqual([
      ["api.svc.example.test.", "10.96.0.1"],
    ]);
  });

  it("reads NXDOMAIN with no answers", () => {
    const r = parseDig(readTestdata("dig-nxdomain.txt"));
    expect(r.status).toBe("NXDOMAIN");
    expect(r.answers).toEqual([]);
    expect(r.flags).toEqual(["qr", "rd", "ra"]);
    expect(r.queryTimeMs).toBe(0);
  });

  it("reads REFUSED and its Extended DNS Error (dnsmasq without upstreams)", () => {
    const r = parseDig(readTestdata("dig-refused.txt"));
    expect(r.status).toBe("REFUSED");
    expect(r.ede).toBe("14 (Not Ready)");
    expect(r.queryTimeMs).toBe(0);
    expect(r.question).toEqual({ name: "kubernetes.io.", type: "A" });
  });

  it("reads a timeout (9.18 wording) and names the server tried", () => {
    const r = parseDig(readTestdata("dig-timeout.txt"));
    expect(r.status).toBe("timeout");
    expect([r.server, r.serverPort]).toEqual(["10.20.1.77", 53]);
    expect(r.queryTimeMs).toBeNull();
    expect(r.answers).toEqual([]);
    expect(r.flags).toEqual([]);
  });

  it("reads ICMP port unreachable as connection-refused", () => {
    const r = parseDig(readTestdata("dig-port-refused.txt"));
    expect(r.status).toBe("connection-refused");
    expect([r.server, r.serverPort]).toEqual(["10.20.2.1", 5353]);
  });

  it("also reads the dig 9.16 timeout line (its wording, not a capture from this machine)", () => {
    expect(parseDig(";; connection timed out; no servers could be reached\n").status).toBe(
      "timeout",
    );
  });
});
