import fs from "node:fs";
import path from "node:path";
import type { V1Status } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { exitCodeOf } from "./exec";

// Status objects the exec stream ended with in the lab (kube-apiserver v1.36.3 + kwok v0.8.0).
const status = (name: string) =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "testdata", `exec-status-${name}.json`), "utf8"),
  ) as V1Status;

describe("exitCodeOf", () => {
  it("reads success as 0", () => expect(exitCodeOf(status("ok"))).toBe(0));
  it("reads kwok's InternalError wording of a non-zero exit", () => {
    expect(exitCodeOf(status("exit2"))).toBe(2);
    expect(exitCodeOf(status("exit1-ping"))).toBe(1);
  });
  it("reads a kubelet's NonZeroExitCode cause", () => {
    expect(
      exitCodeOf({
        status: "Failure",
        reason: "NonZeroExitCode",
        details: { causes: [{ reason: "ExitCode", message: "3" }] },
      }),
    ).toBe(3);
  });
  it("has no exit code when the command never ran", () =>
    expect(exitCodeOf(status("no-streams"))).toBeNull());
});
