#!/usr/bin/env node
// npm run demo [scenario]: Underlay on the lab cluster, in one command (Linux, root).
// Builds the dashboard if there is no production build, brings the lab scenario up (building the
// lab's binaries the first time, with its progress), starts the dashboard on the lab's kubeconfig
// and prints its URL. Ctrl-C (or SIGTERM) stops the dashboard and takes the lab down.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const scenario = process.argv[2] || "mtu-mismatch";
const port = process.env.PORT || "3000";
const cache = process.env.UNDERLAY_LAB_CACHE || path.join(os.homedir(), ".cache", "underlay-lab");
const run = path.join(cache, "run");
const say = (msg) => process.stderr.write(`[demo] ${msg}\n`);

if (process.platform !== "linux" || process.getuid?.() !== 0) {
  say(
    "the lab cluster needs Linux and root (network namespaces, veth and VXLAN devices): run `sudo npm run demo`.",
  );
  process.exit(1);
}

/** Runs argv with stderr shown (the progress), returns stdout; a non-zero exit rejects. */
function step(argv, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "inherit"], env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`${argv.join(" ")} failed (${signal ?? code})`)),
    );
  });
}

let dashboard = null;
let dashboardExited = null;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (dashboard) {
    say("stopping the dashboard");
    dashboard.kill("SIGTERM");
    await dashboardExited;
  }
  say("taking the lab down");
  await step(["npm", "run", "-s", "lab", "--", "down"]).catch((e) => say(e.message));
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => void stop(0));

try {
  const distDir = process.env.UNDERLAY_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    say("building the dashboard (once; a few minutes)");
    await step(["npm", "run", "-s", "build"]);
  }
  say(`bringing the lab up: scenario ${scenario}`);
  const kubeconfig = (await step(["npm", "run", "-s", "lab", "--", "up", scenario]))
    .trim()
    .split("\n")
    .pop();
  if (stopping) await new Promise(() => {}); // Ctrl-C during `up`: stop() finishes the job
  const state = JSON.parse(readFileSync(path.join(run, "state.json"), "utf8"));
  const env = {
    ...process.env,
    PORT: port,
    KUBECONFIG: kubeconfig,
    // The demo's runs and reports live with the lab and go with it.
    UNDERLAY_DATA_DIR: path.join(run, "demo-data"),
    // A real node runs the debug image its containerd has.
    ...(state.images?.netshoot ? { UNDERLAY_DEBUG_IMAGE: state.images.netshoot } : {}),
  };
  say("starting the dashboard");
  dashboard = spawn(process.execPath, ["scripts/start.mjs"], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  dashboardExited = new Promise((r) => dashboard.once("exit", r));
  dashboard.stdout.on("data", (d) => {
    process.stdout.write(d);
    const url = /listening on (\S+)/.exec(String(d))?.[1];
    if (url)
      say(
        `Underlay is on ${url} (lab scenario ${scenario}, context kwok-underlay-lab). Ctrl-C stops it and takes the lab down.`,
      );
  });
  dashboard.on("exit", (code) => {
    if (!stopping) {
      say(`the dashboard exited (${code})`);
      void stop(code ?? 1);
    }
  });
} catch (e) {
  say(e.message);
  await stop(1);
}
