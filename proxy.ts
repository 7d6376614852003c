import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api-error";
import { authenticate } from "@/server/auth/user";

/**
 * Pages need a signed-in user (API routes check for themselves in withApi, with their role).
 * Nobody signed in → the login page, which comes back here afterwards.
 */
export function proxy(req: NextRequest) {
  try {
    if (authenticate(req)) return NextResponse.next();
  } catch (e) {
    if (e instanceof ApiError)
      return new NextResponse(e.message, {
        status: e.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    throw e;
  }
  const login = new URL("/login", req.url);
  login.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|login).*)"],
};
