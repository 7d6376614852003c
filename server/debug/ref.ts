import "server-only";
import { badRequest } from "@/lib/api-error";
import { debugPodRef } from "@/lib/schemas/debug";
import { zodMessage } from "@/lib/zod-message";

export type DebugRefCtx = {
  params: Promise<{ namespace: string; pod: string; container: string }>;
};

/** The debug container a route's path names, validated. */
export async function refOf(ctx: DebugRefCtx) {
  const r = debugPodRef.safeParse(await ctx.params);
  if (!r.success) throw badRequest(zodMessage(r.error, "path"));
  return r.data;
}
