/** Helpers for integration tests that run against the lab (npm test brings each scenario up). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1PolicyRule,
  type V1Pod,
} from "@kubernetes/client-node";
import { describe } from "vitest";

export const LAB_SCENARIO = process.env.LAB_SCENARIO ?? "";

/**
 * A describe block that runs only while one of the named scenarios is up. Its name lists them
 * (`[lab: healthy|jumbo]`): scripts/check-scenario-run.mjs reads that to fail a scenario pass in
 * which a block meant for it ran nothing.
 */
export function describeLab(scenarioNames: string[], name: string, fn: () => void) {
  return describe.runIf(scenarioNames.includes(LAB_SCENARIO))(
    `${name} [lab: ${scenarioNames.join("|")}]`,
    fn,
  );
}

/**
 * The lab's admin identity, for test set-up and checks. The code under test uses KUBECONFIG, which
 * may hold a narrower identity (the Helm chart's service account): LAB_ADMIN_KUBECONFIG then
 * names the admin's file.
 */
export function labKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  if (process.env.LAB_ADMIN_KUBECONFIG) kc.loadFromFile(process.env.LAB_ADMIN_KUBECONFIG);
  else kc.loadFromDefault();
  return kc;
}

export async function waitForPod(
  core: CoreV1Api,
  namespace: string,
  name: string,
  done: (p: V1Pod) => boolean,
  timeoutMs = 60_000,
): Promise<V1Pod> {
  const until = Date.now() + timeoutMs;
  let last: V1Pod | undefined;
  while (Date.now() < until) {
    last = await core.readNamespacedPod({ namespace, name }).catch(() => undefined);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `pod ${namespace}/${name} did not get there in time; last phase ${last?.status?.phase}`,
  );
}

export async function waitForGone(
  core: CoreV1Api,
  namespace: string,
  name: string,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await core.readNamespacedPod({ namespace, name }).then(
      () => true,
      (e: { code?: number }) => e.code !== 404,
    );
    if (!found) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`pod ${namespace}/${name} was not deleted in time`);
}

/** A kubeconfig file for the lab's API server with another identity (a token) or another server. */
export function kubeconfigVariant(name: string, opts: { server?: string; token?: string }): string {
  const kc = labKubeConfig();
  const cluster = kc.getCurrentCluster()!;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [{ ...cluster, server: opts.server ?? cluster.server }],
    users: [{ name: "u", token: opts.token }],
    contexts: [{ name, cluster: cluster.name, user: "u" }],
    currentContext: name,
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "underlay-kc-")), `${name}.yaml`);
  fs.writeFileSync(file, out.exportConfig());
  return file;
}

/**
 * A ServiceAccount in `default` holding exactly `rules` (a ClusterRole + binding), and a token for it.
 * dispose() removes all three.
 */
export async function identityWith(
  name: string,
  rules: V1PolicyRule[],
): Promise<{ token: string; dispose: () => Promise<void> }> {
  const kc = labKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace: "default", body: { metadata: { name } } });
  if (rules.length) {
    await rbac.createClusterRole({ body: { metadata: { name }, rules } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
        subjects: [{ kind: "ServiceAccount", name, namespace: "default" }],
      },
    });
  }
  const tr = await core.createNamespacedServiceAccountToken({
    namespace: "default",
    name,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  return {
    token: tr.status!.token,
    dispose: async () => {
      await core
        .deleteNamespacedServiceAccount({ namespace: "default", name })
        .catch(() => undefined);
      await rbac.deleteClusterRoleBinding({ name }).catch(() => undefined);
      await rbac.deleteClusterRole({ name }).catch(() => undefined);
    },
  };
}

/** A pod pinned to a lab node (past any taint), for a test to debug, attach to or watch fail. */
export function pinnedPod(o: {
  name: string;
  node: string;
  image: string;
  labels?: Record<string, string>;
  /** A command that keeps it running; omitted, the image's own. */
  command?: string[];
  imagePullPolicy?: "Never" | "IfNotPresent" | "Always";
}): V1Pod {
  return {
    metadata: { name: o.name, labels: o.labels },
    spec: {
      nodeName: o.node,
      tolerations: [{ operator: "Exists" }],
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: o.labels ? "debug" : "app",
          image: o.image,
          imagePullPolicy: o.imagePullPolicy,
          command: o.command,
        },
      ],
    },
  };
}
