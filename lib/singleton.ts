const g = globalThis as typeof globalThis & { __underlay?: Map<string, unknown> };

/**
 * One value per process (or browser tab) under `name`, kept on globalThis: Next bundles a module once per route and
 * reloads it in development, and every copy must share the same state. Not server-only: the lab's
 * tooling (e2e/lab) shares server/kube/pooled-kubeconfig.ts, which keeps its counts here.
 */
export function singleton<T>(name: string, make: () => T): T {
  const all = (g.__underlay ??= new Map());
  if (!all.has(name)) all.set(name, make());
  return all.get(name) as T;
}
