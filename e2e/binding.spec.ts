import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Starts the production server as `npm start` does, with this environment; resolves when it exits or listens. */
function start(
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; stop: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: {
        ...process.env,
        KUBECONFIG: "/nonexistent",
        UNDERLAY_DATA_DIR: path.join(os.tmpdir(), `underlay-bind-${process.pid}`),
        LOG_LEVEL: "warn",
        ...env,
      },
    });
    let out = "";
    const stop = () => child.kill("SIGTERM");
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes("listening on")) resolve({ code: null, out, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ code, out, stop }));
  });
}

test("listening beyond loopback with no auth configured refuses to start and says why", async () => {
  const r = await start({ HOST: "0.0.0.0", PORT: "3198" });
  expect(r.code).toBe(1);
  expect(r.out).toContain(
    "Refusing to listen on 0.0.0.0 with no authentication: anyone who reaches it could start privileged pods on your nodes.",
  );
});

test("with a token it listens beyond loopback, and answers only signed-in requests", async ({
  request,
}) => {
  const ip =
    Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address ?? "127.0.0.1";
  const r = await start({
    HOST: "0.0.0.0",
    PORT: "3198",
    UNDERLAY_TOKEN: "binding-test-token-0123456789",
    UNDERLAY_PUBLIC_URL: `http://${ip}:3198`,
  });
  try {
    expect(r.out).toContain("listening on http://0.0.0.0:3198");
    expect((await request.get(`http://${ip}:3198/api/health`)).status()).toBe(200);
    expect((await request.get(`http://${ip}:3198/api/reports`)).status()).toBe(401);
    expect(
      (
        await request.get(`http://${ip}:3198/api/reports`, {
          headers: { authorization: "Bearer binding-test-token-0123456789" },
        })
      ).status(),
    ).toBe(200);
  } finally {
    r.stop();
  }
});

test("with HOST empty (unset), it listens on 127.0.0.1 and no sign-in is asked", async ({
  request,
}) => {
  const r = await start({ PORT: "3197", HOST: "" });
  try {
    expect(r.out).toContain("listening on http://127.0.0.1:3197");
    expect((await request.get("http://127.0.0.1:3197/api/auth/me")).status()).toBe(200);
    expect(await (await request.get("http://127.0.0.1:3197/api/auth/me")).json()).toEqual({
      user: { name: "local", role: "admin", via: "local" },
      mode: "none",
    });
  } finally {
    r.stop();
  }
});
