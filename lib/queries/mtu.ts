import { latestJobQuery } from "./jobs";

export const mtuKeys = {
  latest: (context?: string) => ["mtu", "latest", { context: context ?? null }] as const,
};

/** The last finished diagnosis, or null when none has run for this context. */
export const latestMtuQuery = (context?: string) =>
  latestJobQuery("mtu", mtuKeys.latest(context), "/api/mtu/latest", context);
