import type { z } from "zod";

const TYPE_WORDS: Record<string, string> = {
  array: "a list",
  int: "a whole number",
  number: "a number",
  string: "text",
  boolean: "true or false",
  object: "an object",
};

/**
 * One zod issue in words, naming the field: zod's own wording ("Invalid input: expected string,
 * received undefined") is turned into a sentence a person acts on ("target is required."); a
 * message a schema wrote itself is kept ("namespace: must be a DNS label"). `label` names a field
 * as its form does ("Target"), when there is one.
 */
export function issueMessage(
  issue: z.core.$ZodIssue,
  where = "request",
  label: (path: string) => string | undefined = () => undefined,
): string {
  const path = issue.path.map(String).join(".");
  const field = (path && label(path)) || path || where;
  const own = !/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message);
  if (own) return `${field}: ${issue.message}`;
  switch (issue.code) {
    case "invalid_type":
      return /received undefined/.test(issue.message)
        ? `${field} is required.`
        : `${field} must be ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}.`;
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? `${field} must not be empty.`
          : `${field} must be at least ${issue.minimum} characters.`
        : issue.origin === "array"
          ? `${field} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}.`
          : issue.inclusive === false
            ? `${field} must be more than ${issue.minimum}.`
            : `${field} must be at least ${issue.minimum}.`;
    case "too_big":
      return issue.origin === "string"
        ? `${field} must be at most ${issue.maximum} characters.`
        : issue.origin === "array"
          ? `${field} may hold at most ${issue.maximum} items.`
          : issue.inclusive === false
            ? `${field} must be less than ${issue.maximum}.`
            : `${field} must be at most ${issue.maximum}.`;
    case "invalid_value":
      return `${field} must be one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_union": {
      // A discriminated union names the values its discriminator may take.
      const options = (issue as { options?: unknown[] }).options;
      return options?.length
        ? `${field} must be one of: ${options.map(String).join(", ")}.`
        : `${field} is not valid.`;
    }
    case "unrecognized_keys":
      return `${where} takes no ${issue.keys.length === 1 ? "field" : "fields"} named ${issue.keys.join(", ")}.`;
    default:
      return `${field} is not valid.`;
  }
}

/** The first zod issue, in words, naming the field: "namespace: must be a DNS label". */
export function zodMessage(
  error: z.ZodError,
  where = "request",
  label?: (path: string) => string | undefined,
): string {
  const issue = error.issues[0];
  if (!issue) return `The ${where} is invalid.`;
  return issueMessage(issue, where, label);
}

/** What a form would be refused for, in its own words, or null: said before anything is sent. */
export function formProblem(
  schema: z.ZodType,
  value: unknown,
  labels: Record<string, string>,
): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : zodMessage(r.error, "the form", (p) => labels[p]);
}
