import "server-only";
import { singleton } from "@/lib/singleton";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig, type ApiType } from "@kubernetes/client-node";
import { ApiError } from "@/lib/api-error";
import { env } from "@/lib/env";
import { PooledKubeConfig } from "./pooled-kubeconfig";

export type KubeSource =
  | { kind: "kubeconfig"; paths: string[] }
  | { kind: "in-cluster" }
  | { kind: "none"; reason: string };

type Loaded = { kc: KubeConfig | null; source: KubeSource; error?: string; stamp: string };

const SA_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

function kubeconfigPaths(): { paths: string[]; missing: string[] } {
  const fromEnv = process.env.KUBECONFIG?.split(path.delimiter).filter(Boolean);
  const wanted = fromEnv?.length ? fromEnv : [path.join(os.homedir(), ".kube", "config")];
  return {
    paths: wanted.filter((p) => fs.existsSync(p)),
    missing: wanted.filter((p) => !fs.existsSync(p)),
  };
}

function stampOf(paths: string[]): string {
  return paths.map((p) => `${p}@${fs.statSync(p).mtimeMs}`).join("|");
}

function load(): Loaded {
  const { paths, missing } = kubeconfigPaths();
  const inCluster = !!process.env.KUBERNETES_SERVICE_HOST && fs.existsSync(SA_TOKEN);
  if (!paths.length && !inCluster) {
    const reason = process.env.KUBECONFIG
      ? `KUBECONFIG points at ${missing.join(", ")}, which does not exist.`
      : `There is no ${missing[0]} and the dashboard is not running inside a cluster.`;
    return { kc: null, source: { kind: "none", reason }, stamp: "none" };
  }
  const kc = new PooledKubeConfig();
  const source: KubeSource = paths.length ? { kind: "kubeconfig", paths } : { kind: "in-cluster" };
  try {
    // loadFromDefault covers KUBECONFIG (merged), ~/.kube/config and the in-cluster service account.
    kc.loadFromDefault();
    const wanted = env().UNDERLAY_CONTEXT;
    if (wanted) kc.setCurrentContext(wanted);
  } catch (e) {
    return { kc: null, source, error: (e as Error).message.split("\n")[0], stamp: stampOf(paths) };
  }
  return { kc, source, stamp: stampOf(paths) };
}

type Cache = { loaded?: Loaded; apis: Map<string, unknown> };
const cache = singleton<Cache>("kube", () => ({ apis: new Map() }));

/** The process's one KubeConfig, reloaded when a kubeconfig file changes on disk. */
export function kube(): Loaded {
  const { paths } = kubeconfigPaths();
  const stamp = paths.length ? stampOf(paths) : "none";
  if (!cache.loaded || cache.loaded.stamp !== stamp) {
    cache.loaded = load();
    cache.apis.clear();
  }
  return cache.loaded;
}

export function noKubeconfig(source: KubeSource): ApiError {
  const reason = source.kind === "none" ? source.reason : "";
  return new ApiError(
    "no_kubeconfig",
    `No kubeconfig was found. ${reason} Set KUBECONFIG to a kubeconfig file, or create ~/.kube/config, then reload.`.replace(
      /\s+/g,
      " ",
    ),
  );
}

function requireConfig(): KubeConfig {
  const { kc, source, error } = kube();
  if (error) throw new ApiError("invalid_kubeconfig", `The kubeconfig could not be read: ${error}`);
  if (!kc) throw noKubeconfig(source);
  return kc;
}

export type ContextInfo = {
  name: string;
  cluster: string;
  server: string;
  namespace: string | null;
  current: boolean;
};

/** UNDERLAY_CONTEXTS: a context Underlay may not use is refused with a sentence (403). */
function checkAllowed(context: string): void {
  const allowed = env().UNDERLAY_CONTEXTS;
  if (allowed && !allowed.includes(context))
    throw new ApiError(
      "context_not_allowed",
      `Underlay may not use the kubeconfig context "${context.slice(0, 100)}": UNDERLAY_CONTEXTS allows ${allowed.join(", ")}.`,
    );
}

export function listContexts(): ContextInfo[] {
  const kc = requireConfig();
  const current = kc.getCurrentContext();
  const allowed = env().UNDERLAY_CONTEXTS;
  const usable = kc.getContexts().filter((c) => !allowed || allowed.includes(c.name));
  return usable.map((c) => ({
    name: c.name,
    cluster: c.cluster,
    server: kc.getCluster(c.cluster)?.server ?? "",
    namespace: c.namespace ?? null,
    current: c.name === current,
  }));
}

/** The name of the context a request means: `context`, or the kubeconfig's current one. */
export function contextNameOf(context?: string): string {
  return configFor(context).getCurrentContext();
}

/** A KubeConfig whose current context is `context` (the kubeconfig's current one when omitted). */
export function configFor(context?: string): KubeConfig {
  const base = requireConfig();
  checkAllowed(context ?? base.getCurrentContext());
  if (!context || context === base.getCurrentContext()) return base;
  const key = `kc:${context}`;
  let kc = cache.apis.get(key) as KubeConfig | undefined;
  if (!kc) {
    if (!base.getContextObject(context))
      throw new ApiError("unknown_context", `The kubeconfig has no context named "${context}".`);
    kc = new PooledKubeConfig();
    kc.loadFromString(base.exportConfig());
    kc.setCurrentContext(context);
    cache.apis.set(key, kc);
  }
  return kc;
}

/** An API client for a context, made once and kept. */
export function api<T extends ApiType>(ctor: new (...args: never[]) => T, context?: string): T {
  const kc = configFor(context);
  const key = `${ctor.name}:${kc.getCurrentContext()}`;
  let client = cache.apis.get(key) as T | undefined;
  if (!client) {
    client = kc.makeApiClient(ctor as never) as T;
    cache.apis.set(key, client);
  }
  return client;
}

export function serverOf(context?: string): string {
  return configFor(context).getCurrentCluster()?.server ?? "";
}
