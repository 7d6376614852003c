import "server-only";
import { ListWatch, Watch, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { ApiError } from "@/lib/api-error";
import { singleton } from "@/lib/singleton";
import { log } from "@/server/log";
import { kubeError } from "./errors";
import { compact, slim, type Slimmable } from "./slim";

export type Informer<T extends KubernetesObject> = ListWatch<T>;

/**
 * Watches that ask for bookmarks: the API server then sends the current resourceVersion now and
 * then, so a watch that ends (every 30–60 min) resumes from a recent one instead of one so old it
 * is refused with 410 Gone, which costs a full list (100,000 pods on the scale lab).
 */
class BookmarkWatch extends Watch {
  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: Parameters<Watch["watch"]>[2],
    done: Parameters<Watch["watch"]>[3],
  ) {
    return super.watch(path, { ...queryParams, allowWatchBookmarks: true }, callback, done);
  }
}

/** Connects and list calls per informer: ListWatch connects before it lists (a fresh start) or instead of listing (a resume). */
type Count = { name: string; connects: number; lists: number };
const counts = new WeakMap<object, Count>();
const registered = singleton("informerCounts", () => [] as Count[]);

/** An informer (list, then watch from its resourceVersion) whose watches ask for bookmarks. */
export const makeInformer = <T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
): Informer<T> => {
  const count: Count = { name: "", connects: 0, lists: 0 };
  const inf = new ListWatch<T>(
    path,
    new BookmarkWatch(kc),
    (() => {
      count.lists++;
      return list();
    }) as never,
    false,
  );
  counts.set(inf, count);
  return inf;
};

/**
 * How often each informer has (re)started, by "resource from": from "list" (a full list, then a
 * watch: the first start, or a watch whose resourceVersion had expired) or from "resourceVersion"
 * (a watch resumed where the last one ended): the connects beyond the lists.
 */
export function informerStarts(): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const c of registered) {
    if (!c.name) continue;
    const add = (key: string, n: number) => n > 0 && out.set(key, (out.get(key) ?? 0) + n);
    add(`${c.name} list`, c.lists);
    add(`${c.name} resourceVersion`, c.connects - c.lists);
  }
  return out;
}

/** A failed first list or watch, in words: a 403 names the verb and the resource. */
function startError(name: string, err: unknown): unknown {
  const known = kubeError(err);
  if (known) return known;
  const status = (err as { statusCode?: number })?.statusCode; // a refused watch
  if (status === 403)
    return new ApiError(
      "forbidden",
      `The dashboard's Kubernetes identity is not allowed to watch ${name} across the cluster. Grant the "watch" verb on "${name}" to its ServiceAccount or user.`,
    );
  return err;
}

/**
 * Starts an informer: resolves once its list has arrived and its watch runs, rejects (and stops it)
 * when the first list or watch fails. Later watch failures are logged and retried.
 */
export async function follow<T extends KubernetesObject>(
  name: string,
  inf: Informer<T>,
): Promise<void> {
  // Objects that arrive by watch are slimmed in place, as the listed ones were.
  if (name in SLIM) {
    inf.on("add", (o) => void slim(name as Slimmable, o));
    inf.on("update", (o) => void slim(name as Slimmable, o));
  }
  const count = counts.get(inf);
  if (count) {
    count.name = name;
    registered.push(count);
    inf.on("connect", () => void count.connects++);
  }
  let started = false;
  let failed: unknown = null;
  inf.on("error", (err) => {
    if (!started) {
      failed ??= err; // ListWatch reports a failed list here, not by rejecting start()
      return;
    }
    log.warn(
      { code: "watch_error", resource: name },
      String((err as Error)?.message ?? err).slice(0, 200),
    );
    setTimeout(() => void inf.start().catch(() => undefined), 3000);
  });
  try {
    await inf.start();
  } catch (e) {
    failed ??= e;
  }
  if (failed) {
    await inf.stop();
    throw startError(name, failed);
  }
  started = true;
}

const PAGE = 500;

/**
 * A lister that pages (limit/continue) and cuts each page down as it arrives, so a 100,000-pod list
 * never sits in memory whole; listed objects are kept as compact copies (watched ones are slimmed
 * in place by follow).
 */
export const pagedList =
  <L extends { items: unknown[]; metadata?: { _continue?: string; resourceVersion?: string } }>(
    kind: Slimmable,
    list: (o: { limit: number; _continue?: string }) => Promise<L>,
  ) =>
  async () => {
    const first = await list({ limit: PAGE });
    first.items = first.items.map((i) => compact(kind, i));
    let next = first.metadata?._continue;
    while (next) {
      const page = await list({ limit: PAGE, _continue: next });
      for (const i of page.items) first.items.push(compact(kind, i));
      first.metadata!.resourceVersion =
        page.metadata?.resourceVersion ?? first.metadata?.resourceVersion;
      next = page.metadata?._continue;
    }
    return first;
  };
const SLIM: Record<Slimmable, true> = {
  pods: true,
  nodes: true,
  services: true,
  endpointslices: true,
};
