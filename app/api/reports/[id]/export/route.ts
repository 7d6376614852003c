import { z } from "zod";
import { reportMarkdown } from "@/lib/report/markdown";
import { parseQuery, withApi } from "@/server/api";
import { reportOr404 } from "@/server/reports-ref";

export const dynamic = "force-dynamic";

const query = z
  .object({ format: z.enum(["md", "json"], { error: "must be md or json" }) })
  .strict();

/** The report as Markdown (for a ticket) or JSON (with its schemaVersion), as a download. */
export const GET = withApi<{ params: Promise<{ id: string }> }>(async (req, ctx) => {
  const { format } = parseQuery(req, query);
  const r = await reportOr404((await ctx.params).id);
  const name = `underlay-report-${r.id.slice(0, 8)}.${format}`;
  const text =
    format === "md"
      ? reportMarkdown(r, new URL(`/reports/${r.id}`, req.nextUrl.origin).toString())
      : JSON.stringify(r, null, 2);
  return new Response(text, {
    headers: {
      "content-type":
        format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
    },
  });
});
