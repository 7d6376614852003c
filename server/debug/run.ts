import "server-only";
import { ApiError } from "@/lib/api-error";
import type { PlannedDiagnostic } from "@/lib/debug/diagnostics";
import type { DiagnosticEvent } from "@/lib/debug/events";
import { parseResult, type CommandOutput } from "@/lib/debug/results";
import { execInPod } from "@/server/kube/exec";
import { saveCapture } from "@/server/store/captures";
import { db } from "@/server/store";
import { getDebugPod } from "./pods";

type Ref = { namespace: string; pod: string; container: string };

/** Checks that the debug container can run commands now; throws the reason otherwise. */
export async function ensureRunnable(ref: Ref, context?: string) {
  const d = await getDebugPod(ref, context);
  if (!d.ready)
    throw new ApiError(
      "not_running",
      `Debug container ${d.id} is ${d.phase}${d.reason ? ` (${d.reason})` : ""}: wait until it is Running.`,
    );
}

/**
 * Runs a planned diagnostic's commands one after another in the debug container, streaming
 * their output as events. Each command has the diagnostic's hard timeout.
 */
export async function runDiagnostic(
  ref: Ref,
  plan: PlannedDiagnostic,
  emit: (e: DiagnosticEvent) => void,
  opts: { context?: string; signal?: AbortSignal; user: string },
) {
  const target = `${ref.namespace}/${ref.pod}/${ref.container}`;
  emit({ type: "start", diagnostic: plan.id, target, commands: plan.commands });
  const outputs: CommandOutput[] = [];
  let ok = true;
  for (const [index, argv] of plan.commands.entries()) {
    emit({ type: "command", index, argv });
    const started = Date.now();
    const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const r = await execInPod({
      context: opts.context,
      ...ref,
      argv,
      timeoutMs: plan.timeoutSeconds * 1000,
      signal: opts.signal,
      maxBytes: plan.binary ? 64 * 1024 * 1024 : 4 * 1024 * 1024,
      onStdout: plan.binary
        ? undefined
        : (c) =>
            emit({
              type: "output",
              index,
              stream: "stdout",
              text: decoder.stdout.decode(c, { stream: true }),
            }),
      onStderr: (c) =>
        emit({
          type: "output",
          index,
          stream: "stderr",
          text: decoder.stderr.decode(c, { stream: true }),
        }),
    });
    emit({
      type: "exit",
      index,
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      truncated: r.truncated,
      seconds: (Date.now() - started) / 1000,
    });
    if (r.timedOut && !plan.binary)
      emit({
        type: "error",
        code: "timeout",
        message: `${argv[0]} did not finish within ${plan.timeoutSeconds} s and was stopped.`,
      });
    if (plan.binary && r.stdout.length)
      emit({
        type: "capture",
        id: await saveCapture(await db(), target, plan.params, r.stdout, opts.user),
        bytes: r.stdout.length,
      });
    outputs.push({
      stdout: plan.binary ? "" : r.stdout.toString("utf8"),
      stderr: r.stderr,
      exitCode: r.exitCode,
    });
    if (r.cancelled) return emit({ type: "done", ok: false });
    ok &&= r.exitCode === 0;
  }
  const parsed = parseResult(plan.id, outputs);
  if (parsed !== null) emit({ type: "result", parsed });
  emit({ type: "done", ok });
}
