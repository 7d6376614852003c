import { expect, test } from "@playwright/test";
import { bearer, fromAddress, signIn, snapshot } from "./helpers";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("with auth on, no credentials: pages go to the login page and the API answers 401 with a sentence", async ({
  page,
  request,
}) => {
  await page.goto("/topology");
  await expect(page).toHaveURL(/\/login\?next=%2Ftopology$/);
  await expect(page.getByRole("heading", { name: "Sign in to Underlay" })).toBeVisible();
  for (const [method, url] of [
    ["GET", "/api/cluster"],
    ["GET", "/api/reports"],
    ["POST", "/api/debug-pods"],
    ["GET", "/api/metrics"],
  ] as const) {
    const res = await request.fetch(url, {
      method,
      data: method === "POST" ? { mode: "node", node: "lab-node-1" } : undefined,
    });
    expect(res.status(), url).toBe(401);
    expect((await res.json()).error.message).toContain("You are not signed in.");
  }
  // A wrong token is refused on the page too, and signs nobody in.
  await page.getByLabel("Token").fill("not-the-token-at-all-0000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not signed in" })).toContainText(
    "That token is not valid for this Underlay.",
  );
  await expect(page).toHaveURL(/\/login/);
  expect((await request.get("/api/health")).status()).toBe(200); // liveness stays open
});

test("a viewer reads pages but sees no launch, run or delete controls, and the API refuses them with 403", async ({
  page,
  request,
}) => {
  const before = await snapshot(request);
  await signIn(page, "viewer", "Vera");
  const cookie = (await page.context().cookies()).find((c) => c.name === "underlay_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  await expect(page.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "Debug pods", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Debug pods", level: 1 })).toBeVisible();
  await expect(page.getByRole("form", { name: "Launch a debug pod" })).toHaveCount(0);
  await expect(page.getByTestId("role-note")).toHaveText(
    "Launching a debug pod takes the operator role (launch debug pods and run diagnostics, probes and reports); yours is viewer.",
  );
  await page.getByRole("link", { name: "MTU", exact: true }).click();
  await expect(page.getByRole("button", { name: "Run diagnosis" })).toHaveCount(0);
  await expect(page.getByTestId("role-note")).toContainText(
    "Run diagnosis takes the operator role",
  );

  // The same request the launch form sends, with the viewer's own session cookie and same origin.
  const res = await page.request.post("/api/debug-pods", {
    data: { mode: "node", node: "lab-node-1" },
    headers: { origin: "http://127.0.0.1:3102" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toEqual({
    code: "role",
    message:
      "Your role (viewer) cannot launch debug pods: it takes the operator role, which can launch debug pods and run diagnostics, probes and reports.",
  });
  for (const [method, url] of [
    ["POST", "/api/mtu"],
    ["POST", "/api/latency"],
    ["POST", "/api/reports"],
    ["GET", "/api/audit"],
  ] as const) {
    const r = await request.fetch(url, {
      method,
      headers: bearer("viewer"),
      data: method === "POST" ? {} : undefined,
    });
    expect(r.status(), url).toBe(403);
  }
  expect(await snapshot(request)).toEqual(before);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/cluster")).status()).toBe(401);
});

test("an operator's actions land in the audit log, which only an admin can open", async ({
  page,
  browser,
}) => {
  await signIn(page, "operator", "Otto");
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await page.getByRole("button", { name: "Create report" }).click();
  const form = page.getByRole("form", { name: "Create report" });
  const title = `Audited ${Date.now()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Save report" }).click();
  await expect(form.getByRole("status").getByRole("link")).toHaveText(/^\/reports\/[0-9a-f]{32}$/);
  const id = (await form.getByRole("status").getByRole("link").textContent())!.split("/").pop()!;
  // An operator may not delete reports: no button, and a 403.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Reports", exact: true })
    .click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("button", { name: `Delete ${title}` })).toHaveCount(0);
  expect(
    (
      await page.request.delete(`/api/reports/${id}`, {
        headers: { origin: "http://127.0.0.1:3102" },
      })
    ).status(),
  ).toBe(403);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin", "Ada");
  await admin.getByRole("link", { name: "Audit", exact: true }).click();
  const log = admin.getByRole("table", { name: "Audit log" });
  const created = log.locator("tbody tr", { hasText: `report/${id}` });
  await expect(created).toContainText("Otto (operator token) (operator)");
  await expect(created).toContainText("report.create");
  await expect(created).toContainText(title);
  await admin.getByLabel("Action").selectOption("login");
  await expect(log.locator("tbody tr").first()).toContainText("session");
  await expect(log.locator("tbody tr", { hasText: "report.create" })).toHaveCount(0);

  // The admin deletes it from the Reports page; that is audited too.
  await admin
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Reports", exact: true })
    .click();
  await admin.getByRole("button", { name: `Delete ${title}` }).click();
  await expect(admin.getByRole("link", { name: title })).toHaveCount(0);
  await admin.getByRole("link", { name: "Audit", exact: true }).click();
  await admin.getByLabel("Action").selectOption("report.delete");
  await expect(log.locator("tbody tr", { hasText: `report/${id}` })).toContainText(
    "Ada (admin token) (admin)",
  );
});

test("a cross-origin POST is refused even with valid credentials, and changes nothing", async ({
  request,
}) => {
  const before = await snapshot(request);
  for (const headers of [
    { origin: "http://evil.example" },
    { "sec-fetch-site": "cross-site" },
    { origin: "null" },
  ] as Record<string, string>[]) {
    const res = await request.post("/api/reports", {
      headers: { ...bearer("admin"), ...headers },
      data: { title: "forged" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site");
  }
  const del = await request.delete("/api/debug-pods/underlay-system/x/debug", {
    headers: { ...bearer("admin"), origin: "http://evil.example" },
  });
  expect(del.status()).toBe(403);
  expect(await snapshot(request)).toEqual(before);
});

test("identity headers count only from the trusted proxy address, with roles from the group map", async () => {
  const headers = { "x-forwarded-user": "alice@example.com", "x-forwarded-groups": "dev,platform" };
  // From 127.0.0.1 (not the proxy): the headers are ignored, and a forged peer header too.
  expect(
    (await fromAddress("127.0.0.1", "/api/auth/me", { ...headers, "x-underlay-peer": "127.0.0.2" }))
      .json,
  ).toMatchObject({ user: null });
  expect((await fromAddress("127.0.0.1", "/api/cluster", headers)).status).toBe(401);
  // From 127.0.0.2, the configured proxy: platform → operator; sre → admin; no mapped group → the default, viewer.
  expect((await fromAddress("127.0.0.2", "/api/auth/me", headers)).json).toEqual({
    user: { name: "alice@example.com", role: "operator", via: "proxy" },
    mode: "token+proxy",
  });
  expect(
    (await fromAddress("127.0.0.2", "/api/auth/me", { ...headers, "x-forwarded-groups": "sre" }))
      .json,
  ).toMatchObject({ user: { role: "admin" } });
  expect(
    (await fromAddress("127.0.0.2", "/api/auth/me", { "x-forwarded-user": "bob" })).json,
  ).toMatchObject({ user: { name: "bob", role: "viewer" } });
  const denied = await fromAddress(
    "127.0.0.2",
    "/api/mtu",
    { "x-forwarded-user": "bob" },
    "POST",
    "{}",
  );
  expect(denied.status).toBe(403);
  expect(denied.json).toMatchObject({ error: { code: "role" } });
  expect((await fromAddress("127.0.0.2", "/api/cluster", headers)).status).toBe(200);
});
