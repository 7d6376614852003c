// The truth audit: after one MTU diagnosis, every page that states an MTU verdict — the MTU page,
// the overview's and the latency page's summary, the topology's node details, the report and its Markdown — states
// the same one, the one the scenario really has, and none says "no problem" where there is one.
import { expect, test } from "@playwright/test";
import { MtuPage } from "./pages/mtu-page";

const scenario = process.env.LAB_SCENARIO ?? "";
test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

/** What each scenario really is, node by node (all three nodes alike). */
const TRUTH: Record<string, "ok" | "mismatch" | "suboptimal"> = {
  healthy: "ok",
  "real-node": "ok", // healthy, lab-node-3's kubelet real
  "mtu-mismatch": "mismatch",
  blackhole: "mismatch", // NICs at 9000, the path at 1500: the overlay's 1500 does not fit
  "pmtu-icmp": "mismatch",
  jumbo: "suboptimal", // a 9000 path proven end to end, the overlay left at 1450
  "dns-broken": "ok", // DNS is broken, the MTU is not
  calico: "ok",
};
const cni = scenario === "calico" ? "calico" : "flannel";
const NODES = ["lab-node-1", "lab-node-2", "lab-node-3"];
/**
 * The topology's node border for each verdict (components/topology/layout.ts VERDICT_BORDER: the
 * --graph-ok, --graph-lossy and --graph-slow variables of app/globals.css, as the browser computes them).
 */
const BORDER = {
  ok: "rgb(0, 158, 115)",
  mismatch: "rgb(213, 94, 0)",
  suboptimal: "rgb(230, 159, 0)",
};

test(`every page states the same MTU verdict, the true one (${scenario || "lab"})`, async ({
  page,
  request,
}) => {
  test.skip(!TRUTH[scenario], `no MTU verdict is known for the ${scenario} scenario`);
  const truth = TRUTH[scenario]!;
  const problem = truth !== "ok";
  const mtu = new MtuPage(page);
  await mtu.open();
  await mtu.runDiagnosis();
  for (const n of NODES)
    await expect(mtu.nodeRow(n).getByText(truth, { exact: true }), `MTU page, ${n}`).toBeVisible();
  if (problem) await expect(page.getByText(/No MTU problem/)).toHaveCount(0);
  else await expect(page.getByText(/^No MTU problem found on 3 node\(s\)/)).toBeVisible();

  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("latest-mtu-verdict")).toContainText(`found it: 3 ${truth}`);
  await expect(page.getByRole("region", { name: "Network" })).toContainText(cni);
  await expect(page.getByText(/No MTU problem/)).toHaveCount(0);

  await page.getByRole("link", { name: "Latency", exact: true }).click();
  await expect(page.getByTestId("latest-mtu-verdict")).toContainText(`found it: 3 ${truth}`);
  await expect(page.getByText(/No MTU problem/)).toHaveCount(0);

  await page.getByRole("link", { name: "Topology", exact: true }).click();
  const graph = page.getByRole("figure", { name: "Topology graph" });
  for (const n of NODES) {
    const box = graph.locator(".react-flow__node", { hasText: n }).first();
    await expect(box, `topology colour, ${n}`).toHaveCSS("border-top-color", BORDER[truth]);
    await box.click();
    await expect(page.getByRole("region", { name: `Node ${n}` }), `topology, ${n}`).toContainText(
      `MTU ${truth}`,
    );
  }

  const made = await request.post("/api/reports", {
    data: { title: `Truth audit ${scenario}`, includeLatency: false },
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  try {
    await page.goto(`/reports/${id}`);
    await expect(
      page.getByRole("table", { name: "MTU per node" }).locator("tbody tr td:last-child span"),
    ).toHaveText(Array(3).fill(truth));
    const md = await (await request.get(`/api/reports/${id}/export?format=md`)).text();
    for (const n of NODES)
      expect(md, `Markdown, ${n}`).toMatch(new RegExp(`\\| ${n} \\|.*\\| ${truth} \\|`));
    if (problem) expect(md).not.toMatch(/No MTU problem/);
    else expect(md).toContain("No MTU problem found on 3 node(s)");
  } finally {
    await request.delete(`/api/reports/${id}`);
  }
});
