import { expect, test } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("the overview shows the lab cluster and its contexts", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(overview.fact("Context")).toHaveText("kwok-underlay-lab");
  await expect(overview.fact("API server")).toHaveText(/^https:\/\/127\.0\.0\.1:\d+$/);
  await expect(overview.fact("Kubernetes version")).toHaveText(/^v1\.\d+\.\d+/);
  await expect(overview.fact("Nodes")).toHaveText("3 nodes, 3 Ready");
  await expect(overview.contextSelect()).toHaveValue("kwok-underlay-lab");
});
