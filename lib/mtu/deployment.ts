/**
 * Where a CNI runs in this cluster, read from the objects the collector found: its DaemonSet (and
 * the version its image tag says) and the ConfigMap holding its MTU. A fix names these, not the
 * upstream defaults, and says when it could not check them.
 */
import { parse as parseYaml } from "yaml";
import type { Cni } from "@/lib/parsers/cni-types";

export type CniDeployment = {
  /** "namespace/name" of the CNI's DaemonSet, when one was read. */
  daemonSet: string | null;
  image: string | null;
  /** The image tag when it is a version ("v0.26.1"), else null. */
  version: string | null;
  /** "namespace/name" of the ConfigMap that holds the CNI's MTU, when one was read. */
  configMap: string | null;
};

/** The image repository (tag and digest cut off) each CNI's agent runs from. */
const IMAGE: Partial<Record<Cni, RegExp>> = {
  flannel: /(^|\/)flannel$/,
  calico: /(^|\/)calico\/node$/,
  cilium: /(^|\/)cilium$/,
  weave: /(^|\/)weave-kube$/,
  antrea: /(^|\/)antrea-(agent|ubuntu|agent-ubuntu)$/,
};
const CONFIG_MAP: Partial<Record<Cni, RegExp>> = {
  flannel: /\/kube-flannel-cfg$/,
  calico: /^kube-system\/calico-config$/,
  cilium: /^kube-system\/cilium-config$/,
  antrea: /\/antrea-config$/,
  "kube-router": /\/kube-router-cfg$/,
  "ovn-kubernetes": /\/ovn-config$/,
};

type Input = { name: string; text: string };
type Ds = { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } };

export function cniDeployment(inputs: Input[], cni: Cni): CniDeployment {
  const out: CniDeployment = { daemonSet: null, image: null, version: null, configMap: null };
  const wants = IMAGE[cni];
  for (const i of inputs) {
    const ds = /^DaemonSet (\S+)$/.exec(i.name)?.[1];
    if (ds && wants && !out.daemonSet) {
      let obj: Ds | null = null;
      try {
        obj = parseYaml(i.text) as Ds;
      } catch {
        obj = null;
      }
      const repo = (im: string) => im.split("@")[0]!.replace(/:[^/:]+$/, "");
      const image = obj?.spec?.template?.spec?.containers
        ?.map((c) => c.image ?? "")
        .find((im) => wants.test(repo(im)));
      if (image) {
        out.daemonSet = ds;
        out.image = image;
        out.version = /:(v?\d+\.\d+(?:\.\d+)?)(?:[-@].*)?$/.exec(image)?.[1] ?? null;
      }
    }
    const cm = /^ConfigMap (\S+)$/.exec(i.name)?.[1];
    if (cm && CONFIG_MAP[cni]?.test(cm) && !out.configMap) out.configMap = cm;
  }
  return out;
}

/** a ≥ b for versions like "v0.21.3" (a missing part counts as 0). */
export function versionAtLeast(a: string, b: string): boolean {
  const parts = (v: string) => v.replace(/^v/, "").split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d > 0;
  }
  return true;
}
