import "server-only";
import type { JobKind, JobResults, JobView } from "@/lib/schemas/jobs";
import type { Db } from "./db";

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

export async function insertJob(
  db: Db,
  j: { id: string; kind: JobKind; context: string; params: unknown; createdBy: string },
): Promise<void> {
  await db.query(
    "INSERT INTO jobs (id, kind, context, status, params, created_by, message) VALUES ($1, $2, $3, 'running', $4::jsonb, $5, 'starting')",
    [j.id, j.kind, j.context, JSON.stringify(j.params), j.createdBy],
  );
}

/** Progress of a running job (a finished one keeps its last state). */
export async function setJobProgress(
  db: Db,
  id: string,
  fraction: number,
  message: string,
): Promise<void> {
  await db.query(
    "UPDATE jobs SET progress = $2, message = $3, updated_at = now() WHERE id = $1 AND status = 'running'",
    [id, Math.min(1, Math.max(0, fraction)), message],
  );
}

/** A job's end: succeeded with its result, cancelled, or failed with the error shown to users. */
export async function finishJob(
  db: Db,
  id: string,
  end:
    | { status: "succeeded" | "cancelled"; result?: unknown }
    | { status: "failed"; message: string; error: { code: string; message: string } },
): Promise<void> {
  if (end.status === "failed")
    await db.query(
      "UPDATE jobs SET status = 'failed', message = $2, error = $3::jsonb, updated_at = now(), finished_at = now() WHERE id = $1",
      [id, end.message, JSON.stringify(end.error)],
    );
  else if (end.result === undefined)
    await db.query(
      "UPDATE jobs SET status = $2, message = $2, updated_at = now(), finished_at = now() WHERE id = $1",
      [id, end.status],
    );
  else
    await db.query(
      "UPDATE jobs SET status = $2, progress = 1, message = $3, result = $4::jsonb, updated_at = now(), finished_at = now() WHERE id = $1",
      [
        id,
        end.status,
        end.status === "cancelled" ? "cancelled" : "done",
        JSON.stringify(end.result ?? null),
      ],
    );
}

/** Marks a job failed with `message` if it is still recorded as running. */
export async function failIfRunning(db: Db, id: string, message: string): Promise<void> {
  await db.query(
    "UPDATE jobs SET status = 'failed', message = $2, finished_at = now() WHERE id = $1 AND status = 'running'",
    [id, message],
  );
}

export async function jobById(db: Db, id: string): Promise<JobView | null> {
  const [row] = await db.query<Row>("SELECT * FROM jobs WHERE id = $1", [id]);
  return row ? view(row) : null;
}

/** How many runs of each kind ended each way (or are running) for a context. */
export async function countJobs(
  db: Db,
  context: string,
): Promise<{ kind: JobKind; status: string; n: number }[]> {
  const rows = await db.query<{ kind: JobKind; status: string; n: string | number }>(
    "SELECT kind, status, count(*) AS n FROM jobs WHERE context = $1 GROUP BY kind, status",
    [context],
  );
  return rows.map((r) => ({ kind: r.kind, status: r.status, n: Number(r.n) }));
}

/** The last `limit` succeeded jobs of a kind, newest first. */
export async function succeededJobs<K extends JobKind>(
  db: Db,
  kind: K,
  context: string,
  limit: number,
): Promise<JobView<K>[]> {
  const rows = await db.query<Row>(
    "SELECT * FROM jobs WHERE kind = $1 AND context = $2 AND status = 'succeeded' ORDER BY created_at DESC LIMIT $3",
    [kind, context, limit],
  );
  return rows.map((r) => view<K>(r));
}
