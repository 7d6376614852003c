import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, type Db } from "./db";
import { migrations } from "./migrations";
import { freshDb, type Driver } from "./test-db";

describe.each<Driver>(["pglite", "postgres"])("store on %s", (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ db, dispose } = await freshDb(driver)), 120_000); // a new embedded store runs initdb in a child process: seconds
  afterAll(() => dispose?.());

  it("applies every migration once and records it", async () => {
    const rows = await db.query<{ id: number }>("SELECT id FROM schema_migrations ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    expect(await migrate(db)).toEqual([]); // a second start applies nothing
  });

  it("round-trips jsonb and timestamps with the same SQL", async () => {
    const body = {
      verdict: "mismatch",
      nodes: [{ name: "lab-node-1", mtu: 1500 }],
      note: "ünïcode ✓",
    };
    await db.query(
      "INSERT INTO reports (id, title, context, schema_version, body) VALUES ($1, $2, $3, $4, $5::jsonb)",
      ["r1", "t", "lab", 1, JSON.stringify(body)],
    );
    const [row] = await db.query<{ body: unknown; created_at: Date }>(
      "SELECT body, created_at FROM reports WHERE id = $1",
      ["r1"],
    );
    expect(row!.body).toEqual(body);
    expect(row!.created_at).toBeInstanceOf(Date);
  });

  it("rolls a failed transaction back", async () => {
    await expect(
      db.tx(async (t) => {
        await t.query("INSERT INTO audit_log (actor, action) VALUES ($1, $2)", [
          "alice",
          "report.create",
        ]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.query("SELECT * FROM audit_log WHERE actor = 'alice'")).toEqual([]);
  });
});
