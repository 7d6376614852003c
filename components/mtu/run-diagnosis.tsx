"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchJson } from "@/lib/fetch-json";
import { jobQuery, mtuKeys } from "@/lib/queries/mtu";

/** The "Run diagnosis" button, then a progress bar with a cancel button while the job runs. */
export function RunDiagnosis({ context }: { context?: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => fetchJson<{ jobId: string }>("/api/mtu", { method: "POST", body: JSON.stringify(context ? { context } : {}) }),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const job = useQuery({ ...jobQuery(jobId ?? "none"), enabled: !!jobId });
  const cancel = useMutation({ mutationFn: () => fetchJson(`/api/jobs/${jobId}`, { method: "DELETE" }) });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== "running") void qc.invalidateQueries({ queryKey: mtuKeys.latest(context) });
  }, [status, qc, context]);
  const running = start.isPending || status === "running" || (!!jobId && !job.data && !job.error);
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <button type="button" onClick={() => start.mutate()} disabled={running} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white hover:bg-slate-700 disabled:opacity-50">
          {running ? "Diagnosing…" : "Run diagnosis"}
        </button>
        {status === "running" && (
          <button type="button" onClick={() => cancel.mutate()} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
      </div>
      {status === "running" && job.data && <ProgressBar value={job.data.progress} label={job.data.message} />}
      {status === "failed" && <ErrorPanel error={new Error(job.data?.message ?? "The diagnosis failed.")} />}
      {status === "cancelled" && <p className="text-sm text-slate-600">Cancelled.</p>}
      {start.error && <ErrorPanel error={start.error} />}
      {job.error && <ErrorPanel error={job.error} />}
    </div>
  );
}
