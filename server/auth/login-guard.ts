import "server-only";
import { ApiError } from "@/lib/api-error";
import { Backoff } from "@/lib/auth/backoff";
import { env } from "@/lib/env";
import { log } from "@/server/log";
import { singleton } from "@/lib/singleton";
import { audit } from "./audit";
import { fromTrustedProxy, PEER_HEADER, type RequestLike } from "./user";

/**
 * Token guessing: after 5 failed sign-ins a client waits 30 s, then 60, 120… up to 15 min; after 100
 * failures from everyone within the hour, everyone waits too (1 s doubling up to 1 min), so many
 * addresses cannot guess in parallel. Failures are counted (underlay_login_failures_total) and
 * logged; the audit log gets one row when a client is locked out, not one per failure.
 */
const guards = singleton("loginGuards", () => ({
  client: new Backoff({
    free: 5,
    baseSeconds: 30,
    maxSeconds: 900,
    forgetSeconds: 3600,
    maxKeys: 10_000,
  }),
  everyone: new Backoff({
    free: 100,
    baseSeconds: 1,
    maxSeconds: 60,
    forgetSeconds: 3600,
    maxKeys: 1,
  }),
}));

const EVERYONE = "*";

/** Who is trying: the socket's peer, or the client a trusted proxy names. */
export function clientOf(req: RequestLike): string {
  const peer = req.headers.get(PEER_HEADER) || "unknown";
  if (!fromTrustedProxy(req, env())) return peer;
  return req.headers.get("x-forwarded-for")?.split(",")[0]!.trim() || peer;
}

/** Throws 429 with Retry-After while this client (or everyone) must wait. */
export function checkLoginAllowed(client: string, now = Date.now()): void {
  const wait = Math.max(
    guards.client.retryAfter(client, now),
    guards.everyone.retryAfter(EVERYONE, now),
  );
  if (wait > 0)
    throw new ApiError(
      "too_many_attempts",
      `Too many failed sign-ins: wait ${wait} s before trying again.`,
      wait,
    );
}

export async function loginFailed(client: string, now = Date.now()): Promise<void> {
  const wait = guards.client.fail(client, now);
  guards.everyone.fail(EVERYONE, now);
  const failures = guards.client.failuresOf(client, now);
  log.warn({ code: "login_failed", client, failures }, "a sign-in with a wrong token");
  if (wait > 0 && failures === 6)
    await audit({ name: client, role: "viewer", via: "token" }, "login.locked", "session", {
      failures,
    });
}

export const loginSucceeded = (client: string) => guards.client.succeed(client);

/** Failed sign-ins since the process started. */
export const loginFailures = () => guards.client.total;
