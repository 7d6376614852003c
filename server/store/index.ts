import "server-only";
import { env } from "@/lib/env";
import { openDb, type Db } from "./db";

export type { Db } from "./db";

const g = globalThis as typeof globalThis & { __underlayDb?: Promise<Db> };

/** The process's store: PGlite under UNDERLAY_DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
export function db(): Promise<Db> {
  const e = env();
  g.__underlayDb ??= openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.UNDERLAY_DATA_DIR }).catch(
    (err) => {
      g.__underlayDb = undefined;
      throw err;
    },
  );
  return g.__underlayDb;
}
