import { expect, test } from "@playwright/test";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("dark mode follows the system, and the header's choice overrides it, kept across reloads", async ({
  browser,
}) => {
  const ctx = await browser.newContext({ colorScheme: "dark" });
  const page = await ctx.newPage();
  await page.goto("/");
  expect(await background(page)).toBe("rgb(2, 6, 24)"); // slate-950: the system is dark
  await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
  await expect.poll(() => background(page)).toBe("rgb(248, 250, 252)"); // slate-50
  await page.reload();
  expect(await background(page)).toBe("rgb(248, 250, 252)");
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("light");
  await page.getByRole("combobox", { name: "Theme" }).selectOption("system");
  await expect.poll(() => background(page)).toBe("rgb(2, 6, 24)");
  await ctx.close();
});

test("the topology's filters and selected object are in the URL: a link shows the same view", async ({
  page,
  browser,
}) => {
  await page.goto("/topology");
  const graph = page.getByRole("figure", { name: "Topology graph" });
  await graph.locator(".react-flow__node", { hasText: "lab-node-2" }).first().click();
  await expect(page.getByRole("region", { name: "Node lab-node-2" })).toBeVisible();
  await page.getByLabel("Namespace").selectOption("shop");
  await expect(page).toHaveURL(/[?&]sel=node%3Alab-node-2/);
  await expect(page).toHaveURL(/[?&]namespace=shop/);
  const link = page.url();
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other.getByLabel("Namespace")).toHaveValue("shop");
  await expect(other.getByRole("region", { name: "Node lab-node-2" })).toBeVisible();
  await expect(other.getByText(/\d+ nodes, 3 pods, /)).toBeVisible();
  // The bare page, reached by its link, is the bare view again.
  await other.getByRole("link", { name: "Topology", exact: true }).click();
  await expect(other).toHaveURL(/\/topology$/);
  await expect(other.getByLabel("Namespace")).toHaveValue("");
  await expect(other.getByRole("region", { name: "Node lab-node-2" })).toHaveCount(0);
});

test("times are shown in the viewer's time zone, with the zone named", async ({
  browser,
  request,
}) => {
  const made = await request.post("/api/reports", {
    data: { title: `Zone check ${Date.now()}`, note: "", includeMtu: false },
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  try {
    const ctx = await browser.newContext({ timezoneId: "Asia/Kolkata", locale: "en-US" });
    const page = await ctx.newPage();
    await page.goto(`/reports/${id}`);
    const when = page.locator("time").first();
    await expect(when).toContainText("GMT+5:30");
    const iso = (await when.getAttribute("datetime"))!;
    const local = new Date(new Date(iso).getTime() + 5.5 * 3600_000).toISOString();
    await expect(when).toContainText(
      `${Number(local.slice(11, 13)) % 12 || 12}:${local.slice(14, 16)}`,
    );
    await ctx.close();
  } finally {
    await request.delete(`/api/reports/${id}`);
  }
});
