import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const loginRequest = z
  .object({
    token: z
      .string()
      .min(1, "paste your Underlay token")
      .max(512, "is longer than any Underlay token"),
    name: z
      .string()
      .max(80, "must be at most 80 characters")
      .regex(/^[\p{L}\p{N} ._@'-]*$/u, "may hold letters, digits, spaces and . _ @ ' - only")
      .optional(),
  })
  .strict();

export const me = z.object({
  user: z.object({ name: z.string(), role: z.enum(ROLES), via: z.string() }).nullable(),
  mode: z.enum(["none", "token", "proxy", "token+proxy"]),
});
export type Me = z.infer<typeof me>;

/** Everything the audit log records. */
export const AUDIT_ACTIONS = [
  "debug-pod.launch",
  "debug-pod.delete",
  "diagnostic.run",
  "mtu.start",
  "latency.start",
  "throughput.start",
  "job.cancel",
  "report.create",
  "report.delete",
  "login",
  "login.failed",
  "login.locked",
  "logout",
  "capture.download",
] as const;

export const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce.number().int().min(1).optional(),
    actor: z.string().max(200).optional(),
    action: z
      .enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(", ")}` })
      .optional(),
  })
  .strict();

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
};
