import { describe, expect, it } from "vitest";
import { mtuVerdict } from "./verdict";

const eth0 = (mtu: number) => ({ name: "eth0", mtu });
const flannel = (mtu: number) => ({ name: "flannel.1", mtu });

describe("mtuVerdict", () => {
  it("is ok at exactly underlay − overhead, with the arithmetic in the message", () => {
    const v = mtuVerdict({ underlay: eth0(1500), overlay: flannel(1450), encapsulation: "vxlan" });
    expect(v).toMatchObject({
      status: "ok",
      maxOverlayMtu: 1450,
      overhead: 50,
      underlayMtu: 1500,
      overlayMtu: 1450,
    });
    expect(v.findings).toEqual([
      {
        severity: "info",
        code: "mtu_ok",
        message: expect.stringContaining(
          "flannel.1 MTU 1450 + VXLAN overhead 50 = 1500 ≤ eth0 MTU 1500",
        ),
      },
    ]);
  });

  it("is a mismatch one byte over, naming the fix", () => {
    const v = mtuVerdict({ underlay: eth0(1500), overlay: flannel(1451), encapsulation: "vxlan" });
    expect(v.status).toBe("mismatch");
    expect(v.findings[0]).toMatchObject({ severity: "error", code: "mtu_mismatch" });
    expect(v.findings[0]!.message).toContain(
      "flannel.1 MTU 1451 + VXLAN overhead 50 = 1501 > eth0 MTU 1500; set flannel.1 to 1450 or less",
    );
  });

  it("uses the IPv6 overhead when told the underlay is IPv6", () => {
    expect(
      mtuVerdict({
        underlay: eth0(1500),
        overlay: flannel(1450),
        encapsulation: "vxlan",
        family: "ipv6",
      }).status,
    ).toBe("mismatch");
    expect(
      mtuVerdict({
        underlay: eth0(1500),
        overlay: flannel(1430),
        encapsulation: "vxlan",
        family: "ipv6",
      }).maxOverlayMtu,
    ).toBe(1430);
  });

  it("is suboptimal when a jumbo underlay leaves more than 1000 bytes unused", () => {
    const v = mtuVerdict({ underlay: eth0(9000), overlay: flannel(1450), encapsulation: "vxlan" });
    expect(v).toMatchObject({ status: "suboptimal", maxOverlayMtu: 8950 });
    expect(v.findings[0]!.message).toContain(
      "eth0 MTU 9000 allows 8950 (9000 − 50): 7500 bytes per packet unused",
    );
    expect(
      mtuVerdict({ underlay: eth0(9000), overlay: flannel(7950), encapsulation: "vxlan" }).status,
    ).toBe("ok");
    expect(
      mtuVerdict({ underlay: eth0(9000), overlay: flannel(7949), encapsulation: "vxlan" }).status,
    ).toBe("suboptimal");
  });

  it("checks WireGuard and IP-in-IP with their own overheads", () => {
    expect(
      mtuVerdict({
        underlay: eth0(1500),
        overlay: { name: "wireguard.cali", mtu: 1440 },
        encapsulation: "wireguard",
      }).status,
    ).toBe("ok");
    expect(
      mtuVerdict({
        underlay: eth0(1500),
        overlay: { name: "wireguard.cali", mtu: 1450 },
        encapsulation: "wireguard",
      }).status,
    ).toBe("mismatch");
    expect(
      mtuVerdict({
        underlay: eth0(1500),
        overlay: { name: "tunl0", mtu: 1480 },
        encapsulation: "ipip",
      }).maxOverlayMtu,
    ).toBe(1480);
  });

  it("flags a pod MTU above the tunnel device MTU even when the tunnel fits", () => {
    const v = mtuVerdict({
      underlay: eth0(1500),
      overlay: { name: "vxlan.calico", mtu: 1450 },
      encapsulation: "vxlan",
      pod: { name: "veth_mtu", mtu: 1500 },
    });
    expect(v.status).toBe("mismatch");
    expect(v.findings.map((f) => f.code)).toEqual(["mtu_ok", "pod_mtu_exceeds_overlay"]);
    expect(v.reason).toContain("veth_mtu 1500 is larger than vxlan.calico MTU 1450");
  });

  it("checks the pod MTU against the underlay when there is no tunnel", () => {
    expect(
      mtuVerdict({
        underlay: eth0(9001),
        overlay: null,
        encapsulation: "none",
        pod: { name: "AWS_VPC_ENI_MTU", mtu: 9001 },
      }).status,
    ).toBe("ok");
    const v = mtuVerdict({
      underlay: eth0(1400),
      overlay: null,
      encapsulation: "none",
      pod: { name: "defaultMTU", mtu: 1500 },
    });
    expect(v).toMatchObject({ status: "mismatch", maxOverlayMtu: 1400 });
  });

  it("is unknown, saying why, when the encapsulation, underlay or overlay is missing", () => {
    const enc = mtuVerdict({
      underlay: eth0(1500),
      overlay: flannel(1450),
      encapsulation: "unknown",
    });
    expect(enc).toMatchObject({ status: "unknown", maxOverlayMtu: null });
    expect(enc.reason).toMatch(/encapsulation is unknown/);
    expect(
      mtuVerdict({ underlay: null, overlay: flannel(1450), encapsulation: "vxlan" }).reason,
    ).toMatch(/underlay MTU is unknown/);
    const over = mtuVerdict({ underlay: eth0(1500), overlay: null, encapsulation: "vxlan" });
    expect(over).toMatchObject({ status: "unknown", maxOverlayMtu: 1450 });
    expect(over.findings[0]).toMatchObject({ severity: "warning", code: "mtu_unknown" });
  });
});
