import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseCurlJson } from "./curl";

describe("parseCurlJson on real curl 7.88 -w '%{json}' captures (capture-net-tools.sh)", () => {
  it("reads a 200 from python3 http.server with timings in ms", () => {
    expect(parseCurlJson(readTestdata("curl-ok.txt"))).toEqual({
      httpCode: 200,
      remoteIp: "10.20.2.1",
      remotePort: 8080,
      url: "http://10.20.2.1:8080/healthz",
      timings: {
        dnsMs: 1.002,
        connectMs: 1.741,
        tlsMs: null,
        firstByteMs: 14.021,
        totalMs: 14.211,
      },
      exitcode: 0,
      errormsg: null,
    });
  });

  it("reads a 404 as a response, not a failure", () => {
    const r = parseCurlJson(readTestdata("curl-404.txt"));
    expect([r.httpCode, r.exitcode, r.errormsg]).toEqual([404, 0, null]);
  });

  it("reads connection refused: exit 7, no response, no connect time", () => {
    const r = parseCurlJson(readTestdata("curl-refused.txt"));
    expect(r).toMatchObject({ httpCode: null, remoteIp: null, remotePort: null, exitcode: 7 });
    expect(r.errormsg).toBe(
      "Failed to connect to 10.20.2.1 port 8081 after 0 ms: Couldn't connect to server",
    );
    expect(r.timings).toEqual({
      dnsMs: 0.023,
      connectMs: null,
      tlsMs: null,
      firstByteMs: null,
      totalMs: 0.216,
    });
  });

  it("reads a timeout against a port whose SYNs are dropped: exit 28", () => {
    const r = parseCurlJson(readTestdata("curl-timeout.txt"));
    expect(r.exitcode).toBe(28);
    expect(r.errormsg).toBe("Connection timed out after 1001 milliseconds");
    expect(r.timings.totalMs).toBe(1001.689);
  });

  it("reads an unreachable host (no ARP answer): exit 7 after the ~3 s neighbour timeout", () => {
    const r = parseCurlJson(readTestdata("curl-host-unreachable.txt"));
    expect(r.exitcode).toBe(7);
    expect(r.url).toBe("http://10.20.1.77:8080/");
    expect(r.timings.totalMs).toBe(3065.845);
  });

  it("rejects output that is not curl's JSON, in words", () => {
    expect(() => parseCurlJson("curl: (7) Failed to connect")).toThrow(/-w '%\{json\}'/);
    expect(() => parseCurlJson('{"a":1}')).toThrow(/time_total/);
  });
});
