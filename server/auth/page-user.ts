import "server-only";
import { cookies, headers } from "next/headers";
import type { Me } from "@/lib/schemas/auth";
import { sessionKeys } from "./keys";
import { meOf } from "./user";

/** The signed-in user of the page being rendered (proxy.ts has already sent strangers to /login). */
export async function pageUser(): Promise<Me> {
  return meOf({ headers: await headers(), cookies: await cookies() }, await sessionKeys());
}
