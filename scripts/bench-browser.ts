/**
 * The bench's browser half: Debian's Chromium driven by Playwright (never `playwright install`).
 * Every time is read inside the page with performance.now(), whose origin is the navigation start.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const VIEWPORT = { width: 1280, height: 720 };

/**
 * A fresh context (empty cache). tsx compiles this file with esbuild's keepNames, which wraps inner
 * functions in __name(…): functions sent to the page need that helper there too.
 */
async function freshContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL, viewport: VIEWPORT });
  await ctx.addInitScript({ content: "globalThis.__name = (f) => f;" });
  return ctx;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Installed before any page script: on every animation frame, look for the first element matching
 * `selector` (and, if given, with exactly `text`) that is laid out and not hidden, and keep the time.
 * React Flow renders a node with visibility:hidden until it has measured it, so "in the DOM" is not
 * "visible".
 */
function watchFirstVisible(arg: { selector: string; text: string | null }) {
  const w = window as unknown as { __benchVisibleAt?: number };
  const tick = () => {
    for (const el of Array.from(document.querySelectorAll(arg.selector))) {
      if (arg.text !== null && el.textContent?.trim() !== arg.text) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (
        r.width > 0 &&
        r.height > 0 &&
        s.visibility !== "hidden" &&
        s.display !== "none" &&
        Number(s.opacity) > 0
      ) {
        w.__benchVisibleAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

type Loaded = {
  visibleMs: number;
  loadEventMs: number | null;
  transferBytes: number;
  resources: number;
};

/** Opens `path` in a fresh context (empty cache) and waits until `selector` is visible. */
async function openAndTime(
  ctx: BrowserContext,
  path: string,
  selector: string,
  text: string | null,
  timeoutMs: number,
): Promise<{ page: Page } & Loaded> {
  const page = await ctx.newPage();
  await page.addInitScript(watchFirstVisible, { selector, text });
  await page.goto(path, { waitUntil: "commit", timeout: timeoutMs });
  await page.waitForFunction(
    () => (window as unknown as { __benchVisibleAt?: number }).__benchVisibleAt !== undefined,
    null,
    { timeout: timeoutMs, polling: 50 },
  );
  await page.waitForLoadState("load", { timeout: timeoutMs });
  await page.waitForTimeout(300); // late resources of the first render
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as
      PerformanceNavigationTiming | undefined;
    const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      visibleMs: (window as unknown as { __benchVisibleAt: number }).__benchVisibleAt,
      loadEventMs: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
      transferBytes: (nav?.transferSize ?? 0) + res.reduce((s, r) => s + r.transferSize, 0),
      resources: res.length + 1,
    };
  });
  return { page, ...m };
}

/** Frames drawn (requestAnimationFrame callbacks) while the mouse drags the pane for ~`ms`. */
export async function panFps(
  page: Page,
  ms = 3000,
): Promise<{
  fps: number;
  frames: number;
  seconds: number;
  worstFrameMs: number;
  pannedPx: number;
}> {
  // A point on the empty pane (not a node, not the controls or minimap), near the middle.
  const start = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane");
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    for (let ring = 0; ring < 12; ring++) {
      for (let k = 0; k < 16; k++) {
        const x = cx + Math.cos((k * Math.PI) / 8) * ring * (r.width / 30);
        const y = cy + Math.sin((k * Math.PI) / 8) * ring * (r.height / 30);
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane"))
          return { x, y, width: r.width };
      }
    }
    return null;
  });
  if (!start) throw new Error("no empty spot on the graph's pane to drag from");
  await page.evaluate(() => {
    type Fps = {
      frames: number;
      worst: number;
      last: number;
      t0: number;
      stop: boolean;
      minX: number;
      maxX: number;
    };
    const w = window as unknown as { __fps: Fps };
    const x = () =>
      Number(
        /translate\(([-\d.]+)px/.exec(
          (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style
            .transform ?? "",
        )?.[1] ?? 0,
      );
    w.__fps = {
      frames: 0,
      worst: 0,
      last: performance.now(),
      t0: performance.now(),
      stop: false,
      minX: x(),
      maxX: x(),
    };
    const f = (t: number) => {
      const s = w.__fps;
      if (s.stop) return;
      s.frames++;
      s.worst = Math.max(s.worst, t - s.last);
      s.last = t;
      const now = x(); // how far the graph really moved: the pan happened
      s.minX = Math.min(s.minX, now);
      s.maxX = Math.max(s.maxX, now);
      requestAnimationFrame(f);
    };
    requestAnimationFrame(f);
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const amplitude = Math.min(300, start.width / 4);
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    // Back and forth, a step per ~16 ms, so the graph keeps moving for the whole window.
    const phase = ((Date.now() - t0) / 1000) * Math.PI;
    await page.mouse.move(
      start.x + Math.sin(phase) * amplitude,
      start.y + Math.sin(phase / 2) * 40,
    );
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const s = await page.evaluate(() => {
    const w = window as unknown as {
      __fps: {
        frames: number;
        worst: number;
        t0: number;
        stop: boolean;
        minX: number;
        maxX: number;
      };
    };
    w.__fps.stop = true;
    return {
      frames: w.__fps.frames,
      seconds: (performance.now() - w.__fps.t0) / 1000,
      worst: w.__fps.worst,
      range: w.__fps.maxX - w.__fps.minX,
    };
  });
  return {
    fps: s.frames / s.seconds,
    frames: s.frames,
    seconds: s.seconds,
    worstFrameMs: s.worst,
    pannedPx: s.range,
  };
}

export type TopologyBrowser = {
  runs: Loaded[];
  acceptEncoding: string | null;
  topologyTransfer: {
    transferSize: number;
    encodedBodySize: number;
    decodedBodySize: number;
  } | null;
  pan: Awaited<ReturnType<typeof panFps>>;
  drill: {
    what: string;
    renderMs: number;
    nodes: number;
    pan: Awaited<ReturnType<typeof panFps>>;
  } | null;
};

/**
 * /topology in `runs` fresh contexts: navigation start → the first graph node visible; the bytes
 * of the whole load; then, in the last one, frames per second while panning, and (when the
 * cluster is drawn as zones or groups) the drill-down to a view of nodes: each click → the next
 * view visible, and panning the last one.
 */
/**
 * Navigation start → the first `selector` (with exactly `text`, if given) laid out and visible, in
 * `runs` fresh contexts: how soon a page shows its first facts.
 */
export async function measureFirstVisible(
  browser: Browser,
  baseURL: string,
  path: string,
  selector: string,
  text: string | null,
  runs = 5,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await freshContext(browser, baseURL);
    try {
      out.push((await openAndTime(ctx, path, selector, text, 60_000)).visibleMs);
    } finally {
      await ctx.close();
    }
  }
  return out;
}

export async function measureTopology(
  browser: Browser,
  baseURL: string,
  runs = 3,
): Promise<TopologyBrowser> {
  const loaded: Loaded[] = [];
  let acceptEncoding: string | null = null;
  let topologyTransfer: TopologyBrowser["topologyTransfer"] = null;
  let last: { ctx: BrowserContext; page: Page } | null = null;
  for (let i = 0; i < runs; i++) {
    await last?.ctx.close();
    const ctx = await freshContext(browser, baseURL);
    ctx.on("request", (r) => {
      if (!acceptEncoding && new URL(r.url()).pathname === "/api/topology")
        void r.allHeaders().then((h) => (acceptEncoding ??= h["accept-encoding"] ?? null));
    });
    const r = await openAndTime(ctx, "/topology", ".react-flow__node", null, 180_000);
    loaded.push({
      visibleMs: r.visibleMs,
      loadEventMs: r.loadEventMs,
      transferBytes: r.transferBytes,
      resources: r.resources,
    });
    topologyTransfer ??= await r.page.evaluate(() => {
      const e = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find(
        (x) => new URL(x.name).pathname === "/api/topology",
      );
      return e
        ? {
            transferSize: e.transferSize,
            encodedBodySize: e.encodedBodySize,
            decodedBodySize: e.decodedBodySize,
          }
        : null;
    });
    last = { ctx, page: r.page };
  }
  const page = last!.page;
  const pan = await panFps(page);
  let drill: TopologyBrowser["drill"] = null;
  // Down through the aggregates (a zone, then its first group) to a view of nodes.
  const path: string[] = [];
  for (const kind of ["zone", "group"]) {
    const tile = page.locator(`.react-flow__node[data-id^="${kind}:"]`).first();
    if (!(await tile.count())) continue;
    path.push(`${kind} ${(await tile.textContent())?.split("\n")[0]?.trim()}`);
    // The next view: a zone opens on groups or nodes, a group on nodes (the old view's tiles stay
    // on screen until the new one arrives, so they must not count).
    const next =
      kind === "zone"
        ? '.react-flow__node[data-id^="node:"], .react-flow__node[data-id^="group:"]'
        : '.react-flow__node[data-id^="node:"]';
    await page.evaluate((sel) => {
      const w = window as unknown as { __drill?: number; __drillT0: number };
      delete w.__drill;
      w.__drillT0 = performance.now();
      const tick = () => {
        const el = document.querySelector(sel);
        if (
          el &&
          getComputedStyle(el).visibility !== "hidden" &&
          el.getBoundingClientRect().width > 0
        )
          w.__drill = performance.now() - w.__drillT0;
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, next);
    await tile.click();
    await page.waitForFunction(
      () => (window as unknown as { __drill?: number }).__drill !== undefined,
      null,
      { timeout: 120_000, polling: 50 },
    );
    const renderMs = await page.evaluate(() => (window as unknown as { __drill: number }).__drill);
    await page.waitForTimeout(500);
    drill = {
      what: path.join(" → "),
      renderMs,
      nodes: await page.locator('.react-flow__node[data-id^="node:"]').count(),
      pan,
    };
  }
  if (drill) drill = { ...drill, pan: await panFps(page) };
  await last!.ctx.close();
  return { runs: loaded, acceptEncoding, topologyTransfer, pan, drill };
}

/** A report's page in `runs` fresh contexts: navigation start → its heading visible, and the load event. */
export async function measureReport(
  browser: Browser,
  baseURL: string,
  path: string,
  title: string,
  runs = 3,
): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await freshContext(browser, baseURL);
    const r = await openAndTime(ctx, path, "h1", title, 60_000);
    out.push({
      visibleMs: r.visibleMs,
      loadEventMs: r.loadEventMs,
      transferBytes: r.transferBytes,
      resources: r.resources,
    });
    await ctx.close();
  }
  return out;
}
