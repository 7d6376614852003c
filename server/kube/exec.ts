import "server-only";
import { singleton } from "@/lib/singleton";
import { Writable } from "node:stream";
import { Exec, type V1Status } from "@kubernetes/client-node";
import pLimit, { type LimitFunction } from "p-limit";
import { ApiError } from "@/lib/api-error";
import { env } from "@/lib/env";
import { configFor } from "@/server/kube/client";
import { kubeError } from "@/server/kube/errors";

export type ExecRequest = {
  context?: string;
  namespace: string;
  pod: string;
  container: string;
  /** argv, passed to the container as is: never through a shell. */
  argv: string[];
  timeoutMs: number;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Output kept in memory past this is dropped (the stream callbacks still see it). */
  maxBytes?: number;
  signal?: AbortSignal;
};

export type ExecResult = {
  stdout: Buffer;
  stderr: string;
  /** null when the command did not finish (timed out, cancelled, connection lost). */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  truncated: boolean;
};

/** The exit code from the status an exec stream ends with (kubelet and kwok word it differently). */
export function exitCodeOf(status: V1Status): number | null {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  if (cause?.message && /^\d+$/.test(cause.message)) return Number(cause.message);
  const m = /exit (?:status|code)[:\s]+(\d+)/i.exec(status.message ?? "");
  return m ? Number(m[1]) : null;
}

function collector(limit: number, onChunk?: (c: Buffer) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      onChunk?.(chunk);
      if (size < limit) {
        chunks.push(chunk.subarray(0, limit - size));
        truncated ||= size + chunk.length > limit;
        size += Math.min(chunk.length, limit - size);
      } else truncated = true;
      done();
    },
  });
  return { stream, get: () => Buffer.concat(chunks), truncated: () => truncated };
}

/**
 * The HTTP status the API server refused the exec upgrade with: the WebSocket client (ws) reports
 * it only in its message, "Unexpected server response: 403".
 */
export function upgradeStatus(err: unknown): number | null {
  const m = /Unexpected server response: (\d{3})\b/.exec(String((err as Error)?.message ?? err));
  return m ? Number(m[1]) : null;
}

export function connectError(err: unknown, req: ExecRequest): ApiError {
  switch (upgradeStatus(err)) {
    case 403:
      return new ApiError(
        "forbidden",
        `The dashboard's Kubernetes identity is not allowed to create pods/exec in namespace ${req.namespace}. Grant the "create" verb on "pods/exec".`,
      );
    case 404:
      return new ApiError("not_found", `Pod ${req.namespace}/${req.pod} was not found.`);
    case 400:
      return new ApiError(
        "not_running",
        `Container ${req.container} in pod ${req.namespace}/${req.pod} is not running, so nothing can run in it.`,
      );
  }
  // Anything else: the client's own errors mapped as every Kubernetes call's are (unreachable, TLS…).
  const known = kubeError(err);
  if (known && known.code !== "kube_error") return known;
  return new ApiError(
    "exec_failed",
    "The Kubernetes API server could not start the command in the pod.",
  );
}

/** Exec streams open at once, across every job and request of this process (the API server's and kubelets' load). */
const EXEC_CAP = env().UNDERLAY_EXEC_CONCURRENCY;
const limit = singleton<LimitFunction>("execLimit", () => pLimit(EXEC_CAP));

export function activeExecStreams(): { open: number; waiting: number; cap: number } {
  return { open: limit.activeCount, waiting: limit.pendingCount, cap: EXEC_CAP };
}

/** Runs argv in a container through the exec subresource, with a hard timeout; waits for a free stream first. */
export function execInPod(req: ExecRequest): Promise<ExecResult> {
  return limit(() => execNow(req));
}

async function execNow(req: ExecRequest): Promise<ExecResult> {
  if (req.signal?.aborted)
    return {
      stdout: Buffer.alloc(0),
      stderr: "",
      exitCode: null,
      timedOut: false,
      cancelled: true,
      truncated: false,
    };
  const out = collector(req.maxBytes ?? 8 * 1024 * 1024, req.onStdout);
  const err = collector(256 * 1024, req.onStderr);
  let status: V1Status | null = null;
  let ws: Awaited<ReturnType<Exec["exec"]>>;
  try {
    ws = await new Exec(configFor(req.context)).exec(
      req.namespace,
      req.pod,
      req.container,
      req.argv,
      out.stream,
      err.stream,
      null,
      false,
      (s) => {
        status = s;
      },
    );
  } catch (e) {
    throw connectError(e, req);
  }
  let timedOut = false;
  let cancelled = false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timedOut = true;
      ws.close(); // closing the stream makes the kubelet (or kwok) kill the process
      resolve();
    }, req.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      ws.close();
      resolve();
    };
    req.signal?.addEventListener("abort", onAbort, { once: true });
    ws.on("close", () => {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      resolve();
    });
  });
  const final = status as V1Status | null;
  return {
    stdout: out.get(),
    stderr: err.get().toString("utf8"),
    exitCode: timedOut || cancelled || !final ? null : exitCodeOf(final),
    timedOut,
    cancelled,
    truncated: out.truncated(),
  };
}
