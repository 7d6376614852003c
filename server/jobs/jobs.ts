import "server-only";
import crypto from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { JobKind, JobResults, JobView } from "@/lib/schemas/jobs";
import { log } from "@/server/log";
import { singleton } from "@/lib/singleton";
import { db } from "@/server/store";

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
  let store: Awaited<ReturnType<typeof db>>;
  try {
    store = await db();
    await store.query(
      "INSERT INTO jobs (id, kind, context, status, params, created_by, message) VALUES ($1, $2, $3, 'running', $4::jsonb, $5, 'starting')",
      [id, kind, context, JSON.stringify(params), createdBy],
    );
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
    void store.query(
      "UPDATE jobs SET progress = $2, message = $3, updated_at = now() WHERE id = $1 AND status = 'running'",
      [id, Math.min(1, Math.max(0, fraction)), message],
    );
  };
  void (async () => {
    try {
      const result = await work(progress, ctrl.signal);
      const status = ctrl.signal.aborted ? "cancelled" : "succeeded";
      await store.query(
        "UPDATE jobs SET status = $2, progress = 1, message = $3, result = $4::jsonb, updated_at = now(), finished_at = now() WHERE id = $1",
        [id, status, status === "cancelled" ? "cancelled" : "done", JSON.stringify(result ?? null)],
      );
    } catch (e) {
      if (ctrl.signal.aborted) {
        await store.query(
          "UPDATE jobs SET status = 'cancelled', message = 'cancelled', updated_at = now(), finished_at = now() WHERE id = $1",
          [id],
        );
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
      await store.query(
        "UPDATE jobs SET status = 'failed', message = $2, error = $3::jsonb, updated_at = now(), finished_at = now() WHERE id = $1",
        [id, message, JSON.stringify({ code: known ? err.code : "internal", message })],
      );
    } finally {
      running.delete(id);
      slots.delete(slot);
    }
  })();
  return id;
}

type Row = {
  id: string;
  kind: JobKind;
  context: string;
  status: JobView["status"];
  progress: number;
  message: string;
  result: unknown;
  error: JobView["error"];
  created_at: Date;
  finished_at: Date | null;
};
const view = <K extends JobKind>(r: Row): JobView<K> => ({
  id: r.id,
  kind: r.kind as K,
  context: r.context,
  status: r.status,
  progress: r.progress,
  message: r.message,
  result: (r.result ?? null) as JobResults[K] | null,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export async function getJob(id: string): Promise<JobView> {
  const [row] = /^[0-9a-f]{32}$/.test(id)
    ? await (await db()).query<Row>("SELECT * FROM jobs WHERE id = $1", [id])
    : [];
  if (!row) throw new ApiError("not_found", "There is no job with this id.");
  // A job this process no longer runs (a restart) cannot finish: say so instead of spinning forever.
  if (row.status === "running" && !running.has(id)) {
    await (
      await db()
    ).query(
      "UPDATE jobs SET status = 'failed', message = $2, finished_at = now() WHERE id = $1 AND status = 'running'",
      [id, "The Underlay server restarted while this job ran."],
    );
    return getJob(id);
  }
  return view(row);
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
  const rows = await (
    await db()
  ).query<{ kind: JobKind; status: string; n: string | number }>(
    "SELECT kind, status, count(*) AS n FROM jobs WHERE context = $1 GROUP BY kind, status",
    [context],
  );
  return rows.map((r) => ({ kind: r.kind, status: r.status, n: Number(r.n) }));
}

/** The last `limit` finished jobs of a kind, newest first (for charts over time). */
export async function recentJobs<K extends JobKind>(
  kind: K,
  context: string,
  limit = 20,
): Promise<JobView<K>[]> {
  const rows = await (
    await db()
  ).query<Row>(
    "SELECT * FROM jobs WHERE kind = $1 AND context = $2 AND status = 'succeeded' ORDER BY created_at DESC LIMIT $3",
    [kind, context, limit],
  );
  return rows.map((r) => view<K>(r));
}
