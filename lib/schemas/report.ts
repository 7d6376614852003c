import { z } from "zod";
import type { ClusterSummary } from "./cluster";
import type { LatencyReport } from "./latency";
import type { MtuReport } from "./mtu";
import { contextName } from "./cluster";

export const REPORT_SCHEMA_VERSION = 1;

export type AttachedDiagnostic = {
  diagnostic: string;
  target: string;
  commands: string[][];
  output: string;
  exitCodes: (number | null)[];
  parsed: unknown;
  captureId: string | null;
};

/** An immutable snapshot: what the cluster looked like and what was measured, when the report was made. */
export type ReportBody = {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  cluster: ClusterSummary | null;
  mtu: MtuReport | null;
  latency: LatencyReport | null;
  diagnostics: AttachedDiagnostic[];
};

export type Report = {
  id: string;
  title: string;
  note: string;
  context: string;
  server: string;
  createdBy: string;
  createdAt: string;
  body: ReportBody;
};

export type ReportSummary = Omit<Report, "body"> & {
  verdicts: Record<string, number>;
  findings: number;
};

const attached = z
  .object({
    diagnostic: z.string().max(40),
    target: z.string().max(300),
    commands: z.array(z.array(z.string().max(2048)).max(40)).max(10),
    output: z.string().max(512 * 1024, "must be at most 512 KiB"),
    exitCodes: z.array(z.number().int().nullable()).max(10),
    parsed: z.unknown(),
    captureId: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .nullable(),
  })
  .strict();

export const createReportRequest = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    note: z.string().max(10_000, "must be at most 10,000 characters").default(""),
    context: contextName.optional(),
    includeMtu: z.boolean().default(true),
    includeLatency: z.boolean().default(true),
    diagnostics: z.array(attached).max(20, "may attach at most 20 diagnostics").default([]),
  })
  .strict();
export type CreateReportRequest = z.infer<typeof createReportRequest>;

export const reportId = z.string().regex(/^[0-9a-f]{32}$/, "is not a report id");
export const reportListQuery = z
  .object({ q: z.string().max(200, "must be at most 200 characters").optional() })
  .strict();
