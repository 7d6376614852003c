import type { z } from "zod";

/** The first zod issue, in words, naming the field: "namespace: must be a DNS label". */
export function zodMessage(error: z.ZodError, where = "request"): string {
  const issue = error.issues[0];
  if (!issue) return `The ${where} is invalid.`;
  const field = issue.path.length ? issue.path.join(".") : where;
  return `${field}: ${issue.message}`;
}
