import { expect, test } from "@playwright/test";
import { MtuPage } from "./pages/mtu-page";

const scenario = process.env.LAB_SCENARIO ?? "";
test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test(`the MTU report tells the truth about the ${scenario || "lab"} scenario`, async ({ page }) => {
  const mtu = new MtuPage(page);
  await mtu.open();
  await mtu.runDiagnosis();
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText(
    scenario === "calico" ? "calico" : "flannel",
  );
  await expect(mtu.pathRows()).toHaveCount(12);

  if (scenario === "healthy" || scenario === "real-node" || scenario === "calico") {
    await expect(page.getByText("No MTU problem found")).toBeVisible();
    for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"]) {
      await expect(mtu.nodeRow(n)).toContainText("eth0 1500");
      await expect(mtu.nodeRow(n)).toContainText(
        scenario === "calico" ? "vxlan.calico 1450" : "flannel.1 1450",
      );
      await expect(mtu.nodeRow(n).getByText("ok", { exact: true })).toBeVisible();
    }
  }
  if (scenario === "mtu-mismatch") {
    for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"]) {
      await expect(mtu.nodeRow(n)).toContainText("flannel.1 1500");
      await expect(mtu.nodeRow(n).getByText("mismatch", { exact: true })).toBeVisible();
    }
    const finding = mtu.findings().getByRole("listitem").first();
    await expect(finding).toContainText(
      "flannel.1 MTU 1500 + 50 bytes of vxlan headers = 1550 > eth0 MTU 1500 on 3 node(s)",
    );
    await expect(finding).toContainText('"MTU": 1500');
    await expect(finding).toContainText(
      "kubectl -n kube-flannel rollout restart ds/kube-flannel-ds",
    );
  }
  if (scenario === "blackhole") {
    // The NICs claim 9000; the path carries 1500: every node is a mismatch, and the first fix
    // sizes flannel for the path (never the NIC's 9000).
    for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"]) {
      await expect(mtu.nodeRow(n)).toContainText("eth0 9000");
      await expect(mtu.nodeRow(n).getByText("mismatch", { exact: true })).toBeVisible();
    }
    const first = mtu.findings().getByRole("listitem").first();
    await expect(first).toContainText(
      "flannel.1 MTU 1500 + 50 bytes of vxlan headers = 1550 > 1500, the largest packet measured between nodes",
    );
    await expect(first).toContainText('"MTU": 1500');
    await expect(first).not.toContainText("8950");
    await expect(mtu.findings()).not.toContainText("would fit");
    await expect(mtu.findings()).toContainText(
      "Silent drop over the overlay: DF packets larger than 1450 bytes vanish",
    );
    await expect(
      mtu.pathRows().filter({ hasText: "overlay" }).filter({ hasText: "silent drop" }),
    ).toHaveCount(6);
    await expect(mtu.pathRows().filter({ hasText: "overlay" }).first()).toContainText("1450");
  }
  if (scenario === "pmtu-icmp") {
    // The router says "fragmentation needed": the same mismatch as the black hole, and not silent.
    for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"])
      await expect(mtu.nodeRow(n).getByText("mismatch", { exact: true })).toBeVisible();
    await expect(mtu.findings().getByRole("listitem").first()).toContainText(
      "= 1550 > 1500, the largest packet measured between nodes",
    );
    await expect(mtu.findings()).not.toContainText("Silent drop");
  }
  if (scenario === "jumbo") {
    await expect(mtu.nodeRow("lab-node-1").getByText("suboptimal", { exact: true })).toBeVisible();
    await expect(mtu.findings()).toContainText("up to 8950 would fit");
  }
});
