// The Helm chart's RBAC against the lab's real RBAC authorizer: with every rule the features work;
// without any one rule the feature that needs it fails (or says what it leaves out) naming the
// permission. Runs on the healthy scenario.
import { CoreV1Api, type V1PolicyRule } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeLab, labKubeConfig, waitForGone, waitForPod } from "@/e2e/lab/testing";
import { deleteObjects, installIdentity, kubeconfigWith } from "./lab-identity";
import type { RenderedRbac } from "./rbac";

type Probe = { feature: string; run: (context: string) => Promise<unknown>; denied: RegExp };
type Server = {
  clusterSummary: typeof import("@/server/collect/cluster").clusterSummary;
  topology: typeof import("@/server/collect/topology").topology;
  cniSources: typeof import("@/server/collect/cni-sources").cniSources;
  launch: typeof import("@/server/debug/pods").launch;
  listDebugPods: typeof import("@/server/debug/pods").listDebugPods;
  execInPod: typeof import("@/server/kube/exec").execInPod;
};

const NS = "underlay-system";
const key = (r: V1PolicyRule) =>
  `${r.apiGroups?.[0] ?? ""}/${r.resources!.join(",")}:${r.verbs.join(",")}`;

describeLab(["healthy"], "the chart's RBAC, one rule at a time", () => {
  const admin = labKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const installed: RenderedRbac[] = [];
  type Scope = "ClusterRole" | "Role" | "AttachRole";
  const variants: { name: string; scope: Scope; rule: V1PolicyRule }[] = [];
  let s: Server;
  let target = ""; // a running debug pod: the exec target
  const app = "rbac-app"; // a running application pod in default: the attach target
  const troubled = "underlay-rbac-troubled";
  const adminKubeconfig = process.env.KUBECONFIG!;

  beforeAll(async () => {
    const contexts: { name: string; token: string }[] = [];
    const full = await installIdentity(admin, "rbac-full");
    installed.push(full.rbac);
    contexts.push({ name: "full", token: full.token });
    const of = (r: RenderedRbac, scope: Scope) =>
      scope === "ClusterRole" ? r.clusterRole : scope === "Role" ? r.role : r.attachRole;
    for (const scope of ["ClusterRole", "Role", "AttachRole"] as const) {
      const rules = of(full.rbac, scope).rules!;
      for (let i = 0; i < rules.length; i++) {
        const name = `rbac-${scope.slice(0, 1).toLowerCase()}${scope === "AttachRole" ? "a" : ""}${i}`;
        const v = await installIdentity(admin, name, (r) => void of(r, scope).rules!.splice(i, 1));
        installed.push(v.rbac);
        variants.push({ name, scope, rule: rules[i]! });
        contexts.push({ name, token: v.token });
      }
    }
    // The code under test reads this file; nothing has loaded a kubeconfig before this point.
    process.env.KUBECONFIG = kubeconfigWith(admin, contexts);
    s = {
      ...(await import("@/server/collect/cluster")),
      ...(await import("@/server/collect/topology")),
      ...(await import("@/server/collect/cni-sources")),
      ...(await import("@/server/debug/pods")),
      ...(await import("@/server/kube/exec")),
    };
    const pod = await s.launch({ mode: "node", node: "lab-node-1", context: "full" }, "rbac-test");
    target = pod.pod;
    await waitForPod(core, NS, target, (p) => p.status?.phase === "Running");
    await core.createNamespacedPod({
      namespace: "default",
      body: {
        metadata: { name: app },
        spec: { nodeName: "lab-node-3", containers: [{ name: "app", image: "nginx" }] },
      },
    });
    await waitForPod(core, "default", app, (p) => p.status?.phase === "Running");
    // A debug pod that cannot start: listing debug pods then reads its events to say why.
    await core.createNamespacedPod({
      namespace: NS,
      body: {
        metadata: { name: troubled, labels: { "app.kubernetes.io/managed-by": "underlay" } },
        spec: {
          nodeName: "lab-node-2",
          containers: [{ name: "debug", image: "lab.invalid/nothing:1" }],
        },
      },
    });
    await waitForPod(
      core,
      NS,
      troubled,
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "ImagePullBackOff",
    );
  }, 240_000);

  afterAll(async () => {
    process.env.KUBECONFIG = adminKubeconfig;
    for (const [namespace, name] of [
      [NS, target],
      [NS, troubled],
      ["default", app],
    ] as const) {
      if (!name) continue;
      await core
        .deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 })
        .catch(() => undefined);
      await waitForGone(core, namespace, name).catch(() => undefined);
    }
    for (const r of installed) await deleteObjects(admin, r.objects);
  }, 120_000);

  const notes = async (context: string) => (await s.topology({ context })).notes.join(" ");
  const skipped = async (context: string) => (await s.cniSources(context)).skipped.join(" ");
  const attach = (context: string) =>
    s.launch({ mode: "attach", target: { namespace: "default", pod: app }, context }, "rbac-test");
  const fail = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (e) {
      return (e as Error).message;
    }
    return "(it worked)";
  };

  /** For each rule: the feature that needs it, and what it says without it. */
  const PROBES: Record<string, Probe> = {
    "ClusterRole /nodes:get,list,watch": {
      feature: "overview",
      run: (c) => fail(() => s.clusterSummary(c)),
      denied: /not allowed to list nodes across the cluster/,
    },
    "ClusterRole /pods:get,list,watch": {
      feature: "topology",
      run: (c) => fail(() => s.topology({ context: c })),
      denied: /not allowed to list pods across the cluster/,
    },
    "AttachRole /pods/ephemeralcontainers:patch": {
      feature: "attach",
      run: (c) => fail(() => attach(c)),
      denied: /not allowed to patch pods\/ephemeralcontainers in namespace default/,
    },
    "AttachRole /pods/exec:create,get": {
      feature: "diagnostics in an attached container",
      run: (c) =>
        fail(() =>
          s.execInPod({
            context: c,
            namespace: "default",
            pod: app,
            container: "app",
            argv: ["ip", "link"],
            timeoutMs: 10_000,
          }),
        ),
      denied: /not allowed to create pods\/exec in namespace default/,
    },
    "Role /pods/exec:create,get": {
      feature: "diagnostics",
      run: (c) =>
        fail(() =>
          s.execInPod({
            context: c,
            namespace: NS,
            pod: target,
            container: "debug",
            argv: ["ip", "link"],
            timeoutMs: 10_000,
          }),
        ),
      denied: /not allowed to create pods\/exec in namespace underlay-system/,
    },
    "ClusterRole /services:get,list,watch": {
      feature: "topology",
      run: (c) => fail(() => s.topology({ context: c })),
      denied: /not allowed to list services across the cluster/,
    },
    "ClusterRole discovery.k8s.io/endpointslices:list,watch": {
      feature: "topology",
      run: (c) => fail(() => s.topology({ context: c })),
      denied:
        /not allowed to list endpointslices \(API group discovery.k8s.io\) across the cluster/,
    },
    "ClusterRole /namespaces:get": {
      feature: "launch",
      run: (c) =>
        fail(() => s.launch({ mode: "node", node: "lab-node-1", context: c }, "rbac-test")),
      denied: /not allowed to get namespaces/,
    },
    "ClusterRole apps/daemonsets:list": {
      feature: "CNI detection",
      run: skipped,
      denied: /DaemonSets \(not allowed to list them\)/,
    },
    "ClusterRole /configmaps:get": {
      feature: "CNI detection",
      run: skipped,
      denied: /ConfigMaps .*kube-flannel\/kube-flannel-cfg.* \(not allowed to get configmaps\)/,
    },
    "ClusterRole apiextensions.k8s.io/customresourcedefinitions:list": {
      feature: "topology (Gateway API)",
      run: notes,
      denied: /not allowed to list customresourcedefinitions/,
    },
    "ClusterRole gateway.networking.k8s.io/gateways,httproutes:list,watch": {
      feature: "topology (Gateway API)",
      run: notes,
      denied: /not allowed to list and watch (gateways|httproutes)/,
    },
    "ClusterRole operator.tigera.io/installations:list": {
      feature: "CNI detection (Calico)",
      run: skipped,
      denied: /not allowed to list installations.operator.tigera.io/,
    },
    "ClusterRole crd.projectcalico.org/ippools,felixconfigurations:list": {
      feature: "CNI detection (Calico)",
      run: skipped,
      denied: /not allowed to list ippools.crd.projectcalico.org/,
    },
    "Role /pods:create,delete": {
      feature: "launch",
      run: (c) =>
        fail(() => s.launch({ mode: "node", node: "lab-node-1", context: c }, "rbac-test")),
      denied: /not allowed to create pods in namespace underlay-system/,
    },
    "Role /events:list": {
      feature: "debug pod list",
      run: (c) => fail(() => s.listDebugPods(c)),
      denied: /not allowed to list events in namespace underlay-system/,
    },
  };

  it("has a probe for every rule the chart grants, and no probe for a rule it does not", () => {
    expect(variants.map((v) => `${v.scope} ${key(v.rule)}`).sort()).toEqual(
      Object.keys(PROBES).sort(),
    );
  });

  it("with every rule, each feature works and says nothing is hidden", async () => {
    expect((await s.clusterSummary("full")).nodes.total).toBe(3);
    const topo = await s.topology({ context: "full" });
    expect(topo.notes).toEqual([]);
    expect(topo.routes.length).toBeGreaterThan(0);
    expect((await s.cniSources("full")).skipped).toEqual([]);
    expect((await s.listDebugPods("full")).find((d) => d.pod === troubled)?.reason).toContain(
      "lab.invalid",
    );
    const out = await s.execInPod({
      context: "full",
      namespace: NS,
      pod: target,
      container: "debug",
      argv: ["ip", "link", "show", "flannel.1"],
      timeoutMs: 10_000,
    });
    expect(out.stdout.toString()).toContain("flannel.1");
    const attached = await attach("full");
    expect(attached.mode).toBe("attach");
  }, 120_000);

  it("attaches only in the namespaces attach.namespaces lists: elsewhere the API server refuses", async () => {
    const shop = (await core.listNamespacedPod({ namespace: "shop" })).items.find(
      (p) => p.status?.phase === "Running",
    );
    expect(shop, "a running pod in the lab's shop namespace").toBeDefined();
    const said = await fail(() =>
      s.launch(
        {
          mode: "attach",
          target: { namespace: "shop", pod: shop!.metadata!.name! },
          context: "full",
        },
        "rbac-test",
      ),
    );
    expect(said).toMatch(/not allowed to patch pods\/ephemeralcontainers in namespace shop/);
    const after = await core.readNamespacedPod({ namespace: "shop", name: shop!.metadata!.name! });
    expect(after.spec?.ephemeralContainers ?? []).toEqual([]);
  });

  it("without any one rule, the feature that needs it fails or says what it leaves out, naming the permission", async () => {
    for (const v of variants) {
      const probe = PROBES[`${v.scope} ${key(v.rule)}`]!;
      const said = String(await probe.run(v.name));
      expect
        .soft(said, `${v.scope} without ${key(v.rule)} (${probe.feature})`)
        .toMatch(probe.denied);
    }
  }, 300_000);
});
