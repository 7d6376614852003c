import "server-only";
import type { NextRequest } from "next/server";
import { SESSION_COOKIE } from "./session";

/** The session cookie: HttpOnly, SameSite=Lax (a shared report link still opens), Secure over TLS. */
export function sessionCookie(req: NextRequest, value: string, maxAge: number) {
  const tls = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  return {
    name: SESSION_COOKIE,
    value,
    maxAge,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: tls,
    path: "/",
  };
}
