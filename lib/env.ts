import { z } from "zod";

const port = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(3000),
  UNDERLAY_CONTEXT: z.string().min(1).optional(),
  UNDERLAY_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  UNDERLAY_DEBUG_IMAGE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, "must be an image reference like nicolaka/netshoot:v0.13")
    .default("nicolaka/netshoot"),
  UNDERLAY_DEBUG_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a valid namespace name")
    .default("underlay-system"),
  UNDERLAY_DEBUG_TTL_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int()
    .min(60, "must be at least 60 seconds")
    .max(4 * 3600, "must be at most 14400 seconds (4 hours)")
    .default(1800),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Validates an environment; the error names the variable and says what is wrong with it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable counts as unset, as a shell user expects.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new EnvError(`Invalid environment variable ${name}: ${issue.message} (got ${JSON.stringify(source[name])}).`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
