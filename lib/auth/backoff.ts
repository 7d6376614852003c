/**
 * Exponential backoff after failed attempts, per key (a client address, or "*" for everyone):
 * the first `free` failures cost nothing, each one after that doubles the wait from `baseSeconds`
 * up to `maxSeconds`. A key with no failure for `forgetSeconds` starts afresh. At most `maxKeys`
 * keys are remembered (the quietest go first), so a flood of addresses cannot grow it without end.
 */
export type BackoffPolicy = {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetSeconds: number;
  maxKeys: number;
};

type Entry = { failures: number; last: number; until: number };

export class Backoff {
  private readonly entries = new Map<string, Entry>();
  /** Failures counted since start, for the metric. */
  total = 0;

  constructor(private readonly policy: BackoffPolicy) {}

  private entry(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.last > this.policy.forgetSeconds * 1000) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Seconds `key` must still wait before its next attempt (0: it may try now). */
  retryAfter(key: string, now: number): number {
    const e = this.entry(key, now);
    return e && e.until > now ? Math.ceil((e.until - now) / 1000) : 0;
  }

  /** Records a failure; returns the wait it imposes from now (0 while still within `free`). */
  fail(key: string, now: number): number {
    this.total++;
    const e = this.entry(key, now) ?? { failures: 0, last: now, until: 0 };
    e.failures++;
    e.last = now;
    const over = e.failures - this.policy.free;
    const wait =
      over > 0
        ? Math.min(this.policy.maxSeconds, this.policy.baseSeconds * 2 ** Math.min(over - 1, 30))
        : 0;
    e.until = now + wait * 1000;
    this.entries.delete(key); // re-insert: the map's order is the order of last failure
    this.entries.set(key, e);
    while (this.entries.size > this.policy.maxKeys) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return wait;
  }

  /** A success forgets the key's failures. */
  succeed(key: string): void {
    this.entries.delete(key);
  }

  failuresOf(key: string, now: number): number {
    return this.entry(key, now)?.failures ?? 0;
  }
}
