import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./db";
import { insertAudit, listAudit } from "./audit";
import { pruneOld } from "./retention";
import { revokedSessions, revokeSession, storedSessionSecret } from "./sessions";
import { freshDb, type Driver } from "./test-db";

describe.each<Driver>(["pglite", "postgres"])("sessions and retention on %s", (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ db, dispose } = await freshDb(driver)), 120_000);
  afterAll(() => dispose?.());

  it("makes the session secret once: 256 random bits every later read returns", async () => {
    const [a, b] = await Promise.all([storedSessionSecret(db), storedSessionSecret(db)]);
    expect(a.length).toBe(32);
    expect(b.equals(a)).toBe(true);
    expect((await storedSessionSecret(db)).equals(a)).toBe(true);
  });

  it("keeps a signed-out session until it would have expired", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    await revokeSession(db, "sid-live", new Date("2026-12-01T22:00:00Z"));
    await revokeSession(db, "sid-old", new Date("2026-12-01T09:00:00Z"));
    await revokeSession(db, "sid-live", new Date("2026-12-01T22:00:00Z")); // twice: no error
    expect(await revokedSessions(db, now)).toEqual(["sid-live"]);
  });

  it("prunes audit rows and captures past their retention, and nothing newer", async () => {
    await insertAudit(db, { actor: "a", action: "login", target: "session", details: {} });
    await db.query("UPDATE audit_log SET at = now() - interval '100 days' WHERE actor = 'a'");
    await insertAudit(db, { actor: "b", action: "login", target: "session", details: {} });
    await db.query(
      "INSERT INTO captures (id, target, bytes, created_at) VALUES ('old', 't', '\\x00', now() - interval '8 days'), ('new', 't', '\\x00', now())",
    );
    expect(await pruneOld(db, { auditDays: 90, captureDays: 7 })).toEqual({
      audit: 1,
      captures: 1,
    });
    expect((await listAudit(db, { limit: 10 })).map((e) => e.actor)).toEqual(["b"]);
    const left = await db.query<{ id: string }>("SELECT id FROM captures");
    expect(left.map((r) => r.id)).toEqual(["new"]);
  });
});
