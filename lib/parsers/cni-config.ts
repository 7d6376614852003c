/**
 * One CNI / kube-proxy configuration file → ConfigFacts. Accepted: CNI conflists (JSON),
 * Kubernetes manifests and ConfigMaps (YAML multi-document, `kind: List`, or JSON), flannel's
 * subnet.env and ovn-kubernetes' INI. Values are claimed only when the file states them.
 */
import { conflistFacts, looksLikeConflist } from "./cni-conflist";
import { iniFacts, looksLikeIni, looksLikeSubnetEnv, subnetEnvFacts } from "./cni-flat";
import { isKubeObject, manifestFacts, yamlObjects } from "./cni-manifest";
import type { ConfigFacts } from "./cni-types";

export * from "./cni-types";

export type CniConfigFormat = "conflist" | "manifest" | "subnet-env" | "ini";

/**
 * Returns the facts and the format, or null when the text is none of the accepted formats
 * (or a format that configures nothing known, e.g. a Service manifest).
 */
export function parseCniConfig(
  text: string,
  file: string,
): { format: CniConfigFormat; facts: ConfigFacts } | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (looksLikeConflist(value)) return { format: "conflist", facts: conflistFacts(value, file) };
    if (value !== undefined) return manifest(trimmed);
  }
  if (looksLikeSubnetEnv(text)) return { format: "subnet-env", facts: subnetEnvFacts(text, file) };
  if (looksLikeIni(text)) {
    const facts = iniFacts(text, file);
    return facts ? { format: "ini", facts } : null;
  }
  return manifest(text);
}

function manifest(text: string): { format: CniConfigFormat; facts: ConfigFacts } | null {
  let objects: Record<string, unknown>[];
  try {
    objects = yamlObjects(text).filter(isKubeObject);
  } catch {
    return null;
  }
  if (objects.length === 0) return null;
  const { facts, recognised } = manifestFacts(objects);
  return recognised ? { format: "manifest", facts } : null;
}
