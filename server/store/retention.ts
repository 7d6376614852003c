import "server-only";
import { env } from "@/lib/env";
import { log } from "@/server/log";
import { singleton } from "@/lib/singleton";
import type { Db } from "./db";
import { db } from "./index";

/** Deletes audit rows and packet captures older than their retention; returns what went. */
export async function pruneOld(
  db: Db,
  retention: { auditDays: number; captureDays: number },
  now = new Date(),
): Promise<{ audit: number; captures: number }> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const audit = await db.query<{ id: string }>("DELETE FROM audit_log WHERE at < $1 RETURNING id", [
    before(retention.auditDays),
  ]);
  const captures = await db.query<{ id: string }>(
    "DELETE FROM captures WHERE created_at < $1 RETURNING id",
    [before(retention.captureDays)],
  );
  return { audit: audit.length, captures: captures.length };
}

const EVERY_MS = 3600_000;

/** Prunes at start-up and every hour: audit rows and captures do not pile up for ever. */
export function startRetention(): void {
  const timer = singleton<{ t?: NodeJS.Timeout }>("retention", () => ({}));
  if (timer.t) return;
  const once = async () => {
    const e = env();
    try {
      const gone = await pruneOld(await db(), {
        auditDays: e.UNDERLAY_AUDIT_RETENTION_DAYS,
        captureDays: e.UNDERLAY_CAPTURE_RETENTION_DAYS,
      });
      if (gone.audit || gone.captures) log.info({ code: "retention", ...gone }, "pruned old rows");
    } catch (err) {
      log.warn({ code: "retention" }, String((err as Error).message).slice(0, 200));
    }
  };
  void once();
  timer.t = setInterval(() => void once(), EVERY_MS);
  timer.t.unref();
}
