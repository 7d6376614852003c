import { parsePing } from "@/lib/parsers/ping";

/** IPv4 (20) + ICMP (8) header bytes a ping adds to its payload (RFC 792, RFC 791). */
export const ICMP_IPV4_OVERHEAD = 28;

export type ProbeOutcome =
  | { ok: true }
  /** Something said the packet was too big: the local kernel (EMSGSIZE) or a router's ICMP. */
  | { ok: false; said: "local" | "icmp"; mtu: number | null }
  /** The probe vanished and nothing said why. */
  | { ok: false; said: "nothing" };

/** Reads one DF probe (`ping -M do -c 2 …`) from its output: one reply is enough to pass. */
export function probeOutcome(stdout: string, stderr: string): ProbeOutcome {
  const p = parsePing(stdout, stderr);
  if (p.received > 0) return { ok: true };
  const tooBig = p.errors.find((e) => e.kind === "message-too-long" || e.kind === "frag-needed");
  if (tooBig)
    return { ok: false, said: tooBig.kind === "frag-needed" ? "icmp" : "local", mtu: p.pathMtu };
  if (p.errors.length) return { ok: false, said: "icmp", mtu: null };
  return { ok: false, said: "nothing" };
}

export type PathMtuResult = {
  /** Largest packet (IP bytes) that got through, or null when even the smallest probe failed. */
  pathMtu: number | null;
  /** What happened to the first size that did not get through. */
  above: "fits" | "local" | "icmp" | "silent";
  probes: number;
};

/**
 * Binary search for the largest DF packet that crosses a path, between `min` and `max` IP bytes:
 * at most 2 + ⌈log2(max − min)⌉ probes (15 for 1200…9000). A size something *said* is too big is
 * tried first and remembered, so "ICMP said too big" and "probe lost, no error" (a black hole)
 * stay apart.
 */
export async function searchPathMtu(
  probe: (payload: number) => Promise<ProbeOutcome>,
  max: number,
  min = 1200,
): Promise<PathMtuResult> {
  let probes = 0;
  let passed = false;
  const at = async (mtu: number) => {
    probes++;
    const r = await probe(mtu - ICMP_IPV4_OVERHEAD);
    passed ||= r.ok;
    return r;
  };
  let top = await at(max);
  // The first big packet over a path is lost while the router's "fragmentation needed" is on its
  // way back; the kernel knows the path MTU by the next one (seen on the lab's pmtu-icmp
  // scenario). A silent first loss is asked again once before it counts as silence.
  if (!top.ok && top.said === "nothing") top = await at(max);
  if (top.ok) return { pathMtu: max, above: "fits", probes };
  let above: PathMtuResult["above"] = top.said === "nothing" ? "silent" : top.said;
  let lo = min; // assumed to pass until a probe proves otherwise
  let hi = max; // never passes
  if (top.said !== "nothing" && top.mtu && top.mtu > lo && top.mtu < hi) {
    if ((await at(top.mtu)).ok) {
      lo = top.mtu;
      // One more byte tells whether the size it named is the boundary (it nearly always is).
      const next = await at(top.mtu + 1);
      if (next.ok) lo = top.mtu + 1;
      else {
        hi = top.mtu + 1;
        if (next.said === "nothing") above = "silent";
      }
    } else hi = top.mtu;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = await at(mid);
    if (r.ok) lo = mid;
    else {
      hi = mid;
      if (r.said === "nothing") above = "silent";
    }
  }
  if (!passed && !(await at(min)).ok) return { pathMtu: null, above, probes };
  return { pathMtu: lo, above, probes };
}
