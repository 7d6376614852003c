import { expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";
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
  it("runs a diagnosis as a job: progress in the store, then the result", async () => {
    const id = await startJob("mtu", "kwok-underlay-lab", {}, "test", (p, s) => diagnoseMtu(undefined, p, s));
    const seen = new Set<string>();
    for (let j = await getJob(id); j.status === "running"; j = await getJob(id)) {
      seen.add(j.message);
      await new Promise((r) => setTimeout(r, 200));
    }
    const done = await getJob(id);
    expect(done).toMatchObject({ status: "succeeded", progress: 1, message: "done" });
    expect((done.result as { nodes: unknown[] }).nodes).toHaveLength(3);
    expect([...seen].some((m) => /^(read|measured) \d+ of \d+/.test(m))).toBe(true);
  });

  it("cancels a running job, which stops and deletes its debug pods", async () => {
    const id = await startJob("mtu", "kwok-underlay-lab", {}, "test", (p, s) => diagnoseMtu(undefined, p, s));
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
