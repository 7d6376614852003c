import { describe, expect, it } from "vitest";
import {
  encapsulationOverhead,
  geneveOverhead,
  GENEVE_OVN_OPTIONS,
  ipipOverhead,
  ipsecEspOverhead,
  vxlanOverhead,
  wireguardOverhead,
} from "./overhead";

describe("encapsulation overheads", () => {
  it("VXLAN is 50 over IPv4 and 70 over IPv6 (RFC 7348; kernel VXLAN_HEADROOM / VXLAN6_HEADROOM)", () => {
    expect(vxlanOverhead("ipv4")).toBe(50);
    expect(vxlanOverhead("ipv6")).toBe(70);
  });
  it("Geneve is 50 + options; OVN-Kubernetes' 8 bytes of options give its 58", () => {
    expect(geneveOverhead("ipv4")).toBe(50);
    expect(geneveOverhead("ipv4", GENEVE_OVN_OPTIONS)).toBe(58);
    expect(geneveOverhead("ipv6", GENEVE_OVN_OPTIONS)).toBe(78);
  });
  it("IP-in-IP is 20 and WireGuard 60 / 80", () => {
    expect(ipipOverhead()).toBe(20);
    expect(wireguardOverhead("ipv4")).toBe(60);
    expect(wireguardOverhead("ipv6")).toBe(80);
  });
  it("IPsec ESP with AES-GCM: 37 transport, 57 tunnel over IPv4, 77 over IPv6, +8 with NAT-T", () => {
    expect(ipsecEspOverhead("transport")).toBe(37);
    expect(ipsecEspOverhead("tunnel", "ipv4")).toBe(57);
    expect(ipsecEspOverhead("tunnel", "ipv6")).toBe(77);
    expect(ipsecEspOverhead("tunnel", "ipv4", true)).toBe(65);
  });
  it("maps encapsulations, with no figure for unknown", () => {
    expect(encapsulationOverhead("none")).toBe(0);
    expect(encapsulationOverhead("vxlan", "ipv6")).toBe(70);
    expect(encapsulationOverhead("unknown")).toBeNull();
  });
});
