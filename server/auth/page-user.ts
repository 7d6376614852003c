import "server-only";
import { cookies, headers } from "next/headers";
import { authMode, env } from "@/lib/env";
import type { Me } from "@/lib/schemas/auth";
import { authenticate } from "./user";

/** The signed-in user of the page being rendered (proxy.ts has already sent strangers to /login). */
export async function pageUser(): Promise<Me> {
  const req = { headers: await headers(), cookies: await cookies() };
  let user: Me["user"] = null;
  try {
    const u = authenticate(req);
    user = u && { name: u.name, role: u.role, via: u.via };
  } catch {
    user = null;
  }
  return { user, mode: authMode(env()) };
}
