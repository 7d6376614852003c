import "server-only";
import { ApiError } from "@/lib/api-error";
import type { User } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { listDebugPods } from "./pods";

/**
 * Whose pods count together: a proxy user by name; everyone signed in with one token as that
 * token's holder (the name typed at sign-in is the user's own choice, so it cannot be a quota key).
 */
function sameHolder(user: User, creator: string): boolean {
  if (user.via === "proxy" || user.via === "local") return creator === user.name;
  const token = `${user.role} token`;
  return creator === token || creator.endsWith(`(${token})`);
}

const queues = singleton("podQuotaQueues", () => new Map<string, Promise<unknown>>());

/**
 * Runs `start` (a launch) only while `user` has fewer live debug pods than
 * UNDERLAY_MAX_DEBUG_PODS_PER_USER, else a 429 with a sentence. Launches by one holder run one at a
 * time in this process, so two at once cannot both pass the count.
 */
export async function withinPodQuota<T>(
  user: User,
  context: string | undefined,
  start: () => Promise<T>,
): Promise<T> {
  const key = `${user.via}:${user.via === "proxy" ? user.name : user.role}`;
  const before = queues.get(key) ?? Promise.resolve();
  const run = before
    .catch(() => undefined)
    .then(async () => {
      const cap = env().UNDERLAY_MAX_DEBUG_PODS_PER_USER;
      const live = (await listDebugPods(context)).filter(
        (d) => sameHolder(user, d.creator) && (d.phase === "Pending" || d.phase === "Running"),
      );
      if (live.length >= cap)
        throw new ApiError(
          "pod_quota",
          `You have ${live.length} debug pods alive, the most one user may have (UNDERLAY_MAX_DEBUG_PODS_PER_USER=${cap}): delete one on the Debug page, or wait for one to reach its deadline.`,
        );
      return start();
    });
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}
