import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { runLatencyMesh } from "@/server/collect/latency";
import { diagnoseMtu } from "@/server/collect/mtu";
import type { JobKind, JobResults } from "@/lib/schemas/jobs";
import { startJob, getJob, type Progress } from "@/server/jobs/jobs";
import { metricsText } from "./metrics";

async function finished<K extends JobKind>(
  kind: K,
  work: (p: Progress, s: AbortSignal) => Promise<JobResults[K]>,
) {
  const id = await startJob(kind, "kwok-underlay-lab", {}, "test", work);
  for (let j = await getJob(id); j.status === "running"; j = await getJob(id))
    await new Promise((r) => setTimeout(r, 300));
}

describeLab(["healthy"], "Prometheus metrics", () => {
  it("exposes latency per node pair, MTU verdict counts and debug pods, named underlay_*", async () => {
    await finished("latency", (p, s) => runLatencyMesh({ externalTargets: [] }, p, s));
    await finished("mtu", (p, s) => diagnoseMtu(undefined, p, s));
    const { body, contentType } = await metricsText();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toMatch(/^# HELP underlay_latency_seconds /m);
    expect(body).toMatch(
      /^underlay_latency_seconds\{context="kwok-underlay-lab",from="lab-node-1",to="lab-node-2",over="pod",quantile="0\.5"\} \d\.\d+(e-\d+)?$/m,
    );
    expect(body).toMatch(/^underlay_mtu_nodes\{context="kwok-underlay-lab",verdict="ok"\} 3$/m);
    expect(body).toMatch(
      /^underlay_path_mtu_bytes\{context="kwok-underlay-lab",from="lab-node-1",to="lab-node-2",over="overlay",above="fits"\} 1450$/m,
    );
    expect(body).toMatch(
      /^underlay_debug_pods_alive\{context="kwok-underlay-lab",phase="Running"\} 0$/m,
    );
    // Reachability and history, as exporters report them.
    expect(body).toMatch(/^underlay_cluster_up\{context="kwok-underlay-lab"\} 1$/m);
    expect(body).toMatch(/^underlay_store_up 1$/m);
    expect(body).toMatch(/^underlay_build_info\{version="0\.1\.0"\} 1$/m);
    expect(body).toMatch(
      /^underlay_jobs\{context="kwok-underlay-lab",kind="mtu",status="succeeded"\} [1-9]\d*$/m,
    );
    const at =
      /^underlay_last_run_timestamp_seconds\{context="kwok-underlay-lab",kind="mtu"\} (\S+)$/m.exec(
        body,
      );
    expect(Math.abs(Number(at![1]) - Date.now() / 1000)).toBeLessThan(600);
    expect(
      body
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .every((l) => l.startsWith("underlay_")),
    ).toBe(true);
  });
});
