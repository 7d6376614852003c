import { expect, type Locator, type Page } from "@playwright/test";

export class DebugPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("link", { name: "Debug pods", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Debug pods", level: 1 })).toBeVisible();
  }

  async launchOnNode(node: string) {
    const form = this.page.getByRole("form", { name: "Launch a debug pod" });
    await form.getByLabel("Node (host network)").check();
    await form.getByRole("combobox", { name: "Node" }).selectOption(node); // option values are node names
    await form.getByRole("button", { name: "Launch debug pod" }).click();
  }

  row(podName: string): Locator {
    return this.page.locator("tbody tr", {
      has: this.page.getByRole("button", { name: podName, exact: true }),
    });
  }

  async runDiagnostic(label: string) {
    const form = this.page.getByRole("form", { name: "Run a diagnostic" });
    await form.getByLabel("Diagnostic").selectOption({ label });
    await form.getByRole("button", { name: "Run" }).click();
  }
}
