import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { parseIpLink, stripPeer } from "./ip-link";

const SCENARIOS = ["flannel", "calico", "cilium", "mismatch", "jumbo", "host"];

describe("parseIpLink on real captures (iproute2 6.1, kernel 6.18)", () => {
  it("reads the flannel node: veth NIC, flannel.1 vxlan bound to eth0, cni0 bridge, a pod veth", () => {
    for (const ext of ["txt", "json"]) {
      const { devices, detailed, format } = parseIpLink(readTestdata(`ip-link-flannel.${ext}`));
      expect(format).toBe(ext === "txt" ? "text" : "json");
      expect(detailed).toBe(true);
      expect(devices.map(({ name, kind, mtu }) => ({ name, kind, mtu }))).toEqual([
        { name: "lo", kind: "loopback", mtu: 65536 },
        { name: "eth0", kind: "veth", mtu: 1500 },
        { name: "flannel.1", kind: "vxlan", mtu: 1450 },
        { name: "cni0", kind: "bridge", mtu: 1450 },
        { name: "veth3f1c2a9b", kind: "veth", mtu: 1450 },
      ]);
      const flannel = devices.find((d) => d.name === "flannel.1")!;
      expect(flannel.vxlan).toMatchObject({
        id: 1,
        port: 8472,
        local: "10.0.0.1",
        dev: "eth0",
        external: false,
      });
      expect(devices.find((d) => d.name === "eth0")).toMatchObject({
        index: 2,
        link: "if2",
        state: "UP",
      });
      expect(devices.find((d) => d.name === "veth3f1c2a9b")).toMatchObject({
        master: "cni0",
        state: "DOWN",
      });
    }
  });

  it("reads calico's vxlan.calico (VNI 4096, port 4789) and a cali* veth", () => {
    const { devices } = parseIpLink(readTestdata("ip-link-calico.txt"));
    expect(devices.find((d) => d.name === "vxlan.calico")).toMatchObject({
      kind: "vxlan",
      mtu: 1450,
      vxlan: { id: 4096, port: 4789, dev: "eth0" },
    });
    expect(devices.find((d) => d.name === "cali4c7d8e1f2a3")).toMatchObject({
      kind: "veth",
      mtu: 1450,
      link: "if2",
    });
  });

  it("reads cilium_vxlan as an external (collect-metadata) vxlan with no lower device, and the cilium_host pair", () => {
    for (const ext of ["txt", "json"]) {
      const { devices } = parseIpLink(readTestdata(`ip-link-cilium.${ext}`));
      const vx = devices.find((d) => d.name === "cilium_vxlan")!;
      expect(vx.vxlan).toMatchObject({ external: true, id: 0, port: 8472 });
      expect(vx.vxlan?.dev).toBeUndefined();
      expect(devices.find((d) => d.name === "cilium_net")).toMatchObject({
        kind: "veth",
        link: "cilium_host",
      });
    }
  });

  it("reads the mismatch capture: flannel.1 at 1500 created without dev", () => {
    const flannel = parseIpLink(readTestdata("ip-link-mismatch.txt")).devices.find(
      (d) => d.name === "flannel.1",
    )!;
    expect(flannel.mtu).toBe(1500);
    expect(flannel.vxlan).toMatchObject({ id: 1, local: "10.0.3.1" });
    expect(flannel.vxlan?.dev).toBeUndefined();
  });

  it("tells a NIC without linkinfo (ethernet) from lo and from ifb devices on the host", () => {
    for (const ext of ["txt", "json"]) {
      const { devices } = parseIpLink(readTestdata(`ip-link-host.${ext}`));
      expect(devices.find((d) => d.name === "eth0")).toMatchObject({ kind: "ethernet", mtu: 1400 });
      expect(devices.find((d) => d.name === "eth0")?.rawKind).toBeUndefined();
      expect(devices.find((d) => d.name === "lo")).toMatchObject({ kind: "loopback" });
      expect(devices.find((d) => d.name === "ifb0")).toMatchObject({
        kind: "other",
        rawKind: "ifb",
        state: "DOWN",
      });
    }
  });

  it.each(SCENARIOS)("text and JSON of the %s capture give the same devices", (s) => {
    const pick = (t: string) =>
      parseIpLink(readTestdata(t)).devices.map((d) => ({
        name: d.name,
        kind: d.kind,
        mtu: d.mtu,
        link: d.link,
        master: d.master,
        rawKind: d.rawKind,
        vx: d.vxlan && { ...d.vxlan, df: undefined },
      }));
    const text = pick(`ip-link-${s}.txt`);
    expect(text.length).toBeGreaterThan(1);
    expect(text).toEqual(pick(`ip-link-${s}.json`));
  });

  it("strips the @peer suffix, and drops @NONE", () => {
    expect(stripPeer("eth0@if5")).toEqual({ name: "eth0", link: "if5" });
    expect(stripPeer("flannel.1@NONE")).toEqual({ name: "flannel.1" });
    expect(stripPeer("cni0")).toEqual({ name: "cni0" });
  });

  it("rejects text that is not ip link output", () => {
    expect(() => parseIpLink(readTestdata("ip-route-flannel.txt"))).toThrow(/not `ip link` output/);
    expect(() => parseIpLink(readTestdata("ip-route-flannel.json"))).toThrow(
      /not `ip -j link` output/,
    );
  });
});
