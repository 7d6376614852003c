import "server-only";
import type { User } from "@/lib/auth/roles";
import type { AUDIT_ACTIONS } from "@/lib/schemas/auth";
import { log } from "@/server/log";
import { db } from "@/server/store";
import { insertAudit } from "@/server/store/audit";

/**
 * Records who did what to which target. A store failure is logged and does not undo an action that
 * already happened on the cluster.
 */
export async function audit(
  user: Pick<User, "name" | "role" | "via">,
  action: (typeof AUDIT_ACTIONS)[number],
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await insertAudit(await db(), {
      actor: user.name,
      action,
      target,
      details: { ...details, role: user.role, via: user.via },
    });
  } catch (e) {
    log.error({ code: "audit_failed", action, target }, String((e as Error).message).slice(0, 200));
  }
}
