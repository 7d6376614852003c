/** Gateway API Gateways and HTTPRoutes (with their backends' weights) as the picture draws them. Pure. */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Topology, TopoRoute } from "../schemas/topology";

export type GatewayObject = KubernetesObject & {
  spec?: {
    gatewayClassName?: string;
    parentRefs?: { name: string }[];
    rules?: { backendRefs?: { name: string; port?: number; weight?: number }[] }[];
  };
};

const inNamespace = (namespace: string | undefined) => (x: KubernetesObject) =>
  !namespace || x.metadata?.namespace === namespace;

export const gatewaysOf = (
  objects: GatewayObject[],
  namespace: string | undefined,
): Topology["gateways"] =>
  objects.filter(inNamespace(namespace)).map((x) => ({
    name: x.metadata!.name!,
    namespace: x.metadata!.namespace!,
    className: x.spec?.gatewayClassName ?? "",
  }));

export const routesOf = (objects: GatewayObject[], namespace: string | undefined): TopoRoute[] =>
  objects.filter(inNamespace(namespace)).map((x) => ({
    name: x.metadata!.name!,
    namespace: x.metadata!.namespace!,
    gateways: (x.spec?.parentRefs ?? []).map((p) => p.name),
    backends: (x.spec?.rules ?? [])
      .flatMap((r) => r.backendRefs ?? [])
      .map((b) => ({ service: b.name, port: b.port ?? null, weight: b.weight ?? 1 })),
  }));
