/**
 * Pastes as people make them. Two corpora:
 *  - lib/testdata/captured-pastes: real output captured on this machine with the prompt and the
 *    command line a terminal shows (capture-pastes.sh: network namespaces; capture-lab-pastes.sh:
 *    kubectl against the lab);
 *  - lib/testdata/pastes: pastes from public issue threads of flannel, Calico, Cilium, Antrea,
 *    Weave, k3s and kube-router, verbatim as the threads hold them, the source beside each one in
 *    pastes.json with the facts a reader takes off the paste (written by hand, not by this code).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTestdata, TESTDATA } from "../testdata/read-testdata";
import { analyze, UnreadableInputError, type Analysis } from "./analyze";
import { splitPaste } from "./paste";

const captured = (file: string) => readTestdata(`captured-pastes/${file}`);
const paste = (text: string) => analyze([{ name: "paste", text }]);
const devices = (a: Analysis) => a.devices.map((d) => `${d.name} ${d.mtu}`);
const codes = (a: Analysis) => a.findings.map((f) => f.code);
const messages = (a: Analysis) => a.findings.map((f) => f.message);
/** The facts that must not change with how a paste is wrapped. */
const facts = (a: Analysis) => ({
  cni: a.cni,
  encapsulation: a.encapsulation,
  configuredMtu: a.configuredMtu,
  verdict: a.verdict.status,
  reason: a.verdict.reason,
  devices: a.devices,
  nodes: a.nodes.map((n) => [n.name, n.verdict.status]),
});

