"use client";

import { ErrorPanel } from "./error-panel";

/**
 * A route segment's error boundary (each segment's error.tsx): the failure in words with a retry,
 * while the navigation and the other pages stay usable.
 */
export function SegmentError({ error, reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel error={error} onRetry={reset} />;
}
