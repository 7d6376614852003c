import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import type { TopoNode } from "@/lib/schemas/topology";
import { viewOf } from "./view";

/** `count` nodes named as the scale lab names them, zones dealt round-robin, sorted by name. */
function cluster(count: number, zones: string[] | null): TopoNode[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `lab-node-${String(i + 1).padStart(4, "0")}`,
    zone: zones ? zones[i % zones.length]! : null,
    ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    ready: i !== 7,
    pods: 20,
    mtuVerdict: i === 42 ? "mismatch" : "ok",
  }));
}

describe("viewOf", () => {
  it("draws a small cluster whole", () => {
    const v = viewOf(cluster(3, ["a", "b"]), {}, 100);
    expect(v.level).toBe("nodes");
    expect(v.nodes).toHaveLength(3);
    expect(v.zones).toEqual([
      { zone: "a", nodes: 2, ready: 2, pods: 40, problems: 0 },
      { zone: "b", nodes: 1, ready: 1, pods: 20, problems: 0 },
    ]);
  });

  it("draws 5,000 nodes in three zones as zones, a zone as even groups, a group as its nodes", () => {
    const all = cluster(5000, ["zone-a", "zone-b", "zone-c"]);
    const top = viewOf(all, {}, 100);
    expect(top.level).toBe("zones");
    expect(top.nodes).toEqual([]);
    expect(top.zones.map((z) => [z.zone, z.nodes])).toEqual([
      ["zone-a", 1667],
      ["zone-b", 1667],
      ["zone-c", 1666],
    ]);
    // node 8 is NotReady (zone-b), node 43 has an MTU mismatch (zone-a)
    expect(top.zones.map((z) => z.problems)).toEqual([1, 1, 0]);

    const zone = viewOf(all, { zone: "zone-a" }, 100);
    expect(zone.level).toBe("groups");
    expect(zone.groups).toHaveLength(17);
    expect(zone.groups.map((g) => g.nodes).reduce((a, b) => a + b)).toBe(1667);
    expect(Math.max(...zone.groups.map((g) => g.nodes))).toBeLessThanOrEqual(100);
    expect(Math.min(...zone.groups.map((g) => g.nodes))).toBeGreaterThanOrEqual(98);
    expect(zone.groups[0]).toMatchObject({ index: 0, first: "lab-node-0001", problems: 1 });

    const group = viewOf(all, { zone: "zone-a", group: 16 }, 100);
    expect(group.level).toBe("nodes");
    expect(group.group).toMatchObject({ index: 16, of: 17, last: "lab-node-4999" });
    expect(group.nodes.map((n) => n.name)).toEqual(
      all
        .filter((n) => n.zone === "zone-a")
        .slice(1667 - 98)
        .map((n) => n.name),
    );
    // every node of the zone is in exactly one group
    const seen = zone.groups.flatMap((g) =>
      viewOf(all, { zone: "zone-a", group: g.index }, 100).nodes.map((n) => n.name),
    );
    expect(new Set(seen).size).toBe(1667);
  });

  it("groups a cluster without zones at once", () => {
    const v = viewOf(cluster(250, null), {}, 100);
    expect(v.level).toBe("groups");
    expect(v.groups.map((g) => [g.first, g.last, g.nodes])).toEqual([
      ["lab-node-0001", "lab-node-0084", 84],
      ["lab-node-0085", "lab-node-0167", 83],
      ["lab-node-0168", "lab-node-0250", 83],
    ]);
    expect(viewOf(cluster(250, null), { group: 2 }, 100).nodes).toHaveLength(83);
  });

  it("says which groups exist when asked for one that does not", () => {
    const ask = () => viewOf(cluster(250, null), { group: 3 }, 100);
    expect(ask).toThrow(ApiError);
    expect(ask).toThrow("There is no group 3 in the cluster: its 250 nodes make groups 0 to 2.");
  });

  it("draws an unknown zone as empty", () => {
    expect(viewOf(cluster(500, ["a", "b"]), { zone: "c" }, 100)).toMatchObject({
      level: "nodes",
      nodes: [],
    });
  });
});