describe("how a paste is wrapped does not change what it says", () => {
  const session = captured("ip-d-addr.txt");
  const base = facts(paste(session));

  it("reads the prompt and the command line, then the output", () => {
    const [piece] = splitPaste(session);
    expect(piece).toMatchObject({ command: "ip -d addr", host: "node1", from: 2 });
    expect(base).toMatchObject({ cni: "flannel", encapsulation: "vxlan", verdict: "ok" });
    expect(devices(paste(session))).toEqual([
      "lo 65536",
      "eth0 1500",
      "flannel.1 1450",
      "cni0 1450",
      "veth4d2e1a7c 1450",
    ]);
  });

  it.each([
    ["`$ `", (t: string) => t.replace("root@node1:~# ", "$ ")],
    ["`# `", (t: string) => t.replace("root@node1:~# ", "# ")],
    ["`❯ `", (t: string) => t.replace("root@node1:~# ", "❯ ")],
    ["`[root@node1 ~]# `", (t: string) => t.replace("root@node1:~# ", "[root@node1 ~]# ")],
    ["no prompt at all", (t: string) => t.replace("root@node1:~# ", "")],
    ["CRLF line ends", (t: string) => t.replace(/\n/g, "\r\n")],
    [
      "a Markdown fence",
      (t: string) => `Here is ip -d addr from the node:\n\n\`\`\`console\n${t}\`\`\`\n`,
    ],
    [
      "a fence indented as a list item does it",
      (t: string) => `1. on the node:\n\n   \`\`\`\n${t.replace(/^/gm, "   ")}   \`\`\`\n`,
    ],
    ["four-space indentation", (t: string) => t.replace(/^/gm, "    ")],
    ["a blockquote", (t: string) => t.replace(/^/gm, "> ")],
  ])("%s", (_, wrap) => {
    expect({ ...facts(paste(wrap(session))), nodes: [] }).toEqual({ ...base, nodes: [] });
  });

  it("ANSI colours from `ip -c` are removed (real `ip -c=always -d link` output)", () => {
    const text = captured("ip-c-d-link.txt");
    expect(text).toContain("\u001b[");
    expect(facts(paste(text))).toMatchObject({
      cni: "flannel",
      encapsulation: "vxlan",
      verdict: "ok",
    });
    expect(devices(paste(text))).toContain("flannel.1 1450");
  });

  it("several commands' output in one paste: each recognised by its own shape", () => {
    const text = [
      captured("ip-d-addr.txt"),
      captured("ip-r-s.txt"),
      captured("bridge-fdb-show.txt"),
    ].join("");
    const a = paste(text);
    expect(a.pieces.map((p) => [p.command, p.readAs])).toEqual([
      ["ip -d addr", "`ip -d addr` (5 devices)"],
      ["ip r s", "`ip r s` (6 lines)"],
      ["bridge fdb show dev flannel.1", "`bridge fdb` (1 entry)"],
    ]);
    expect(a.underlay).toEqual({
      name: "eth0",
      mtu: 1500,
      why: "flannel.1 is bound to it (dev eth0)",
    });
    expect(messages(a)).toContain("flannel.1 forwards to 1 remote VTEP (10.0.0.12) on node1.");
    // Without prompts the same outputs are told apart by their shapes alone.
    const bare = paste(text.replace(/^root@node1:~# .*\n/gm, ""));
    expect(bare.pieces.map((p) => p.readAs)).toEqual([
      "`ip -d link` (5 devices)",
      "`ip route` (6 lines)",
      "`bridge fdb` (1 entry)",
    ]);
    expect(facts(bare)).toMatchObject({ cni: "flannel", verdict: "ok" });
  });
});

describe("every form of device listing (captured on this machine)", () => {
  it.each([
    ["ip-addr.txt", "ip addr"],
    ["ip-a.txt", "ip a"],
    ["ip-l.txt", "ip l"],
    ["ip-link-grep-mtu.txt", "ip link | grep mtu"],
    ["ifconfig.txt", "ifconfig -a"],
    ["ifconfig-grep-mtu.txt", "ifconfig | grep mtu"],
  ])("%s (`%s`): names and MTUs, kinds only from the names", (file) => {
    const a = paste(captured(file));
    expect([...devices(a)].sort()).toEqual(
      ["cni0 1450", "eth0 1500", "flannel.1 1450", "lo 65536", "veth4d2e1a7c 1450"].sort(),
    );
    expect(a).toMatchObject({
      cni: "flannel",
      encapsulation: "vxlan",
      overlay: { name: "flannel.1" },
    });
    expect(a.verdict).toMatchObject({ status: "ok", maxOverlayMtu: 1450 });
    expect(codes(a)).toContain("ip_link_not_detailed");
  });

  it("a Markdown list turns the ifindex into a list number", () => {
    const listed = captured("ip-link-grep-mtu.txt").replace(/^(\d+): /gm, "$1. ");
    expect(listed).toContain("3. flannel.1:");
    expect(devices(paste(listed))).toContain("flannel.1 1450");
  });

  it("`ip -d link show flannel.1` alone: the verdict waits for eth0, and the answer says how to get it", () => {
    const a = paste(captured("ip-d-link-show-flannel.txt"));
    expect(a.overlay).toMatchObject({ name: "flannel.1", kind: "vxlan", mtu: 1450 });
    expect(a.verdict.status).toBe("unknown");
    expect(messages(a)).toContain(
      "Run `ip -d link show eth0` on node1: flannel.1 is bound to eth0 (`vxlan … dev eth0`), whose MTU is not in the paste.",
    );
  });

  it.each(["ip-br-link.txt", "ip-br-addr.txt"])(
    "%s: `ip -br` shows no MTU, so the names tell the CNI and the answer asks for `ip -d link`",
    (file) => {
      const a = paste(captured(file));
      expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan", nodes: [] });
      expect(a.verdict.status).toBe("unknown");
      expect(messages(a)).toContain(
        "Run `ip -d link` on node1: the paste names lo, eth0, flannel.1, cni0 but no MTU.",
      );
    },
  );

  it("`ip route` with `mtu` / `mtu lock` is read", () => {
    const a = paste(captured("ip-r-s.txt"));
    expect(a.pieces[0]!.readAs).toBe("`ip r s` (6 lines)");
    expect(a.verdict.status).toBe("unknown");
  });

  it("Cilium: the pod MTU on the routes through cilium_host is checked against eth0", () => {
    const ok = paste(captured("cilium-ip-d-link-and-routes.txt"));
    expect(ok).toMatchObject({ cni: "cilium", encapsulation: "vxlan" });
    expect(ok.verdict).toMatchObject({ status: "ok", overlayMtu: 1450, maxOverlayMtu: 1450 });
    expect(ok.verdict.reason).toContain("route 10.1.1.0/24 dev cilium_host MTU 1450");
    const big = paste(captured("cilium-route-mtu-too-big.txt"));
    expect(big.verdict).toMatchObject({ status: "mismatch", overlayMtu: 1500 });
  });

  it("bridge fdb: the device with remote VTEPs is a VXLAN tunnel, its peers listed", () => {
    const a = paste(captured("bridge-fdb-show.txt"));
    expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan" });
    expect(codes(a)).toContain("vxlan_peers");
  });

  it("kube-router from kube-bridge", () => {
    const a = paste(captured("kube-router-ip-d-link.txt"));
    expect(a.cni).toBe("kube-router");
    expect(a.cniWhy).toBe("the paste shows kube-bridge");
  });
});

describe("the CNI from its devices alone", () => {
  const antrea = fs.readFileSync(
    path.join(TESTDATA, "pastes/antrea-5868-ip-addr-geneve.txt"),
    "utf8",
  );

  it("genev_sys_6081 beside antrea-gw0 is Antrea's (Open vSwitch's Geneve port)", () => {
    expect(paste(antrea)).toMatchObject({
      cni: "antrea",
      encapsulation: "geneve",
      overlay: { name: "genev_sys_6081" },
    });
  });

  it("genev_sys_6081 alone could be Antrea's or OVN-Kubernetes': the CNI is left open, the encapsulation is not", () => {
    const alone = antrea.replace(/^6: antrea-gw0:[\s\S]*$/m, "");
    expect(alone).not.toContain("antrea-gw0");
    const a = paste(alone);
    expect(a).toMatchObject({ cni: "unknown", encapsulation: "geneve" });
    expect(a.cniWhy).toMatch(
      /genev_sys_6081 is an Open vSwitch tunnel port, made by Antrea and OVN-Kubernetes alike/,
    );
  });

  it("cni0 alone does not name a CNI; beside flannel.1 it is flannel's", () => {
    const noTunnel = captured("ip-d-addr.txt").replace(/^3: flannel\.1:[\s\S]*?(?=^4: )/m, "");
    expect(noTunnel).not.toContain("flannel.1:");
    const a = paste(noTunnel);
    expect(a.cni).toBe("unknown");
    expect(a.cniWhy).toMatch(/^cni0 is the bridge plugin's default name/);
    expect(paste(captured("ip-d-addr.txt")).cni).toBe("flannel");
  });
});

describe("two nodes in one paste", () => {
  const a = paste(captured("two-nodes-ip-d-link.txt"));

  it("a verdict per node, the worst on top", () => {
    expect(a.nodes.map((n) => [n.name, n.verdict.status, n.underlay?.mtu])).toEqual([
      ["node1", "ok", 1500],
      ["node2", "mismatch", 1450],
    ]);
    expect(a.node).toBe("node2");
    expect(a.verdict.status).toBe("mismatch");
  });

  it("the differences between them as findings", () => {
    expect(messages(a)).toContain("eth0 MTU differs between nodes: node1 1500, node2 1450.");
    expect(codes(a)).toContain("node_verdicts_differ");
    expect(messages(a)).toContain(
      "node2: flannel.1 MTU 1450 + VXLAN overhead 50 = 1500 > eth0 MTU 1450; set flannel.1 to 1400 or less (or raise eth0 to 1500).",
    );
  });

  it("without prompts, a listing that starts again at `1: lo` is the next node", () => {
    const b = paste(captured("two-nodes-ip-d-link.txt").replace(/^root@\S+ /gm, ""));
    expect(b.nodes.map((n) => [n.name, n.verdict.status])).toEqual([
      ["node 1", "ok"],
      ["node 2", "mismatch"],
    ]);
  });

  it("a label line names the node", () => {
    const [one, two] = captured("two-nodes-ip-d-link.txt")
      .split(/^root@node2:~# ip -d link\n/m)
      .map((t) => t.replace(/^root@node1:~# ip -d link\n/m, ""));
    const b = paste(`worker-a:\n${one}\nworker-b:\n${two}`);
    expect(b.nodes.map((n) => n.name)).toEqual(["worker-a", "worker-b"]);
  });
});

describe("configuration fragments (captured from the lab)", () => {
  it("`kubectl describe configmap` of kube-flannel-cfg", () => {
    const a = paste(captured("lab-describe-cm-flannel.txt"));
    expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan", configuredMtu: null });
    expect(a.pieces[0]!.readAs).toBe("`kubectl describe` of ConfigMap kube-flannel-cfg");
  });

  it("`kubectl describe daemonset`: the image names the CNI", () => {
    expect(paste(captured("lab-describe-ds-flannel.txt")).cni).toBe("flannel");
    const calico = paste(captured("lab-describe-ds-calico.txt"));
    expect(calico).toMatchObject({ cni: "calico", encapsulation: "vxlan", configuredMtu: null });
    // FELIX_VXLANMTU comes from a ConfigMap key: the answer names the command that shows it.
    expect(messages(calico)).toContain(
      "Run `kubectl -n kube-system get configmap calico-config -o yaml`: FELIX_VXLANMTU is set from its key veth_mtu, which is not in the paste.",
    );
  });

  it("`kubectl get -o yaml` of one object, and its `env:` list alone", () => {
    const text = captured("lab-get-ds-calico-yaml.txt");
    expect(paste(text)).toMatchObject({ cni: "calico", encapsulation: "vxlan" });
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^\s+(- )?env:$/.test(l));
    const end = lines.findIndex((l, i) => i > start && /^\s+image:/.test(l));
    const env = lines.slice(start, end).join("\n");
    expect(env).toContain("CALICO_IPV4POOL_VXLAN");
    const a = paste(env);
    expect(a).toMatchObject({ cni: "calico", encapsulation: "vxlan" });
    expect(a.pieces[0]!.readAs).toBe("an env list");
  });

  it("JSON cut mid-object is read as far as it goes", () => {
    const json = captured("lab-get-cm-flannel-json.txt");
    // Cut inside metadata, as a terminal's scrollback or a chat's length limit cuts it.
    const cut = json.slice(0, json.indexOf('"name": "kube-flannel-cfg"') + 10);
    expect(cut.length).toBeGreaterThan(500);
    expect(() => JSON.parse(cut.slice(cut.indexOf("{")))).toThrow();
    const a = paste(cut);
    expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan" });
    expect(a.pieces.at(-1)!.readAs).toMatch(/cut off; read as far as it goes/);
  });

  it("an object whose facts are only in its last-applied-configuration", () => {
    const live = JSON.parse(captured("lab-get-cm-flannel-json.txt").replace(/^.*\n/, "")) as {
      data: unknown;
      metadata: Record<string, unknown>;
    };
    const applied = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "kube-flannel-cfg", namespace: "kube-flannel" },
      data: live.data,
    };
    const { data: _data, ...rest } = live;
    const stripped = {
      ...rest,
      metadata: {
        ...live.metadata,
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(applied),
        },
      },
    };
    const a = paste(JSON.stringify(stripped, null, 2));
    expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan" });
    expect(a.pieces[0]!.readAs).toBe(
      "the kubectl.kubernetes.io/last-applied-configuration annotation",
    );
  });

  it("a `data:` block without its ConfigMap header", () => {
    const data = `data:\n  calico_backend: vxlan\n  veth_mtu: "1450"\n`;
    expect(paste(data)).toMatchObject({
      cni: "calico",
      encapsulation: "vxlan",
      configuredMtu: 1450,
    });
    expect(paste(data).mtuSource).toBe("paste key veth_mtu");
  });
});

describe("Helm values and install commands", () => {
  // The kube-proxy-free install of Cilium's docs (docs.cilium.io, "Kubernetes Without kube-proxy"
  // and "Bandwidth Manager"), as typed into a terminal.
  const ciliumHelm =
    "$ helm install cilium cilium/cilium --version 1.16.5 \\\n" +
    "    --namespace kube-system \\\n" +
    "    --set kubeProxyReplacement=true \\\n" +
    "    --set k8sServiceHost=${API_SERVER_IP} \\\n" +
    "    --set k8sServicePort=${API_SERVER_PORT} \\\n" +
    "    --set bpf.masquerade=true \\\n" +
    "    --set bandwidthManager.enabled=true\n";

  it("`helm install cilium … --set kubeProxyReplacement=true …`", () => {
    const a = paste(ciliumHelm);
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "unknown", kubeProxyMode: null });
    expect(codes(a)).toContain("kube_proxy_replaced");
    expect(a.pieces[0]).toMatchObject({ readAs: "a Helm install command" });
    expect(messages(a).join("\n")).toContain("does not set routingMode or tunnelProtocol");
  });

  it("--set of tunnel and MTU, -f values files named but absent", () => {
    const a = paste(
      "helm upgrade --install cilium cilium/cilium -n kube-system -f my-values.yaml --set routingMode=tunnel,tunnelProtocol=geneve --set MTU=8950",
    );
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "geneve", configuredMtu: 8950 });
    expect(a.mtuSource).toBe("`helm upgrade` of cilium/cilium --set MTU");
    expect(messages(a)).toContain(
      "The values file my-values.yaml is not in the paste: paste its content for what it sets.",
    );
  });

  it("values.yaml given as a here-document", () => {
    const a = paste(
      "helm upgrade --install --namespace kube-system --repo https://helm.cilium.io cilium cilium --values - <<EOF\n" +
        "kubeProxyReplacement: true\nroutingMode: native\nipv4NativeRoutingCIDR: 10.0.0.0/8\nMTU: 9000\nEOF\n",
    );
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "none", configuredMtu: 9000 });
    expect(messages(a).join("\n")).not.toContain("stdin");
  });

  it("a Cilium values.yaml with the pre-1.14 `tunnel` key", () => {
    const a = paste("# values.yaml\ntunnel: vxlan\nMTU: 1450\nipam:\n  mode: kubernetes\n");
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "vxlan", configuredMtu: 1450 });
    expect(a.pieces[0]!.readAs).toBe("Cilium Helm values");
  });

  it("a Tigera operator values.yaml (installation.calicoNetwork)", () => {
    const a = paste(
      "installation:\n  enabled: true\n  calicoNetwork:\n    mtu: 1440\n    ipPools:\n      - cidr: 10.48.0.0/16\n        encapsulation: VXLANCrossSubnet\n",
    );
    expect(a).toMatchObject({ cni: "calico", encapsulation: "vxlan", configuredMtu: 1440 });
  });

  it("`cilium install --set …` (the cilium CLI's own reference example)", () => {
    const a = paste(
      "$ cilium install --context kind-cluster1 --set cluster.id=1 --set cluster.name=cluster1",
    );
    expect(a.cni).toBe("cilium");
  });

  it("`kubectl apply -f <url>` of a known manifest", () => {
    const a = paste(
      "kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml",
    );
    expect(a).toMatchObject({ cni: "flannel", encapsulation: "vxlan" });
    expect(
      paste(
        "kubectl create -f https://raw.githubusercontent.com/projectcalico/calico/v3.31.3/manifests/tigera-operator.yaml",
      ).cni,
    ).toBe("calico");
  });

  it("Calico v2's ipPool (calicoctl v1 API, the sample of Calico v2.6's ipPool reference)", () => {
    const a = paste(
      "apiVersion: v1\nkind: ipPool\nmetadata:\n  cidr: 10.1.0.0/16\nspec:\n  ipip:\n    enabled: true\n    mode: cross-subnet\n  nat-outgoing: true\n  disabled: false\n",
    );
    expect(a).toMatchObject({ cni: "calico", encapsulation: "ipip" });
  });
});

