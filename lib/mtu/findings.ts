/**
 * From what was read and measured to what the MTU report says: each node's verdict against the
 * path its packets actually cross, and the report's findings with their fixes. Pure: the server
 * gathers, this decides.
 *
 * The rule that matters most: a NIC's MTU is a claim, a measured path is a fact. A node whose
 * overlay plus the encapsulation exceeds the largest packet measured across a path it sends on is a
 * `mismatch`, whatever its NIC says (the black hole: NICs at 9000, the fabric at 1500). No fix
 * raises an MTU above what every measured path carries, and where nothing was measured a larger
 * value is called unproven, not recommended.
 */
import type { Cni } from "@/lib/parsers/cni-types";
import type { MtuReport, NodeMtu, PathMtu, ReportFinding } from "@/lib/schemas/mtu";
import type { CniDeployment } from "./deployment";
import { mtuFix } from "./fix";
import { SUBOPTIMAL_HEADROOM } from "./verdict";

/** The smallest underlay path MTU measured from or to `node`, with the pair it was seen on. */
export function narrowestPath(node: string, paths: PathMtu[]): PathMtu | null {
  let best: PathMtu | null = null;
  for (const p of paths) {
    if (p.over !== "underlay" || p.pathMtu === null || (p.from !== node && p.to !== node)) continue;
    if (!best || p.pathMtu < best.pathMtu!) best = p;
  }
  return best;
}

const how = (p: PathMtu) =>
  p.above === "silent"
    ? `ICMP "fragmentation needed" never came back, so the drop is silent`
    : p.above === "icmp"
      ? "a router said so with ICMP"
      : p.above === "local"
        ? "the kernel knows it (a cached PMTU)"
        : "nothing smaller is on the path";

/**
 * Each node's verdict, judged against the narrowest underlay path measured from or to it: a path
 * narrower than the NIC caps what the overlay may be. Nodes with no measured path keep the verdict
 * of their configuration, and a `suboptimal` one says the larger value is unproven.
 */
export function judgeNodes(nodes: NodeMtu[], paths: PathMtu[]): NodeMtu[] {
  return nodes.map((n) => {
    if (n.error || !n.underlay || !n.overlay || n.overhead === null) return n;
    const path = narrowestPath(n.node, paths);
    const carried = path ? Math.min(path.pathMtu!, n.underlay.mtu) : null;
    const measured = { ...n, pathMtu: carried };
    if (carried === null) {
      if (n.verdict !== "suboptimal") return measured;
      return {
        ...measured,
        reason: `${n.reason} No path between nodes was measured, so whether the path carries more than ${n.overlay.mtu + n.overhead} bytes is unproven.`,
      };
    }
    if (carried >= n.underlay.mtu) return measured; // the path carries all the NIC does
    const max = carried - n.overhead;
    const pair = `${path!.from}→${path!.to}`;
    const total = n.overlay.mtu + n.overhead;
    if (total > carried)
      return {
        ...measured,
        verdict: "mismatch",
        maxOverlayMtu: max,
        reason: `${n.overlay.device} MTU ${n.overlay.mtu} + ${n.overhead} bytes of ${n.encapsulation} headers = ${total} > ${carried}, the largest packet measured across ${pair} (${n.underlay.device} says ${n.underlay.mtu}, but the path carries ${carried}; ${how(path!)}); set ${n.overlay.device} to ${max} or less.`,
      };
    const headroom = max - n.overlay.mtu;
    return {
      ...measured,
      verdict: headroom > SUBOPTIMAL_HEADROOM ? "suboptimal" : "ok",
      maxOverlayMtu: max,
      reason: `${n.overlay.device} MTU ${n.overlay.mtu} + ${n.overhead} = ${total} ≤ ${carried}, the largest packet measured across ${pair} (${n.underlay.device} says ${n.underlay.mtu}; the path carries less).`,
    };
  });
}

/** The largest overlay MTU every node's measured path carries: what a cluster-wide fix may set. */
function clusterMax(nodes: NodeMtu[]): { overlay: number; underlay: number } | null {
  const fit = nodes.filter((n) => n.maxOverlayMtu !== null && n.overhead !== null);
  if (!fit.length) return null;
  const n = fit.reduce((a, b) => (b.maxOverlayMtu! < a.maxOverlayMtu! ? b : a));
  return { overlay: n.maxOverlayMtu!, underlay: n.maxOverlayMtu! + n.overhead! };
}

