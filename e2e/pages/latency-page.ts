import { expect, type Page } from "@playwright/test";

export class LatencyPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("link", { name: "Latency", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Latency", level: 1 })).toBeVisible();
  }

  async run() {
    await this.page.getByRole("button", { name: "Run latency mesh" }).click();
    await expect(this.page.getByRole("progressbar")).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByRole("button", { name: "Run latency mesh" })).toBeEnabled({
      timeout: 180_000,
    });
  }

  heatmap() {
    return this.page.getByRole("table", { name: "Latency heatmap" });
  }
}
