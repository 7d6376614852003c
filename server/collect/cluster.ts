import "server-only";
import { CoreV1Api, VersionApi, type V1Node } from "@kubernetes/client-node";
import type { ClusterSummary, NodeSummary } from "@/lib/schemas/cluster";
import { api, configFor, kube } from "@/server/kube/client";
import { kubeError } from "@/server/kube/errors";

const PAGE = 500;

/** Every node, listed a page at a time so a large cluster does not arrive as one huge response. */
export async function listAllNodes(context?: string): Promise<V1Node[]> {
  const core = api(CoreV1Api, context);
  const nodes: V1Node[] = [];
  let _continue: string | undefined;
  do {
    const page = await core.listNode({ limit: PAGE, _continue });
    nodes.push(...page.items);
    _continue = page.metadata?._continue || undefined;
  } while (_continue);
  return nodes;
}

export const isReady = (n: V1Node) =>
  n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

export async function clusterSummary(context?: string): Promise<ClusterSummary> {
  const kc = configFor(context);
  const server = kc.getCurrentCluster()?.server ?? "";
  try {
    const [version, nodes] = await Promise.all([
      api(VersionApi, context).getCode(),
      listAllNodes(context),
    ]);
    return {
      context: kc.getCurrentContext(),
      server,
      version: version.gitVersion,
      platform: version.platform,
      nodes: { total: nodes.length, ready: nodes.filter(isReady).length },
      source: kube().source.kind === "in-cluster" ? "in-cluster" : "kubeconfig",
    };
  } catch (err) {
    throw kubeError(err, server) ?? err;
  }
}

export async function nodeSummaries(context?: string): Promise<NodeSummary[]> {
  try {
    return (await listAllNodes(context)).map((n) => ({
      name: n.metadata!.name!,
      ready: isReady(n),
      internalIP: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
      zone: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? null,
      podCIDR: n.spec?.podCIDR ?? null,
    }));
  } catch (err) {
    throw kubeError(err, configFor(context).getCurrentCluster()?.server) ?? err;
  }
}
