export type JobStatus = "running" | "succeeded" | "failed" | "cancelled";

export type JobView = {
  id: string;
  kind: string;
  context: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string;
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
};
