import "server-only";
import crypto from "node:crypto";
import type { Db } from "./db";

/**
 * The key login cookies are signed with when UNDERLAY_SESSION_SECRET is not set: 256 random bits,
 * made once and kept in the store, so that every replica on one PostgreSQL signs with the same one.
 */
export async function storedSessionSecret(db: Db): Promise<Buffer> {
  const fresh = crypto.randomBytes(32).toString("base64url");
  await db.query(
    "INSERT INTO settings (key, value) VALUES ('session-secret', $1) ON CONFLICT (key) DO NOTHING",
    [fresh],
  );
  const [row] = await db.query<{ value: string }>(
    "SELECT value FROM settings WHERE key = 'session-secret'",
  );
  return Buffer.from(row!.value, "base64url");
}

/** A signed-out session: refused until it would have expired anyway. */
export async function revokeSession(db: Db, sid: string, expiresAt: Date): Promise<void> {
  await db.query(
    "INSERT INTO revoked_sessions (sid, expires_at) VALUES ($1, $2) ON CONFLICT (sid) DO NOTHING",
    [sid, expiresAt.toISOString()],
  );
}

/** The sessions signed out that have not yet expired (expired ones are pruned here). */
export async function revokedSessions(db: Db, now = new Date()): Promise<string[]> {
  await db.query("DELETE FROM revoked_sessions WHERE expires_at < $1", [now.toISOString()]);
  const rows = await db.query<{ sid: string }>("SELECT sid FROM revoked_sessions");
  return rows.map((r) => r.sid);
}