type Ctx = {
  cni: Cni;
  mtuSource: string | null;
  nodes: NodeMtu[];
  paths: PathMtu[];
  at?: CniDeployment;
};

function fixFor(c: Ctx, overhead: number) {
  const max = clusterMax(c.nodes)!;
  // The CNI's own default (the NIC's MTU) is a safe alternative only where every path carries it.
  const nicsProven = c.nodes.every(
    (n) =>
      !n.underlay || (n.pathMtu !== null && n.pathMtu !== undefined && n.pathMtu >= n.underlay.mtu),
  );
  return mtuFix(c.cni, {
    underlayMtu: max.underlay,
    overlayMtu: max.overlay,
    overhead,
    mtuSource: c.mtuSource,
    autoDetectSafe: nicsProven,
    at: c.at,
  });
}

function mismatchFinding(c: Ctx): ReportFinding | null {
  const bad = c.nodes.filter((n) => n.verdict === "mismatch");
  if (!bad.length) return null;
  const n = bad[0]!;
  const nodes = bad.map((x) => x.node);
  const total = (n.overlay?.mtu ?? 0) + (n.overhead ?? 0);
  const byPath =
    n.pathMtu !== null && n.pathMtu !== undefined && n.pathMtu < (n.underlay?.mtu ?? 0);
  const limit = byPath
    ? `${n.pathMtu}, the largest packet measured between nodes (${n.underlay?.device} says ${n.underlay?.mtu}; the path does not carry it)`
    : `${n.underlay?.device} MTU ${n.underlay?.mtu}`;
  return {
    severity: "error",
    code: "mtu_mismatch",
    nodes,
    message: `${n.overlay?.device} MTU ${n.overlay?.mtu} + ${n.overhead} bytes of ${n.encapsulation} headers = ${total} > ${limit} on ${bad.length} node(s): packets over ${n.maxOverlayMtu} bytes with DF set are dropped.`,
    ...(n.overhead !== null && clusterMax(c.nodes) ? { fix: fixFor(c, n.overhead) } : {}),
  };
}

function suboptimalFinding(c: Ctx): ReportFinding | null {
  const wasted = c.nodes.filter((n) => n.verdict === "suboptimal");
  if (!wasted.length) return null;
  const n = wasted[0]!;
  const nodes = wasted.map((x) => x.node);
  const unmeasured = wasted.filter((x) => x.pathMtu === null || x.pathMtu === undefined);
  if (unmeasured.length)
    return {
      severity: "info",
      code: "mtu_larger_unproven",
      nodes,
      message: `${n.underlay?.device} says ${n.underlay?.mtu} bytes and ${n.overlay?.device} is at ${n.overlay?.mtu}: up to ${n.maxOverlayMtu} would fit if the path between nodes carried ${n.underlay?.mtu}, but no path was measured on ${unmeasured.map((x) => x.node).join(", ")}, so the larger value is unproven. Keep ${n.overlay?.mtu} until a diagnosis with at least two nodes measures the path.`,
    };
  const max = clusterMax(c.nodes)!;
  return {
    severity: "warning",
    code: "mtu_suboptimal",
    nodes,
    message: `Every measured path carries ${max.underlay} bytes but ${n.overlay?.device} is left at ${n.overlay?.mtu}: up to ${max.overlay} would fit, so every full packet wastes ${max.overlay - (n.overlay?.mtu ?? 0)} bytes.`,
    ...(n.overhead !== null ? { fix: fixFor(c, n.overhead) } : {}),
  };
}

