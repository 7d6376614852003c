/**
 * The lab's real Linux networking: one network namespace per node, a router namespace (the
 * fabric) between them, and a VXLAN overlay named and addressed as the CNI does it.
 */
import fs from "node:fs";
import { run, tryRun } from "./run";
import { HOST_LINK } from "./real-node";
import { CLUSTER_DNS_IP, isRealNode, nodePlan, overlayDevice, type Scenario } from "./scenarios";

export const NS_PREFIX = "ul-";
export const FABRIC = "ul-fabric";

const ip = (ns: string, ...args: string[]) => run(["ip", "-n", ns, ...args]);
const inNs = (ns: string, ...argv: string[]) => run(["ip", "netns", "exec", ns, ...argv]);
const sysctl = (ns: string, kv: string) => inNs(ns, "sysctl", "-qw", kv);

export async function listLabNetns(): Promise<string[]> {
  const out = (await tryRun(["ip", "-j", "netns", "list"])) || "[]";
  return (JSON.parse(out) as { name: string }[])
    .map((n) => n.name)
    .filter((n) => n.startsWith(NS_PREFIX));
}

async function addNs(name: string) {
  await run(["ip", "netns", "add", name]);
  await ip(name, "link", "set", "lo", "up");
  await sysctl(name, "net.ipv4.ip_forward=1");
}

export async function buildFabric(s: Scenario) {
  await addNs(FABRIC);
  for (let i = 1; i <= s.nodes; i++) {
    const n = nodePlan(s, i);
    await addNs(n.netns);
    // The node's NIC and its port on the fabric router: one veth pair.
    await run([
      "ip",
      "link",
      "add",
      "eth0",
      "netns",
      n.netns,
      "mtu",
      String(s.underlayMtu),
      "type",
      "veth",
      "peer",
      "name",
      n.fabricIf,
      "netns",
      FABRIC,
      "mtu",
      String(s.underlayMtu),
    ]);
    await ip(n.netns, "addr", "add", `${n.underlayIp}/24`, "dev", "eth0");
    await ip(n.netns, "link", "set", "eth0", "up");
    await ip(n.netns, "route", "add", "default", "via", n.gateway, "dev", "eth0");
    await ip(FABRIC, "addr", "add", `${n.gateway}/24`, "dev", n.fabricIf);
    await ip(FABRIC, "link", "set", n.fabricIf, "up");
    if (s.pathMtu) {
      // A smaller hop on the routed path: the fabric forwards at most pathMtu bytes to each node.
      await ip(
        FABRIC,
        "route",
        "replace",
        `172.31.${i}.0/24`,
        "dev",
        n.fabricIf,
        "proto",
        "kernel",
        "scope",
        "link",
        "src",
        n.gateway,
        "mtu",
        "lock",
        String(s.pathMtu),
      );
    }
  }
  if (s.realNodes?.length) {
    // A real kubelet dials the API server and is dialled by it (exec, logs): the host joins the
    // fabric as the control plane's machine would, on 172.31.0.0/24.
    const h = HOST_LINK;
    await run([
      "ip",
      "link",
      "add",
      h.host,
      "type",
      "veth",
      "peer",
      "name",
      h.fabric,
      "netns",
      FABRIC,
    ]);
    await run(["ip", "addr", "add", `${h.hostIp}/24`, "dev", h.host]);
    await run(["ip", "link", "set", h.host, "up"]);
    await run(["ip", "route", "add", "172.31.0.0/16", "via", h.fabricIp, "dev", h.host]);
    await ip(FABRIC, "addr", "add", `${h.fabricIp}/24`, "dev", h.fabric);
    await ip(FABRIC, "link", "set", h.fabric, "up");
  }
  if (s.dropFragNeeded) {
    // ICMP "fragmentation needed" that the fabric itself sends is dropped: PMTU discovery goes blind.
    await run(["ip", "netns", "exec", FABRIC, "nft", "-f", "-"], {
      input:
        "table inet underlay_lab {\n chain out {\n  type filter hook output priority 0; policy accept;\n  icmp type destination-unreachable icmp code frag-needed drop\n }\n}\n",
    });
  }
}

