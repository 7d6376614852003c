import { NextResponse } from "next/server";
import { withApi } from "@/server/api";
import { sessionCookie } from "@/server/auth/cookie";

export const dynamic = "force-dynamic";

export const POST = withApi(async (req) => {
  const res = NextResponse.json({ signedOut: true });
  res.cookies.set(sessionCookie(req, "", 0));
  return res;
}, "public");
