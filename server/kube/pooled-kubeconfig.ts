import { singleton } from "@/lib/singleton";
// No "server-only" here on purpose: the lab's Node tooling (e2e/lab) uses this class too. It holds
// no credentials of its own; client code has no use for it (client-node does not bundle for browsers).
import crypto from "node:crypto";
import https from "node:https";
import { KubeConfig, type RequestContext } from "@kubernetes/client-node";

type Counts = { request: number; stream: number; byCall: Map<string, number> };
const counts = singleton<Counts>("kubeRequests", () => ({
  request: 0,
  stream: 0,
  byCall: new Map(),
}));

/**
 * Requests this process has made to Kubernetes API servers: plain calls, and streams (watches,
 * exec); the calls also by "verb resource" (e.g. "list pods"), to tell what the traffic is.
 */
export function kubeRequestCounts(): Readonly<Counts> {
  return counts;
}

/**
 * The verb and resource of an API call, as the API server's own metrics name them: GET on a
 * collection is "list", on an object "get"; a subresource is named with it ("pods/exec").
 */
export function callOf(method: string, url: string): string {
  const path = new URL(url, "https://x").pathname;
  const parts = path.split("/").filter(Boolean);
  // /api/v1/… or /apis/<group>/<version>/…, then optionally namespaces/<ns>/
  let rest = parts[0] === "api" ? parts.slice(2) : parts[0] === "apis" ? parts.slice(3) : [];
  if (rest[0] === "namespaces" && rest.length > 2) rest = rest.slice(2);
  const [resource, name, sub] = rest;
  if (!resource) return `${method.toLowerCase()} ${path}`; // /version, discovery
  const verb =
    method === "GET"
      ? name
        ? "get"
        : "list"
      : method === "POST"
        ? "create"
        : method.toLowerCase();
  return `${verb} ${sub ? `${resource}/${sub}` : resource}`;
}

/**
 * client-node 1.x makes a new https.Agent for every request, so every API call pays a TCP and TLS
 * handshake. This KubeConfig hands each request a kept-alive agent per (server, credentials).
 */
export class PooledKubeConfig extends KubeConfig {
  private readonly agents = new Map<string, https.Agent>();

  // Watches and exec streams come through here (applyToFetchOptions calls it too).
  override async applyToHTTPSOptions(
    opts: Parameters<KubeConfig["applyToHTTPSOptions"]>[0],
  ): Promise<void> {
    counts.stream++;
    await super.applyToHTTPSOptions(opts);
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    counts.request++;
    const call = callOf(String(context.getHttpMethod()), context.getUrl());
    counts.byCall.set(call, (counts.byCall.get(call) ?? 0) + 1);
    await super.applySecurityAuthentication(context);
    const fresh = context.getAgent();
    if (!fresh || fresh.constructor !== https.Agent) return; // proxies keep their own agents
    const o = (fresh as https.Agent & { options: https.AgentOptions }).options;
    const key = crypto
      .createHash("sha256")
      .update(
        JSON.stringify([
          this.getCurrentCluster()?.server,
          o.servername,
          o.rejectUnauthorized,
          String(o.ca ?? ""),
          String(o.cert ?? ""),
          String(o.key ?? ""),
        ]),
      )
      .digest("hex");
    let pooled = this.agents.get(key);
    if (!pooled) {
      pooled = new https.Agent({ ...o, keepAlive: true, maxSockets: 64 });
      this.agents.set(key, pooled);
    }
    context.setAgent(pooled);
  }
}
