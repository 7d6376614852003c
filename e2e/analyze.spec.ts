import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import YAML from "yaml";
import { cniObjects } from "./lab/objects";
import { scenarios } from "./lab/scenarios";

// Real `ip -d link` captured from this kernel (lib/testdata/capture.sh), and the kube-flannel-cfg
// ConfigMap the lab's mtu-mismatch scenario puts in its cluster.
const ipLink = fs.readFileSync(
  path.join(__dirname, "../lib/testdata/ip-link-mismatch.txt"),
  "utf8",
);
const flannelCfg = YAML.stringify(
  cniObjects(scenarios["mtu-mismatch"]!).find((o) => (o as { kind: string }).kind === "ConfigMap"),
);

test("the offline analyzer gives the MTU verdict from pasted text, with no cluster", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Analyze", exact: true }).click();
  await page.getByLabel("Output of `ip -d link`").fill(ipLink);
  await page.getByLabel("CNI configuration").fill(flannelCfg);
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
});

test("unreadable input gets a sentence, not a stack trace", async ({ page }) => {
  await page.goto("/analyze");
  await page.getByLabel("CNI configuration").fill("this is not a config at all");
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "pasted CNI configuration is not in a recognised format",
  );
});
