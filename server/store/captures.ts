import "server-only";
import crypto from "node:crypto";
import type { Db } from "./db";

/** Saves a packet capture; its id is 128 random bits. */
export async function saveCapture(
  db: Db,
  target: string,
  params: unknown,
  bytes: Buffer,
  createdBy: string,
): Promise<string> {
  const id = crypto.randomBytes(16).toString("hex");
  await db.query(
    "INSERT INTO captures (id, target, params, bytes, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)",
    [id, target, JSON.stringify(params), bytes, createdBy],
  );
  return id;
}

export async function getCapture(
  db: Db,
  id: string,
): Promise<{ target: string; bytes: Buffer; createdAt: Date } | null> {
  const [row] = await db.query<{ target: string; bytes: Uint8Array; created_at: Date }>(
    "SELECT target, bytes, created_at FROM captures WHERE id = $1",
    [id],
  );
  return row
    ? { target: row.target, bytes: Buffer.from(row.bytes), createdAt: row.created_at }
    : null;
}
