/**
 * The lab's CNI: watches pods through the real API server and, for each pod on a lab node,
 * makes its network namespace (pod network) or picks its node's (host network), writes the
 * pod's files, creates the kwok Exec rule that lands exec in that namespace, and only then
 * annotates the pod as wired, which lets kwok mark it Running.
 */
import fs from "node:fs";
import path from "node:path";
import {
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  type V1EndpointSlice,
  type V1Pod,
  type V1Service,
} from "@kubernetes/client-node";
import { blackholeDns, startDnsServer, writeServiceHosts } from "./dns";
import { applyProxy, serviceRules } from "./proxy";
import { deleteNs, podResolvConf, wirePod } from "./net";
import { NODE_HOST_PATHS, paths } from "./paths";
import { isRealNode, nodePlan, scenarios, type Scenario } from "./scenarios";
import { WIRED } from "./stages";

const podNetns = (uid: string) => `ul-p-${uid.replace(/-/g, "").slice(0, 12)}`;
const hostIf = (uid: string) => `veth${uid.replace(/-/g, "").slice(0, 8)}`;
/** Each pod's own files: its resolv.conf and the list of binds its exec gets. */
const podDir = (uid: string) => path.join(paths.roots, "pods", uid);
const nodeIndex = (name?: string) => Number(/^lab-node-(\d+)$/.exec(name ?? "")?.[1] ?? 0);

function log(msg: string, extra: Record<string, unknown> = {}) {
  process.stdout.write(JSON.stringify({ at: new Date().toISOString(), msg, ...extra }) + "\n");
}

/** The files a pod sees: its resolv.conf, and hostPath volumes mounted at their own path. */
function writeMounts(s: Scenario, pod: V1Pod, node: number): string {
  const dir = podDir(pod.metadata!.uid!);
  fs.mkdirSync(dir, { recursive: true });
  const nodeRoot = path.join(paths.roots, nodePlan(s, node).netns);
  const lines: string[] = [];
  if (pod.spec?.hostNetwork && pod.spec.dnsPolicy !== "ClusterFirstWithHostNet") {
    lines.push(`${path.join(nodeRoot, "etc/resolv.conf")} /etc/resolv.conf`);
  } else {
    fs.writeFileSync(path.join(dir, "resolv.conf"), podResolvConf(pod.metadata!.namespace!));
    lines.push(`${path.join(dir, "resolv.conf")} /etc/resolv.conf`);
  }
  const volumes = new Map(
    (pod.spec?.volumes ?? []).filter((v) => v.hostPath).map((v) => [v.name, v.hostPath!.path]),
  );
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  for (const c of containers) {
    for (const m of c.volumeMounts ?? []) {
      const hostPath = volumes.get(m.name);
      if (hostPath && NODE_HOST_PATHS.includes(hostPath) && m.mountPath === hostPath)
        lines.push(`${path.join(nodeRoot, hostPath)} ${hostPath}`);
    }
  }
  const file = path.join(dir, "mounts");
  fs.writeFileSync(file, [...new Set(lines)].join("\n") + "\n");
  return file;
}

