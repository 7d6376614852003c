import { expect, test } from "@playwright/test";

test.skip(!process.env.LAB_KUBECONFIG, "needs the lab cluster (npm test brings it up)");

test("the topology shows the nodes, a tunnel, and an expanded node's pods", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Topology", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Topology", level: 1 })).toBeVisible();
  const graph = page.getByRole("figure", { name: "Topology graph" });
  for (const n of ["lab-node-1", "lab-node-2", "lab-node-3"])
    await expect(graph.getByText(n, { exact: false }).first()).toBeVisible();
  await expect(graph.locator(".react-flow__edge").first()).toBeAttached(); // at least one tunnel
  await expect(graph.getByText(/HTTPRoute web/)).toBeVisible();
  await expect(graph.getByText("90%")).toBeVisible();

  await graph.locator(".react-flow__node", { hasText: "lab-node-2" }).first().click();
  const details = page.getByRole("region", { name: "Node lab-node-2" });
  await expect(details).toContainText("172.31.2.2");
  await details.getByRole("button", { name: "Expand pods" }).click();
  const pods = page.getByRole("list", { name: "Pods on lab-node-2" });
  await expect(pods.getByRole("listitem").first()).toBeVisible();
  await expect(
    graph.locator(".react-flow__node", { hasText: /^kube-flannel\/kube-flannel-ds-/ }).first(),
  ).toBeVisible();

  await page.getByLabel("Namespace").selectOption("shop");
  await expect(page.getByText(/\d+ nodes, 3 pods, /)).toBeVisible();
});

/** Where each drawn edge ends (on screen), the box it should end on, and every top-level box. */
async function geometry(page: import("@playwright/test").Page) {
  return page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    };
    // Top-level boxes (an expanded node's pods are drawn inside it on purpose).
    const boxes = [...document.querySelectorAll(".react-flow__node")]
      .map((el) => ({ id: el.getAttribute("data-id")!, ...rect(el) }))
      .filter((b) => !b.id.startsWith("pod:"));
    const edges = [...document.querySelectorAll(".react-flow__edge")].map((g) => {
      const id = (g.getAttribute("data-testid") ?? "").replace(/^rf__edge-/, "");
      const path = g.querySelector("path.react-flow__edge-path") as SVGPathElement;
      const end = path.getPointAtLength(path.getTotalLength());
      const m = path.getScreenCTM()!;
      return { id, x: m.a * end.x + m.c * end.y + m.e, y: m.b * end.x + m.d * end.y + m.f };
    });
    return { boxes, edges };
  });
}

/** The box an edge points at, from its id (layout.ts names them source|target). */
function targetOf(id: string): string {
  const [kind, rest] = [id.slice(0, id.indexOf(":")), id.slice(id.indexOf(":") + 1)];
  const [source, target] = rest.split("|") as [string, string];
  if (kind === "tunnel") return `node:${target}`;
  if (kind === "ep") return `node:${target}`;
  if (kind === "w") return `svc:${source.split("/")[0]!.replace(/^route:/, "")}/${target}`;
  if (kind === "gr") return `route:${source.replace(/^gw:/, "").split("/")[0]}/${target}`;
  throw new Error(`unknown edge ${id}`);
}

test("the graph's geometry: every edge ends on its own target's box, and no two boxes overlap", async ({
  page,
}) => {
  await page.goto("/topology");
  const graph = page.getByRole("figure", { name: "Topology graph" });
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await expect(graph.getByText(/HTTPRoute web/)).toBeVisible();
  await expect(graph.locator(".react-flow__edge").first()).toBeAttached();
  const check = async (state: string) => {
    await page.waitForTimeout(300); // fitView's transition
    const { boxes, edges } = await geometry(page);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    const near = (
      b: { x: number; y: number; w: number; h: number },
      p: { x: number; y: number },
      d: number,
    ) => p.x >= b.x - d && p.x <= b.x + b.w + d && p.y >= b.y - d && p.y <= b.y + b.h + d;
    expect(edges.length, state).toBeGreaterThanOrEqual(5);
    for (const e of edges) {
      const own = byId.get(targetOf(e.id));
      expect(own, `${state}: ${e.id}: its target is drawn`).toBeDefined();
      // On its border: within the handle's half-width (3 px) and the border (2 px).
      expect(near(own!, e, 5), `${state}: ${e.id} ends on ${own!.id}`).toBe(true);
      for (const other of boxes.filter((b) => b.id !== own!.id))
        expect(near(other, e, 8), `${state}: ${e.id} ends 8 px or more from ${other.id}`).toBe(
          false,
        );
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${state}: ${a.id} and ${b.id} overlap`).toBe(false);
      }
    return boxes;
  };
  const boxes = await check("first view");
  // The minimap draws the graph: one mask and a rectangle per box.
  await expect(page.locator(".react-flow__minimap-node")).toHaveCount(boxes.length);
  // An expanded node grows to hold its pods: laid out again, the same holds.
  await graph.locator(".react-flow__node", { hasText: "lab-node-2" }).first().click();
  await page
    .getByRole("region", { name: "Node lab-node-2" })
    .getByRole("button", { name: "Expand pods" })
    .click();
  await expect(graph.locator('.react-flow__node[data-id^="pod:"]').first()).toBeVisible();
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await check("lab-node-2 expanded");
});
