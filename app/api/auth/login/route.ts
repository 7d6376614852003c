import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api-error";
import { authMode, env } from "@/lib/env";
import { loginRequest } from "@/lib/schemas/auth";
import { parseBody, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { sessionCookie } from "@/server/auth/cookie";
import { sessionKeys } from "@/server/auth/keys";
import {
  checkLoginAllowed,
  clientOf,
  loginFailed,
  loginSucceeded,
} from "@/server/auth/login-guard";
import { roleOfToken, signSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

/** Token sign-in: a valid token becomes a signed session cookie for that token's role. */
export const POST = withApi(async (req) => {
  const mode = authMode(env());
  if (mode === "none")
    throw new ApiError(
      "no_auth",
      "This Underlay has no sign-in: it listens on loopback only and everyone at this machine is its admin.",
    );
  if (mode === "proxy")
    throw new ApiError(
      "proxy_auth",
      "This Underlay signs you in through your organisation's login proxy, not with a token.",
    );
  const client = clientOf(req);
  checkLoginAllowed(client);
  const { token, name } = await parseBody(req, loginRequest);
  const role = roleOfToken(token);
  if (!role) {
    await loginFailed(client);
    throw new ApiError("unauthenticated", "That token is not valid for this Underlay.");
  }
  loginSucceeded(client);
  const who = name?.trim() ? `${name.trim()} (${role} token)` : `${role} token`;
  const session = signSession(who, token, await sessionKeys());
  await audit({ name: who, role, via: "token" }, "login", "session");
  const res = NextResponse.json({ user: { name: who, role, via: "session" } });
  res.cookies.set(sessionCookie(req, session.value, session.maxAge));
  return res;
}, "public");
