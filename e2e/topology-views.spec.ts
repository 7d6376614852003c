import { expect, test } from "@playwright/test";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

// This server draws one node a view (UNDERLAY_TOPOLOGY_VIEW_NODES=1), so the lab's 3 nodes take
// the path a 5,000-node cluster takes: zones, a zone's groups, a group's nodes, and back.
test("a cluster bigger than a view is drawn as zones, then groups, then nodes", async ({
  page,
}) => {
  await page.goto("/topology");
  const graph = page.getByRole("figure", { name: "Topology graph" });
  await expect(page.getByText("drawn by zone: pick one")).toBeVisible();
  const zoneA = graph.locator(".react-flow__node", { hasText: "lab-a" });
  await expect(zoneA).toContainText("2 nodes (2 Ready)");
  await expect(graph.locator(".react-flow__node", { hasText: "lab-b" })).toContainText(
    "1 nodes (1 Ready)",
  );

  await zoneA.click();
  await expect(page.getByText("zone lab-a is drawn in groups: pick one")).toBeVisible();
  await expect(graph.locator(".react-flow__node")).toHaveCount(2);
  await graph.locator(".react-flow__node", { hasText: "lab-node-3" }).click();

  const where = page.getByRole("navigation", { name: "Where you are" });
  await expect(where).toContainText("group 2 of 2: lab-node-3 … lab-node-3");
  const node = graph.locator('.react-flow__node[data-id="node:lab-node-3"]');
  await expect(node).toContainText("172.31.3.2");
  await node.click();
  await expect(page.getByRole("region", { name: "Node lab-node-3" })).toContainText("zone lab-a");

  await where.getByRole("button", { name: "Zone lab-a" }).click();
  await expect(page.getByText("zone lab-a is drawn in groups: pick one")).toBeVisible();
  await where.getByRole("button", { name: "All zones" }).click();
  await expect(page.getByText("drawn by zone: pick one")).toBeVisible();
  await expect(where).toBeHidden();
});
