import { z } from "zod";

/** Validators for everything a user may put into a diagnostic's argv. None may start with "-". */
const label = "[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?";
const hostnameRe = new RegExp(`^(?=.{1,253}$)${label}(\\.${label})*\\.?$`);

export const hostname = z.string().regex(hostnameRe, "must be a host name such as db.example.com");
export const ipAddress = z.union([z.ipv4(), z.ipv6()], {
  error: "must be an IPv4 or IPv6 address",
});
/** An IP address or a host name: what ping, traceroute and dig accept as a target. */
export const host = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .refine(
    (v) => ipAddress.safeParse(v).success || hostnameRe.test(v),
    "must be an IP address or a host name such as db.example.com",
  );

export const dnsName = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(hostnameRe, "must be a DNS name such as kubernetes.default.svc.cluster.local");

export const interfaceName = z
  .string()
  .regex(
    /^[a-zA-Z0-9_][a-zA-Z0-9_.:@-]{0,14}$/,
    "must be an interface name such as eth0 or flannel.1 (at most 15 characters)",
  )
  .or(z.literal("any"));

export const httpUrl = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && !/[\s\p{Cc}]/u.test(v);
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");

export const port = z.number().int().min(1, "must be 1 to 65535").max(65535, "must be 1 to 65535");
