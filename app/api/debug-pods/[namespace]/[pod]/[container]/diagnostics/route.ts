import { z } from "zod";
import { badRequest } from "@/lib/api-error";
import { planDiagnostic } from "@/lib/debug/diagnostics";
import type { DiagnosticEvent } from "@/lib/debug/events";
import { contextName } from "@/lib/schemas/cluster";
import { apiErrorOf, parseBody, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { ensureRunnable, runDiagnostic } from "@/server/debug/run";
import { refOf, type DebugRefCtx } from "@/server/debug/ref";

export const dynamic = "force-dynamic";

const body = z
  .object({
    diagnostic: z.string().max(40),
    params: z.record(z.string(), z.unknown()).default({}),
    context: contextName.optional(),
  })
  .strict();

/** Runs a diagnostic and streams its events as NDJSON while it runs. */
export const POST = withApi<DebugRefCtx>(
  async (req, ctx, user) => {
    const ref = await refOf(ctx);
    const { diagnostic, params, context } = await parseBody(req, body);
    const planned = planDiagnostic(diagnostic, params);
    if (!planned.ok) throw badRequest(planned.message);
    await ensureRunnable(ref, context);
    await audit(user, "diagnostic.run", `${ref.namespace}/${ref.pod}/${ref.container}`, {
      diagnostic,
      params,
      context,
    });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const emit = (e: DiagnosticEvent) =>
          controller.enqueue(encoder.encode(JSON.stringify(e) + "\n"));
        try {
          await runDiagnostic(ref, planned.plan, emit, {
            context,
            signal: req.signal,
            user: user.name,
          });
        } catch (e) {
          // Mapped and logged as any route's failure: a raw error's text never reaches the page.
          const err = apiErrorOf(e);
          emit({ type: "error", code: err.code, message: err.message });
          emit({ type: "done", ok: false });
        }
        controller.close();
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  },
  { role: "operator", does: "run diagnostics" },
);
