/**
 * Install commands as pasted: `helm install|upgrade … --set k=v --set-string k=v -f values.yaml`,
 * `cilium install --set k=v` (and the older `--helm-set`), k3s' `--flannel-backend`, and
 * `kubectl apply|create -f <url>` naming a manifest whose published defaults are known. The
 * command line is split as a shell would (shell-quote), never run.
 */
import { parse as shellParse } from "shell-quote";
import { valuesFacts } from "./cni-fragments";
import {
  emptyFacts,
  FLANNEL_BACKENDS,
  setCni,
  setEncapsulation,
  type ConfigFacts,
} from "./cni-types";

export type InstallCommand = { what: string; facts: ConfigFacts };

/** `$VAR` stays as written (shell-quote would expand it to ""). */
const words = (line: string): string[] =>
  shellParse(line, (key) => `$${key}`).flatMap((t) => (typeof t === "string" ? [t] : ["|"]));

const UNSAFE = new Set(["__proto__", "prototype", "constructor"]);

/** Helm's --set syntax: `a.b=1,c[0].d=x`, `\,` escapes a comma; --set types true/false/ints. */
export function setValue(
  tree: Record<string, unknown>,
  assignment: string,
  asString: boolean,
): void {
  for (const part of assignment.split(/(?<!\\),/)) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const path = part
      .slice(0, eq)
      .split(/(?<!\\)\./)
      .flatMap((seg) => {
        const m = /^([^[]+)((?:\[\d+\])*)$/.exec(seg);
        if (!m) return [seg];
        return [m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
      });
    // A paste must never reach Object.prototype (`--set __proto__.x=…`), nor make a huge sparse array.
    if (path.some((k) => (typeof k === "string" ? UNSAFE.has(k) : k > 1000))) continue;
    const raw = part.slice(eq + 1).replace(/\\,/g, ",");
    const value: unknown = asString
      ? raw
      : raw === "true"
        ? true
        : raw === "false"
          ? false
          : raw === "null"
            ? null
            : /^-?\d+$/.test(raw)
              ? Number(raw)
              : raw;
    let node: Record<string | number, unknown> = tree;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else {
        const next = path[i + 1];
        if (typeof node[key] !== "object" || node[key] === null)
          node[key] = typeof next === "number" ? [] : {};
        node = node[key] as Record<string | number, unknown>;
      }
    });
  }
}

const CHARTS: { pattern: RegExp; cni: "cilium" | "calico" | "flannel" | "antrea" }[] = [
  { pattern: /(^|\/)cilium$/, cni: "cilium" },
  { pattern: /tigera-operator|(^|\/)calico$/, cni: "calico" },
  { pattern: /(^|\/)flannel$/, cni: "flannel" },
  { pattern: /(^|\/)antrea$/, cni: "antrea" },
];

/** `--set x=y` and `--set=x=y` forms; returns the values tree and any values files named. */
function helmArgs(args: string[], setFlags: string[]) {
  const tree: Record<string, unknown> = {};
  const files: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = () => inline ?? args[++i] ?? "";
    if (setFlags.includes(flag)) setValue(tree, value(), /string/.test(flag));
    else if (flag === "-f" || flag === "--values") files.push(value());
    else if (
      /^--(namespace|version|repo|kube-context|timeout|wait-for-jobs|description|post-renderer|set-file|set-json)$/.test(
        flag,
      ) ||
      flag === "-n"
    )
      value();
    else if (!a.startsWith("-")) positional.push(a);
  }
  return { tree, files, positional };
}

/** Values files the paste does not hold (stdin is held when it is a here-document in the paste). */
function filesNote(f: ConfigFacts, files: string[], stdin: boolean): void {
  for (const file of files) {
    if (file === "-" && stdin) continue;
    f.notes.push(
      file === "-"
        ? "Values were given on stdin (-f -): paste them too, for what they set."
        : `The values file ${file} is not in the paste: paste its content for what it sets.`,
    );
  }
}

function helm(argv: string[], stdin: boolean): InstallCommand | null {
  const sub = argv[1];
  if (sub !== "install" && sub !== "upgrade" && sub !== "template") return null;
  const { tree, files, positional } = helmArgs(argv.slice(2), ["--set", "--set-string"]);
  // `helm install NAME CHART`; `--generate-name` leaves only CHART.
  const chart = [positional[1], positional[0], ...positional].find(
    (p) => p !== undefined && CHARTS.some((c) => c.pattern.test(p)),
  );
  const known = chart ? CHARTS.find((c) => c.pattern.test(chart))! : null;
  const where = `\`helm ${sub}\`${chart ? ` of ${chart}` : ""}`;
  const fromValues = valuesFacts(tree, `${where} --set`);
  if (!known && !fromValues) return null;
  const f = fromValues ?? emptyFacts();
  if (known) setCni(f, known.cni);
  filesNote(f, files, stdin);
  return { what: `a Helm ${sub} command`, facts: f };
}

function cilium(argv: string[], stdin: boolean): InstallCommand | null {
  if (argv[1] !== "install" && argv[1] !== "upgrade") return null;
  const { tree, files } = helmArgs(argv.slice(2), [
    "--set",
    "--set-string",
    "--helm-set",
    "--helm-set-string",
  ]);
  const f = valuesFacts(tree, `\`cilium ${argv[1]}\` --set`) ?? emptyFacts();
  setCni(f, "cilium");
  filesNote(f, files, stdin);
  return { what: `a cilium ${argv[1]} command`, facts: f };
}

