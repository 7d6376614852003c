import "server-only";
import { setMaxListeners } from "node:events";
import { analyze, type AnalyzeInput } from "@/lib/analyze/analyze";
import { ApiError } from "@/lib/api-error";
import { cniDeployment } from "@/lib/mtu/deployment";
import { judgeNodes, mtuFindings } from "@/lib/mtu/findings";
import { probeOutcome, searchPathMtu } from "@/lib/mtu/pmtu";
import { parseIpLink } from "@/lib/parsers/ip-link";
import type { MtuReport, NodeMtu, PathMtu } from "@/lib/schemas/mtu";
import {
  deleteFleet,
  FLEET_CONCURRENCY,
  launchFleet,
  runIn,
  type FleetPod,
} from "@/server/debug/fleet";
import type { Progress } from "@/server/jobs/jobs";
import { cniSources } from "./cni-sources";
import { nodeSummaries } from "./cluster";
import { mapLimit, samplePairs } from "./parallel";

/** Above this many nodes the path-MTU mesh measures a sample of pairs, not all N(N−1). */
export const PAIR_SAMPLE_THRESHOLD = 12;
const CONFLIST = /^[\w.-]+\.(conflist|conf|json)$/;

type NodeRead = FleetPod & {
  inputs: AnalyzeInput[];
  conflists: string[];
  overlayIp: string | null;
  podMtu: number | null;
};

/** Reads one node's links, routes, addresses and CNI files from its host-network debug pod. */
async function readNode(f: FleetPod): Promise<NodeRead> {
  const read: NodeRead = { ...f, inputs: [], conflists: [], overlayIp: null, podMtu: null };
  if (!read.pod) return read;
  const node = f.node;
  try {
    const [link, route, addr, ls, subnet] = await Promise.all([
      runIn(read.pod, ["ip", "-j", "-d", "link"]),
      runIn(read.pod, ["ip", "-j", "route"]),
      runIn(read.pod, ["ip", "-j", "addr"]),
      runIn(read.pod, ["ls", "/etc/cni/net.d"]),
      runIn(read.pod, ["cat", "/run/flannel/subnet.env"]),
    ]);
    read.inputs.push(
      { name: `${node}: ip -j -d link`, text: link.out },
      { name: `${node}: ip -j route`, text: route.out },
    );
    if (subnet.code === 0)
      read.inputs.push({ name: `${node}: /run/flannel/subnet.env`, text: subnet.out });
    read.conflists = ls.out
      .split("\n")
      .map((l) => l.trim())
      .filter((f) => CONFLIST.test(f));
    for (const f of read.conflists) {
      const c = await runIn(read.pod, ["cat", `/etc/cni/net.d/${f}`]);
      if (c.code === 0) read.inputs.push({ name: `${node}: /etc/cni/net.d/${f}`, text: c.out });
    }
    const devices = parseIpLink(link.out).devices;
    // Pods' veths on the node carry the pods' eth0 MTU (a veth pair is created with one MTU).
    const podVeth = devices.find(
      (d) => d.kind === "veth" && (d.master === "cni0" || /^(cali|lxc|veth|azv|eni)/.test(d.name)),
    );
    read.podMtu = podVeth?.mtu ?? null;
    const addrs = JSON.parse(addr.out || "[]") as {
      ifname: string;
      addr_info: { family: string; local: string }[];
    }[];
    const tunnel = devices.find(
      (d) =>
        d.kind === "vxlan" || d.kind === "geneve" || d.kind === "ipip" || d.kind === "wireguard",
    );
    read.overlayIp =
      addrs.find((a) => a.ifname === tunnel?.name)?.addr_info.find((i) => i.family === "inet")
        ?.local ?? null;
  } catch (e) {
    read.error =
      e instanceof ApiError ? e.message : `could not read the node: ${(e as Error).message}`;
  }
  return read;
}

async function measure(
  from: NodeRead,
  to: NodeRead,
  over: "overlay" | "underlay",
  max: number,
  signal: AbortSignal,
): Promise<PathMtu | null> {
  const target = over === "overlay" ? to.overlayIp : to.ip;
  if (!from.pod || !target) return null;
  const r = await searchPathMtu(async (payload) => {
    signal.throwIfAborted();
    const p = await runIn(
      from.pod!,
      [
        "ping",
        "-n",
        "-c",
        "2",
        "-i",
        "0.2",
        "-W",
        "1",
        "-M",
        "do",
        "-s",
        String(payload),
        "--",
        target,
      ],
      10_000,
      signal,
    );
    return probeOutcome(p.out, p.err);
  }, max);
  return { from: from.node, to: to.node, over, target, ...r };
}

