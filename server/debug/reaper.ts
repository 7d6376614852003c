import "server-only";
import { singleton } from "@/lib/singleton";
import { log } from "@/server/log";
import { reap } from "./pods";

const EVERY_MS = 60_000;

async function once() {
  try {
    const deleted = await reap();
    if (deleted.length)
      log.info({ code: "reaper", deleted }, `deleted ${deleted.length} expired debug pod(s)`);
  } catch (e) {
    // No kubeconfig, an unreachable cluster or a missing permission: say so, try again later.
    log.debug(
      { code: "reaper", reason: (e as { code?: string }).code ?? "error" },
      "debug pod reaper could not run",
    );
  }
}

/** Deletes expired debug pods at start-up and every minute. */
export function startReaper() {
  const timer = singleton<{ t?: NodeJS.Timeout }>("reaper", () => ({}));
  if (timer.t) return;
  void once();
  timer.t = setInterval(() => void once(), EVERY_MS);
  timer.t.unref();
}
