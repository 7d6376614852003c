/**
 * The scale scenario: thousands of KWOK nodes, a hundred thousand pods and thousands of
 * Services, created through the real API server (no network namespaces). Pods are bound to
 * nodes directly, as a scheduler would have, so the figures measure Underlay, not the scheduler.
 */
import { CoreV1Api, type V1Node, type V1Pod, type V1Service } from "@kubernetes/client-node";
import { PooledKubeConfig } from "../../server/kube/pooled-kubeconfig";

const ZONES = ["zone-a", "zone-b", "zone-c"];
export const SCALE_NAMESPACES = 50;

export function scaleNode(i: number): V1Node {
  const name = `kwok-node-${i}`;
  return {
    metadata: {
      name,
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "topology.kubernetes.io/zone": ZONES[i % ZONES.length]!,
        type: "kwok",
      },
      annotations: {
        "kwok.x-k8s.io/node": "fake",
        "flannel.alpha.coreos.com/backend-type": "vxlan",
        "flannel.alpha.coreos.com/public-ip": nodeIp(i),
      },
    },
    spec: { podCIDR: podCidr(i), podCIDRs: [podCidr(i)] },
    status: {
      addresses: [
        { type: "InternalIP", address: nodeIp(i) },
        { type: "Hostname", address: name },
        { type: "InternalDNS", address: "127.0.0.1" },
      ],
    },
  };
}
const nodeIp = (i: number) =>
  `172.${16 + Math.floor(i / 65024)}.${Math.floor((i % 65024) / 254)}.${(i % 254) + 1}`;
const podCidr = (i: number) => `100.${64 + Math.floor(i / 256)}.${i % 256}.0/24`;

/** Runs `work` for 0..n-1 with at most `limit` in flight; reports progress now and then. */
async function pool(
  n: number,
  limit: number,
  label: string,
  work: (i: number) => Promise<unknown>,
) {
  let next = 0;
  let done = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          await work(i);
          break;
        } catch (e) {
          const code = (e as { code?: number }).code;
          if (code === 409) break; // already there (a rerun)
          if (attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        }
      }
      if (++done % 5000 === 0 || done === n)
        process.stderr.write(
          `[lab] ${label}: ${done}/${n} (${Math.round(done / ((Date.now() - started) / 1000))}/s)\n`,
        );
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export async function populateScale(
  kubeconfig: string,
  size: { nodes: number; pods: number; services: number },
) {
  const kc = new PooledKubeConfig(); // one TLS connection per socket, not one per object
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const namespaces = Array.from({ length: SCALE_NAMESPACES }, (_, i) => `team-${i}`);
  await pool(namespaces.length, 10, "namespaces", (i) =>
    core.createNamespace({ body: { metadata: { name: namespaces[i] } } }),
  );
  await pool(size.nodes, 64, "nodes", (i) => core.createNode({ body: scaleNode(i) }));
  const perService = Math.max(1, Math.floor(size.pods / size.services));
  await pool(size.services, 32, "services", (i) => {
    const svc: V1Service = {
      metadata: { name: `svc-${i}` },
      spec: {
        selector: { app: `app-${i}` },
        ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
      },
    };
    return core.createNamespacedService({
      namespace: namespaces[i % namespaces.length]!,
      body: svc,
    });
  });
  await pool(size.pods, 96, "pods", (i) => {
    const app = Math.floor(i / perService) % size.services;
    const pod: V1Pod = {
      metadata: { name: `app-${app}-${i}`, labels: { app: `app-${app}` } },
      spec: {
        nodeName: `kwok-node-${i % size.nodes}`,
        containers: [
          { name: "app", image: "registry.k8s.io/pause:3.10", ports: [{ containerPort: 8080 }] },
        ],
        tolerations: [{ operator: "Exists" }],
      },
    };
    return core.createNamespacedPod({ namespace: namespaces[app % namespaces.length]!, body: pod });
  });
}
