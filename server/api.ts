import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError, badRequest } from "@/lib/api-error";
import type { Role, User } from "@/lib/auth/roles";
import { zodMessage } from "@/lib/zod-message";
import { checkSameOrigin } from "@/server/auth/csrf";
import { authenticate, requireRole } from "@/server/auth/user";
import { kubeError } from "@/server/kube/errors";
import { log } from "@/server/log";

export function errorResponse(err: unknown): NextResponse {
  const known = kubeError(err);
  if (known) {
    if (known.status >= 500) log.warn({ code: known.code, status: known.status }, known.message);
    return NextResponse.json(known.toJSON(), { status: known.status });
  }
  // Unknown failures: log the name and message only, answer with a sentence that leaks nothing.
  const e = err as { name?: string; message?: string } | null;
  log.error({ code: "internal", errName: e?.name }, String(e?.message ?? err).slice(0, 500));
  return NextResponse.json(
    new ApiError(
      500,
      "internal",
      "Something went wrong on the Underlay server. The details are in its log.",
    ).toJSON(),
    { status: 500 },
  );
}

type Handler<C> = (req: NextRequest, ctx: C, user: User) => Promise<unknown>;

/**
 * Who may call a route: the least role it takes and, for the 403 sentence, what it does.
 * `public` routes (health, sign-in) answer anyone.
 */
export type Access = { role: Role; does: string } | "public";

const VIEW: Access = { role: "viewer", does: "read this" };
const NOBODY: User = { name: "anonymous", role: "viewer", groups: [], via: "local" };

function anyone(req: NextRequest): User {
  try {
    return authenticate(req) ?? NOBODY;
  } catch {
    return NOBODY; // a public route answers a bad token too
  }
}

/**
 * Wraps a route handler: the caller is authenticated and must hold the route's role (401/403),
 * a state-changing request must come from Underlay's own pages (403), then a value becomes JSON,
 * a Response passes through and a throw becomes the error contract.
 */
export function withApi<C = unknown>(handler: Handler<C>, access: Access = VIEW) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    try {
      checkSameOrigin(req);
      const user = access === "public" ? anyone(req) : requireRole(req, access.role, access.does);
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

const MAX_BODY = 256 * 1024;

export async function parseBody<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > MAX_BODY)
    throw new ApiError(413, "too_large", `The request body is larger than ${MAX_BODY / 1024} KiB.`);
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