describe("what is not understood is said line by line", () => {
  it("throws, naming the lines, when nothing is recognised", () => {
    expect(() => paste("hello\nthis is prose about a network problem\n")).toThrow(
      UnreadableInputError,
    );
    expect(() => paste("hello\nthis is prose about a network problem\n")).toThrow(
      /Not recognised: lines 1–2 \(“hello”\)/,
    );
  });

  it("reports the prose around what was read", () => {
    const a = paste(
      `My pods cannot reach each other.\n\n${captured("ip-d-addr.txt")}\nAny idea?\n`,
    );
    expect(a.pieces.map((p) => [p.from, p.to, p.readAs])).toEqual([
      [1, 1, null],
      [4, 34, "`ip -d addr` (5 devices)"],
      [36, 36, null],
    ]);
    expect(messages(a)).toContain(
      "paste line 1 not recognised: “My pods cannot reach each other.”.",
    );
  });
});

describe("what the review of fresh pastes found (lib/testdata/pastes, second batch)", () => {
  const real = (f: string) => fs.readFileSync(path.join(TESTDATA, "pastes", f), "utf8");

  it("a header wrapped at 80 columns is joined again (`… master o` / `vs-system state UP …`)", () => {
    const text = real("antrea-6448-wrapped-ip-addr.txt");
    expect(text).toMatch(/master o\n/);
    const a = paste(text);
    expect(a.pieces.filter((p) => p.readAs === null)).toEqual([]);
    expect(a.devices.map((d) => d.name)).toContain("vxlan_sys_4789");
  });

  it("an Open vSwitch port's 65000 is never the overlay MTU: antrea-gw0's is", () => {
    const text = `${real("antrea-5868-ip-addr-geneve.txt")}7: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000\n`;
    const a = paste(text);
    expect(a.overlay?.name).toBe("genev_sys_6081");
    expect(a.verdict.overlayMtu).toBe(65485);
    expect(a.verdict.reason).toContain("antrea-gw0 MTU 65485");
  });

  it("every tunnel on the node must fit: Kilo's kilo0 (WireGuard) over ens4", () => {
    const a = paste(real("kilo-208-cniconf-ifconfig.txt"));
    expect(messages(a)).toContain(
      "kilo0 (wireguard) MTU 1420 + overhead 60 = 1480 > ens4 MTU 1460: full-size packets through kilo0 do not fit; set it to 1400 or less.",
    );
  });

  it("an agent's command line claims nothing about the backend", () => {
    const a = paste(real("k3s-11476-server-flags.txt"));
    expect(messages(a).join("\n")).not.toContain("without --flannel-backend");
    expect(a.pieces.map((p) => p.readAs)).toContain("a k3s agent command");
  });

  it('an MTU set from a ConfigMap key is said to be so, not "not set"', () => {
    const a = paste(real("microk8s-2081-calico-env-vxlan.txt"));
    expect(a.mtuFrom).toBe(
      "ConfigMap calico-config key veth_mtu (FELIX_VXLANMTU), its value not in the paste",
    );
  });

  it("a `# Heading` after a blank line is not the previous command's output", () => {
    const a = paste(real("cilium-35600-ifconfig-eks-aks.txt"));
    expect(a.pieces.find((p) => p.firstLine === "# Azure AKS")?.command).toBeUndefined();
  });

  it("a pod's own namespace is not taken for the node", () => {
    const a = paste(real("calico-4057-pod-ip-a.txt"));
    expect(a.underlay).toBeNull();
    expect(codes(a)).toContain("pod_namespace");
  });
});

