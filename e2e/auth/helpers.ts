import http from "node:http";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { AUTH } from "../../playwright.config";

export const BASE = "http://127.0.0.1:3102";
export const bearer = (role: "admin" | "operator" | "viewer") => ({
  authorization: `Bearer ${AUTH[role]}`,
});

/** Signs in through the login page, as a person does. */
export async function signIn(page: Page, role: "admin" | "operator" | "viewer", name: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel("Token").fill(AUTH[role]);
  await page.getByLabel("Your name, for the audit log (optional)").fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText(`${name} (${role} token)`);
}

/** What a state-changing request could have changed: debug pods, reports, jobs and the audit log. */
export async function snapshot(request: APIRequestContext) {
  const get = async (url: string) => {
    const res = await request.get(url, { headers: bearer("admin") });
    expect(res.status(), url).toBe(200);
    return res.json();
  };
  const audit = ((await get("/api/audit?limit=500")) as { action: string }[]).filter(
    (e) => !["login.failed", "login.locked", "login"].includes(e.action),
  );
  return {
    debugPods: ((await get("/api/debug-pods")) as { id: string }[]).map((d) => d.id).sort(),
    reports: ((await get("/api/reports")) as { id: string }[]).map((r) => r.id).sort(),
    latency: await get("/api/latency/history"),
    audit: audit.length,
  };
}

/**
 * A raw HTTP request from a chosen local address (127.0.0.2 is the trusted proxy), which the browser
 * and Playwright's request context cannot choose.
 */
export function fromAddress(
  localAddress: string,
  path: string,
  headers: Record<string, string>,
  method = "GET",
  body?: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${BASE}${path}`,
      {
        method,
        headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
        localAddress,
      },
      (res) => {
        let data = "";
        res.on("data", (c: Buffer) => (data += c.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : null }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