/** The overlay on every node, with the CNI's device names, VNI and port, and its routes to every peer. */
export async function buildOverlay(s: Scenario) {
  const dev = overlayDevice(s);
  const [vni, port] = s.cni === "flannel" ? ["1", "8472"] : ["4096", "4789"];
  for (let i = 1; i <= s.nodes; i++) {
    const n = nodePlan(s, i);
    // With `dev eth0` the kernel caps the VXLAN MTU at eth0's MTU - 50; a misconfigured overlay
    // (the point of the mismatch scenarios) is created without it, as the kernel then allows.
    const lower = s.overlayMtu + 50 <= s.underlayMtu ? ["dev", "eth0"] : [];
    await ip(
      n.netns,
      "link",
      "add",
      dev,
      "type",
      "vxlan",
      "id",
      vni,
      "local",
      n.underlayIp,
      ...lower,
      "dstport",
      port,
      "nolearning",
      "df",
      "set",
    );
    await ip(n.netns, "link", "set", dev, "mtu", String(s.overlayMtu), "address", n.vtepMac);
    await ip(n.netns, "addr", "add", `${n.vtepIp}/32`, "dev", dev);
    await ip(n.netns, "link", "set", dev, "up");
    if (s.cni === "flannel" && !isRealNode(s, i)) {
      // flannel's bridge: pods' veths attach here, the node's first pod address is the gateway.
      // On a real node the CNI's bridge plugin makes it with the node's first pod.
      await ip(n.netns, "link", "add", "cni0", "type", "bridge");
      await ip(n.netns, "link", "set", "cni0", "mtu", String(s.overlayMtu));
      await ip(n.netns, "addr", "add", `${n.bridgeIp}/24`, "dev", "cni0");
      await ip(n.netns, "link", "set", "cni0", "up");
    }
    for (let j = 1; j <= s.nodes; j++) {
      if (j === i) continue;
      const p = nodePlan(s, j);
      await ip(
        n.netns,
        "neigh",
        "add",
        p.vtepIp,
        "lladdr",
        p.vtepMac,
        "dev",
        dev,
        "nud",
        "permanent",
      );
      await run([
        "bridge",
        "-n",
        n.netns,
        "fdb",
        "append",
        p.vtepMac,
        "dev",
        dev,
        "dst",
        p.underlayIp,
      ]);
      await ip(n.netns, "route", "add", p.podCidr, "via", p.vtepIp, "dev", dev, "onlink");
    }
  }
}

export type PodWiring = { netns: string; hostIf: string; podIp: string; node: number };

/** A pod's own namespace, with eth0 wired to its node as the CNI wires it. */
export async function wirePod(s: Scenario, w: PodWiring) {
  const n = nodePlan(s, w.node);
  await addNs(w.netns);
  await run([
    "ip",
    "link",
    "add",
    "eth0",
    "netns",
    w.netns,
    "mtu",
    String(s.overlayMtu),
    "type",
    "veth",
    "peer",
    "name",
    w.hostIf,
    "netns",
    n.netns,
    "mtu",
    String(s.overlayMtu),
  ]);
  await ip(w.netns, "link", "set", "eth0", "up");
  await ip(n.netns, "link", "set", w.hostIf, "up");
  if (s.cni === "flannel") {
    await ip(w.netns, "addr", "add", `${w.podIp}/24`, "dev", "eth0");
    await ip(w.netns, "route", "add", "default", "via", n.bridgeIp, "dev", "eth0");
    await ip(n.netns, "link", "set", w.hostIf, "master", "cni0");
    // A neighbour entry left by an earlier pod with this address would point at its old MAC.
    await tryRun(["ip", "-n", n.netns, "neigh", "del", w.podIp, "dev", "cni0"]);
  } else {
    // Calico: a /32 per pod, a link-local gateway answered by proxy ARP on the cali* side.
    await ip(w.netns, "addr", "add", `${w.podIp}/32`, "dev", "eth0");
    await ip(w.netns, "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
    await ip(w.netns, "route", "add", "default", "via", "169.254.1.1", "dev", "eth0");
    await sysctl(n.netns, `net.ipv4.conf.${w.hostIf}.proxy_arp=1`);
    // As Felix sets it on every cali* device: answer the pod's ARP at once, not after the
    // kernel's default proxy_delay (up to 0.8 s, which the pod's first packets wait for).
    await sysctl(n.netns, `net.ipv4.neigh.${w.hostIf}.proxy_delay=0`);
    await ip(n.netns, "route", "add", `${w.podIp}/32`, "dev", w.hostIf, "scope", "link");
  }
}

export async function deleteNs(name: string) {
  await tryRun(["ip", "netns", "delete", name]);
  fs.rmSync(`/etc/netns/${name}`, { recursive: true, force: true });
}

export async function teardownAll() {
  for (const ns of await listLabNetns()) await deleteNs(ns);
}

export const podResolvConf = (namespace: string) =>
  `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${CLUSTER_DNS_IP}\noptions ndots:5\n`;
