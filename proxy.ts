import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api-error";
import { ownHost } from "@/server/auth/csrf";
import { sessionKeys } from "@/server/auth/keys";
import { authenticate } from "@/server/auth/user";

const refusal = (e: ApiError) =>
  new NextResponse(e.message, {
    status: e.status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });

/**
 * Pages are served only under Underlay's own hosts (a DNS-rebinding page gets a 421) and need a
 * signed-in user (API routes check both for themselves in withApi, with their role). Nobody signed
 * in → the login page, which comes back here afterwards.
 */
export async function proxy(req: NextRequest) {
  try {
    ownHost(req);
    if (req.nextUrl.pathname === "/login") return NextResponse.next();
    if (authenticate(req, await sessionKeys())) return NextResponse.next();
  } catch (e) {
    if (e instanceof ApiError) return refusal(e);
    throw e;
  }
  const login = new URL("/login", req.url);
  login.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  // Static files (public/) need neither: icons, robots.txt and the web manifest say nothing.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon\\.ico|icon|apple-touch-icon|robots\\.txt|manifest\\.webmanifest).*)",
  ],
};
