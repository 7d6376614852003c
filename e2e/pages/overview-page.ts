import { expect, type Page } from "@playwright/test";

export class OverviewPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Overview" })).toBeVisible();
  }

  cluster() {
    return this.page.getByRole("region", { name: "Cluster" });
  }

  fact(label: string) {
    return this.cluster()
      .locator("div", { has: this.page.locator("dt", { hasText: label }) })
      .locator("dd");
  }

  contextSelect() {
    return this.page.getByLabel("Context");
  }

  alert() {
    return this.page.getByRole("main").getByRole("alert");
  }
}
