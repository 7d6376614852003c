import type { LatencyReport, ThroughputReport } from "./latency";
import type { MtuReport } from "./mtu";

export type JobStatus = "running" | "succeeded" | "failed" | "cancelled";

/** What each kind of job ends with: the one place a job's result gets its type. */
export type JobResults = {
  mtu: MtuReport;
  latency: LatencyReport;
  throughput: ThroughputReport;
};
export type JobKind = keyof JobResults;
export const JOB_KINDS = ["mtu", "latency", "throughput"] as const satisfies readonly JobKind[];

export type JobView<K extends JobKind = JobKind> = {
  id: string;
  kind: K;
  context: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string;
  /** Set when the job succeeded. */
  result: JobResults[K] | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
};
