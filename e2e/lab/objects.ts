/**
 * What the lab puts in the cluster: nodes as the CNI annotates them, and the CNI's and
 * kube-proxy's own DaemonSets and ConfigMaps, as their upstream manifests create them.
 */
import {
  CLUSTER_DNS_IP,
  isRealNode,
  nodePlan,
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  type Scenario,
} from "./scenarios";

const json = (v: unknown) => JSON.stringify(v);

export function nodeObjects(s: Scenario) {
  return Array.from({ length: s.nodes }, (_, k) => {
    const n = nodePlan(s, k + 1);
    const real = isRealNode(s, k + 1);
    const annotations: Record<string, string> =
      s.cni === "flannel"
        ? {
            "flannel.alpha.coreos.com/backend-type": "vxlan",
            "flannel.alpha.coreos.com/backend-data": json({ VNI: 1, VtepMAC: n.vtepMac }),
            "flannel.alpha.coreos.com/kube-subnet-manager": "true",
            "flannel.alpha.coreos.com/public-ip": n.underlayIp,
          }
        : {
            "projectcalico.org/IPv4Address": `${n.underlayIp}/24`,
            "projectcalico.org/IPv4VXLANTunnelAddr": n.vtepIp,
          };
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: n.name,
        labels: {
          "kubernetes.io/hostname": n.name,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          "topology.kubernetes.io/zone": n.zone,
          ...(real ? { [REAL_NODE_LABEL]: "real" } : { type: "kwok" }),
        },
        annotations: {
          ...annotations,
          "node.alpha.kubernetes.io/ttl": "0",
          ...(real ? {} : { "kwok.x-k8s.io/node": "fake" }),
        },
      },
      // A real node's kubelet registers into this object and reports its own status. Its taint
      // keeps the lab's workloads (whose images no registry serves here) off it; debug pods
      // tolerate every taint.
      spec: {
        podCIDR: n.podCidr,
        podCIDRs: [n.podCidr],
        ...(real
          ? { taints: [{ key: REAL_NODE_TAINT, value: "true", effect: "NoSchedule" }] }
          : {}),
      },
      status: real
        ? undefined
        : {
            // InternalDNS is where the API server reaches this node's kubelet (kwok, on loopback);
            // InternalIP is the node's real address inside the lab network.
            addresses: [
              { type: "InternalIP", address: n.underlayIp },
              { type: "Hostname", address: n.name },
              { type: "InternalDNS", address: "127.0.0.1" },
            ],
          },
    };
  });
}

const tolerateAll = [{ operator: "Exists" }];

function daemonSet(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  image: string,
  extra: Record<string, unknown>,
  volumes: { name: string; path: string; mountPath: string }[],
) {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          priorityClassName: "system-node-critical",
          // Not on a real node until the lab builds these images (flanneld, kube-proxy): there
          // the lab's wirer still makes the overlay and the Service DNAT.
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: REAL_NODE_LABEL, operator: "DoesNotExist" }] },
                ],
              },
            },
          },
          tolerations: tolerateAll,
          containers: [
            {
              name: name.replace(/-ds$/, ""),
              image,
              securityContext: { privileged: true },
              volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
              ...extra,
            },
          ],
          volumes: volumes.map((v) => ({ name: v.name, hostPath: { path: v.path } })),
        },
      },
    },
  };
}

export const flannelConflist = {
  name: "cbr0",
  cniVersion: "0.3.1",
  plugins: [
    { type: "flannel", delegate: { hairpinMode: true, isDefaultGateway: true } },
    { type: "portmap", capabilities: { portMappings: true } },
  ],
};

export function calicoConflist(s: Scenario, node: string) {
  return {
    name: "k8s-pod-network",
    cniVersion: "0.3.1",
    plugins: [
      {
        type: "calico",
        log_level: "info",
        log_file_path: "/var/log/calico/cni/cni.log",
        datastore_type: "kubernetes",
        nodename: node,
        mtu: s.overlayMtu,
        ipam: { type: "calico-ipam" },
        policy: { type: "k8s" },
        kubernetes: { kubeconfig: "/etc/cni/net.d/calico-kubeconfig" },
      },
      { type: "portmap", snat: true, capabilities: { portMappings: true } },
      { type: "bandwidth", capabilities: { bandwidth: true } },
    ],
  };
}

/** /run/flannel/subnet.env as flanneld writes it on node i. */
export function flannelSubnetEnv(s: Scenario, i: number) {
  const n = nodePlan(s, i);
  return `FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=${n.bridgeIp}/24\nFLANNEL_MTU=${s.overlayMtu}\nFLANNEL_IPMASQ=true\n`;
}

