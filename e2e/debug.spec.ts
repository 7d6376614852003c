import { expect, test } from "@playwright/test";
import { DebugPage } from "./pages/debug-page";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("launch a node debug pod, watch it run, see flannel.1 and its MTU, delete it", async ({
  page,
}) => {
  const debug = new DebugPage(page);
  await debug.open();
  await debug.launchOnNode("lab-node-1");

  // The new pod is selected; its row follows it from Pending to Running.
  const row = page.locator("tbody tr[aria-selected=true]");
  await expect(row).toContainText("lab-node-1");
  const podName = (await row.getByRole("button").first().textContent())!.trim();
  expect(podName).toMatch(/^underlay-debug-lab-node-1-[0-9a-f]{6}$/);
  await expect(row.getByText("Running")).toBeVisible({ timeout: 30_000 });

  await debug.runDiagnostic("Interfaces");
  const table = page.getByRole("table", { name: "Interfaces" });
  const flannel = table.locator("tr", {
    has: page.getByRole("cell", { name: "flannel.1", exact: true }),
  });
  await expect(flannel).toContainText("vxlan");
  await expect(flannel.getByRole("cell", { name: "1450", exact: true })).toBeVisible();
  await expect(flannel).toContainText("VNI 1, port 8472");
  await expect(page.getByLabel("Output")).toContainText("$ ip -d link");

  // A form says what is missing before it sends anything; the server says the same if asked.
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/diagnostics")) sent.push(r.url());
  });
  const form = page.getByRole("form", { name: "Run a diagnostic" });
  await form.getByRole("combobox", { name: "Diagnostic" }).selectOption({ label: "Ping" });
  await form.getByRole("button", { name: "Run" }).click();
  await expect(page.getByRole("alert", { name: "Form problem" })).toHaveText("Target is required.");
  await form.getByLabel("Payload bytes").fill("70000");
  await form.getByLabel("Target", { exact: true }).fill("10.244.1.2");
  await form.getByRole("button", { name: "Run" }).click();
  await expect(page.getByRole("alert", { name: "Form problem" })).toHaveText(
    "Payload bytes: must be 0 to 65000",
  );
  expect(sent).toEqual([]);
  const direct = await page.request.post(
    `/api/debug-pods/underlay-system/${podName}/debug/diagnostics`,
    { data: { diagnostic: "ping", params: {} } },
  );
  expect(direct.status()).toBe(400);
  expect((await direct.json()).error.message).toBe("Target is required.");

  await row.getByRole("button", { name: `Delete ${podName}` }).click();
  await expect(page.getByRole("button", { name: podName, exact: true })).toHaveCount(0, {
    timeout: 30_000,
  });
});

test("a bad parameter is refused with a sentence and runs nothing", async ({ request }) => {
  const res = await request.post("/api/debug-pods", {
    data: { mode: "node", node: "lab-node-1; rm -rf /" },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/^node: must be a Kubernetes name/);
  const list = await request.get("/api/debug-pods");
  expect((await list.json()).filter((d: { node: string }) => d.node.includes(";"))).toEqual([]);
});