/** The whole MTU diagnosis: configuration, per-node facts and verdicts, measured path MTUs, fixes. */
export async function diagnoseMtu(
  context: string | undefined,
  report: Progress,
  signal: AbortSignal,
): Promise<MtuReport> {
  setMaxListeners(0, signal); // one listener per exec in flight
  const progress: Progress = (f, m) => report(Math.round(f * 1000) / 1000, m);
  progress(0.02, "reading the CNI and kube-proxy configuration");
  const { inputs: config, skipped } = await cniSources(context);
  const cluster = analyze(config);
  const nodes = (await nodeSummaries(context)).filter((n) => n.ready);
  progress(0.1, `starting a debug pod on each of ${nodes.length} nodes`);
  const fleet = await launchFleet(nodes, "node", {
    context,
    signal,
    creator: "mtu-diagnosis",
    onEach: (d) =>
      progress(0.1 + (0.3 * d) / nodes.length, `${d} of ${nodes.length} debug pods running`),
  });
  try {
    progress(0.4, "reading links, routes and CNI files");
    const reads = await mapLimit(fleet, FLEET_CONCURRENCY, readNode);
    const perNode: NodeMtu[] = reads.map((r) => {
      if (r.error)
        return {
          node: r.node,
          underlay: null,
          overlay: null,
          podMtu: null,
          encapsulation: cluster.encapsulation,
          overhead: null,
          maxOverlayMtu: null,
          verdict: "unknown",
          reason: r.error,
          conflists: [],
          error: r.error,
        };
      const a = analyze([...config, ...r.inputs]);
      return {
        node: r.node,
        underlay: a.underlay ? { device: a.underlay.name, mtu: a.underlay.mtu } : null,
        overlay: a.overlay
          ? { device: a.overlay.name, kind: a.overlay.kind, mtu: a.overlay.mtu }
          : null,
        podMtu: r.podMtu,
        encapsulation: a.encapsulation,
        overhead: a.verdict.overhead,
        maxOverlayMtu: a.verdict.maxOverlayMtu,
        verdict: a.verdict.status,
        reason: a.verdict.reason,
        conflists: r.conflists,
        error: null,
      };
    });
    const ok = reads.filter((r) => r.pod);
    const { pairs, total, sampled } = samplePairs(ok, PAIR_SAMPLE_THRESHOLD);
    let done = 0;
    progress(0.5, `measuring the path MTU of ${pairs.length} node pairs`);
    const paths = (
      await mapLimit(pairs, FLEET_CONCURRENCY, async ([a, b]) => {
        signal.throwIfAborted();
        const na = perNode.find((n) => n.node === a.node)!;
        const res = await Promise.all([
          na.overlay ? measure(a, b, "overlay", na.overlay.mtu, signal) : null,
          na.underlay ? measure(a, b, "underlay", na.underlay.mtu, signal) : null,
        ]);
        progress(0.5 + (0.45 * ++done) / pairs.length, `measured ${done} of ${pairs.length} pairs`);
        return res;
      })
    )
      .flat()
      .filter((p): p is PathMtu => !!p);
    // What the NICs say, checked against what the paths carry.
    const judged = judgeNodes(perNode, paths);
    return {
      context: context ?? "",
      at: new Date().toISOString(),
      cni: cluster.cni,
      encapsulation: cluster.encapsulation,
      configuredMtu: cluster.configuredMtu,
      mtuSource: cluster.mtuSource,
      kubeProxyMode: cluster.kubeProxyMode,
      sources: config.map((c) => c.name),
      nodes: judged,
      paths,
      pairs: { measured: pairs.length, total, sampled },
      findings: [
        ...mtuFindings(
          { cni: cluster.cni, mtuSource: cluster.mtuSource, nodes: judged, paths },
          cniDeployment(config, cluster.cni),
        ),
        ...skipped.map((what) => ({
          severity: "warning" as const,
          code: "config_hidden",
          message: `Not read: ${what}. Grant the permission to Underlay's identity, or the CNI's configuration may be incomplete.`,
        })),
      ],
    };
  } finally {
    progress(0.97, "deleting the debug pods");
    await deleteFleet(fleet, context);
  }
}