function differFindings(nodes: NodeMtu[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  // Values a node could not tell (no pods yet, so no pod MTU) do not count as a difference.
  const distinct = (f: (n: NodeMtu) => unknown) =>
    new Set(
      nodes
        .filter((n) => !n.error)
        .map(f)
        .filter((v) => v !== null && v !== undefined)
        .map((v) => JSON.stringify(v)),
    ).size > 1;
  const mtus = [
    (n: NodeMtu) => n.underlay?.mtu,
    (n: NodeMtu) => n.overlay?.mtu,
    (n: NodeMtu) => n.podMtu,
  ];
  if (mtus.some(distinct))
    out.push({
      severity: "warning",
      code: "nodes_differ_mtu",
      message:
        "Nodes differ in their underlay, overlay or pod MTU: " +
        nodes
          .map(
            (n) =>
              `${n.node} ${n.underlay?.mtu ?? "?"}/${n.overlay?.mtu ?? "?"}/${n.podMtu ?? "?"}`,
          )
          .join(", "),
    });
  if (distinct((n) => n.conflists))
    out.push({
      severity: "warning",
      code: "nodes_differ_conflist",
      message:
        "Nodes have different files in /etc/cni/net.d: " +
        nodes.map((n) => `${n.node}: ${n.conflists.join(" ") || "none"}`).join("; "),
    });
  return out;
}

function pathFindings(c: Ctx, mismatched: boolean): ReportFinding[] {
  const out: ReportFinding[] = [];
  const silent = c.paths.filter((p) => p.above === "silent" && p.pathMtu !== null);
  for (const over of ["overlay", "underlay"] as const) {
    const s = silent.filter((p) => p.over === over);
    if (s.length)
      out.push({
        severity: "error",
        code: "silent_drop",
        message: `Silent drop over the ${over}: DF packets larger than ${Math.min(...s.map((p) => p.pathMtu!))} bytes vanish with no ICMP "fragmentation needed" between ${s.map((p) => `${p.from}→${p.to}`).join(", ")}. Something on the path drops the ICMP, so PMTU discovery cannot work: lower the overlay MTU to fit the path, or let ICMP type 3 code 4 through.`,
      });
  }
  const said = c.paths.filter(
    (p) => p.over === "overlay" && (p.above === "local" || p.above === "icmp"),
  );
  if (said.length && !mismatched)
    out.push({
      severity: "warning",
      code: "path_smaller_than_overlay",
      message: `Over the overlay only ${Math.min(...said.map((p) => p.pathMtu ?? 0))} bytes get through, less than the overlay device's MTU; the kernel reports it (${said[0]!.above === "icmp" ? "ICMP from a router" : "local PMTU"}).`,
    });
  return out;
}

/** The report's findings, most severe first within each kind: mismatch, waste, unread nodes, differences, paths. */
export function mtuFindings(
  r: Pick<MtuReport, "cni" | "mtuSource" | "nodes" | "paths">,
  at?: CniDeployment,
): ReportFinding[] {
  const c: Ctx = { cni: r.cni, mtuSource: r.mtuSource, nodes: r.nodes, paths: r.paths, at };
  const mismatch = mismatchFinding(c);
  const unread: ReportFinding[] = r.nodes
    .filter((x) => x.error)
    .map((n) => ({
      severity: "warning",
      code: "node_unreadable",
      nodes: [n.node],
      message: `${n.node}: ${n.error}`,
    }));
  return [
    ...(mismatch ? [mismatch] : []),
    ...[suboptimalFinding(c)].filter((f): f is ReportFinding => !!f),
    ...unread,
    ...differFindings(r.nodes),
    ...pathFindings(c, !!mismatch),
  ];
}

/** What an MTU report with no finding can truly say: how many nodes fit, and whether paths were measured. */
export function mtuAllClear(r: Pick<MtuReport, "nodes" | "paths">): string {
  const measured = r.paths.filter((p) => p.pathMtu !== null).length;
  return `No MTU problem found on ${r.nodes.length} node(s): every overlay fits its underlay${
    measured
      ? `, and the ${measured} measured paths carry it.`
      : "; no path between nodes was measured, so the paths themselves are unchecked."
  }`;
}

/** Nodes per verdict, worst first, in words: "3 mismatch", "1 mismatch, 2 ok". */
export function verdictCounts(nodes: Pick<NodeMtu, "verdict">[]): string {
  const order = ["mismatch", "unknown", "suboptimal", "ok"] as const;
  return order
    .map((v) => [v, nodes.filter((n) => n.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(", ");
}
