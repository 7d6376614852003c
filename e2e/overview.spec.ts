import { expect, test } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("the overview shows the lab cluster, its contexts and the latest verdicts", async ({
  page,
}) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(overview.fact("Context")).toHaveText("kwok-underlay-lab");
  await expect(overview.fact("API server")).toHaveText(/^https:\/\/127\.0\.0\.1:\d+$/);
  await expect(overview.fact("Kubernetes version")).toHaveText(/^v1\.\d+\.\d+/);
  await expect(overview.fact("Nodes")).toHaveText("3 nodes, 3 Ready");
  await expect(overview.contextSelect()).toHaveValue("kwok-underlay-lab");
  // What an SRE opens first: verdicts with their age (or that none ran), a button per run, reports.
  await expect(page.getByTestId("latest-mtu-verdict")).toContainText(
    /^MTU(: not diagnosed yet|, as the diagnosis of)/,
  );
  await expect(page.getByTestId("latest-latency-verdict")).toContainText(
    /^Latency(: no mesh has run|, as the mesh of)/,
  );
  const glance = page.getByRole("region", { name: "Latest verdicts" });
  await expect(glance.getByRole("button", { name: "Run diagnosis" })).toBeVisible();
  await expect(glance.getByRole("button", { name: "Run latency mesh" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent reports" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Network" })).toContainText("Debug pods alive");
});
