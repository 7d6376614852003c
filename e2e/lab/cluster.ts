/** The control plane: kwokctl's binary runtime running our own builds, bound to 127.0.0.1. */
import fs from "node:fs";
import path from "node:path";
import { CACHE, CLUSTER_NAME, paths, RUN } from "./paths";
import { run, runWithProgress, tryRun } from "./run";
import { HOST_LINK } from "./real-node";
import { SERVICE_CIDR } from "./scenarios";
import { labPodStages } from "./stages";

export type Bin = { dir: string; kwokVersion: string; k8sVersion: string; cniVersion: string };

/** Builds (or finds) the binaries; build.sh prints the bin directory last. */
export async function ensureBinaries(): Promise<Bin> {
  const script = path.join(__dirname, "build.sh");
  const out = await runWithProgress(["bash", script]);
  const dir = out.trim().split("\n").pop()!;
  const kwokVersion = /kwok-(v[\d.]+)/.exec(dir)?.[1];
  const k8sVersion = /k8s-(v[\d.]+)/.exec(dir)?.[1];
  const cniVersion = fs
    .readdirSync(dir)
    .map((d) => /^cni-(v[\d.]+)$/.exec(d)?.[1])
    .find(Boolean);
  if (!kwokVersion || !k8sVersion || !cniVersion)
    throw new Error(`unexpected bin directory from build.sh: ${dir}`);
  return { dir, kwokVersion, k8sVersion, cniVersion };
}

const kwokctl = (bin: Bin, ...args: string[]) =>
  run([path.join(bin.dir, "kwokctl"), "--name", CLUSTER_NAME, ...args], {
    env: { ...process.env, KWOK_WORKDIR: paths.kwokWorkdir },
    timeoutMs: 300_000,
  });

/** KWOK's own node stages and pod-complete/pod-delete, read from the kwok module we built from. */
function upstreamStages(bin: Bin): string[] {
  const root = path.join(
    CACHE,
    "go",
    "mod",
    "sigs.k8s.io",
    `kwok@${bin.kwokVersion}`,
    "kustomize",
    "stage",
  );
  return [
    "node/fast/node-initialize.yaml",
    "node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
    "pod/fast/pod-complete.yaml",
    "pod/fast/pod-delete.yaml",
  ].map((f) => fs.readFileSync(path.join(root, f), "utf8"));
}

/**
 * With a real node: the API server listens beyond loopback (the node dials 172.31.0.1 from its
 * namespace; its certificate names that address) and presents a client certificate to kubelets,
 * whose webhook authorization then asks who it is, as in a cluster.
 */
function realNodeArgs(): { key: string; value: string }[] {
  const pki = paths.pki;
  return [
    { key: "bind-address", value: "0.0.0.0" },
    { key: "kubelet-client-certificate", value: path.join(pki, "admin.crt") },
    { key: "kubelet-client-key", value: path.join(pki, "admin.key") },
  ];
}

function kwokctlConfig(bin: Bin, gated: boolean, realNode: boolean): string {
  const b = (name: string) => path.join(bin.dir, name);
  const pathEnv = `${paths.shims}:${process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin"}`;
  const config = {
    apiVersion: "config.kwok.x-k8s.io/v1alpha1",
    kind: "KwokctlConfiguration",
    options: {
      runtime: "binary",
      bindAddress: "127.0.0.1",
      kubeVersion: bin.k8sVersion,
      kubeApiserverBinary: b("kube-apiserver"),
      kubeControllerManagerBinary: b("kube-controller-manager"),
      kubeSchedulerBinary: b("kube-scheduler"),
      kubectlBinary: b("kubectl"),
      kwokControllerBinary: b("kwok"),
      etcdBinary: b("etcd"),
      kubeAuthorization: true,
      enableCRDs: ["Exec"],
      nodeLeaseDurationSeconds: 40,
      ...(realNode ? { kubeApiserverCertSANs: [HOST_LINK.hostIp] } : {}),
    },
    componentsPatches: [
      // exec's cmd[0] is looked up on kwok's PATH: the lab's shims come first.
      {
        name: "kwok-controller",
        extraEnvs: [{ name: "PATH", value: pathEnv }],
        // kwokctl's binary runtime makes kwok every node's kubelet; a real node has its own.
        extraArgs: realNode
          ? [
              { key: "manage-all-nodes", value: "false" },
              { key: "manage-nodes-with-annotation-selector", value: "kwok.x-k8s.io/node=fake" },
            ]
          : [],
      },
      // kwok (every node's kubelet) listens on loopback; nodes carry it as their InternalDNS address.
      {
        name: "kube-apiserver",
        extraArgs: [
          { key: "kubelet-preferred-address-types", value: "InternalDNS,InternalIP,Hostname" },
          { key: "service-cluster-ip-range", value: SERVICE_CIDR },
          ...(realNode ? realNodeArgs() : []),
        ],
      },
    ],
  };
  return [JSON.stringify(config), ...upstreamStages(bin), ...labPodStages(gated)].join("\n---\n");
}

export async function createCluster(bin: Bin, gated: boolean, realNode = false) {
  fs.mkdirSync(RUN, { recursive: true });
  fs.writeFileSync(paths.config, kwokctlConfig(bin, gated, realNode));
  // Big clusters: no client-side QPS limits in the controllers (kwok must keep up with 100k pods).
  await kwokctl(
    bin,
    "create",
    "cluster",
    "--config",
    paths.config,
    "--kubeconfig",
    paths.kubeconfig,
    "--wait",
    "120s",
    ...(gated ? [] : ["--disable-qps-limits"]),
  );
}

export async function deleteCluster(bin: Bin | null) {
  const kwokctlBin = bin ? path.join(bin.dir, "kwokctl") : findKwokctl();
  if (kwokctlBin && fs.existsSync(path.join(paths.kwokWorkdir, "clusters", CLUSTER_NAME))) {
    await tryRun([
      kwokctlBin,
      "--name",
      CLUSTER_NAME,
      "delete",
      "cluster",
      "--kubeconfig",
      paths.kubeconfig,
    ]);
  }
}

function findKwokctl(): string | null {
  const binRoot = path.join(CACHE, "bin");
  if (!fs.existsSync(binRoot)) return null;
  for (const d of fs.readdirSync(binRoot)) {
    const p = path.join(binRoot, d, "kwokctl");
    if (fs.existsSync(p)) return p;
  }
  return null;
}

export function kubectl(bin: Bin, args: string[], input?: string) {
  return run([path.join(bin.dir, "kubectl"), "--kubeconfig", paths.kubeconfig, ...args], {
    input,
    timeoutMs: 300_000,
  });
}

/** Applies objects (JSON documents) through the real API server. */
export async function apply(bin: Bin, objects: unknown[]) {
  if (!objects.length) return;
  const list = { apiVersion: "v1", kind: "List", items: objects };
  await kubectl(
    bin,
    ["apply", "--server-side", "--field-manager=underlay-lab", "-f", "-"],
    JSON.stringify(list),
  );
}
