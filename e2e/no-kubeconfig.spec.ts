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
  await expect(alert).toContainText(
    "`npm run demo` brings up a lab cluster and serves Underlay on it",
  );
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

test("the tab shows Underlay's icon, and robots are told to keep out", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const icons = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).getAttribute("href")));
  expect(icons).toEqual(
    expect.arrayContaining([
      "/favicon.ico",
      "/icon.svg",
      "/apple-touch-icon.png",
      "/manifest.webmanifest",
    ]),
  );
  for (const [path, type] of [
    ["/favicon.ico", "image/x-icon"],
    ["/icon.svg", "image/svg+xml"],
    ["/apple-touch-icon.png", "image/png"],
    ["/icon-192.png", "image/png"],
  ] as const) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(200);
    expect(r.headers()["content-type"], path).toContain(type);
  }
  expect(await (await request.get("/robots.txt")).text()).toBe("User-agent: *\nDisallow: /\n");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
});

test("a Prometheus scrape never fails: no kubeconfig is underlay_cluster_up 0, with a 200", async ({
  request,
}) => {
  const res = await request.get("/api/metrics");
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(body).toMatch(/^underlay_cluster_up\{context=""\} 0$/m);
  expect(body).toMatch(/^underlay_store_up 1$/m);
  expect(body).toMatch(/^underlay_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
});
