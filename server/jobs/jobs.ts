import "server-only";
import crypto from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { JobKind, JobResults, JobView } from "@/lib/schemas/jobs";
import { log } from "@/server/log";
import { singleton } from "@/lib/singleton";
import { db, type Db } from "@/server/store";
import {
  countJobs,
  failIfRunning,
  finishJob,
  insertJob,
  jobById,
  setJobProgress,
  succeededJobs,
} from "@/server/store/jobs";

export type Progress = (fraction: number, message: string) => void;
type Work<K extends JobKind> = (progress: Progress, signal: AbortSignal) => Promise<JobResults[K]>;

// Route handlers are bundled apart: what they share lives on globalThis, not in a module.
const running = singleton("jobs", () => new Map<string, AbortController>());
/** The job running now for each kind and context: one at a time (a loop of starts floods nodes). */
const slots = singleton("jobSlots", () => new Map<string, { id: string; by: string; at: Date }>());

const WHAT: Record<JobKind, [string, string]> = {
  mtu: ["An MTU diagnosis", "/mtu"],
  latency: ["A latency mesh", "/latency"],
  throughput: ["A throughput test", "/latency"],
};

function busy(kind: JobKind, context: string, j: { id: string; by: string; at: Date }): ApiError {
  const [what, page] = WHAT[kind];
  return new ApiError(
    "job_running",
    `${what} is already running on ${context} (started by ${j.by} at ${j.at.toISOString().slice(11, 19)} UTC): follow it on ${page} or at /api/jobs/${j.id}, or cancel it, before starting another.`,
  );
}

/**
 * Starts long work in this process and records it in the store: progress (0..1) with a sentence,
 * then the result or the failure's reason. Cancel with cancelJob.
 */
export async function startJob<K extends JobKind>(
  kind: K,
  context: string,
  params: unknown,
  createdBy: string,
  work: Work<K>,
): Promise<string> {
  const slot = `${kind}\0${context}`;
  const taken = slots.get(slot);
  if (taken) throw busy(kind, context, taken);
  const id = crypto.randomBytes(16).toString("hex");
  slots.set(slot, { id, by: createdBy, at: new Date() });
  let store: Db;
  try {
    store = await db();
    await insertJob(store, { id, kind, context, params, createdBy });
  } catch (e) {
    slots.delete(slot);
    throw e;
  }
  const ctrl = new AbortController();
  running.set(id, ctrl);
  let last = 0;
  const progress: Progress = (fraction, message) => {
    const now = Date.now();
    if (now - last < 250 && fraction < 1) return; // at most 4 writes a second
    last = now;
    void setJobProgress(store, id, fraction, message);
  };
  void (async () => {
    try {
      const result = await work(progress, ctrl.signal);
      await finishJob(store, id, {
        status: ctrl.signal.aborted ? "cancelled" : "succeeded",
        result: result ?? null,
      });
    } catch (e) {
      if (ctrl.signal.aborted) {
        await finishJob(store, id, { status: "cancelled" });
        return;
      }
      const err = e as { code?: string; message?: string };
      const known = e instanceof ApiError;
      if (!known)
        log.error(
          { code: "job_failed", kind, errName: (e as Error)?.name },
          String(err?.message).slice(0, 300),
        );
      const message = known
        ? err.message!
        : "The job failed on the Underlay server; the details are in its log.";
      await finishJob(store, id, {
        status: "failed",
        message,
        error: { code: known ? err.code! : "internal", message },
      });
    } finally {
      running.delete(id);
      slots.delete(slot);
    }
  })();
  return id;
}

export async function getJob(id: string): Promise<JobView> {
  const job = /^[0-9a-f]{32}$/.test(id) ? await jobById(await db(), id) : null;
  if (!job) throw new ApiError("not_found", "There is no job with this id.");
  // A job this process no longer runs (a restart) cannot finish: say so instead of spinning forever.
  if (job.status === "running" && !running.has(id)) {
    await failIfRunning(await db(), id, "The Underlay server restarted while this job ran.");
    return getJob(id);
  }
  return job;
}

export async function latestJob<K extends JobKind>(
  kind: K,
  context: string,
): Promise<JobView<K> | null> {
  return (await recentJobs(kind, context, 1))[0] ?? null;
}

/** The result of the latest successful job of a kind, or null when none has succeeded. */
export async function latestResult<K extends JobKind>(
  kind: K,
  context: string,
): Promise<JobResults[K] | null> {
  return (await latestJob(kind, context))?.result ?? null;
}

export async function cancelJob(id: string): Promise<JobView> {
  running.get(id)?.abort();
  return getJob(id);
}

/** How many runs of each kind ended each way (or are running) for a context. */
export async function jobCounts(
  context: string,
): Promise<{ kind: JobKind; status: string; n: number }[]> {
  return countJobs(await db(), context);
}

/** The last `limit` finished jobs of a kind, newest first (for charts over time). */
export async function recentJobs<K extends JobKind>(
  kind: K,
  context: string,
  limit = 20,
): Promise<JobView<K>[]> {
  return succeededJobs(await db(), kind, context, limit);
}
