import { NextResponse } from "next/server";
import { withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { sessionCookie } from "@/server/auth/cookie";
import { signOut } from "@/server/auth/keys";

export const dynamic = "force-dynamic";

/** Signs out: the cookie goes, and the session is revoked on every replica (a copy stops working). */
export const POST = withApi(async (req, _ctx, user) => {
  if (user.via === "session" && user.sid && user.exp) {
    await signOut(user.sid, user.exp);
    await audit(user, "logout", "session");
  }
  const res = NextResponse.json({ signedOut: true });
  res.cookies.set(sessionCookie(req, "", 0));
  return res;
}, "public");
