import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_SCHEMA_VERSION, type ReportBody } from "@/lib/schemas/report";
import type { Db } from "./db";
import { createReport, deleteReport, getReport, listReports } from "./reports";
import { freshDb, type Driver } from "./test-db";

const body = (verdict: "ok" | "mismatch"): ReportBody => ({
  schemaVersion: REPORT_SCHEMA_VERSION,
  cluster: {
    context: "prod-eu",
    server: "https://10.0.0.1:6443",
    version: "v1.36.3",
    platform: "linux/amd64",
    nodes: { total: 2, ready: 2 },
    source: "kubeconfig",
  },
  mtu: null,
  latency: null,
  diagnostics: [
    {
      diagnostic: "interfaces",
      target: "underlay-system/underlay-debug-n1/debug",
      commands: [["ip", "-d", "link"]],
      output: `3: flannel.1: mtu ${verdict === "ok" ? 1450 : 1500}\nAuthorization: Bearer abcdefgh12345678ijkl`,
      exitCodes: [0],
      parsed: null,
      captureId: null,
    },
  ],
});

describe.each<Driver>(["pglite", "postgres"])("reports on %s", (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ db, dispose } = await freshDb(driver)), 120_000); // a new embedded store runs initdb in a child process: seconds
  afterAll(() => dispose?.());

  it("stores a redacted snapshot under a 128-bit id and reads it back", async () => {
    const r = await createReport(db, {
      title: "MTU on prod-eu",
      note: "token: 8f1c2b3d4e5f60718293a4b5",
      context: "prod-eu",
      server: "https://10.0.0.1:6443",
      createdBy: "alice",
      body: body("mismatch"),
    });
    expect(r.id).toMatch(/^[0-9a-f]{32}$/);
    const back = await getReport(db, r.id);
    expect(back).toEqual(r);
    expect(back!.note).toBe("token: [redacted]");
    expect(back!.body.diagnostics[0]!.output).toBe(
      "3: flannel.1: mtu 1500\nAuthorization: Bearer [redacted]",
    );
  });

  it("lists newest first, searches title, note and context, and deletes", async () => {
    const a = await createReport(db, {
      title: "Before the fix",
      note: "",
      context: "staging",
      server: "",
      createdBy: "bob",
      body: body("mismatch"),
    });
    const b = await createReport(db, {
      title: "After the fix",
      note: "50% better",
      context: "staging",
      server: "",
      createdBy: "bob",
      body: body("ok"),
    });
    expect((await listReports(db, "staging")).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await listReports(db, "AFTER")).map((r) => r.id)).toEqual([b.id]);
    expect((await listReports(db, "50%")).map((r) => r.id)).toEqual([b.id]); // % is literal, not a wildcard
    expect(await deleteReport(db, a.id)).toBe(true);
    expect(await getReport(db, a.id)).toBeNull();
    expect(await deleteReport(db, a.id)).toBe(false);
  });
});
