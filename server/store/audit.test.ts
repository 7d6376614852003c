import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAudit, listAudit } from "./audit";
import type { Db } from "./db";
import { freshDb, type Driver } from "./test-db";

describe.each<Driver>(["pglite", "postgres"])("audit log on %s", (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ db, dispose } = await freshDb(driver)), 120_000); // a new embedded store runs initdb in a child process: seconds
  afterAll(() => dispose?.());

  it("keeps who did what to which target, newest first, a page at a time", async () => {
    await insertAudit(db, {
      actor: "alice",
      action: "debug-pod.launch",
      target: "node/lab-node-1",
      details: { mode: "node", role: "operator" },
    });
    await insertAudit(db, {
      actor: "bob",
      action: "diagnostic.run",
      target: "underlay-system/p/debug",
      details: { diagnostic: "ping", params: { host: "10.0.0.1" } },
    });
    await insertAudit(db, {
      actor: "alice",
      action: "report.delete",
      target: "report/abc",
      details: {},
    });
    const all = await listAudit(db, { limit: 10 });
    expect(all.map((e) => e.action)).toEqual([
      "report.delete",
      "diagnostic.run",
      "debug-pod.launch",
    ]);
    expect(all[1]).toMatchObject({
      actor: "bob",
      target: "underlay-system/p/debug",
      details: { diagnostic: "ping", params: { host: "10.0.0.1" } },
    });
    expect(new Date(all[0]!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const page2 = await listAudit(db, { limit: 1, before: all[1]!.id });
    expect(page2.map((e) => e.action)).toEqual(["debug-pod.launch"]);
    expect((await listAudit(db, { limit: 10, actor: "alice" })).map((e) => e.target)).toEqual([
      "report/abc",
      "node/lab-node-1",
    ]);
    expect(
      (await listAudit(db, { limit: 10, action: "diagnostic.run" })).map((e) => e.actor),
    ).toEqual(["bob"]);
  });
});
