"use client";

import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/** "1 Dec 2026, 10:42 CET": the viewer's own time zone, named. */
export const localTime = (iso: string) =>
  // (dateStyle/timeStyle cannot be combined with timeZoneName: Intl throws.)
  new Date(iso).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });

/**
 * A moment in the viewer's time zone, with the zone shown. The server does not know the viewer's
 * zone: it renders UTC (said so), and the browser renders its own zone once it runs.
 */
export function Time({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  return (
    <time dateTime={iso} title={iso}>
      {inBrowser ? localTime(iso) : `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
