import "server-only";
import { singleton } from "@/lib/singleton";
import { env } from "@/lib/env";
import { openDb, type Db } from "./db";

export type { Db } from "./db";

const held = singleton<{ db?: Promise<Db> }>("db", () => ({}));

/** The process's store: PGlite under UNDERLAY_DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
export function db(): Promise<Db> {
  const e = env();
  held.db ??= openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.UNDERLAY_DATA_DIR }).catch((err) => {
    held.db = undefined;
    throw err;
  });
  return held.db;
}
