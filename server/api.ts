import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError, badRequest } from "@/lib/api-error";
import type { Role, User } from "@/lib/auth/roles";
import { zodMessage } from "@/lib/zod-message";
import { checkSameOrigin, ownHost } from "@/server/auth/csrf";
import { sessionKeys } from "@/server/auth/keys";
import type { SessionKeys } from "@/server/auth/session";
import { authenticate, bearerRole, requireRole } from "@/server/auth/user";
import { kubeError } from "@/server/kube/errors";
import { log } from "@/server/log";

/**
 * Any failure as the API error contract, logged: a known one (ours, or a Kubernetes error mapped
 * to ours) as it is, logged when it is the server's side (5xx); anything else logged by name and
 * message only and answered with a sentence that leaks nothing.
 */
export function apiErrorOf(err: unknown): ApiError {
  const known = kubeError(err);
  if (known) {
    if (known.status >= 500) log.warn({ code: known.code, status: known.status }, known.message);
    return known;
  }
  const e = err as { name?: string; message?: string } | null;
  log.error({ code: "internal", errName: e?.name }, String(e?.message ?? err).slice(0, 500));
  return new ApiError(
    "internal",
    "Something went wrong on the Underlay server. The details are in its log.",
  );
}

export function errorResponse(err: unknown): NextResponse {
  const e = apiErrorOf(err);
  const headers = e.retryAfter ? { "retry-after": String(e.retryAfter) } : undefined;
  return NextResponse.json(e.toJSON(), { status: e.status, headers });
}

type Handler<C> = (req: NextRequest, ctx: C, user: User) => Promise<unknown>;

/**
 * Who may call a route: the least role it takes and, for the 403 sentence, what it does.
 * `public` routes (sign-in, who am I) answer anyone; `liveness` (health) answers anyone under any
 * Host, for the kubelet's probe, and says nothing.
 */
export type Access = { role: Role; does: string } | "public" | "liveness";

const VIEW: Access = { role: "viewer", does: "read this" };
const NOBODY: User = { name: "anonymous", role: "viewer", groups: [], via: "local" };

function anyone(req: NextRequest, keys: SessionKeys): User {
  try {
    return authenticate(req, keys) ?? NOBODY;
  } catch {
    return NOBODY; // a public route answers a bad token too
  }
}

/**
 * Wraps a route handler: the request was sent to one of Underlay's own hosts (421; a valid Bearer
 * token is not a browser's, and a rebinding page cannot know one), a state-changing request comes
 * from Underlay's own pages (403), the caller is authenticated and holds the route's role
 * (401/403); then a value becomes JSON, a Response passes through and a throw becomes the error
 * contract.
 */
export function withApi<C = unknown>(handler: Handler<C>, access: Access = VIEW) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    try {
      if (access !== "liveness" && !bearerRole(req)) ownHost(req);
      checkSameOrigin(req);
      const keys = await sessionKeys();
      const user =
        access === "public" || access === "liveness"
          ? anyone(req, keys)
          : requireRole(req, keys, access.role, access.does);
      const out = await handler(req, ctx, user);
      return out instanceof Response ? out : NextResponse.json(out);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const raw = Object.fromEntries(req.nextUrl.searchParams.entries());
  const result = schema.safeParse(raw);
  if (!result.success) throw badRequest(zodMessage(result.error, "query"));
  return result.data;
}

export const MAX_BODY = 256 * 1024;

const tooLarge = () =>
  new ApiError("too_large", `The request body is larger than ${MAX_BODY / 1024} KiB.`);

/**
 * The body as text, at most MAX_BODY bytes: refused on its Content-Length before anything is read,
 * and read as a stream that is cancelled at the cap, so a huge body never sits in memory.
 */
export async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function parseBody<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
): Promise<z.infer<S>> {
  const text = await readBody(req);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  const result = schema.safeParse(json);
  if (!result.success) throw badRequest(zodMessage(result.error, "body"));
  return result.data;
}
