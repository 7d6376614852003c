import "server-only";
import type { NextRequest } from "next/server";

/** Who is asking. Until an auth mode is configured every request is "anonymous". */
export function currentUser(_req: NextRequest): string {
  return "anonymous";
}
