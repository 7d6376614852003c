/**
 * `bridge fdb show`: forwarding entries. On a VXLAN device an entry with `dst` is a remote VTEP
 * (flannel and Calico write one per peer node, `00:00:00:00:00:00` for flooding), so the device
 * is a tunnel and its peers are the nodes it reaches. `show dev X` omits the `dev` word.
 */
const LINE = /^((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\s+(.*)$/i;

export const looksLikeFdb = (line: string) => LINE.test(line.trim());

export type FdbEntry = { mac: string; dev?: string; dst?: string };

export function parseFdb(text: string, dev?: string): FdbEntry[] {
  return text
    .split(/\r?\n/)
    .map((l) => LINE.exec(l.trim()))
    .filter((m) => m !== null)
    .map((m) => {
      const rest = m[2]!;
      const d = /\bdev\s+(\S+)/.exec(rest)?.[1] ?? dev;
      const dst = /\bdst\s+(\S+)/.exec(rest)?.[1];
      return { mac: m[1]!.toLowerCase(), ...(d ? { dev: d } : {}), ...(dst ? { dst } : {}) };
    });
}
