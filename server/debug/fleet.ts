import "server-only";
import { ApiError } from "@/lib/api-error";
import type { NodeSummary } from "@/lib/schemas/cluster";
import type { DebugPod } from "@/lib/schemas/debug";
import { mapLimit } from "@/server/collect/parallel";
import { execInPod } from "@/server/kube/exec";
import { deleteDebugPod, getDebugPod, launch } from "./pods";

/** Debug pods started for one piece of work, one per node; `error` says why a node has none. */
export type FleetPod = {
  node: string;
  ip: string | null;
  pod: DebugPod | null;
  error: string | null;
};

export const FLEET_CONCURRENCY = 8;

export async function untilRunning(
  d: DebugPod,
  signal: AbortSignal,
  context?: string,
  timeoutMs = 90_000,
): Promise<DebugPod> {
  const until = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    // The pod every second; its events (why it is still pending) every fifth second and at the end:
    // a fleet of N pending pods lists events N/5 times a second, not N.
    const last = Date.now() > until || signal.aborted;
    const now = await getDebugPod(d, context, new Date(), last || round % 5 === 4);
    if (now.ready) return now;
    if (now.reason && !/ContainerCreating/.test(now.reason) && now.phase !== "Pending")
      throw new ApiError("not_running", now.reason);
    if (last)
      throw new ApiError(
        "timeout",
        `debug pod ${d.pod} did not start within ${timeoutMs / 1000} s${now.reason ? ` (${now.reason})` : ""}`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Starts a debug pod of `mode` on each node, at most FLEET_CONCURRENCY at a time, and waits for them. */
export async function launchFleet(
  nodes: NodeSummary[],
  mode: "node" | "pod-network",
  o: { context?: string; signal: AbortSignal; creator: string; onEach?: (done: number) => void },
): Promise<FleetPod[]> {
  let done = 0;
  return mapLimit(nodes, FLEET_CONCURRENCY, async (n) => {
    const f: FleetPod = { node: n.name, ip: n.internalIP, pod: null, error: null };
    try {
      o.signal.throwIfAborted();
      f.pod = await untilRunning(
        await launch({ mode, node: n.name, ttlSeconds: 900, context: o.context }, o.creator),
        o.signal,
        o.context,
      );
    } catch (e) {
      if (o.signal.aborted) throw e;
      f.error =
        e instanceof ApiError ? e.message : `could not start a debug pod: ${(e as Error).message}`;
    }
    o.onEach?.(++done);
    return f;
  });
}

/** No pod outlives its purpose: deletes the fleet's pods, whatever happened. */
export async function deleteFleet(fleet: FleetPod[], context?: string) {
  await Promise.all(
    fleet.filter((f) => f.pod).map((f) => deleteDebugPod(f.pod!, context).catch(() => undefined)),
  );
}

export async function runIn(
  pod: DebugPod,
  argv: string[],
  timeoutMs = 15_000,
  signal?: AbortSignal,
) {
  const r = await execInPod({ ...pod, argv, timeoutMs, signal });
  return { out: r.stdout.toString("utf8"), err: r.stderr, code: r.exitCode };
}
