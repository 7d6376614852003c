"use client";

import { useQuery } from "@tanstack/react-query";
import { Time } from "@/components/ui/time";
import Link from "next/link";
import { verdictCounts } from "@/lib/mtu/findings";
import { latestMtuQuery } from "@/lib/queries/mtu";

/**
 * The latest MTU diagnosis for what it is, on a page that does not diagnose MTU itself: its
 * verdicts, when it ran, and a link to it; or that none has run.
 */
export function LatestMtuVerdict({ context }: { context?: string }) {
  const latest = useQuery(latestMtuQuery(context));
  const report = latest.data?.result;
  return (
    <p className="text-sm text-slate-700" data-testid="latest-mtu-verdict">
      {latest.data === null && (
        <>
          MTU: not diagnosed yet on this cluster (the latency mesh does not check it).{" "}
          <Link href="/mtu" className="underline">
            Run an MTU diagnosis
          </Link>
        </>
      )}
      {report && (
        <>
          MTU, as the diagnosis of <Time iso={report.at} /> found it: {verdictCounts(report.nodes)}{" "}
          ({report.findings.filter((f) => f.severity === "error").length} error findings).{" "}
          <Link href="/mtu" className="underline">
            Open the MTU report
          </Link>
        </>
      )}
    </p>
  );
}