type Entry = {
  file: string;
  source: string;
  expected: {
    cni?: string;
    encapsulation?: string;
    configuredMtu?: number | null;
    verdict?: string;
    devices?: { name: string; mtu: number }[];
    nodes?: { name: string; devices: { name: string; mtu: number }[] }[];
  };
};

/**
 * Where this analyzer reads a paste differently from the hand-written expectation, and why (the
 * expectation stays as its writer read it in pastes.json).
 */
const READ_DIFFERENTLY: Record<string, Partial<Entry["expected"]> & { why: string }> = {
  "cilium-272-ip-l-vxlan.txt": {
    configuredMtu: null,
    why: "the 1410 is in the poster's prose, not in any configuration or output",
  },
  "kube-router-1086-ipip-mtu.txt": {
    encapsulation: "unknown",
    why: "testtun1 is the poster's own tunnel: no CNI makes it, and only `ip tunnel add … mode ipip` says its kind",
  },
};

const corpus: Entry[] = JSON.parse(
  fs.readFileSync(path.join(TESTDATA, "pastes", "pastes.json"), "utf8"),
);
const sorted = (ds: { name: string; mtu: number }[]) => ds.map((d) => `${d.name} ${d.mtu}`).sort();

describe("real pastes from public issue threads (lib/testdata/pastes)", () => {
  it("holds pastes of every CNI the issue names", () => {
    const prefixes = new Set(corpus.map((e) => e.file.split("-")[0]));
    for (const cni of ["flannel", "calico", "cilium", "antrea", "weave", "k3s", "kube"])
      expect(prefixes).toContain(cni);
    for (const e of corpus) expect(e.source).toMatch(/^https:\/\/github\.com\//);
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((e) => [e.file, e] as const))("%s", (file, e) => {
    const text = fs.readFileSync(path.join(TESTDATA, "pastes", file), "utf8");
    const want = { ...e.expected, ...READ_DIFFERENTLY[file] };
    if (want.cni === "unknown" && !want.devices?.length && !want.nodes) {
      // Nothing in it is a fact this analyzer reads: the refusal says line by line what it saw.
      expect(() => paste(text)).toThrow(/Not recognised: line/);
      return;
    }
    const a = paste(text);
    if (want.cni !== undefined) expect(a.cni).toBe(want.cni);
    if (want.encapsulation !== undefined) expect(a.encapsulation).toBe(want.encapsulation);
    if (want.configuredMtu !== undefined) expect(a.configuredMtu).toBe(want.configuredMtu);
    if (want.verdict !== undefined) expect(a.verdict.status).toBe(want.verdict);
    if (want.nodes) {
      expect(a.nodes.map((n) => sorted(n.devices))).toEqual(
        want.nodes.map((n) => sorted(n.devices)),
      );
    } else if (want.devices) {
      const all = a.nodes.flatMap((n) => n.devices);
      const first = all.filter((d, i) => all.findIndex((x) => x.name === d.name) === i);
      expect(sorted(first)).toEqual(sorted(want.devices));
    }
  });
});

describe("any cut of a real paste gives an analysis or a sentence, never a crash", () => {
  const texts = [
    ...fs.readdirSync(path.join(TESTDATA, "captured-pastes")).map((f) => captured(f)),
    ...corpus.map((e) => fs.readFileSync(path.join(TESTDATA, "pastes", e.file), "utf8")),
  ];
  it.each(texts.map((t, i) => [i, t] as const))("paste %i, cut at 12 places", (_, text) => {
    for (let k = 1; k <= 12; k++) {
      const cut = text.slice(0, Math.floor((text.length * k) / 13));
      try {
        analyze([{ name: "paste", text: cut }]);
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableInputError);
      }
    }
  });
});

describe("what a hostile or broken paste cannot do (review of 2026-12-01)", () => {
  it("a --set path never reaches Object.prototype", () => {
    const a = paste(
      "helm install c cilium/cilium --set __proto__.UNDERLAY_TOKEN=evil --set constructor.prototype.x=1",
    );
    expect(a.cni).toBe("cilium");
    expect(({} as Record<string, unknown>).UNDERLAY_TOKEN).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ["deep brackets", "[".repeat(2000) + "]".repeat(2000)],
    ["deep list items", "- ".repeat(1000) + "x"],
    [
      "deep JSON in net-conf",
      `{"Network":"10.0.0.0/8","Backend":{"Type":"vxlan","x":${"[".repeat(20000)}${"]".repeat(20000)}}}`,
    ],
    ["a value line of spaces", `- name: FELIX_VXLANMTU\nvalue:${" ".repeat(4000)}x'y`],
    ["a long label-like line", `${"node".repeat(25000)}!`],
    ["a huge --set index", "helm install c cilium/cilium --set containers[4294967294].image=x"],
    ["many lines", "x\n".repeat(130000)],
  ])("%s: an analysis or a sentence, never a crash", (_, text) => {
    try {
      analyze([{ name: "paste", text }]);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableInputError);
    }
  });

  it("two nodes' ifconfig, one after the other, are two nodes", () => {
    const one = captured("ifconfig-grep-mtu.txt").replace(/^root@.*\n/, "");
    const a = paste(
      `${one}\n${one.replace("eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500", "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1450")}`,
    );
    expect(a.nodes.map((n) => n.verdict.status)).toEqual(["ok", "mismatch"]);
  });

  it("an indented `# ip …` comment inside YAML is not a command, a YAML key is not a node", () => {
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: calico-config\n  namespace: kube-system\ndata:\n  # ip link shows the MTU Felix sets\n  veth_mtu: "1440"\n  calico_backend: vxlan\n';
    expect(paste(yaml)).toMatchObject({ cni: "calico", configuredMtu: 1440 });
    const values = "hostServices:\n  enabled: false\ntunnelProtocol: geneve\n";
    const a = paste(values);
    expect(a).toMatchObject({ cni: "cilium", encapsulation: "geneve" });
    expect(a.pieces.every((p) => p.host === undefined)).toBe(true);
  });
});
