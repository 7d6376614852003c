// `npm run demo`, run as the README says: the lab comes up with its progress shown, the dashboard
// is served on it at the printed URL, and Ctrl-C (SIGINT to the whole process group, as a
// terminal sends it) stops both and leaves no lab behind.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";

test.skip(!process.env.LAB_DEMO, "brings its own lab up and down: npm test runs it on its own");
test.setTimeout(15 * 60_000);

const RUN = path.join(
  process.env.UNDERLAY_LAB_CACHE || path.join(os.homedir(), ".cache", "underlay-lab"),
  "run",
);
const labNetns = () =>
  fs.existsSync("/run/netns")
    ? fs.readdirSync("/run/netns").filter((n) => n.startsWith("ul-"))
    : [];

test("npm run demo serves the dashboard on the lab, and Ctrl-C takes both down", async ({
  page,
}) => {
  const demo = spawn("npm", ["run", "demo", "--", "healthy"], {
    env: { ...process.env, PORT: "3104" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, as a terminal's foreground job
  });
  let log = "";
  demo.stdout.on("data", (d) => (log += d));
  demo.stderr.on("data", (d) => (log += d));
  const exited = new Promise<string>((r) =>
    demo.on("exit", (code, signal) => r(signal ?? `exit ${code}`)),
  );
  try {
    await expect
      .poll(() => /Underlay is on (\S+)/.exec(log)?.[1], { timeout: 12 * 60_000 })
      .toBe("http://127.0.0.1:3104");
    // The progress it showed on the way.
    expect(log).toContain("[demo] bringing the lab up: scenario healthy");
    expect(log).toMatch(/\[lab\] wiring 3 node namespaces/);
    expect(log).toMatch(/\[lab\] scenario healthy is up in \d+s/);

    await page.goto("http://127.0.0.1:3104/");
    const overview = new OverviewPage(page);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(overview.fact("Context")).toHaveText("kwok-underlay-lab");
    await expect(overview.fact("Nodes")).toHaveText("3 nodes, 3 Ready");
    expect(labNetns().length).toBeGreaterThan(0);

    process.kill(-demo.pid!, "SIGINT"); // Ctrl-C
    // npm ends itself by the signal it was sent, once its script has exited, as a shell expects.
    expect(
      await Promise.race([exited, new Promise((r) => setTimeout(() => r("hung"), 120_000))]),
    ).toMatch(/^(SIGINT|exit 0)$/);
    expect(log).toContain("[demo] taking the lab down");
    expect(log).toContain("[lab] lab is down");
    expect(labNetns()).toEqual([]);
    expect(fs.existsSync(path.join(RUN, "state.json"))).toBe(false);
    await expect(fetch("http://127.0.0.1:3104/api/health")).rejects.toThrow();
  } finally {
    if (demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid!, "SIGKILL");
  }
});
