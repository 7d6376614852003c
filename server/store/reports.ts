import "server-only";
import crypto from "node:crypto";
import type { Report, ReportBody, ReportSummary } from "@/lib/schemas/report";
import { redact } from "@/lib/report/redact";
import type { Db } from "./db";

type Row = {
  id: string;
  title: string;
  note: string;
  context: string;
  server: string;
  created_by: string;
  created_at: Date;
  body: ReportBody;
};

const toReport = (r: Row): Report => ({
  id: r.id,
  title: r.title,
  note: r.note,
  context: r.context,
  server: r.server,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  body: r.body,
});

function summary(r: Report): ReportSummary {
  const verdicts: Record<string, number> = {};
  for (const n of r.body.mtu?.nodes ?? []) verdicts[n.verdict] = (verdicts[n.verdict] ?? 0) + 1;
  const { body, ...rest } = r;
  return {
    ...rest,
    verdicts,
    findings: body.mtu?.findings.filter((f) => f.severity !== "info").length ?? 0,
  };
}

/** Saves a report, redacted, under an unguessable id (128 random bits). It is never changed after. */
export async function createReport(db: Db, r: Omit<Report, "id" | "createdAt">): Promise<Report> {
  const id = crypto.randomBytes(16).toString("hex");
  const clean = redact({ title: r.title, note: r.note, body: r.body });
  const [row] = await db.query<Row>(
    "INSERT INTO reports (id, title, note, context, server, schema_version, body, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING *",
    [
      id,
      clean.title,
      clean.note,
      r.context,
      r.server,
      clean.body.schemaVersion,
      JSON.stringify(clean.body),
      r.createdBy,
    ],
  );
  return toReport(row!);
}

export async function getReport(db: Db, id: string): Promise<Report | null> {
  const [row] = await db.query<Row>("SELECT * FROM reports WHERE id = $1", [id]);
  return row ? toReport(row) : null;
}

/** Newest first; `q` matches title, note or context, case-insensitively. */
export async function listReports(db: Db, q?: string, limit = 200): Promise<ReportSummary[]> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db.query<Row>(
    "SELECT * FROM reports WHERE $1::text IS NULL OR title ILIKE $1 OR note ILIKE $1 OR context ILIKE $1 ORDER BY created_at DESC LIMIT $2",
    [like, limit],
  );
  return rows.map((r) => summary(toReport(r)));
}

export async function deleteReport(db: Db, id: string): Promise<boolean> {
  const rows = await db.query("DELETE FROM reports WHERE id = $1 RETURNING id", [id]);
  return rows.length > 0;
}
