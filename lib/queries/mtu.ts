import type { MtuReport } from "@/lib/schemas/mtu";
import { latestJobQuery } from "./jobs";

export const mtuKeys = {
  latest: (context?: string) => ["mtu", "latest", { context: context ?? null }] as const,
};

/** The last finished diagnosis, or null when none has run for this context. */
export const latestMtuQuery = (context?: string) =>
  latestJobQuery<MtuReport>(mtuKeys.latest(context), "/api/mtu/latest", context);
