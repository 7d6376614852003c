import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import YAML from "yaml";
import { cniObjects } from "./lab/objects";
import { scenarios } from "./lab/scenarios";

const testdata = (f: string) => fs.readFileSync(path.join(__dirname, "../lib/testdata", f), "utf8");
// Real `ip -d link` captured from this kernel (lib/testdata/capture.sh), and the kube-flannel-cfg
// ConfigMap the lab's mtu-mismatch scenario puts in its cluster, pasted as one terminal session.
const flannelCfg = YAML.stringify(
  cniObjects(scenarios["mtu-mismatch"]!).find((o) => (o as { kind: string }).kind === "ConfigMap"),
);
const session =
  `root@node-1:~# ip -d link\n${testdata("ip-link-mismatch.txt")}` +
  `user@laptop:~$ kubectl -n kube-flannel get configmap kube-flannel-cfg -o yaml\n${flannelCfg}`;

/** `underlay analyze --json -` on the same text, as a person would pipe a paste into it. */
function cli(text: string): unknown {
  const r = spawnSync(
    process.execPath,
    [path.join(__dirname, "../bin/underlay.mjs"), "analyze", "--json", "-"],
    { input: text, encoding: "utf8", timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  // The CLI names its input "stdin"; the page names the text box "paste".
  return JSON.parse(r.stdout.replaceAll('"stdin', '"paste'));
}

test("the offline analyzer gives the MTU verdict from a pasted terminal session, with no cluster", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Analyze", exact: true }).click();
  await page.getByLabel("Paste what you have").fill(session);
  await page.getByRole("button", { name: "Analyze" }).click();
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict.getByText("mismatch", { exact: true })).toBeVisible();
  await expect(verdict).toContainText(
    "flannel.1 MTU 1500 + VXLAN overhead 50 = 1550 > eth0 MTU 1500",
  );
  const config = page.getByRole("region", { name: "Configuration" });
  await expect(config).toContainText("flannel");
  await expect(config).toContainText(
    "ConfigMap kube-flannel/kube-flannel-cfg key net-conf.json Backend.MTU",
  );
  await expect(page.getByRole("table", { name: "Devices" })).toContainText("flannel.1");
  const read = page.getByRole("table", { name: "What was read" });
  await expect(read.getByRole("row")).toHaveCount(3);
  await expect(read).toContainText("node-1: ip -d link");
  await expect(read).toContainText("`ip -d link` (3 devices)");
  await expect(read).toContainText("a manifest");
});

test("two nodes in one paste: a verdict per node, their differences, and the CLI's answer to the same paste", async ({
  page,
}) => {
  const paste = testdata("captured-pastes/two-nodes-ip-d-link.txt");
  await page.goto("/analyze");
  await page.getByLabel("Paste what you have").fill(paste);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/analyze"));
  await page.getByRole("button", { name: "Analyze" }).click();
  const fromPage: unknown = await (await response).json();
  const nodes = page.getByRole("table", { name: "Nodes" });
  await expect(nodes.getByRole("row", { name: /node1/ })).toContainText("ok");
  await expect(nodes.getByRole("row", { name: /node2/ })).toContainText("mismatch");
  await expect(nodes.getByRole("row", { name: /node2/ })).toContainText("eth0 1450");
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText(
    "node2: flannel.1 MTU 1450 + VXLAN overhead 50 = 1500 > eth0 MTU 1450",
  );
  await expect(page.getByRole("region", { name: "Findings" })).toContainText(
    "eth0 MTU differs between nodes: node1 1500, node2 1450.",
  );
  expect(fromPage).toEqual(cli(paste));
});

test("unreadable input gets a sentence naming its lines, not a stack trace", async ({ page }) => {
  await page.goto("/analyze");
  await page.getByLabel("Paste what you have").fill("this is not a config at all");
  await page.getByRole("button", { name: "Analyze" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("paste is not in a recognised format");
  await expect(alert).toContainText("Not recognised: line 1 (“this is not a config at all”)");
});

test("the form says what is missing before sending; what the server refuses comes under its own heading", async ({
  page,
}) => {
  await page.goto("/analyze");
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/analyze")) sent.push(r.method());
  });
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByRole("alert", { name: "Form problem" })).toHaveText(
    "Paste some output or configuration, or upload a file, first.",
  );
  expect(sent).toEqual([]);
  // More than the server takes in one request: refused (413), said so under a heading of its own.
  await page.getByLabel("Paste what you have").fill("x".repeat(300 * 1024));
  await page.getByRole("button", { name: "Analyze" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert.getByRole("heading")).toHaveText("Too large to send");
  await expect(alert).toContainText("The request body is larger than 256 KiB.");
  await expect(alert).not.toContainText("Something went wrong");
  // Text that reads as nothing: refused (422) with the lines it could not read.
  await page.getByLabel("Paste what you have").fill("this is not a config at all");
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(alert.getByRole("heading")).toHaveText("The text could not be read");
});
