import "server-only";
import { AppsV1Api, CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import YAML from "yaml";
import type { AnalyzeInput } from "@/lib/analyze/analyze";
import { parseCniConfig } from "@/lib/parsers/cni-config";
import { api } from "@/server/kube/client";
import { tolerate } from "@/server/kube/errors";

/** ConfigMaps the CNIs and kube-proxy keep their configuration in (namespace/name). */
const CONFIG_MAPS = [
  "kube-flannel/kube-flannel-cfg",
  "kube-system/kube-flannel-cfg",
  "kube-system/calico-config",
  "calico-system/cni-config",
  "kube-system/cilium-config",
  "kube-system/antrea-config",
  "kube-system/kube-router-cfg",
  "ovn-kubernetes/ovn-config",
  "kube-system/weave-net",
  "kube-system/kube-proxy",
];
const DAEMONSET_NAMES =
  /flannel|calico-node|^cilium$|weave-net|antrea-agent|kube-router|ovnkube-node|aws-node|azure-cns|azure-cni|kube-proxy|canal/;
const CUSTOM = [
  { group: "operator.tigera.io", version: "v1", plural: "installations", kind: "Installation" },
  { group: "crd.projectcalico.org", version: "v1", plural: "ippools", kind: "IPPool" },
  {
    group: "crd.projectcalico.org",
    version: "v1",
    plural: "felixconfigurations",
    kind: "FelixConfiguration",
  },
];

const asText = (kind: string, apiVersion: string, obj: { metadata?: object }) => {
  const { managedFields: _, ...metadata } = (obj.metadata ?? {}) as { managedFields?: unknown };
  return YAML.stringify({ apiVersion, kind, ...obj, metadata });
};

/**
 * The cluster's CNI and kube-proxy configuration as the analyzer reads it: each object as YAML.
 * Objects that are absent (or that RBAC hides) are skipped and named in `skipped`.
 */
export async function cniSources(
  context?: string,
): Promise<{ inputs: AnalyzeInput[]; skipped: string[] }> {
  const core = api(CoreV1Api, context);
  const inputs: AnalyzeInput[] = [];
  const skipped: string[] = [];
  const daemonsets = await tolerate(
    api(AppsV1Api, context).listDaemonSetForAllNamespaces(),
    { items: [] },
    () => skipped.push("DaemonSets (not allowed to list them)"),
  );
  for (const ds of daemonsets.items.filter((d) => DAEMONSET_NAMES.test(d.metadata?.name ?? ""))) {
    inputs.push({
      name: `DaemonSet ${ds.metadata!.namespace}/${ds.metadata!.name}`,
      text: asText("DaemonSet", "apps/v1", ds),
    });
  }
  const hidden: string[] = [];
  await Promise.all(
    CONFIG_MAPS.map(async (ref) => {
      const [namespace, name] = ref.split("/") as [string, string];
      const cm = await tolerate(core.readNamespacedConfigMap({ namespace, name }), null, () =>
        hidden.push(ref),
      );
      if (cm) inputs.push({ name: `ConfigMap ${ref}`, text: asText("ConfigMap", "v1", cm) });
    }),
  );
  if (hidden.length)
    skipped.push(`ConfigMaps ${hidden.sort().join(", ")} (not allowed to get configmaps)`);
  const custom = api(CustomObjectsApi, context);
  for (const c of CUSTOM) {
    const list = (await tolerate(
      custom.listClusterCustomObject({ group: c.group, version: c.version, plural: c.plural }),
      { items: [] },
      () => skipped.push(`${c.kind} objects (not allowed to list ${c.plural}.${c.group})`),
    )) as { items: { metadata?: { name?: string } }[] };
    for (const item of list.items)
      inputs.push({
        name: `${c.kind} ${item.metadata?.name}`,
        text: asText(c.kind, `${c.group}/${c.version}`, item),
      });
  }
  // Only what the analyzer can read (a kube-proxy DaemonSet, say, states nothing about the CNI).
  const readable = inputs
    .filter((i) => parseCniConfig(i.text, i.name) !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { inputs: readable, skipped };
}
