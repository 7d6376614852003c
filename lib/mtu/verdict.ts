/**
 * The MTU verdict for one node: does the overlay (tunnel device, or pod interfaces when there is
 * no tunnel) fit in the underlay once the encapsulation is added?
 */
import type { Encapsulation } from "../parsers/cni-types";
import { encapsulationOverhead, type IpFamily } from "./overhead";

export type Severity = "error" | "warning" | "info";
export type Finding = { severity: Severity; code: string; message: string };
export type VerdictStatus = "ok" | "mismatch" | "suboptimal" | "unknown";

export type NamedMtu = { name: string; mtu: number };

export type VerdictInput = {
  underlay: NamedMtu | null;
  /** The tunnel device; when absent (or encapsulation "none") the pod MTU stands in for it. */
  overlay: NamedMtu | null;
  encapsulation: Encapsulation;
  /** The MTU pods get, when stated (calico veth_mtu, FLANNEL_MTU, conflist mtu…). */
  pod?: NamedMtu | null;
  family?: IpFamily;
  geneveOptions?: number;
};

export type Verdict = {
  status: VerdictStatus;
  reason: string;
  underlayMtu: number | null;
  overlayMtu: number | null;
  overhead: number | null;
  maxOverlayMtu: number | null;
  findings: Finding[];
};

/** Headroom above which a fitting overlay is reported as leaving performance unused. */
export const SUBOPTIMAL_HEADROOM = 1000;

const ENCAP_NAMES: Record<Encapsulation, string> = {
  vxlan: "VXLAN",
  geneve: "Geneve",
  ipip: "IP-in-IP",
  wireguard: "WireGuard",
  none: "no encapsulation",
  unknown: "unknown encapsulation",
};

function unknown(reason: string, partial: Partial<Verdict> = {}): Verdict {
  return {
    status: "unknown",
    reason,
    underlayMtu: null,
    overlayMtu: null,
    overhead: null,
    maxOverlayMtu: null,
    ...partial,
    findings: [{ severity: "warning", code: "mtu_unknown", message: reason }],
  };
}

export function mtuVerdict(input: VerdictInput): Verdict {
  const { underlay, encapsulation, family = "ipv4" } = input;
  const pod = input.pod ?? null;
  // Without a usable tunnel device (or with no tunnel at all), the stated pod MTU is what must fit.
  const overlay = input.overlay ?? pod;
  const overhead = encapsulationOverhead(encapsulation, family, input.geneveOptions ?? 0);
  if (overhead === null) {
    return unknown(
      encapsulation === "unknown"
        ? "The encapsulation is unknown (no tunnel device and no config stating it), so the overhead cannot be computed."
        : `The ${ENCAP_NAMES[encapsulation]} overhead over ${family} is not known to this analyzer.`,
      { underlayMtu: underlay?.mtu ?? null, overlayMtu: overlay?.mtu ?? null },
    );
  }
  if (!underlay)
    return unknown(
      "The underlay MTU is unknown: no `ip -d link` output with a physical or default-route device.",
      { overhead, overlayMtu: overlay?.mtu ?? null },
    );
  const maxOverlayMtu = underlay.mtu - overhead;
  const base = { underlayMtu: underlay.mtu, overhead, maxOverlayMtu };
  const enc = `${ENCAP_NAMES[encapsulation]}${overhead ? ` overhead ${overhead}` : ""}`;
  if (!overlay) {
    return unknown(
      `The overlay MTU is unknown: no tunnel device MTU and no stated pod MTU (it may be at most ${maxOverlayMtu} = ${underlay.name} ${underlay.mtu} − ${overhead}).`,
      base,
    );
  }
  const findings: Finding[] = [];
  if (pod && pod !== overlay && pod.mtu > overlay.mtu) {
    findings.push({
      severity: "error",
      code: "pod_mtu_exceeds_overlay",
      message: `${pod.name} ${pod.mtu} is larger than ${overlay.name} MTU ${overlay.mtu}: pods send packets the tunnel cannot carry; set it to ${overlay.mtu} or less.`,
    });
  }
  let status: VerdictStatus;
  let reason: string;
  if (overlay.mtu > maxOverlayMtu) {
    status = "mismatch";
    reason = `${overlay.name} MTU ${overlay.mtu} + ${enc} = ${overlay.mtu + overhead} > ${underlay.name} MTU ${underlay.mtu}; set ${overlay.name} to ${maxOverlayMtu} or less (or raise ${underlay.name} to ${overlay.mtu + overhead}).`;
    findings.unshift({ severity: "error", code: "mtu_mismatch", message: reason });
  } else if (maxOverlayMtu - overlay.mtu > SUBOPTIMAL_HEADROOM) {
    status = "suboptimal";
    reason = `${overlay.name} MTU ${overlay.mtu} fits, but ${underlay.name} MTU ${underlay.mtu} allows ${maxOverlayMtu} (${underlay.mtu} − ${overhead}): ${maxOverlayMtu - overlay.mtu} bytes per packet unused.`;
    findings.unshift({ severity: "warning", code: "mtu_suboptimal", message: reason });
  } else {
    status = findings.some((f) => f.severity === "error") ? "mismatch" : "ok";
    reason = `${overlay.name} MTU ${overlay.mtu} + ${enc} = ${overlay.mtu + overhead} ≤ ${underlay.name} MTU ${underlay.mtu} (largest that fits: ${maxOverlayMtu}).`;
    findings.unshift({ severity: "info", code: "mtu_ok", message: reason });
    if (status === "mismatch") reason = findings.find((f) => f.severity === "error")!.message;
  }
  return { status, reason, ...base, overlayMtu: overlay.mtu, findings };
}
