import { expect, test } from "@playwright/test";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("the topology shows the nodes, a tunnel, and an expanded node's pods", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Topology", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Topology", level: 1 })).toBeVisible();
  const graph = page.getByRole("figure", { name: "Topology graph" });
  for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"])
    await expect(graph.getByText(n, { exact: false }).first()).toBeVisible();
  await expect(graph.locator(".react-flow__edge").first()).toBeAttached(); // at least one tunnel
  await expect(graph.getByText(/HTTPRoute web/)).toBeVisible();
  await expect(graph.getByText("90%")).toBeVisible();

  await graph.locator(".react-flow__node", { hasText: "lab-node-2" }).first().click();
  const details = page.getByRole("region", { name: "Node lab-node-2" });
  await expect(details).toContainText("172.31.2.2");
  await details.getByRole("button", { name: "Expand pods" }).click();
  const pods = page.getByRole("list", { name: "Pods on lab-node-2" });
  await expect(pods.getByRole("listitem").first()).toBeVisible();
  await expect(
    graph.locator(".react-flow__node", { hasText: /^kube-flannel\/kube-flannel-ds-/ }).first(),
  ).toBeVisible();

  await page.getByLabel("Namespace").selectOption("shop");
  await expect(page.getByText(/\d+ nodes, 3 pods, /)).toBeVisible();
});
