import { expect, type Page } from "@playwright/test";

export class MtuPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("link", { name: "MTU", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "MTU", level: 1 })).toBeVisible();
  }

  /** Clicks "Run diagnosis", sees the progress bar move, waits for the report. */
  async runDiagnosis() {
    await this.page.getByRole("button", { name: "Run diagnosis" }).click();
    await expect(this.page.getByRole("progressbar")).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByRole("button", { name: "Run diagnosis" })).toBeEnabled({
      timeout: 120_000,
    });
  }

  nodeRow(node: string) {
    return this.page
      .getByRole("table", { name: "MTU per node" })
      .locator("tr", { has: this.page.getByRole("cell", { name: node, exact: true }) });
  }

  pathRows() {
    return this.page.getByRole("table", { name: "Measured path MTU" }).locator("tbody tr");
  }

  findings() {
    return this.page.getByRole("list", { name: "Findings" });
  }
}