export function cniObjects(s: Scenario): unknown[] {
  if (s.cni === "flannel") {
    const labels = { app: "flannel", "k8s-app": "flannel", tier: "node" };
    // flannel (>= v0.21.3) makes flannel.1 and FLANNEL_MTU the Backend's MTU - 50, and takes the
    // external interface's MTU when the Backend names none. The lab's misconfigured scenarios
    // pin it, as an operator would have.
    const backend =
      s.overlayMtu + 50 === s.underlayMtu
        ? { Type: "vxlan" }
        : { Type: "vxlan", MTU: s.overlayMtu + 50 };
    return [
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: "kube-flannel",
          labels: { "pod-security.kubernetes.io/enforce": "privileged" },
        },
      },
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "kube-flannel-cfg", namespace: "kube-flannel", labels },
        data: {
          "cni-conf.json": JSON.stringify(flannelConflist, null, 2),
          "net-conf.json": JSON.stringify(
            { Network: "10.244.0.0/16", EnableNFTables: false, Backend: backend },
            null,
            2,
          ),
        },
      },
      daemonSet(
        "kube-flannel-ds",
        "kube-flannel",
        labels,
        "ghcr.io/flannel-io/flannel:v0.28.9",
        { args: ["--ip-masq", "--kube-subnet-mgr"] },
        [
          { name: "run", path: "/run/flannel", mountPath: "/run/flannel" },
          { name: "cni", path: "/etc/cni/net.d", mountPath: "/etc/cni/net.d" },
        ],
      ),
    ];
  }
  const labels = { "k8s-app": "calico-node" };
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "calico-config", namespace: "kube-system" },
      data: {
        typha_service_name: "none",
        calico_backend: "vxlan",
        veth_mtu: String(s.overlayMtu),
        cni_network_config: JSON.stringify(
          calicoConflist(s, "__KUBERNETES_NODE_NAME__"),
          null,
          2,
        ).replace(String(s.overlayMtu), "__CNI_MTU__"),
      },
    },
    daemonSet(
      "calico-node",
      "kube-system",
      labels,
      "docker.io/calico/node:v3.31.3",
      {
        env: [
          {
            name: "CALICO_NETWORKING_BACKEND",
            valueFrom: { configMapKeyRef: { name: "calico-config", key: "calico_backend" } },
          },
          { name: "CALICO_IPV4POOL_VXLAN", value: "Always" },
          { name: "CALICO_IPV4POOL_IPIP", value: "Never" },
          { name: "CALICO_IPV4POOL_CIDR", value: "10.244.0.0/16" },
          {
            name: "FELIX_VXLANMTU",
            valueFrom: { configMapKeyRef: { name: "calico-config", key: "veth_mtu" } },
          },
        ],
      },
      [
        { name: "cni-net-dir", path: "/etc/cni/net.d", mountPath: "/etc/cni/net.d" },
        { name: "var-run-calico", path: "/var/run/calico", mountPath: "/var/run/calico" },
      ],
    ),
  ];
}

/** The kube-proxy ConfigMap's config.conf: what a real node's kube-proxy runs with. */
export const KUBE_PROXY_CONFIG = [
  "apiVersion: kubeproxy.config.k8s.io/v1alpha1",
  "kind: KubeProxyConfiguration",
  "clusterCIDR: 10.244.0.0/16",
  "mode: iptables",
  "iptables:",
  "  masqueradeAll: false",
  "  syncPeriod: 30s",
  "",
].join("\n");

export function kubeProxyObjects(): unknown[] {
  const labels = { "k8s-app": "kube-proxy" };
  const config = KUBE_PROXY_CONFIG;
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "kube-proxy", namespace: "kube-system", labels: { app: "kube-proxy" } },
      data: { "config.conf": config },
    },
    daemonSet(
      "kube-proxy",
      "kube-system",
      labels,
      "registry.k8s.io/kube-proxy:v1.36.3",
      { command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf"] },
      [],
    ),
  ];
}

export function dnsObjects(): unknown[] {
  const labels = { "k8s-app": "kube-dns" };
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "coredns", namespace: "kube-system", labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: "system-cluster-critical",
            tolerations: tolerateAll,
            containers: [
              {
                name: "coredns",
                image: "registry.k8s.io/coredns/coredns:v1.12.1",
                args: ["-conf", "/etc/coredns/Corefile"],
                ports: [
                  { name: "dns", containerPort: 53, protocol: "UDP" },
                  { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: { ...labels, "kubernetes.io/name": "CoreDNS" },
      },
      spec: {
        clusterIP: CLUSTER_DNS_IP,
        selector: labels,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        ],
      },
    },
  ];
}

export function underlayNamespace(): unknown {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: "underlay-system",
      labels: { "pod-security.kubernetes.io/enforce": "privileged" },
    },
  };
}

/** A small shop: two versions of a web app behind a Gateway API HTTPRoute that splits 90/10. */
export function shopObjects(): unknown[] {
  const ns = "shop";
  const app = (version: string, replicas: number) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `web-${version}`, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web", version } },
      template: {
        metadata: { labels: { app: "web", version } },
        spec: {
          containers: [
            {
              name: "web",
              image: "registry.k8s.io/e2e-test-images/agnhost:2.53",
              args: ["netexec", "--http-port=8080"],
              ports: [{ containerPort: 8080, name: "http" }],
            },
          ],
        },
      },
    },
  });
  const svc = (version: string) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `web-${version}`, namespace: ns },
    spec: {
      selector: { app: "web", version },
      ports: [{ name: "http", port: 80, targetPort: 8080 }],
    },
  });
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    app("v1", 2),
    app("v2", 1),
    svc("v1"),
    svc("v2"),
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: "lab" },
      spec: { controllerName: "underlay.dev/lab" },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: "shop-gw", namespace: ns },
      spec: { gatewayClassName: "lab", listeners: [{ name: "http", protocol: "HTTP", port: 80 }] },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "web", namespace: ns },
      spec: {
        parentRefs: [{ name: "shop-gw" }],
        rules: [
          {
            backendRefs: [
              { name: "web-v1", port: 80, weight: 90 },
              { name: "web-v2", port: 80, weight: 10 },
            ],
          },
        ],
      },
    },
  ];
}
