import { expect, test } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";

test("without a kubeconfig the overview says so and what to do", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  const alert = overview.alert();
  await expect(alert.getByRole("heading", { name: "No kubeconfig found" })).toBeVisible();
  await expect(alert).toContainText(
    "KUBECONFIG points at /nonexistent/underlay-e2e/kubeconfig, which does not exist.",
  );
  await expect(alert).toContainText("npm run lab -- up healthy");
  await expect(page.getByText(/at .*\.(ts|js):\d+/)).toHaveCount(0); // no stack trace
});

test("the API answers with the error contract", async ({ request }) => {
  const res = await request.get("/api/cluster");
  expect(res.status()).toBe(503);
  expect(await res.json()).toEqual({
    error: { code: "no_kubeconfig", message: expect.stringContaining("No kubeconfig was found") },
  });
  const bad = await request.get("/api/cluster?context=" + encodeURIComponent("$(rm -rf /)"));
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^context: /);
});
