// Applies the Helm chart's RBAC to a cluster (the lab: a real kube-apiserver with the RBAC
// authorizer) and hands out tokens for the chart's ServiceAccount, so the app's tests can run as
// exactly what an install would give it. Run as a script it prints a kubeconfig file's path:
//   node --import tsx deploy/lab-identity.ts   (KUBECONFIG = the lab's admin kubeconfig)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
} from "@kubernetes/client-node";
import { renderRbac, type RenderedRbac } from "./rbac";

export const RELEASE_NAMESPACE = "underlay";

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);

/**
 * Creates each object, or replaces it when it exists. Like `helm install -n`, a namespaced object
 * the chart leaves without a namespace goes to the release's.
 */
export async function applyObjects(admin: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(admin);
  for (const o of objects) {
    if (!CLUSTER_SCOPED.has(o.kind!))
      o.metadata = { ...o.metadata, namespace: o.metadata?.namespace ?? RELEASE_NAMESPACE };
    try {
      await client.create(o);
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
      if (o.kind === "Namespace" || o.kind === "ServiceAccount") continue; // nothing of ours to change
      const current = await client.read({
        apiVersion: o.apiVersion!,
        kind: o.kind!,
        metadata: { name: o.metadata!.name!, namespace: o.metadata?.namespace },
      });
      await client.replace({
        ...o,
        metadata: { ...o.metadata, resourceVersion: current.metadata?.resourceVersion },
      });
    }
  }
}

export async function deleteObjects(admin: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(admin);
  for (const o of [...objects].reverse()) {
    if (o.kind === "Namespace") continue; // the debug namespace stays for the other tests
    await client.delete(o).catch(() => undefined);
  }
}

/** The namespaces the lab's identity may attach debug containers in. */
export const LAB_ATTACH_NAMESPACES = ["default"];

/** The chart's RBAC for `release`, optionally edited (a rule removed), applied; returns its SA's token. */
export async function installIdentity(
  admin: KubeConfig,
  release: string,
  edit?: (r: RenderedRbac) => void,
): Promise<{ token: string; rbac: RenderedRbac }> {
  const core = admin.makeApiClient(CoreV1Api);
  await core
    .createNamespace({ body: { metadata: { name: RELEASE_NAMESPACE } } })
    .catch((e: { code?: number }) => (e.code === 409 ? undefined : Promise.reject(e)));
  // Attach limited to the lab's default namespace: the least-privilege install the README
  // recommends, and the one whose rules (exec in the debug namespace's Role) are all needed.
  const rbac = renderRbac({
    namespace: RELEASE_NAMESPACE,
    release,
    values: { "attach.namespaces": `{${LAB_ATTACH_NAMESPACES.join(",")}}` },
  });
  edit?.(rbac);
  await applyObjects(admin, rbac.objects);
  const sa = rbac.serviceAccount!.metadata!.name!;
  const tr = await core.createNamespacedServiceAccountToken({
    namespace: RELEASE_NAMESPACE,
    name: sa,
    body: { spec: { audiences: [], expirationSeconds: 7200 } },
  });
  return { token: tr.status!.token, rbac };
}

/** A kubeconfig file for the admin's cluster with one context per token. The first is current. */
export function kubeconfigWith(
  admin: KubeConfig,
  contexts: { name: string; token: string }[],
): string {
  const cluster = admin.getCurrentCluster()!;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [cluster],
    users: contexts.map((c) => ({ name: c.name, token: c.token })),
    contexts: contexts.map((c) => ({ name: c.name, cluster: cluster.name, user: c.name })),
    currentContext: contexts[0]!.name,
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "underlay-sa-")), "kubeconfig.yaml");
  fs.writeFileSync(file, out.exportConfig(), { mode: 0o600 });
  return file;
}

async function main() {
  const admin = new KubeConfig();
  admin.loadFromDefault();
  const { token } = await installIdentity(admin, "underlay");
  // Same context name as the admin's, so that what the app shows (and tests expect) is unchanged.
  console.log(kubeconfigWith(admin, [{ name: admin.getCurrentContext(), token }]));
}

if (import.meta.filename === process.argv[1]) {
  main().catch((e: Error) => {
    console.error(`lab-identity: ${e.message}`);
    process.exit(1);
  });
}
