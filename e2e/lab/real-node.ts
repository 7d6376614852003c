/**
 * A real lab node: the kubelet built from the control plane's own k8s.io/kubernetes module, with
 * Debian's containerd and runc, in the node's network namespace (real-node.sh). It joins with a
 * node identity (system:node:<name>, group system:nodes) signed by the lab's CA, so the API
 * server's Node authorizer and the kubelet's own webhook authorization apply as in a cluster.
 * KWOK stays the kubelet of every other node.
 */
import fs from "node:fs";
import path from "node:path";
import type { Bin } from "./cluster";
import { paths, RUN } from "./paths";
import { parse } from "yaml";
import { KUBE_PROXY_CONFIG } from "./objects";
import { daemon, run, runWithProgress, tryRun } from "./run";
import { CLUSTER_DNS_IP, nodePlan, type Scenario } from "./scenarios";

/** The control plane's side of the fabric: the host reaches node addresses, nodes reach the API. */
export const HOST_LINK = {
  host: "ul-host",
  fabric: "h0",
  hostIp: "172.31.0.1",
  fabricIp: "172.31.0.254",
};

export const realNodeDir = (name: string) => path.join(RUN, "real", name);
/** Every real node's pods live under this cgroup (cgroupfs driver, cgroup v1 and v2 alike). */
export const cgroupRoot = (name: string) => `/underlay-lab-${name}`;

export type Images = { dir: string; netshoot: string; pause: string };

/** Builds (or finds) the lab's images; image.sh prints their directory last. */
export async function ensureImages(): Promise<Images> {
  const out = await runWithProgress(["bash", path.join(__dirname, "image.sh")]);
  const dir = out.trim().split("\n").pop()!;
  const tag = path.basename(dir);
  return { dir, netshoot: `underlay.lab/netshoot:${tag}`, pause: `underlay.lab/pause:${tag}` };
}

export function containerdConfig(dir: string, cniBin: string, pauseImage: string): string {
  return `version = 2
root = "${dir}/containerd/root"
state = "${dir}/containerd/state"
[grpc]
  address = "${dir}/containerd.sock"
[ttrpc]
  address = "${dir}/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "${dir}/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${pauseImage}"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  netns_mounts_under_state_dir = true
  # The lab's hosts deny CAP_SYS_RESOURCE: no process may lower its oom_score_adj, and runc fails
  # to start a sandbox at the CRI's -998. Restricted, nothing goes below containerd's own score.
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${cniBin}"
    conf_dir = "/etc/cni/net.d"
`;
}

export function kubeletConfig(s: Scenario, i: number, dir: string): unknown {
  const n = nodePlan(s, i);
  return {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    // The lab's hosts mount cgroup v1 (with a unified mount beside it); kubelet >= 1.35 refuses
    // v1 unless told (KEP-5573). No systemd: the cgroupfs driver, under a root of this node's own.
    failCgroupV1: false,
    cgroupDriver: "cgroupfs",
    cgroupRoot: cgroupRoot(n.name),
    cgroupsPerQOS: true,
    enforceNodeAllocatable: ["pods"],
    containerRuntimeEndpoint: `unix://${dir}/containerd.sock`,
    address: n.underlayIp,
    port: 10250,
    readOnlyPort: 0,
    healthzBindAddress: "127.0.0.1",
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: path.join(paths.pki, "ca.crt") },
    },
    authorization: { mode: "Webhook" },
    clusterDNS: [CLUSTER_DNS_IP],
    clusterDomain: "cluster.local",
    resolvConf: path.join(paths.roots, n.netns, "etc/resolv.conf"),
    failSwapOn: false,
    volumePluginDir: path.join(dir, "volume-plugins"),
    // The node shares the host's disk with everything else on it: evict only when it is nearly full.
    evictionHard: {
      "memory.available": "100Mi",
      "nodefs.available": "2%",
      "imagefs.available": "2%",
    },
    imageGCHighThresholdPercent: 95,
    imageGCLowThresholdPercent: 90,
    rotateCertificates: false,
    serializeImagePulls: false,
    nodeStatusUpdateFrequency: "10s",
  };
}

/**
 * kube-proxy as its DaemonSet would run it on this node: the kube-proxy ConfigMap's config, in
 * the mode it names, with the node's name and its own identity. The conntrack table size is the
 * host's (not a network namespace's) to set: left alone.
 */
export function kubeProxyConfig(s: Scenario, i: number, dir: string): unknown {
  const n = nodePlan(s, i);
  return {
    ...(parse(KUBE_PROXY_CONFIG) as Record<string, unknown>),
    clientConnection: { kubeconfig: path.join(dir, "kube-proxy.kubeconfig") },
    hostnameOverride: n.name,
    bindAddress: n.underlayIp,
    healthzBindAddress: "127.0.0.1:10256",
    metricsBindAddress: "127.0.0.1:10249",
    conntrack: { maxPerCore: 0 },
  };
}

function kubeconfig(apiPort: string, user: string, dir: string): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "lab",
        cluster: {
          server: `https://${HOST_LINK.hostIp}:${apiPort}`,
          "certificate-authority": path.join(paths.pki, "ca.crt"),
        },
      },
    ],
    users: [
      {
        name: "node",
        user: {
          "client-certificate": path.join(dir, `${user}.crt`),
          "client-key": path.join(dir, `${user}.key`),
        },
      },
    ],
    contexts: [{ name: "node", context: { cluster: "lab", user: "node" } }],
    "current-context": "node",
  });
}

