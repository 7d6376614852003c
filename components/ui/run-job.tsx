"use client";

import { Can } from "@/components/auth/user-context";
import { RoleNote } from "@/components/auth/role-note";
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchJson } from "@/lib/fetch-json";
import { jobQuery } from "@/lib/queries/jobs";
import { Button } from "@/components/ui/controls";

type RunJobProps = {
  startUrl: string;
  body: unknown;
  label: string;
  busyLabel: string;
  invalidate: QueryKey[];
};

/** A button that starts a job, then its progress bar and a cancel button; refreshes `invalidate` when it ends. Operators only. */
export function RunJob(props: RunJobProps) {
  return (
    <Can role="operator" otherwise={<RoleNote need="operator" what={props.label} />}>
      <StartAndFollow {...props} />
    </Can>
  );
}

function StartAndFollow({ startUrl, body, label, busyLabel, invalidate }: RunJobProps) {
  const [jobId, setJobId] = useState<string | null>(null);
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () =>
      fetchJson<{ jobId: string }>(startUrl, { method: "POST", body: JSON.stringify(body) }),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const job = useQuery({ ...jobQuery(jobId ?? "none"), enabled: !!jobId });
  const cancel = useMutation({
    mutationFn: () => fetchJson(`/api/jobs/${jobId}`, { method: "DELETE" }),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== "running")
      for (const key of invalidate) void qc.invalidateQueries({ queryKey: key });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);
  const running = start.isPending || status === "running" || (!!jobId && !job.data && !job.error);
  return (
    <div className="min-w-72 space-y-2">
      <div className="flex items-center justify-end gap-2">
        <Button type="button" onClick={() => start.mutate()} disabled={running} variant="primary">
          {running ? busyLabel : label}
        </Button>
        {status === "running" && (
          <Button type="button" onClick={() => cancel.mutate()}>
            Cancel
          </Button>
        )}
      </div>
      {status === "running" && job.data && (
        <ProgressBar value={job.data.progress} label={job.data.message} />
      )}
      {status === "failed" && (
        <ErrorPanel error={new Error(job.data?.message ?? "The job failed.")} />
      )}
      {status === "cancelled" && <p className="text-sm text-slate-600">Cancelled.</p>}
      {start.error && <ErrorPanel error={start.error} />}
      {job.error && <ErrorPanel error={job.error} />}
    </div>
  );
}
