import { authMode, env } from "@/lib/env";
import type { Me } from "@/lib/schemas/auth";
import { withApi } from "@/server/api";
import { authenticate } from "@/server/auth/user";

export const dynamic = "force-dynamic";

/** Who this browser is signed in as, and how this Underlay signs people in. */
export const GET = withApi(async (req): Promise<Me> => {
  const u = authenticate(req);
  return { user: u && { name: u.name, role: u.role, via: u.via }, mode: authMode(env()) };
}, "public");
