// The Helm chart, rendered by the real helm binary: RBAC exactly as documented, the debug namespace's
// Pod Security labels, a locked-down Deployment, the token Secret's wiring, the oauth2-proxy variant,
// and the renders it refuses.
import { execFileSync } from "node:child_process";
import type {
  KubernetesObject,
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1Namespace,
  V1PodSpec,
  V1PolicyRule,
  V1Secret,
  V1Service,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { CHART_DIR, helmBinary, helmTemplate, parseManifests, renderRbac, setArgs } from "./rbac";

const release = "underlay";
const namespace = "underlay";
const render = (values: Record<string, string> = {}) =>
  parseManifests(helmTemplate({ release, namespace, values }));
const find = <T>(objects: KubernetesObject[], kind: string) =>
  objects.find((o) => o.kind === kind) as T;
const refused = (values: Record<string, string>) => {
  try {
    helmTemplate({ release, namespace, values });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("helm rendered the chart");
};
const envOf = (d: V1Deployment, container = "underlay") => {
  const c = d.spec!.template.spec!.containers.find((x) => x.name === container)!;
  return Object.fromEntries((c.env ?? []).map((e) => [e.name, e])) as Record<string, V1EnvVar>;
};

const TOKEN = "chart-test-admin-token-0123456789";
const SIDECAR = {
  "auth.mode": "proxy",
  "oauth2Proxy.enabled": "true",
  "oauth2Proxy.existingSecret": "oauth2-proxy",
  "auth.tokens.admin": "",
};
const NO_AUTH =
  "auth.mode must be token or proxy: Underlay launches privileged pods on your nodes and refuses to listen without authentication.";

const CLUSTER_RULES: V1PolicyRule[] = [
  { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["services"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
  { apiGroups: [""], resources: ["namespaces"], verbs: ["get"] },
  { apiGroups: ["apps"], resources: ["daemonsets"], verbs: ["list"] },
  {
    apiGroups: [""],
    resources: ["configmaps"],
    resourceNames: [
      "kube-flannel-cfg",
      "calico-config",
      "cni-config",
      "cilium-config",
      "antrea-config",
      "kube-router-cfg",
      "ovn-config",
      "weave-net",
      "kube-proxy",
    ],
    verbs: ["get"],
  },
  {
    apiGroups: ["apiextensions.k8s.io"],
    resources: ["customresourcedefinitions"],
    verbs: ["list"],
  },
  {
    apiGroups: ["gateway.networking.k8s.io"],
    resources: ["gateways", "httproutes"],
    verbs: ["list", "watch"],
  },
  { apiGroups: ["operator.tigera.io"], resources: ["installations"], verbs: ["list"] },
  {
    apiGroups: ["crd.projectcalico.org"],
    resources: ["ippools", "felixconfigurations"],
    verbs: ["list"],
  },
];
// The exec is a WebSocket (an HTTP GET): authorized as get, and from 1.35 also as create.
const EXEC: V1PolicyRule = { apiGroups: [""], resources: ["pods/exec"], verbs: ["create", "get"] };
const ROLE_RULES: V1PolicyRule[] = [
  { apiGroups: [""], resources: ["pods"], verbs: ["create", "delete"] },
  EXEC,
  { apiGroups: [""], resources: ["events"], verbs: ["list"] },
];
const ATTACH_RULES: V1PolicyRule[] = [
  { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch"] },
  EXEC,
];

// Builds helm on the first run (minutes); a no-op afterwards.
beforeAll(() => void helmBinary(), 20 * 60_000);

describe("helm lint", () => {
  it.each([
    ["token", {}],
    ["oauth2-proxy sidecar", SIDECAR],
    [
      "proxy with trusted addresses",
      { "auth.mode": "proxy", "auth.proxy.trustedProxies": "{10.0.0.0/8,192.168.1.10}" },
    ],
  ])("passes --strict with %s values", (_, values) => {
    const out = execFileSync(
      helmBinary(),
      [
        "lint",
        CHART_DIR,
        "--strict",
        ...setArgs({
          "image.repository": "r/underlay",
          "auth.mode": "token",
          "auth.tokens.admin": TOKEN,
          ...values,
        }),
      ],
      { encoding: "utf8" },
    );
    expect(out).toContain("0 chart(s) failed");
  });
});

describe("RBAC", () => {
  let rbac: ReturnType<typeof renderRbac>;
  beforeAll(() => void (rbac = renderRbac({ namespace, release })));

  it("grants the ClusterRole's rules exactly, one per resource group: reads, and nothing that changes a pod", () => {
    expect(rbac.clusterRole.rules).toEqual(CLUSTER_RULES);
    const writes = ["create", "update", "patch", "delete", "deletecollection"];
    for (const r of rbac.clusterRole.rules!)
      expect(
        r.verbs.filter((v) => writes.includes(v)),
        JSON.stringify(r),
      ).toEqual([]);
  });

  it("grants attach (ephemeral containers, exec) across the cluster only while attach is unrestricted", () => {
    expect(rbac.attachRole.rules).toEqual(ATTACH_RULES);
    expect(rbac.attachBindings.map((b) => b.kind)).toEqual(["ClusterRoleBinding"]);
    const limited = renderRbac({
      namespace,
      release,
      values: { "attach.namespaces": "{shop,payments}" },
    });
    expect(limited.attachBindings.map((b) => [b.kind, b.metadata?.namespace])).toEqual([
      ["RoleBinding", "shop"],
      ["RoleBinding", "payments"],
    ]);
    for (const b of limited.attachBindings)
      expect(b.roleRef).toEqual({
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: limited.attachRole.metadata!.name,
      });
    const env = envOf(
      find<V1Deployment>(render({ "attach.namespaces": "{shop,payments}" }), "Deployment"),
    );
    expect(env.UNDERLAY_ATTACH_NAMESPACES?.value).toBe("shop,payments");
    expect(
      envOf(find<V1Deployment>(render(), "Deployment")).UNDERLAY_ATTACH_NAMESPACES,
    ).toBeUndefined();
  });

  it("grants the Role's rules exactly, in the debug namespace", () => {
    expect(rbac.role.metadata?.namespace).toBe("underlay-system");
    expect(rbac.role.rules).toEqual(ROLE_RULES);
    expect(rbac.roleBinding.metadata?.namespace).toBe("underlay-system");
  });

  it("binds both to the chart's ServiceAccount in the release's namespace", () => {
    const subject = {
      kind: "ServiceAccount",
      name: rbac.serviceAccount!.metadata!.name,
      namespace,
    };
    expect(rbac.clusterRoleBinding.subjects).toEqual([subject]);
    expect(rbac.roleBinding.subjects).toEqual([subject]);
    expect(rbac.clusterRoleBinding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: rbac.clusterRole.metadata!.name,
    });
    expect(rbac.roleBinding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: rbac.role.metadata!.name,
    });
    expect(rbac.serviceAccount!.automountServiceAccountToken).toBe(true);
  });

  it("names no wildcard verb, resource or group in any rendering", () => {
    for (const values of [{}, SIDECAR, { "debugNamespace.name": "netdebug" }] as Record<
      string,
      string
    >[]) {
      for (const o of render(values) as { rules?: V1PolicyRule[] }[]) {
        for (const r of o.rules ?? [])
          expect([...r.verbs, ...(r.resources ?? []), ...(r.apiGroups ?? [])]).not.toContain("*");
      }
    }
  });

  it("follows debugNamespace.name and leaves the namespace out when it is not created", () => {
    const other = renderRbac({
      namespace,
      release,
      values: { "debugNamespace.name": "netdebug", "debugNamespace.create": "false" },
    });
    expect(other.role.metadata?.namespace).toBe("netdebug");
    expect(other.namespace).toBeUndefined();
    expect(other.objects.map((o) => o.kind)).toEqual([
      "ServiceAccount",
      "ClusterRole",
      "ClusterRoleBinding",
      "Role",
      "RoleBinding",
      "ClusterRole",
      "ClusterRoleBinding",
    ]);
  });
});

describe("debug namespace", () => {
  it("is created privileged for Pod Security and marked as Underlay's", () => {
    const ns = find<V1Namespace>(render(), "Namespace");
    expect(ns.metadata?.name).toBe("underlay-system");
    expect(ns.metadata?.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/audit": "privileged",
      "pod-security.kubernetes.io/warn": "privileged",
      "app.kubernetes.io/managed-by": "underlay",
    });
  });
});

describe("Deployment", () => {
  let objects: KubernetesObject[], deployment: V1Deployment, pod: V1PodSpec, app: V1Container;
  beforeAll(() => {
    objects = render();
    deployment = find<V1Deployment>(objects, "Deployment");
    pod = deployment.spec!.template.spec!;
    app = pod.containers[0]!;
  });

  it("runs Underlay locked down: non-root, read-only root, no capabilities, RuntimeDefault seccomp", () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(app.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(app.image).toBe("registry.example.com/underlay:0.1.0");
  });

  it("writes only to emptyDirs at /data, /tmp and Next's cache", () => {
    expect(app.volumeMounts?.map((m) => m.mountPath)).toEqual([
      "/data",
      "/tmp",
      "/app/.next/cache",
    ]);
    expect(pod.volumes?.every((v) => v.emptyDir)).toBe(true);
    expect(envOf(deployment).UNDERLAY_DATA_DIR?.value).toBe("/data");
  });

  it("probes GET /api/health and is served on port 80 → 3000", () => {
    expect(app.livenessProbe?.httpGet).toEqual({ path: "/api/health", port: "http" });
    expect(app.readinessProbe?.httpGet).toEqual({ path: "/api/health", port: "http" });
    expect(app.ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
    const service = find<V1Service>(objects, "Service");
    expect(service.spec?.type).toBe("ClusterIP");
    expect(service.spec?.ports).toEqual([
      { name: "http", port: 80, targetPort: 3000, protocol: "TCP" },
    ]);
  });

  it("sets the environment Underlay reads from values", () => {
    const env = envOf(
      find<V1Deployment>(
        render({
          "debugPods.ttlSeconds": "600",
          "debugPods.imagePullSecrets[0]": "regcred",
          "auth.roleMap.sre": "admin",
          "auth.roleMap.platform": "operator",
          publicUrl: "https://underlay.example.com",
        }),
        "Deployment",
      ),
    );
    expect(env.UNDERLAY_NAMESPACE?.valueFrom).toEqual({
      fieldRef: { fieldPath: "metadata.namespace" },
    });
    expect(
      Object.fromEntries(
        Object.entries(env)
          .filter(([, e]) => e.value !== undefined)
          .map(([k, e]) => [k, e.value]),
      ),
    ).toEqual({
      HOST: "0.0.0.0",
      PORT: "3000",
      UNDERLAY_DATA_DIR: "/data",
      UNDERLAY_DEBUG_NAMESPACE: "underlay-system",
      UNDERLAY_PUBLIC_URL: "https://underlay.example.com",
      UNDERLAY_DEBUG_IMAGE: "nicolaka/netshoot:v0.13",
      UNDERLAY_DEBUG_PULL_POLICY: "IfNotPresent",
      UNDERLAY_DEBUG_PULL_SECRETS: "regcred",
      UNDERLAY_DEBUG_TTL_SECONDS: "600",
      LOG_LEVEL: "info",
      UNDERLAY_PROXY_USER_HEADER: "X-Forwarded-User",
      UNDERLAY_PROXY_GROUPS_HEADER: "X-Forwarded-Groups",
      UNDERLAY_ROLE_MAP: "platform=operator,sre=admin",
      UNDERLAY_DEFAULT_ROLE: "none",
    });
  });
});

describe("the restart annotation", () => {
  const annotation = (values: Record<string, string>) =>
    find<V1Deployment>(
      render({ "auth.sessionSecret": "a-fixed-session-secret-0123", ...values }),
      "Deployment",
    ).spec!.template.metadata!.annotations!["checksum/auth"]!;

  it("changes with a token, is stable otherwise, and is keyed with the session secret", () => {
    const a = annotation({});
    expect(annotation({})).toBe(a);
    expect(annotation({ "auth.tokens.operator": "another-operator-token-0123" })).not.toBe(a);
    expect(annotation({ "auth.sessionSecret": "another-session-secret-0123" })).not.toBe(a);
    // Keyed: the same settings under another session secret give another value, so nobody
    // without the Secret can test a guessed token against the Deployment.
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("token Secret", () => {
  const keys = {
    UNDERLAY_TOKEN: "admin-token",
    UNDERLAY_OPERATOR_TOKEN: "operator-token",
    UNDERLAY_VIEWER_TOKEN: "viewer-token",
    UNDERLAY_SESSION_SECRET: "session-secret",
  };

  it("holds the tokens given and a session secret, wired into the env as optional keys", () => {
    const objects = render({ "auth.tokens.viewer": "viewer-token-0123456789" });
    const secret = find<V1Secret>(objects, "Secret");
    const decode = (k: string) => Buffer.from(secret.data![k]!, "base64").toString();
    expect(Object.keys(secret.data!).sort()).toEqual([
      "admin-token",
      "session-secret",
      "viewer-token",
    ]);
    expect(decode("admin-token")).toBe(TOKEN);
    expect(decode("session-secret").length).toBeGreaterThanOrEqual(32);
    const env = envOf(find<V1Deployment>(objects, "Deployment"));
    for (const [name, key] of Object.entries(keys))
      expect(env[name]?.valueFrom?.secretKeyRef).toEqual({
        name: secret.metadata!.name,
        key,
        optional: true,
      });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("is the user's own when auth.existingSecret names one, and DATABASE_URL comes from database.existingSecret", () => {
    const objects = render({
      "auth.existingSecret": "my-tokens",
      "auth.tokens.admin": "",
      "database.existingSecret": "pg",
      replicaCount: "3",
    });
    expect(objects.find((o) => o.kind === "Secret")).toBeUndefined();
    const deployment = find<V1Deployment>(objects, "Deployment");
    const env = envOf(deployment);
    for (const [name, key] of Object.entries(keys))
      expect(env[name]?.valueFrom?.secretKeyRef).toEqual({
        name: "my-tokens",
        key,
        optional: true,
      });
    expect(env.DATABASE_URL?.valueFrom?.secretKeyRef).toEqual({ name: "pg", key: "database-url" });
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.spec?.strategy?.type).toBe("RollingUpdate");
  });
});

describe("oauth2-proxy sidecar", () => {
  let objects: KubernetesObject[], pod: V1PodSpec, proxy: V1Container;
  beforeAll(() => {
    objects = render(SIDECAR);
    pod = find<V1Deployment>(objects, "Deployment").spec!.template.spec!;
    proxy = pod.containers.find((c) => c.name === "oauth2-proxy")!;
  });

  it("fronts Underlay, which listens on 127.0.0.1 and believes only it", () => {
    const env = envOf(find<V1Deployment>(objects, "Deployment"));
    expect(env.HOST?.value).toBe("127.0.0.1");
    expect(env.UNDERLAY_TRUSTED_PROXIES?.value).toBe("127.0.0.1");
    expect(pod.containers[0]!.ports).toBeUndefined();
    expect(pod.containers[0]!.livenessProbe?.exec?.command?.join(" ")).toContain(
      "http://127.0.0.1:3000/api/health",
    );
    expect(proxy.image).toMatch(/^quay\.io\/oauth2-proxy\/oauth2-proxy:v7\./);
    expect(proxy.args).toEqual(
      expect.arrayContaining([
        "--upstream=http://127.0.0.1:3000",
        "--pass-user-headers=true",
        "--http-address=0.0.0.0:4180",
      ]),
    );
    expect(proxy.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(proxy.env?.map((e) => e.valueFrom?.secretKeyRef)).toEqual(
      ["client-id", "client-secret", "cookie-secret"].map((key) => ({ name: "oauth2-proxy", key })),
    );
    expect(find<V1Service>(objects, "Service").spec?.ports?.[0]?.targetPort).toBe(4180);
  });

  it("is not there by default, nor are trusted proxies in token mode", () => {
    const deployment = find<V1Deployment>(render(), "Deployment");
    expect(deployment.spec!.template.spec!.containers.map((c) => c.name)).toEqual(["underlay"]);
    expect(envOf(deployment).UNDERLAY_TRUSTED_PROXIES).toBeUndefined();
  });

  it("in proxy mode without it, trusts the listed addresses", () => {
    const env = envOf(
      find<V1Deployment>(
        render({ "auth.mode": "proxy", "auth.proxy.trustedProxies": "{10.0.0.0/8,192.168.1.10}" }),
        "Deployment",
      ),
    );
    expect(env.HOST?.value).toBe("0.0.0.0");
    expect(env.UNDERLAY_TRUSTED_PROXIES?.value).toBe("10.0.0.0/8,192.168.1.10");
  });
});

describe("refused renders", () => {
  it("refuses to render without an auth mode, saying why", () => {
    expect(refused({ "auth.mode": "" })).toContain(NO_AUTH);
    expect(refused({ "auth.mode": "none" })).toContain(NO_AUTH);
    // --show-only renders every template too: the RBAC alone is refused as well.
    expect(() => renderRbac({ namespace, release, values: { "auth.mode": "" } })).toThrow(NO_AUTH);
  });

  it.each([
    [{ "auth.tokens.admin": "" }, "auth.mode=token needs a token"],
    [{ "auth.tokens.admin": "short" }, "auth.tokens.admin must be at least 16 characters"],
    [{ "auth.mode": "proxy" }, "auth.mode=proxy needs to know which proxy to believe"],
    [
      { ...SIDECAR, "auth.mode": "token", "auth.tokens.admin": TOKEN },
      "oauth2Proxy.enabled=true needs auth.mode=proxy",
    ],
    [{ ...SIDECAR, "oauth2Proxy.existingSecret": "" }, "oauth2Proxy.existingSecret is required"],
    [{ replicaCount: "2" }, "replicaCount above 1 needs PostgreSQL"],
    [{ "debugNamespace.name": namespace }, "debugNamespace.name is the release's namespace"],
    [{ "auth.defaultRole": "root" }, "auth.defaultRole must be viewer, operator, admin or none"],
    [{ "image.repository": "" }, "image.repository is required"],
  ])("refuses %j", (values, sentence) => {
    expect(refused(values)).toContain(sentence);
  });
});
