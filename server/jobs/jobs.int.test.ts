import type { JobResults, JobView } from "@/lib/schemas/jobs";
import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
import { runLatencyMesh } from "@/server/collect/latency";
import { diagnoseMtu } from "@/server/collect/mtu";
import { listDebugPods } from "@/server/debug/pods";
import { cancelJob, getJob, startJob } from "./jobs";

async function settled(id: string) {
  for (let i = 0; i < 120; i++) {
    const j = await getJob(id);
    if (j.status !== "running") return j;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("job never finished");
}

describeLab(["healthy"], "jobs", () => {
  it("keeps a job's progress in the store while it runs, then its result", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The machinery, not a kind's work: any result is stored as it came.
    const result = { answer: 42 } as unknown as JobResults["throughput"];
    const id = await startJob("throughput", "kwok-underlay-lab", {}, "test", async (progress) => {
      progress(0.5, "halfway there");
      await gate;
      return result;
    });
    let j = await getJob(id);
    for (let i = 0; i < 50 && j.message !== "halfway there"; i++)
      j = (await new Promise((r) => setTimeout(r, 100)), await getJob(id));
    expect(j).toMatchObject({ status: "running", progress: 0.5, message: "halfway there" });
    release();
    expect(await settled(id)).toMatchObject({
      status: "succeeded",
      progress: 1,
      message: "done",
      result: { answer: 42 },
    });
  });

  it("runs an MTU diagnosis as a job to its result", async () => {
    const id = await startJob("mtu", "kwok-underlay-lab", {}, "test", (p, s) =>
      diagnoseMtu(undefined, p, s),
    );
    const done = await settled(id);
    expect(done).toMatchObject({ status: "succeeded", progress: 1 });
    expect((done as JobView<"mtu">).result?.nodes).toHaveLength(3);
  });

  it("cancels a running job, which stops and deletes its debug pods", async () => {
    // The latency mesh runs ~10 s on the lab: long enough to be cancelled half-way.
    const id = await startJob("latency", "kwok-underlay-lab", {}, "test", (p, s) =>
      runLatencyMesh({ externalTargets: [] }, p, s),
    );
    await new Promise((r) => setTimeout(r, 1500));
    await cancelJob(id);
    expect(await settled(id)).toMatchObject({ status: "cancelled" });
    expect((await listDebugPods()).filter((d) => d.phase !== "Terminating")).toEqual([]);
  });

  it("answers 404 for an unknown or malformed job id", async () => {
    await expect(getJob("0".repeat(32))).rejects.toMatchObject({ status: 404 });
    await expect(getJob("../../etc/passwd")).rejects.toMatchObject({ status: 404 });
  });
});
