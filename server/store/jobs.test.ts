import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./db";
import {
  countJobs,
  failIfRunning,
  finishJob,
  insertJob,
  jobById,
  setJobProgress,
  succeededJobs,
} from "./jobs";
import { freshDb, type Driver } from "./test-db";

const id = (n: number) => n.toString(16).padStart(32, "0");

describe.each<Driver>(["pglite", "postgres"])("jobs on %s", (driver) => {
  let db: Db;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => ({ db, dispose } = await freshDb(driver)), 120_000);
  afterAll(() => dispose?.());

  it("records a run from start to its end, and only a running job's progress moves", async () => {
    await insertJob(db, {
      id: id(1),
      kind: "mtu",
      context: "lab",
      params: { a: 1 },
      createdBy: "ann",
    });
    expect(await jobById(db, id(1))).toMatchObject({
      status: "running",
      message: "starting",
      result: null,
    });
    await setJobProgress(db, id(1), 1.7, "measuring");
    expect(await jobById(db, id(1))).toMatchObject({ progress: 1, message: "measuring" });
    await finishJob(db, id(1), { status: "succeeded", result: { nodes: [] } });
    await setJobProgress(db, id(1), 0.1, "late");
    const done = await jobById(db, id(1));
    expect(done).toMatchObject({
      status: "succeeded",
      message: "done",
      progress: 1,
      result: { nodes: [] },
    });
    expect(done!.finishedAt).not.toBeNull();
  });

  it("a failure keeps its words, a cancel says so, and a restart fails only what still runs", async () => {
    await insertJob(db, {
      id: id(2),
      kind: "latency",
      context: "lab",
      params: {},
      createdBy: "ann",
    });
    await finishJob(db, id(2), {
      status: "failed",
      message: "node unreachable",
      error: { code: "cluster_unreachable", message: "node unreachable" },
    });
    expect(await jobById(db, id(2))).toMatchObject({
      status: "failed",
      error: { code: "cluster_unreachable", message: "node unreachable" },
    });
    await failIfRunning(db, id(2), "restarted");
    expect((await jobById(db, id(2)))!.message).toBe("node unreachable");
    await insertJob(db, {
      id: id(3),
      kind: "latency",
      context: "lab",
      params: {},
      createdBy: "bob",
    });
    await finishJob(db, id(3), { status: "cancelled" });
    expect(await jobById(db, id(3))).toMatchObject({ status: "cancelled", message: "cancelled" });
    await insertJob(db, { id: id(4), kind: "mtu", context: "lab", params: {}, createdBy: "bob" });
    await failIfRunning(db, id(4), "The Underlay server restarted while this job ran.");
    expect(await jobById(db, id(4))).toMatchObject({ status: "failed" });
  });

  it("counts by kind and status, and lists succeeded runs newest first", async () => {
    await insertJob(db, { id: id(5), kind: "mtu", context: "lab", params: {}, createdBy: "ann" });
    await finishJob(db, id(5), { status: "succeeded", result: { n: 5 } });
    const counts = await countJobs(db, "lab");
    expect(counts).toContainEqual({ kind: "mtu", status: "succeeded", n: 2 });
    expect(counts).toContainEqual({ kind: "latency", status: "failed", n: 1 });
    expect((await succeededJobs(db, "mtu", "lab", 10)).map((j) => j.id)).toEqual([id(5), id(1)]);
    expect(await succeededJobs(db, "mtu", "elsewhere", 10)).toEqual([]);
    expect(await jobById(db, id(99))).toBeNull();
  });
});
