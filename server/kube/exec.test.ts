import fs from "node:fs";
import path from "node:path";
import type { V1Status } from "@kubernetes/client-node";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { connectError, exitCodeOf, upgradeStatus } from "./exec";

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

/** The error the WebSocket client really gives when an upgrade is refused with `status`, or refused outright. */
async function wsError(status: number | null): Promise<unknown> {
  const server = http.createServer();
  server.on("upgrade", (_req, socket) => {
    socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  if (status === null) await new Promise((r) => server.close(r)); // nothing listens any more
  try {
    return await new Promise((_, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/exec`);
      ws.on("error", reject);
    });
  } catch (e) {
    return e;
  } finally {
    if (status !== null) server.close();
  }
}

describe("connectError: the exec upgrade's refusal in words", () => {
  const req = {
    namespace: "shop",
    pod: "web-1",
    container: "debug",
    argv: ["true"],
    timeoutMs: 1000,
  };

  it.each([
    [403, "forbidden", 'Grant the "create" verb on "pods/exec"'],
    [404, "not_found", "Pod shop/web-1 was not found."],
    [400, "not_running", "Container debug in pod shop/web-1 is not running"],
    [500, "exec_failed", "could not start the command in the pod"],
  ])("HTTP %i → %s", async (status, code, words) => {
    const err = await wsError(status);
    expect(upgradeStatus(err)).toBe(status);
    const mapped = connectError(err, req);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain(words);
  });

  it("a refused connection is the cluster being unreachable", async () => {
    const err = await wsError(null);
    expect(upgradeStatus(err)).toBeNull();
    expect(connectError(err, req)).toMatchObject({ code: "cluster_unreachable", status: 503 });
  });
});
