import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

/**
 * JSON lines with fixed keys. Never pass a request body, a kubeconfig, a token or an
 * ApiException here: log codes and sentences. The redact list is a second line of defence.
 */
export const log = pino({
  level: env().LOG_LEVEL,
  base: { service: "underlay" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "token",
      "*.token",
      "password",
      "*.password",
      "authorization",
      "*.authorization",
      "headers",
      "*.headers",
      "body",
      "*.body",
      "kubeconfig",
      "*.kubeconfig",
      "cert",
      "*.cert",
      "key",
      "*.key",
      "certificate",
      "*.certificate",
    ],
    censor: "[redacted]",
  },
});
