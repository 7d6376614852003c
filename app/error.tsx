"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function SegmentError({ error, reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel error={error} onRetry={reset} />;
}
