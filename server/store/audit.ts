import "server-only";
import type { AuditEntry } from "@/lib/schemas/auth";
import type { Db } from "./db";

export type AuditQuery = { limit: number; before?: number; actor?: string; action?: string };

type Row = {
  id: string | number;
  at: Date | string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown> | string;
};

export async function insertAudit(db: Db, e: Omit<AuditEntry, "id" | "at">): Promise<void> {
  await db.query(
    "INSERT INTO audit_log (actor, action, target, details) VALUES ($1, $2, $3, $4::jsonb)",
    [e.actor, e.action, e.target, JSON.stringify(e.details)],
  );
}

/** Newest first, a page at a time (`before` = the last id of the previous page). */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditEntry[]> {
  const rows = await db.query<Row>(
    `SELECT id, at, actor, action, target, details FROM audit_log
     WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR action = $3)
     ORDER BY id DESC LIMIT $4`,
    [q.before ?? null, q.actor ?? null, q.action ?? null, q.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    details:
      typeof r.details === "string"
        ? (JSON.parse(r.details) as Record<string, unknown>)
        : r.details,
  }));
}
