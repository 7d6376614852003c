import "server-only";
import type { V1Pod } from "@kubernetes/client-node";

/**
 * Pods by node and by address, and how many per namespace, kept up to date from the pod informer's
 * own events: a request reads these instead of walking every pod (100,000 on the scale lab).
 */
export class PodIndex {
  private readonly where = new Map<
    string,
    { ns: string; node: string | null; ip: string | null }
  >();
  readonly byNode = new Map<string, Map<string, V1Pod>>();
  /** Pod-network pods only (a host-network pod shares its node's address). */
  readonly byIp = new Map<string, V1Pod>();
  readonly namespaces = new Map<string, number>();

  get size(): number {
    return this.where.size;
  }

  /** Bumped when a pod comes, goes or moves (node, address): a status update alone keeps it. */
  placement = 0;

  put(p: V1Pod): void {
    const key = keyOf(p);
    const ns = p.metadata?.namespace ?? "";
    const node = p.spec?.nodeName ?? null;
    const ip = p.status?.podIP && !p.spec?.hostNetwork ? p.status.podIP : null;
    const was = this.where.get(key);
    if (was && was.ns === ns && was.node === node && was.ip === ip) {
      // Same place: only the object the maps hold is new.
      if (node) this.byNode.get(node)?.set(key, p);
      if (ip) this.byIp.set(ip, p);
      return;
    }
    this.drop(key);
    this.placement++;
    this.where.set(key, { ns, node, ip });
    this.namespaces.set(ns, (this.namespaces.get(ns) ?? 0) + 1);
    if (node) {
      let on = this.byNode.get(node);
      if (!on) this.byNode.set(node, (on = new Map()));
      on.set(key, p);
    }
    if (ip) this.byIp.set(ip, p);
  }

  remove(p: V1Pod): void {
    if (this.where.has(keyOf(p))) this.placement++;
    this.drop(keyOf(p));
  }

  private drop(key: string): void {
    const w = this.where.get(key);
    if (!w) return;
    this.where.delete(key);
    const left = (this.namespaces.get(w.ns) ?? 1) - 1;
    if (left > 0) this.namespaces.set(w.ns, left);
    else this.namespaces.delete(w.ns);
    const on = w.node ? this.byNode.get(w.node) : undefined;
    on?.delete(key);
    if (on && !on.size) this.byNode.delete(w.node!);
    const atIp = w.ip ? this.byIp.get(w.ip) : undefined;
    if (atIp && keyOf(atIp) === key) this.byIp.delete(w.ip!);
  }
}
const keyOf = (p: V1Pod) => `${p.metadata?.namespace ?? ""}/${p.metadata?.name ?? ""}`;