/**
 * A client identity signed by the lab's CA, as <dir>/<file>.crt and .key: the node's
 * (CN=system:node:<name>, O=system:nodes) or kube-proxy's (CN=system:kube-proxy, bound to
 * system:node-proxier by the API server's default policy).
 */
async function signIdentity(dir: string, file: string, subject: string) {
  const key = path.join(dir, `${file}.key`);
  const csr = path.join(dir, `${file}.csr`);
  const ext = path.join(dir, `${file}.ext`);
  fs.writeFileSync(
    ext,
    "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n",
  );
  await run(["openssl", "genrsa", "-out", key, "2048"]);
  await run(["openssl", "req", "-new", "-key", key, "-subj", subject, "-out", csr]);
  await run([
    "openssl",
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    path.join(paths.pki, "ca.crt"),
    "-CAkey",
    path.join(paths.pki, "ca.key"),
    "-CAcreateserial",
    "-CAserial",
    path.join(dir, "ca.srl"),
    "-days",
    "30",
    "-extfile",
    ext,
    "-out",
    path.join(dir, `${file}.crt`),
  ]);
}

/** The API server's port, from the kubeconfig kwokctl wrote. */
export function apiPort(): string {
  const server = /server:\s*https:\/\/[^:]+:(\d+)/.exec(fs.readFileSync(paths.kubeconfig, "utf8"));
  if (!server) throw new Error(`no API server address in ${paths.kubeconfig}`);
  return server[1]!;
}

function cgroupHierarchies(): string[] {
  const base = "/sys/fs/cgroup";
  if (fs.existsSync(path.join(base, "cgroup.controllers"))) return [base]; // cgroup v2
  return fs
    .readdirSync(base)
    .map((d) => path.join(base, d))
    .filter(
      (d) => fs.existsSync(path.join(d, "cgroup.procs")) && !fs.lstatSync(d).isSymbolicLink(),
    );
}

/** The cgroup directories a real node's pods live under, that exist now. */
export const nodeCgroups = (name: string) =>
  cgroupHierarchies()
    .map((h) => h + cgroupRoot(name))
    .filter((d) => fs.existsSync(d));

/** Starts containerd and the kubelet of node i; returns the launcher's pid. */
export async function startRealNode(
  s: Scenario,
  i: number,
  bin: Bin,
  images: Images,
): Promise<number> {
  const n = nodePlan(s, i);
  const dir = realNodeDir(n.name);
  fs.mkdirSync(path.join(dir, "pki"), { recursive: true });
  for (const h of cgroupHierarchies()) fs.mkdirSync(h + cgroupRoot(n.name), { recursive: true });
  await signIdentity(dir, "node", `/O=system:nodes/CN=system:node:${n.name}`);
  await signIdentity(dir, "kube-proxy", "/CN=system:kube-proxy");
  const cniBin = path.join(bin.dir, `cni-${bin.cniVersion}`);
  fs.writeFileSync(path.join(dir, "containerd.toml"), containerdConfig(dir, cniBin, images.pause));
  fs.writeFileSync(
    path.join(dir, "kubelet.yaml"),
    JSON.stringify(kubeletConfig(s, i, dir), null, 2),
  );
  fs.writeFileSync(path.join(dir, "kubelet.kubeconfig"), kubeconfig(apiPort(), "node", dir));
  fs.writeFileSync(
    path.join(dir, "kube-proxy.kubeconfig"),
    kubeconfig(apiPort(), "kube-proxy", dir),
  );
  fs.writeFileSync(
    path.join(dir, "kube-proxy.yaml"),
    JSON.stringify(kubeProxyConfig(s, i, dir), null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "node.env"),
    [
      `IMAGES=${images.dir}`,
      `KUBELET=${path.join(bin.dir, "kubelet")}`,
      `KUBE_PROXY=${path.join(bin.dir, "kube-proxy")}`,
      `NODE_NAME=${n.name}`,
      `NODE_IP=${n.underlayIp}`,
    ].join("\n") + "\n",
  );
  return daemon(
    [
      "nsenter",
      `--net=/run/netns/${n.netns}`,
      "--",
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "--",
      "bash",
      path.join(__dirname, "real-node.sh"),
      dir,
      path.join(paths.roots, n.netns),
    ],
    path.join(dir, "launcher.log"),
  );
}

/**
 * Kills what a real node leaves when its daemons stop (the containers' processes, reparented
 * when their shims go) and removes its cgroups, deepest first.
 */
export async function stopRealNode(name: string) {
  const roots = cgroupHierarchies().map((h) => h + cgroupRoot(name));
  const dirs = (root: string): string[] =>
    fs.existsSync(root)
      ? [
          ...fs
            .readdirSync(root, { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .flatMap((e) => dirs(path.join(root, e.name))),
          root,
        ]
      : [];
  for (let round = 0; round < 20; round++) {
    const pids = new Set(
      roots
        .flatMap(dirs)
        .flatMap((d) =>
          fs.readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n").filter(Boolean),
        ),
    );
    if (!pids.size) break;
    for (const pid of pids) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        /* gone already */
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const d of roots.flatMap(dirs)) await tryRun(["rmdir", d]);
}
