/**
 * The lab's kube-proxy: Services' ClusterIPs DNAT'ed to their ready endpoints with nftables in
 * every node namespace (prerouting for pods, output for the node itself), chosen at random as
 * kube-proxy's iptables mode does.
 */
import type { V1EndpointSlice, V1Service } from "@kubernetes/client-node";
import { run } from "./run";

export type ServiceRule = {
  clusterIP: string;
  protocol: string;
  port: number;
  backends: { ip: string; port: number }[];
};

export function serviceRules(services: V1Service[], slices: V1EndpointSlice[]): ServiceRule[] {
  const rules: ServiceRule[] = [];
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === "None" || ip.includes(":")) continue;
    const mine = slices.filter(
      (s) =>
        s.metadata?.namespace === svc.metadata?.namespace &&
        s.metadata?.labels?.["kubernetes.io/service-name"] === svc.metadata?.name &&
        s.addressType === "IPv4",
    );
    for (const p of svc.spec?.ports ?? []) {
      const protocol = (p.protocol ?? "TCP").toLowerCase();
      const backends = mine.flatMap((s) => {
        const sp = s.ports?.find(
          (x) =>
            (x.name ?? "") === (p.name ?? "") && (x.protocol ?? "TCP").toLowerCase() === protocol,
        );
        if (!sp?.port) return [];
        return s.endpoints
          .filter((e) => e.conditions?.ready !== false)
          .flatMap((e) => e.addresses.map((a) => ({ ip: a, port: sp.port! })));
      });
      if (protocol === "tcp" || protocol === "udp")
        rules.push({ clusterIP: ip, protocol, port: p.port, backends });
    }
  }
  return rules;
}

export function nftRuleset(rules: ServiceRule[]): string {
  const lines = rules.map((r) => {
    const match = `ip daddr ${r.clusterIP} ${r.protocol} dport ${r.port}`;
    if (!r.backends.length) return `${match} reject`; // no endpoints: refused, as kube-proxy does
    // Backends may listen on different ports: one map entry per backend, address and port together.
    const map = r.backends.map((b, i) => `${i} : ${b.ip} . ${b.port}`).join(", ");
    return `${match} dnat ip to numgen random mod ${r.backends.length} map { ${map} }`;
  });
  const chain = (name: string, hook: string, prio: number) =>
    `  chain ${name} {\n    type nat hook ${hook} priority ${prio}; policy accept;\n${lines.map((l) => `    ${l}`).join("\n")}\n  }`;
  return `table ip underlay_lab_proxy {\n${chain("pre", "prerouting", -100)}\n${chain("out", "output", -100)}\n}\n`;
}

/** Replaces the proxy table in each node namespace. */
export async function applyProxy(nodeNetns: string[], rules: ServiceRule[]) {
  const script = `table ip underlay_lab_proxy\ndelete table ip underlay_lab_proxy\n${nftRuleset(rules)}`;
  for (const ns of nodeNetns)
    await run(["ip", "netns", "exec", ns, "nft", "-f", "-"], { input: script });
}