function k3s(argv: string[]): InstallCommand | null {
  const joined = argv.join(" ");
  if (!/\bk3s\b.*\b(server|agent)\b|get\.k3s\.io|INSTALL_K3S_EXEC/.test(joined)) return null;
  const m = /--flannel-backend[= ]([\w-]+)/.exec(joined);
  const f = emptyFacts();
  const iface = /--flannel-iface[= ](\S+)/.exec(joined)?.[1];
  if (iface)
    f.notes.push(
      `flannel runs over ${iface} (--flannel-iface): its MTU, not the NIC's, is what the overlay must fit in.`,
    );
  // An agent takes its backend from the server: its command line says nothing of it.
  const sub = argv[argv.findIndex((w) => /(^|\/)k3s$/.test(w)) + 1];
  if (!m && sub === "agent") return { what: "a k3s agent command", facts: f };
  if (!m) {
    setCni(f, "flannel");
    f.notes.push(
      "k3s is installed without --flannel-backend: it runs flannel with its default backend, vxlan (not claimed from a default).",
    );
    return { what: "a k3s install command", facts: f };
  }
  if (m[1] === "none") {
    f.notes.push("k3s runs with --flannel-backend=none: flannel is off, another CNI is installed.");
    return { what: "a k3s command", facts: f };
  }
  setCni(f, "flannel");
  setEncapsulation(f, FLANNEL_BACKENDS[m[1]!] ?? "unknown");
  return { what: "a k3s command", facts: f };
}

/** Manifests whose published content states these facts (checked against the files themselves). */
const MANIFESTS: {
  file: RegExp;
  cni: ConfigFacts["cni"];
  encapsulation?: "vxlan" | "ipip";
  replacesProxy?: boolean;
  says: string;
}[] = [
  {
    file: /^kube-flannel\.ya?ml$/,
    cni: "flannel",
    encapsulation: "vxlan",
    says: "its net-conf.json Backend is vxlan",
  },
  {
    file: /^calico\.ya?ml$/,
    cni: "calico",
    encapsulation: "ipip",
    says: "its calico-node sets CALICO_IPV4POOL_IPIP Always",
  },
  {
    file: /^calico-vxlan\.ya?ml$/,
    cni: "calico",
    encapsulation: "vxlan",
    says: "its calico-node sets CALICO_IPV4POOL_VXLAN Always",
  },
  {
    file: /^canal\.ya?ml$/,
    cni: "flannel",
    encapsulation: "vxlan",
    says: "Canal: flannel (Backend vxlan) routes pods, Calico enforces policy",
  },
  {
    file: /^(tigera-operator|custom-resources)\.ya?ml$/,
    cni: "calico",
    says: "the Tigera operator; the encapsulation is in the Installation resource",
  },
  { file: /^weave-daemonset-k8s.*\.ya?ml$/, cni: "weave", says: "Weave Net's DaemonSet" },
  {
    file: /^antrea(-ipsec)?\.ya?ml$/,
    cni: "antrea",
    says: "Antrea's manifest; its tunnel settings are commented defaults in antrea-agent.conf",
  },
  {
    file: /^(kubeadm|generic)-kuberouter-all-features.*\.ya?ml$/,
    cni: "kube-router",
    replacesProxy: true,
    says: "kube-router with --run-service-proxy=true",
  },
  {
    file: /^(kubeadm|generic)-kuberouter.*\.ya?ml$/,
    cni: "kube-router",
    says: "kube-router's DaemonSet",
  },
  { file: /^quick-install\.ya?ml$/, cni: "cilium", says: "Cilium's quick-install manifest" },
];

function kubectlApply(argv: string[]): InstallCommand | null {
  const at = argv.findIndex((a) => a === "apply" || a === "create");
  if (at < 0) return null;
  const f = emptyFacts();
  const named: string[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    const a = argv[i]!;
    const url =
      a === "-f" || a === "--filename"
        ? argv[++i]
        : /^--filename=|^-f=?/.test(a) && a.length > 2
          ? a.replace(/^--filename=|^-f=?/, "")
          : undefined;
    if (!url) continue;
    const base = url.split(/[?#]/)[0]!.split("/").pop() ?? "";
    const m = MANIFESTS.find((x) => x.file.test(base));
    if (!m) continue;
    setCni(f, m.cni);
    if (m.encapsulation) setEncapsulation(f, m.encapsulation);
    if (m.replacesProxy) f.kubeProxyReplaced = true;
    named.push(`${base}: ${m.says}`);
  }
  if (!named.length) return null;
  f.notes.push(`Read from the manifest named, as published: ${named.join("; ")}.`);
  return { what: "a kubectl apply of a known manifest", facts: f };
}

/** The facts an install command states, or null when the line installs nothing this analyzer knows. */
export function installCommandFacts(line: string, stdin = false): InstallCommand | null {
  let argv: string[];
  try {
    argv = words(line);
  } catch {
    return null;
  }
  // Each command of a pipeline or list (`curl … | sh -s - --flannel-backend=…` is k3s's).
  const k = /k3s|get\.k3s\.io|INSTALL_K3S_EXEC/.test(line) ? k3s(argv) : null;
  if (k) return k;
  const cmds: string[][] = [[]];
  for (const w of argv) {
    if (["|", "&&", ";", "||"].includes(w)) cmds.push([]);
    else cmds[cmds.length - 1]!.push(w);
  }
  for (const c of cmds) {
    const args = c[0] === "sudo" ? c.slice(1) : c;
    const tool = (args[0] ?? "").split("/").pop();
    const hit =
      tool === "helm"
        ? helm(args, stdin)
        : tool === "cilium" || tool === "cilium-cli"
          ? cilium(args, stdin)
          : tool === "kubectl" || tool === "k" || tool === "oc"
            ? kubectlApply(args)
            : null;
    if (hit) return hit;
  }
  return null;
}
