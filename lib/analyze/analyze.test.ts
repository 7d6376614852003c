import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readTestdata } from "../testdata/read-testdata";
import { analyze, UnreadableInputError } from "./analyze";

const input = (file: string) => ({ name: file, text: readTestdata(file) });

describe("analyze on real captures", () => {
  it("finds flannel over vxlan, eth0 as underlay via flannel.1's dev, and an ok verdict", () => {
    const a = analyze([input("ip-link-flannel.txt"), input("ip-route-flannel.txt")]);
    expect(a).toMatchObject({
      cni: "flannel",
      encapsulation: "vxlan",
      configuredMtu: null,
      kubeProxyMode: null,
    });
    expect(a.devices).toEqual([
      { name: "lo", kind: "loopback", mtu: 65536 },
      { name: "eth0", kind: "veth", mtu: 1500 },
      { name: "flannel.1", kind: "vxlan", mtu: 1450 },
      { name: "cni0", kind: "bridge", mtu: 1450 },
      { name: "veth3f1c2a9b", kind: "veth", mtu: 1450 },
    ]);
    expect(a.underlay).toMatchObject({ name: "eth0", mtu: 1500 });
    expect(a.overlay).toMatchObject({ name: "flannel.1", mtu: 1450 });
    expect(a.verdict).toMatchObject({ status: "ok", maxOverlayMtu: 1450 });
  });

  it("reports the mismatch capture (flannel.1 1500 over eth0 1500) as an error with the numbers", () => {
    const a = analyze([input("ip-link-mismatch.json")]);
    expect(a.verdict.status).toBe("mismatch");
    expect(a.findings[0]).toMatchObject({ severity: "error", code: "mtu_mismatch" });
    expect(a.findings[0]!.message).toContain("1500 + VXLAN overhead 50 = 1550 > eth0 MTU 1500");
  });

  it("reports the jumbo capture (eth0 9000, flannel.1 1450) as suboptimal", () => {
    const a = analyze([input("ip-link-jumbo.txt")]);
    expect(a.verdict).toMatchObject({
      status: "suboptimal",
      underlayMtu: 9000,
      maxOverlayMtu: 8950,
    });
  });

  it("finds calico from vxlan.calico", () => {
    expect(analyze([input("ip-link-calico.json")])).toMatchObject({
      cni: "calico",
      encapsulation: "vxlan",
      overlay: { name: "vxlan.calico" },
    });
  });

  it("does not judge cilium_vxlan's device MTU (collect-metadata device)", () => {
    const a = analyze([input("ip-link-cilium.txt")]);
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "vxlan" });
    expect(a.verdict.status).toBe("unknown");
    expect(a.findings.map((f) => f.code)).toContain("collect_metadata_tunnel");
  });

  it("takes the linkinfo-less host eth0 as underlay, but cannot judge without an encapsulation", () => {
    const a = analyze([input("ip-link-host.json")]);
    expect(a).toMatchObject({
      cni: "unknown",
      encapsulation: "unknown",
      underlay: { name: "eth0", mtu: 1400 },
      overlay: null,
    });
    expect(a.verdict.status).toBe("unknown");
  });

  it("throws a sentence naming the file for empty, binary and unrecognised input", () => {
    expect(() => analyze([{ name: "empty.txt", text: "  \n" }])).toThrow("empty.txt is empty");
    const binary = fs.readFileSync(process.execPath).subarray(0, 4096).toString("utf8");
    expect(() => analyze([{ name: "node-binary", text: binary }])).toThrow(
      /node-binary looks like a binary file/,
    );
    expect(() => analyze([input("capture.sh")])).toThrow(UnreadableInputError);
    expect(() => analyze([input("capture.sh")])).toThrow(
      /capture\.sh is not in a recognised format/,
    );
  });
});
