import { expect, test } from "@playwright/test";
import { LatencyPage } from "./pages/latency-page";

const scenario = process.env.LAB_SCENARIO ?? "";
test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test(`the latency mesh fills the heatmap with the lab's node names (${scenario})`, async ({
  page,
}) => {
  const latency = new LatencyPage(page);
  await latency.open();
  await page.getByRole("textbox", { name: "External targets" }).fill("172.31.1.1");
  await latency.run();
  const heatmap = latency.heatmap();
  for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"]) {
    await expect(heatmap.getByRole("columnheader", { name: n })).toBeVisible();
    await expect(heatmap.getByRole("rowheader", { name: n })).toBeVisible();
  }
  // 3 × 3 cells, the diagonal empty, every other one a number of milliseconds.
  const cells = heatmap.locator("tbody td");
  await expect(cells).toHaveCount(9);
  const texts = await cells.allTextContents();
  expect(texts.filter((t) => /^\d+\.\d{2}$/.test(t))).toHaveLength(6);
  await page.getByLabel("Show").selectOption("loss");
  expect((await cells.allTextContents()).filter((t) => t === "0%")).toHaveLength(6);
  await expect(page.getByRole("table", { name: "External targets" })).toContainText("172.31.1.1");
  await expect(page.getByRole("img", { name: "Latency over time" })).toBeVisible();
  // The latency page claims nothing about MTU: it shows the latest diagnosis for what it is.
  await expect(page.getByText(/No MTU problem/)).toHaveCount(0);
  await expect(page.getByTestId("latest-mtu-verdict")).toContainText(
    /^MTU(: not diagnosed yet on this cluster|, as the diagnosis of .+ found it: \d+ \w+)/,
  );
  // DNS times at dig's resolution: whole milliseconds or "< 1 ms", never invented decimals.
  for (const t of await page
    .getByRole("table", { name: "DNS latency" })
    .locator("tbody td:nth-child(3)")
    .allTextContents())
    expect(t).toMatch(/^(< 1 ms|\d+ ms|—)$/);

  if (scenario === "dns-broken") {
    await expect(page.getByRole("list", { name: "Findings" })).toContainText(
      "Cluster DNS answers nothing",
    );
  } else {
    await expect(page.getByRole("table", { name: "DNS latency" }).locator("tbody tr")).toHaveCount(
      9,
    );
    await expect(page.getByRole("table", { name: "DNS latency" })).not.toContainText("5/5");
  }
});

test("throughput between two chosen nodes over the pod network, as a chart", async ({ page }) => {
  test.skip(scenario === "dns-broken", "measured once, on the healthy lab");
  const latency = new LatencyPage(page);
  await latency.open();
  await page.getByRole("combobox", { name: "From node" }).selectOption("lab-node-2");
  await page.getByRole("combobox", { name: "To node" }).selectOption("lab-node-3");
  await page.getByRole("button", { name: "Measure throughput" }).click();
  await expect(page.getByRole("button", { name: "Measure throughput" })).toBeEnabled({
    timeout: 120_000,
  });
  const result = page.getByRole("definition").filter({ hasText: "Gbit/s" }).first();
  await expect(result).toHaveText(/^\d+\.\d{2} Gbit\/s$/);
  await expect(page.getByText("lab-node-2 → lab-node-3 (pod network, 10.244.2.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Throughput over the test" })).toBeVisible();
});
