import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseResolvConf } from "./resolv-conf";

describe("parseResolvConf", () => {
  it("reads the pod resolv.conf the kubelet writes (resolv-conf-kubelet.origin.md)", () => {
    const r = parseResolvConf(readTestdata("resolv-conf-kubelet.txt"));
    expect(r.nameservers).toEqual(["10.96.0.10"]);
    expect(r.search).toEqual(["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
    expect(r.options).toEqual({ ndots: 5, timeout: 5, attempts: 2, other: {} });
  });

  it("explains what ndots:5 with three search domains costs", () => {
    expect(parseResolvConf(readTestdata("resolv-conf-kubelet.txt")).explain).toEqual([
      "Queries go to 10.96.0.10.",
      "A name with fewer than 5 dots, such as api.example.com, is first tried as " +
        "api.example.com.default.svc.cluster.local, api.example.com.svc.cluster.local, " +
        "api.example.com.cluster.local — 3 extra lookups (6 queries when A and AAAA are both asked) before the real one.",
      "A name with 5 or more dots, or ending in a dot (api.example.com.), is tried as written first.",
      "Write external names with a trailing dot, or lower ndots, to skip the 3 wasted lookups.",
      "Each query waits 5 s for an answer and is tried 2 times per nameserver: up to 10 s before a lookup fails.",
    ]);
  });

  it("reads this capture machine's own /etc/resolv.conf: one nameserver, glibc defaults", () => {
    const r = parseResolvConf(readTestdata("resolv-conf-host.txt"));
    expect(r.nameservers).toEqual(["10.255.255.53"]);
    expect(r.search).toEqual([]);
    expect(r.options).toEqual({ ndots: 1, timeout: 5, attempts: 2, other: {} });
    expect(r.explain[1]).toBe("No search list: names are looked up exactly as written.");
  });

  it("keeps the last search/domain line, other options and comments out", () => {
    const r = parseResolvConf(
      "# generated\nsearch a.example\ndomain b.example\nnameserver 10.0.0.1 ; old\noptions ndots:2 timeout:1 attempts:9 rotate edns0 foo:bar\n",
    );
    expect(r.search).toEqual(["b.example"]);
    expect(r.nameservers).toEqual(["10.0.0.1"]);
    expect(r.options).toEqual({
      ndots: 2,
      timeout: 1,
      attempts: 5,
      other: { rotate: true, edns0: true, foo: "bar" },
    });
    expect(r.explain[1]).toContain(
      "such as example.com, is first tried as example.com.b.example — 1 extra lookup (2 queries",
    );
  });
});
