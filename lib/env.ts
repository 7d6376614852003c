import { isIP } from "node:net";
import { z } from "zod";
import { parseRoleMap, ROLES } from "./auth/roles";

const port = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const token = z
  .string()
  .min(16, "must be at least 16 characters (use e.g. `openssl rand -hex 24`)");
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]+$/, "must be an HTTP header name")
  .transform((h) => h.toLowerCase());
const addressList = z.string().transform((text, ctx) => {
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of list) {
    const [ip, bits, extra] = a.split("/");
    const max = isIP(ip ?? "") === 4 ? 32 : 128;
    if (
      !isIP(ip ?? "") ||
      extra !== undefined ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))
    ) {
      ctx.addIssue({ code: "custom", message: `"${a}" is not an IP address or CIDR` });
      return z.NEVER;
    }
  }
  return list;
});
const roleMap = z.string().transform((text, ctx) => {
  try {
    return parseRoleMap(text);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

const nameList = (what: string, re: RegExp) =>
  z.string().transform((text, ctx) => {
    const list = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const n of list)
      if (!re.test(n)) {
        ctx.addIssue({ code: "custom", message: `"${n.slice(0, 80)}" is not ${what}` });
        return z.NEVER;
      }
    return list;
  });
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** UNDERLAY_PUBLIC_URL: the URLs Underlay is served at → their hosts ("underlay.example.com"). */
const urlList = z.string().transform((text, ctx) => {
  const hosts: string[] = [];
  for (const raw of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    let u: URL | null = null;
    try {
      u = new URL(raw);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== "http:" && u.protocol !== "https:") || !u.host) {
      ctx.addIssue({
        code: "custom",
        message: `"${raw.slice(0, 80)}" is not an http(s) URL like https://underlay.example.com`,
      });
      return z.NEVER;
    }
    hosts.push(u.host.toLowerCase());
  }
  return hosts;
});
const days = (fallback: number) =>
  z.coerce
    .number({ message: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(fallback);

/** Addresses a server can bind without being reachable from another machine. */
export const isLoopback = (host: string) =>
  ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host) || host.startsWith("127.");

/** A pinned tag: an untagged image is `:latest`, which a kubelet pulls again on every launch. */
export const DEFAULT_DEBUG_IMAGE = "nicolaka/netshoot:v0.13";

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
    .default(DEFAULT_DEBUG_IMAGE),
  UNDERLAY_DEBUG_PULL_POLICY: z
    .enum(["IfNotPresent", "Always", "Never"], {
      message: "must be IfNotPresent, Always or Never",
    })
    .default("IfNotPresent"),
  // Secrets in UNDERLAY_DEBUG_NAMESPACE that debug pods pull the image with (a private registry).
  UNDERLAY_DEBUG_PULL_SECRETS: nameList("a secret name", SUBDOMAIN).default([]),
  UNDERLAY_DEBUG_NAMESPACE: z
    .string()
    .regex(NAMESPACE, "must be a valid namespace name")
    .default("underlay-system"),
  // Where Underlay itself runs (the chart sets it from the pod's namespace): never attached to.
  UNDERLAY_NAMESPACE: z.string().regex(NAMESPACE, "must be a valid namespace name").optional(),
  // The hosts Underlay answers to besides loopback names (DNS rebinding finds nothing else).
  UNDERLAY_PUBLIC_URL: urlList.default([]),
  // Namespaces an ephemeral debug container may be attached in; unset: any but Underlay's own.
  UNDERLAY_ATTACH_NAMESPACES: nameList("a namespace name", NAMESPACE).optional(),
  // Kubeconfig contexts Underlay may use; unset: every context of the kubeconfig.
  UNDERLAY_CONTEXTS: nameList("a context name", /^[\w.@:/-]{1,253}$/).optional(),
  UNDERLAY_MAX_DEBUG_PODS_PER_USER: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(10),
  UNDERLAY_AUDIT_RETENTION_DAYS: days(90),
  UNDERLAY_CAPTURE_RETENTION_DAYS: days(7),
  UNDERLAY_DEBUG_TTL_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int()
    .min(60, "must be at least 60 seconds")
    .max(4 * 3600, "must be at most 14400 seconds (4 hours)")
    .default(1800),
  // Auth: a shared token per role (a login page, or Authorization: Bearer), and/or trusted headers
  // from an OIDC proxy such as oauth2-proxy, believed only from these addresses.
  UNDERLAY_TOKEN: token.optional(),
  UNDERLAY_OPERATOR_TOKEN: token.optional(),
  UNDERLAY_VIEWER_TOKEN: token.optional(),
  UNDERLAY_SESSION_SECRET: token.optional(),
  UNDERLAY_TRUSTED_PROXIES: addressList.optional(),
  UNDERLAY_PROXY_USER_HEADER: headerName.default("x-forwarded-user"),
  UNDERLAY_PROXY_GROUPS_HEADER: headerName.default("x-forwarded-groups"),
  UNDERLAY_ROLE_MAP: roleMap.default([]),
  UNDERLAY_DEFAULT_ROLE: z
    .enum([...ROLES, "none"], { message: "must be viewer, operator, admin or none" })
    .default("viewer"),
  UNDERLAY_SESSION_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  UNDERLAY_EXEC_CONCURRENCY: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, "must be at least 1")
    .max(256, "must be at most 256")
    .default(16),
  UNDERLAY_TOPOLOGY_VIEW_NODES: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(100),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Validates an environment; the error names the variable and says what is wrong with it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable counts as unset, as a shell user expects.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const secret = /TOKEN|SECRET/.test(name);
    throw new EnvError(
      `Invalid environment variable ${name}: ${issue.message}${secret ? "" : ` (got ${JSON.stringify(source[name])})`}.`,
    );
  }
  const e = result.data;
  // Underlay starts privileged pods on any node: reachable from other machines, it must know who asks.
  if (!isLoopback(e.HOST) && authMode(e) === "none") {
    throw new EnvError(
      `Refusing to listen on ${e.HOST} with no authentication: anyone who reaches it could start privileged pods on your nodes. Set UNDERLAY_TOKEN (a shared token with a login page) or UNDERLAY_TRUSTED_PROXIES (an OIDC proxy such as oauth2-proxy in front), or leave HOST unset to listen on 127.0.0.1 only.`,
    );
  }
  // Identity headers are believed from a trusted proxy's address, which only Underlay's own HTTP
  // server (scripts/start.mjs) stamps from the socket; under `next start` or `next dev` a client
  // could send that header itself.
  if (authMode(e) !== "none" && authMode(e) !== "token" && source.UNDERLAY_SERVER !== "underlay") {
    throw new EnvError(
      `Refusing to trust an OIDC proxy (UNDERLAY_TRUSTED_PROXIES) without Underlay's own HTTP server: start it with \`npm start\` (scripts/start.mjs), which records each request's real peer address; \`next start\` and \`next dev\` cannot.`,
    );
  }
  return e;
}

/** "none" only on loopback: the person at the machine is the admin. */
export function authMode(e: Env): "none" | "token" | "proxy" | "token+proxy" {
  const token = !!(e.UNDERLAY_TOKEN || e.UNDERLAY_OPERATOR_TOKEN || e.UNDERLAY_VIEWER_TOKEN);
  const proxy = !!e.UNDERLAY_TRUSTED_PROXIES?.length;
  return token && proxy ? "token+proxy" : token ? "token" : proxy ? "proxy" : "none";
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
