"use client";

import { RunJob } from "@/components/ui/run-job";
import { mtuKeys } from "@/lib/queries/mtu";

/** "Run diagnosis": starts an MTU diagnosis of the context and refreshes its latest report. */
export function RunDiagnosis({ context }: { context?: string }) {
  return (
    <RunJob
      startUrl="/api/mtu"
      body={context ? { context } : {}}
      label="Run diagnosis"
      busyLabel="Diagnosing…"
      invalidate={[mtuKeys.latest(context)]}
    />
  );
}
