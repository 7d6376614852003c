import { z } from "zod";
import { describe, expect, it } from "vitest";
import { zodMessage } from "./zod-message";

const said = (schema: z.ZodType, value: unknown, label?: (p: string) => string | undefined) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("accepted");
  return zodMessage(r.error, "body", label);
};

describe("zod's issues in words", () => {
  const form = z
    .object({
      target: z.string(),
      count: z.number().int().min(1).max(50),
      name: z.string().min(1),
      tags: z.array(z.string()).min(1).max(2),
      mode: z.enum(["node", "attach"]),
    })
    .strict();
  const ok = { target: "a", count: 4, name: "n", tags: ["x"], mode: "node" };

  it("says what is missing, and what is out of range, naming the field", () => {
    expect(said(form, { ...ok, target: undefined })).toBe("target is required.");
    expect(said(form, { ...ok, count: 0 })).toBe("count must be at least 1.");
    expect(said(form, { ...ok, count: 51 })).toBe("count must be at most 50.");
    expect(said(form, { ...ok, count: "4" })).toBe("count must be a number.");
    expect(said(form, { ...ok, name: "" })).toBe("name must not be empty.");
    expect(said(form, { ...ok, tags: [] })).toBe("tags needs at least 1 item.");
    expect(said(form, { ...ok, tags: ["a", "b", "c"] })).toBe("tags may hold at most 2 items.");
    expect(said(form, { ...ok, mode: "shell" })).toBe("mode must be one of: node, attach.");
    expect(said(form, { ...ok, extra: 1 })).toBe("body takes no field named extra.");
  });

  it("says 'more than' for an exclusive bound and 'a whole number' for an integer", () => {
    const ttl = z.object({ ttl: z.number().int().positive() });
    expect(said(ttl, { ttl: 0 })).toBe("ttl must be more than 0.");
    expect(said(ttl, { ttl: 1.5 })).toBe("ttl must be a whole number.");
  });

  it("keeps a schema's own message, and the form's name for the field", () => {
    const s = z.object({ ns: z.string().regex(/^[a-z]+$/, "must be a DNS label") });
    expect(said(s, { ns: "A!" })).toBe("ns: must be a DNS label");
    expect(said(s, {}, (p) => (p === "ns" ? "Namespace" : undefined))).toBe(
      "Namespace is required.",
    );
  });
});
