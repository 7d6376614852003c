import { expect, test } from "@playwright/test";
import { LatencyPage } from "./pages/latency-page";
import { MtuPage } from "./pages/mtu-page";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

const OFFLINE = "http://127.0.0.1:3101"; // the server with no kubeconfig

test("a report made after a diagnosis opens from its link in a fresh browser, with no cluster access", async ({
  page,
  browser,
}) => {
  const latency = new LatencyPage(page);
  await latency.open();
  await latency.run();
  const heat = await latency.heatmap().locator("tbody td").allTextContents();
  const mtu = new MtuPage(page);
  await mtu.open();
  await mtu.runDiagnosis();
  const verdicts = await page
    .getByRole("table", { name: "MTU per node" })
    .locator("tbody tr td:last-child span")
    .allTextContents();

  await page.getByRole("button", { name: "Create report" }).click();
  const form = page.getByRole("form", { name: "Create report" });
  const title = `MTU check ${Date.now()}`;
  // An empty title is said before anything is sent.
  await form.getByLabel("Title").fill("   ");
  await form.getByRole("button", { name: "Save report" }).click();
  await expect(form.getByRole("alert", { name: "Form problem" })).toHaveText(
    "Title: must not be empty",
  );
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Note").fill("Before changing the flannel MTU.");
  await form.getByRole("button", { name: "Save report" }).click();
  const link = form.getByRole("status").getByRole("link");
  await expect(link).toHaveText(/^\/reports\/[0-9a-f]{32}$/);
  const path = (await link.textContent())!;

  const reader = await browser.newContext({ baseURL: OFFLINE });
  const other = await reader.newPage();
  const res = await other.goto(path);
  expect(res!.status()).toBe(200);
  await expect(other.getByRole("heading", { name: title })).toBeVisible();
  await expect(other.getByText("from context kwok-underlay-lab")).toBeVisible();
  await expect(other.getByText("Before changing the flannel MTU.")).toBeVisible();
  await expect(
    other.getByRole("table", { name: "MTU per node" }).locator("tbody tr td:last-child span"),
  ).toHaveText(verdicts);
  await expect(
    other.getByRole("table", { name: "Measured path MTU" }).locator("tbody tr"),
  ).toHaveCount(12);
  // The same latency numbers and charts, from the snapshot.
  await expect(
    other.getByRole("table", { name: "Latency heatmap" }).locator("tbody td"),
  ).toHaveText(heat);
  await expect(other.getByRole("table", { name: "DNS latency" }).locator("tbody tr")).toHaveCount(
    9,
  );
  await expect(other.getByRole("img", { name: "Service vs pod" })).toBeVisible();

  const md = await other.request.get(
    `${path.replace("/reports/", "/api/reports/")}/export?format=md`,
  );
  expect(await md.text()).toContain(`# ${title}`);
  const json = await (
    await other.request.get(`${path.replace("/reports/", "/api/reports/")}/export?format=json`)
  ).json();
  expect(json.body.schemaVersion).toBe(1);

  await other.goto("/reports");
  await other.getByLabel("Search").fill(title);
  await expect(
    other.getByRole("table", { name: "Reports" }).getByRole("link", { name: title }),
  ).toBeVisible();
  await reader.close();
});

test("a malformed or unknown report id is a 404 page", async ({ page }) => {
  for (const id of ["not-an-id", "0123456789abcdef0123456789abcdef", "..%2F..%2Fetc%2Fpasswd"]) {
    const res = await page.goto(`/reports/${id}`);
    expect(res!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Report not found" })).toBeVisible();
  }
});
