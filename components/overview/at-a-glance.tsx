"use client";

import { RunDiagnosis } from "@/components/mtu/run-diagnosis";
import { Time } from "@/components/ui/time";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LatestMtuVerdict } from "@/components/mtu/latest-mtu-verdict";
import { Card, Fact } from "@/components/ui/card";
import { RunJob } from "@/components/ui/run-job";
import { debugPodsQuery } from "@/lib/queries/debug";
import { latencyKeys, latestLatencyQuery } from "@/lib/queries/latency";
import { latestMtuQuery } from "@/lib/queries/mtu";
import { reportsQuery } from "@/lib/queries/reports";

/**
 * What an SRE opens first: the network as last diagnosed, the latest verdicts with their age and
 * links, the debug pods alive, recent reports, and a button per run.
 */
export function AtAGlance({ context }: { context?: string }) {
  const mtu = useQuery(latestMtuQuery(context));
  const latency = useQuery(latestLatencyQuery(context));
  const pods = useQuery(debugPodsQuery(context));
  const reports = useQuery(reportsQuery(""));
  const m = mtu.data?.result;
  const l = latency.data?.result;
  const alive = pods.data?.filter((d) => d.phase === "Running" || d.phase === "Pending");
  const lErrors = l?.findings.filter((f) => f.severity === "error").length ?? 0;
  return (
    <>
      <Card title="Network">
        <dl>
          <Fact label="CNI" value={m ? m.cni : "not diagnosed yet"} />
          <Fact label="Encapsulation" value={m ? m.encapsulation : "not diagnosed yet"} />
          <Fact label="kube-proxy" value={m ? (m.kubeProxyMode ?? "replaced or unknown") : "—"} />
          <Fact
            label="Debug pods alive"
            value={alive ? <Link href="/debug">{alive.length}</Link> : "—"}
          />
        </dl>
      </Card>
      <Card title="Latest verdicts">
        <div className="space-y-2">
          <LatestMtuVerdict context={context} />
          <p className="text-sm text-slate-700" data-testid="latest-latency-verdict">
            {latency.data === null && "Latency: no mesh has run on this cluster yet. "}
            {l && (
              <>
                Latency, as the mesh of <Time iso={l.at} /> found it: {l.findings.length} findings (
                {lErrors} errors).{" "}
              </>
            )}
            <Link href="/latency" className="underline">
              {l ? "Open the latency report" : "Run a latency mesh"}
            </Link>
          </p>
          <div className="flex flex-wrap gap-3 pt-1">
            <RunDiagnosis context={context} />
            <RunJob
              startUrl="/api/latency"
              body={{ ...(context ? { context } : {}), externalTargets: [] }}
              label="Run latency mesh"
              busyLabel="Measuring…"
              invalidate={[latencyKeys.latest(context), latencyKeys.history(context)]}
            />
          </div>
        </div>
      </Card>
      <Card title="Recent reports">
        {reports.data?.length ? (
          <ul className="space-y-1 text-sm">
            {reports.data.slice(0, 5).map((r) => (
              <li key={r.id}>
                <Link href={`/reports/${r.id}`} className="underline">
                  {r.title}
                </Link>{" "}
                <span className="text-xs text-slate-500">
                  <Time iso={r.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No report yet.</p>
        )}
      </Card>
    </>
  );
}
