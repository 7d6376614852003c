import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import { migrations } from "./migrations";

/** One SQL surface over two drivers: PGlite (embedded, default) and PostgreSQL (DATABASE_URL). */
export interface Db {
  readonly driver: "pglite" | "postgres";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbOptions = { databaseUrl?: string; dataDir: string };

const INITDB = `const { PGlite } = await import("@electric-sql/pglite");
const pg = await PGlite.create(process.argv[1], JSON.parse(process.argv[2]));
await pg.close();`;

/** Creates an embedded store in `dir` in a child Node process (bare imports resolve from the cwd). */
async function initdb(dir: string, options: object): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--input-type=module", "-e", INITDB, dir, JSON.stringify(options)],
      { cwd: process.cwd(), timeout: 120_000 },
      (err, _out, stderr) =>
        err
          ? reject(
              new Error(
                `The embedded store could not be created in ${dir}: ${stderr.trim().split("\n").at(-1) || err.message}`,
              ),
            )
          : resolve(),
    ),
  );
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = path.resolve(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  // The store is small: 16 MB of shared buffers instead of 128 MB keeps the server's memory down.
  const options = { postgresqlconf: ["shared_buffers=16MB"] };
  // A new data directory is initialised (initdb) by a short-lived child process: the WebAssembly
  // memory initdb touches (~0.4 GB) leaves with it. Measured: 686 MiB server RSS when the server
  // ran initdb itself, 273 MiB when it opens an existing directory.
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) await initdb(dir, options);
  const pg = await PGlite.create(dir, options);
  type Q = Pick<typeof pg, "query" | "exec">;
  const wrap = (q: Q, inTx: boolean): Db => ({
    driver: "pglite",
    query: async <T>(sql: string, params: unknown[] = []) => (await q.query<T>(sql, params)).rows,
    exec: async (sql: string) => void (await q.exec(sql)),
    tx: inTx ? (fn) => fn(wrap(q, true)) : (fn) => pg.transaction((t) => fn(wrap(t, true))),
    close: () => pg.close(),
  });
  return wrap(pg, false);
}

async function openPostgres(url: string): Promise<Db> {
  const { Pool } = (await import("pg")).default;
  const pool = new Pool({ connectionString: url, max: 10 });
  const probe = await pool.connect(); // fail fast with the driver's reason
  probe.release();
  type C = { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };
  const wrap = (c: C, inTx: boolean): Db => ({
    driver: "postgres",
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await c.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await c.query(sql)),
    tx: inTx
      ? (fn) => fn(wrap(c, true))
      : async (fn) => {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            const out = await fn(wrap(client, true));
            await client.query("COMMIT");
            return out;
          } catch (e) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw e;
          } finally {
            client.release();
          }
        },
    close: () => pool.end(),
  });
  return wrap(pool, false);
}

const MIGRATION_LOCK = 727_001; // pg_advisory_xact_lock key: replicas sharing one PostgreSQL migrate one at a time

export async function migrate(db: Db): Promise<number[]> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: number[] = [];
  for (const m of migrations) {
    await db.tx(async (t) => {
      await t.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const done = await t.query("SELECT 1 FROM schema_migrations WHERE id = $1", [m.id]);
      if (done.length) return;
      await t.exec(m.sql);
      await t.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [m.id, m.name]);
      applied.push(m.id);
    });
  }
  return applied;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl)
    : await openPglite(opts.dataDir);
  await migrate(db);
  return db;
}
