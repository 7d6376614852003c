// Renders the Helm chart's RBAC with the real helm binary (built by deploy/build-helm.sh), so tests
// check, and apply to a real kube-apiserver, exactly what an install would create.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type {
  KubernetesObject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1Namespace,
  V1Role,
  V1RoleBinding,
  V1ServiceAccount,
} from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";

export const CHART_DIR = path.join(import.meta.dirname, "helm", "underlay");

/** Values every render needs (an image and an auth mode); callers' values override them. */
export const BASE_VALUES: Record<string, string> = {
  "image.repository": "registry.example.com/underlay",
  "auth.mode": "token",
  "auth.tokens.admin": "chart-test-admin-token-0123456789",
};

let helm: string | undefined;
/** The helm binary's path: the last line deploy/build-helm.sh prints (it builds helm once, minutes). */
export function helmBinary(): string {
  helm ??= execFileSync("bash", [path.join(import.meta.dirname, "build-helm.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .at(-1)!;
  return helm;
}

/** `--set k=v` for each value (helm parses commas and dots in them: escape commas as `\,`). */
export const setArgs = (values: Record<string, string>) =>
  Object.entries(values).flatMap(([k, v]) => ["--set", `${k}=${v}`]);

/** `helm template` of the chart; throws with helm's stderr (a `fail` sentence) on a refused render. */
export function helmTemplate(opts: {
  release: string;
  namespace: string;
  values?: Record<string, string>;
  showOnly?: string[];
}): string {
  const args = [
    "template",
    opts.release,
    CHART_DIR,
    "--namespace",
    opts.namespace,
    ...setArgs({ ...BASE_VALUES, ...opts.values }),
  ];
  for (const t of opts.showOnly ?? []) args.push("--show-only", t);
  try {
    return execFileSync(helmBinary(), args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(err.stderr?.trim() || err.message);
  }
}

/** A multi-document manifest → its objects (empty documents dropped). */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`helm rendered invalid YAML: ${doc.errors[0]!.message}`);
    const o = doc.toJS() as KubernetesObject | null;
    return o ? [o] : [];
  });
}

export type RenderedRbac = {
  clusterRole: V1ClusterRole;
  clusterRoleBinding: V1ClusterRoleBinding;
  role: V1Role;
  roleBinding: V1RoleBinding;
  /** Attach mode's rules, and where they are bound: across the cluster, or one per namespace. */
  attachRole: V1ClusterRole;
  attachBindings: (V1ClusterRoleBinding | V1RoleBinding)[];
  /** Absent with serviceAccount.create=false. */
  serviceAccount?: V1ServiceAccount;
  /** The debug namespace; absent with debugNamespace.create=false. */
  namespace?: V1Namespace;
  /** Everything rendered, in an order they can be applied in. */
  objects: KubernetesObject[];
};

/** The chart's RBAC (and the ServiceAccount and debug namespace it binds) for a release. */
export function renderRbac(opts: {
  namespace: string;
  release: string;
  values?: Record<string, string>;
}): RenderedRbac {
  const values = { ...BASE_VALUES, ...opts.values };
  // In the order they can be applied: the namespace and account before what refers to them.
  const showOnly = [
    "clusterrole",
    "clusterrolebinding",
    "role",
    "rolebinding",
    "attach-clusterrole",
    "attach-binding",
  ];
  if (values["serviceAccount.create"] !== "false") showOnly.unshift("serviceaccount");
  if (values["debugNamespace.create"] !== "false") showOnly.unshift("namespace");
  const objects = parseManifests(
    helmTemplate({ ...opts, values, showOnly: showOnly.map((t) => `templates/${t}.yaml`) }),
  );
  const attach = (o: KubernetesObject) => !!o.metadata?.name?.endsWith("-attach");
  const one = <T>(kind: string) =>
    objects.find((o) => o.kind === kind && !attach(o)) as T | undefined;
  const need = <T>(kind: string): T => {
    const o = one<T>(kind);
    if (!o) throw new Error(`the chart rendered no ${kind}`);
    return o;
  };
  return {
    clusterRole: need<V1ClusterRole>("ClusterRole"),
    clusterRoleBinding: need<V1ClusterRoleBinding>("ClusterRoleBinding"),
    role: need<V1Role>("Role"),
    roleBinding: need<V1RoleBinding>("RoleBinding"),
    attachRole: objects.find((o) => o.kind === "ClusterRole" && attach(o)) as V1ClusterRole,
    attachBindings: objects.filter((o) => o.kind !== "ClusterRole" && attach(o)) as (
      V1ClusterRoleBinding | V1RoleBinding
    )[],
    serviceAccount: one<V1ServiceAccount>("ServiceAccount"),
    namespace: one<V1Namespace>("Namespace"),
    objects,
  };
}