export async function main() {
  const state = JSON.parse(fs.readFileSync(paths.state, "utf8")) as { scenario: string };
  const s = scenarios[state.scenario]!;
  const kc = new KubeConfig();
  kc.loadFromFile(paths.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const inflight = new Set<string>();
  const wired = new Map<string, string>(); // uid -> netns made for it
  // host-local IPAM per node: .1 is the bridge, pods get .2 to .254, handed out round-robin from
  // the last one given (as host-local does), so a deleted pod's address is not reused at once.
  const leases = new Map<string, string>(); // uid -> pod IP
  const cursor = new Map<number, number>(); // node -> last host number handed out
  function allocate(uid: string, node: number, current?: string): string {
    if (current) return (leases.set(uid, current), current);
    const prefix = nodePlan(s, node).podCidr.replace(/\.0\/24$/, ".");
    const taken = new Set(leases.values());
    const last = cursor.get(node) ?? 1;
    for (let k = 1; k <= 253; k++) {
      const host = ((last - 2 + k) % 253) + 2;
      const ip = `${prefix}${host}`;
      if (!taken.has(ip)) {
        cursor.set(node, host);
        leases.set(uid, ip);
        return ip;
      }
    }
    throw new Error(`no free pod address left on lab-node-${node}`);
  }

  async function wire(pod: V1Pod) {
    const { uid, name, namespace } = pod.metadata!;
    const node = nodeIndex(pod.spec?.nodeName);
    if (!uid || !node || node > s.nodes || pod.metadata?.deletionTimestamp) return;
    if (isRealNode(s, node)) return; // its kubelet and CNI run it
    if (pod.metadata?.annotations?.[WIRED] === "true" || inflight.has(uid)) return;
    if (!pod.status?.hostIP) return; // kwok schedules it first (lab-pod-address stage)
    inflight.add(uid);
    try {
      const hostNetwork = !!pod.spec?.hostNetwork;
      const podIp = hostNetwork
        ? nodePlan(s, node).underlayIp
        : allocate(uid, node, pod.status?.podIP);
      let netns = nodePlan(s, node).netns;
      if (!hostNetwork) {
        netns = podNetns(uid);
        if (!wired.has(uid)) {
          await deleteNs(netns);
          await wirePod(s, { netns, hostIf: hostIf(uid), podIp, node });
          wired.set(uid, netns);
        }
      }
      const mounts = writeMounts(s, pod, node);
      const exec = {
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "Exec",
        metadata: {
          name,
          namespace,
          ownerReferences: [{ apiVersion: "v1", kind: "Pod", name, uid }],
        },
        spec: {
          execs: [
            {
              local: {
                envs: [
                  { name: "UNDERLAY_LAB_NETNS", value: netns },
                  { name: "UNDERLAY_LAB_MOUNTS", value: mounts },
                ],
              },
            },
          ],
        },
      };
      await custom
        .createNamespacedCustomObject({
          group: "kwok.x-k8s.io",
          version: "v1alpha1",
          namespace: namespace!,
          plural: "execs",
          body: exec,
        })
        .catch(async (e: { code?: number }) => {
          if (e.code !== 409) throw e;
          await custom.replaceNamespacedCustomObject({
            group: "kwok.x-k8s.io",
            version: "v1alpha1",
            namespace: namespace!,
            plural: "execs",
            name: name!,
            body: exec,
          });
        });
      const merge = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
      if (pod.status?.podIP !== podIp) {
        await core.patchNamespacedPodStatus(
          {
            name: name!,
            namespace: namespace!,
            body: { status: { podIP: podIp, podIPs: [{ ip: podIp }] } },
          },
          merge,
        );
      }
      await core.patchNamespacedPod(
        {
          name: name!,
          namespace: namespace!,
          body: { metadata: { annotations: { [WIRED]: "true" } } },
        },
        merge,
      );
      if (pod.metadata?.labels?.["k8s-app"] === "kube-dns" && !hostNetwork) {
        if (s.dnsBroken) await blackholeDns(netns);
        else startDnsServer(netns, podIp, uid);
      }
      log("wired", { pod: `${namespace}/${name}`, netns, podIp });
    } catch (e) {
      log("wire failed", {
        pod: `${namespace}/${name}`,
        error: String((e as Error).message ?? e).slice(0, 300),
      });
    } finally {
      inflight.delete(uid);
    }
  }

  async function unwire(pod: V1Pod) {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const netns = wired.get(uid);
    wired.delete(uid);
    leases.delete(uid);
    fs.rmSync(podDir(uid), { recursive: true, force: true });
    if (!netns) return;
    await deleteNs(netns);
    log("unwired", { pod: `${pod.metadata?.namespace}/${pod.metadata?.name}`, netns });
  }

  const informer = makeInformer(kc, "/api/v1/pods", () => core.listPodForAllNamespaces());
  informer.on("add", (p) => {
    // Addresses handed out before a restart stay taken.
    if (p.metadata?.uid && p.status?.podIP && !p.spec?.hostNetwork)
      leases.set(p.metadata.uid, p.status.podIP);
    void wire(p);
  });
  informer.on("update", (p) => void (p.metadata?.deletionTimestamp ? unwire(p) : wire(p)));
  informer.on("delete", (p) => void unwire(p));
  informer.on("error", (err) => {
    log("watch error, restarting", { error: String(err) });
    setTimeout(() => void informer.start(), 2000);
  });
  await informer.start();

  // kube-proxy and DNS: resync the node namespaces' DNAT rules and the DNS records on change.
  const services = makeInformer(kc, "/api/v1/services", () => core.listServiceForAllNamespaces());
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const slices = makeInformer(kc, "/apis/discovery.k8s.io/v1/endpointslices", () =>
    discovery.listEndpointSliceForAllNamespaces(),
  );
  let timer: NodeJS.Timeout | undefined;
  // A real node's own kube-proxy makes its Service rules.
  const nodeNs = Array.from({ length: s.nodes }, (_, i) => i + 1)
    .filter((i) => !isRealNode(s, i))
    .map((i) => nodePlan(s, i).netns);
  const sync = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const svcs = services.list() as V1Service[];
      writeServiceHosts(svcs);
      applyProxy(nodeNs, serviceRules(svcs, slices.list() as V1EndpointSlice[])).catch((e) =>
        log("proxy sync failed", { error: String(e).slice(0, 300) }),
      );
    }, 300);
  };
  const follow = async <T extends V1Service | V1EndpointSlice>(
    inf: ReturnType<typeof makeInformer<T>>,
  ) => {
    inf.on("add", sync);
    inf.on("update", sync);
    inf.on("delete", sync);
    inf.on("error", () => setTimeout(() => void inf.start(), 2000));
    await inf.start();
  };
  await follow(services);
  await follow(slices);
  sync();
  log("wirer started", { scenario: s.name });
  // Pods whose address arrived before the watch saw them: look again now and then.
  setInterval(() => informer.list().forEach((p) => void wire(p)), 2000).unref();
}

if (require.main === module) void main();
