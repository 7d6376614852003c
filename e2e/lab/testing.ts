/** Helpers for integration tests that run against the lab (npm test brings each scenario up). */
import { CoreV1Api, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { describe } from "vitest";

export const LAB_SCENARIO = process.env.LAB_SCENARIO ?? "";

/** A describe block that runs only while the named scenario is up. */
export function describeLab(scenarioNames: string[], name: string, fn: () => void) {
  return describe.runIf(scenarioNames.includes(LAB_SCENARIO))(`${name} [lab: ${LAB_SCENARIO || "none"}]`, fn);
}

export function labKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return kc;
}

export async function waitForPod(core: CoreV1Api, namespace: string, name: string, done: (p: V1Pod) => boolean, timeoutMs = 60_000): Promise<V1Pod> {
  const until = Date.now() + timeoutMs;
  let last: V1Pod | undefined;
  while (Date.now() < until) {
    last = await core.readNamespacedPod({ namespace, name }).catch(() => undefined);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`pod ${namespace}/${name} did not get there in time; last phase ${last?.status?.phase}`);
}

export async function waitForGone(core: CoreV1Api, namespace: string, name: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await core.readNamespacedPod({ namespace, name }).then(() => true, (e: { code?: number }) => e.code !== 404);
    if (!found) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`pod ${namespace}/${name} was not deleted in time`);
}
