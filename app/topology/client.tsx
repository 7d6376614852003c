"use client";

import { useQuery } from "@tanstack/react-query";
import { useUrlState } from "@/components/ui/use-url-state";
import { Details } from "@/components/topology/details";
import { TUNNEL_STYLES } from "@/components/topology/layout";
import { TopologyGraph } from "@/components/topology/topology-graph";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useSelectedContext } from "@/components/ui/use-selected-context";
import { topologyQueryOptions } from "@/lib/queries/topology";
import { Button, Field, Input, Select } from "@/components/ui/controls";

const VIEW_KEYS = ["namespace", "node", "label", "zone", "group", "expand", "sel"] as const;

export function TopologyClient() {
  const [context] = useSelectedContext();
  // The filters, the view and the selected object live in the URL: a link shows the same view.
  const [view, setView] = useUrlState(VIEW_KEYS);
  const namespace = view.namespace ?? "";
  const node = view.node ?? "";
  const label = view.label ?? "";
  const zone = view.zone;
  const group =
    view.group !== undefined && /^\d+$/.test(view.group) ? Number(view.group) : undefined;
  const expand = view.expand;
  const selected = view.sel;
  const setSelected = (sel: string | undefined) => setView({ sel });
  const setExpand = (e: string | undefined) => setView({ expand: e });
  /** Moves the view (all → a zone → a group): what was selected or expanded belongs to the old one. */
  const go = (z: string | undefined, g: number | undefined) =>
    setView({
      zone: z,
      group: g === undefined ? undefined : String(g),
      sel: undefined,
      expand: undefined,
    });
  const q = {
    context,
    namespace: namespace || undefined,
    node: node || undefined,
    label: /^[\w./-]+=[\w.-]*$/.test(label) ? label : undefined,
    zone,
    group,
    expand,
  };
  const topo = useQuery(topologyQueryOptions(q));
  const t = topo.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Topology</h1>
          {t && (
            <p className="text-sm text-slate-600">
              {t.totals.nodes} nodes, {t.totals.pods} pods, {t.totals.services} Services
              {t.level === "zones"
                ? " — drawn by zone: pick one"
                : t.level === "groups"
                  ? ` — ${zone ? `zone ${zone} is` : "they are"} drawn in groups: pick one`
                  : ""}
              .
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <Field label="Namespace">
            <Select
              value={namespace}
              onChange={(e) => setView({ namespace: e.target.value, group: undefined })}
            >
              <option value="">all</option>
              {t?.namespaces.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Node">
            <Input
              value={node}
              onChange={(e) => setView({ node: e.target.value, group: undefined })}
              placeholder="name"
              className="w-36"
            />
          </Field>
          <Field label="Pod label">
            <Input
              value={label}
              onChange={(e) => setView({ label: e.target.value, group: undefined })}
              placeholder="app=web"
              className="w-36"
            />
          </Field>
        </div>
      </div>
      {topo.error && <ErrorPanel error={topo.error} />}
      {t && (
        <>
          {t.notes.map((n) => (
            <p
              key={n}
              role="note"
              className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              {n}
            </p>
          ))}
          {(zone !== undefined || group !== undefined) && (
            <nav aria-label="Where you are" className="flex flex-wrap items-center gap-2 text-sm">
              <Button type="button" onClick={() => go(undefined, undefined)}>
                {t.zones.length > 1 ? "All zones" : "All nodes"}
              </Button>
              {zone !== undefined && (
                <>
                  ›
                  <Button type="button" onClick={() => go(zone, undefined)}>
                    Zone {zone}
                  </Button>
                </>
              )}
              {t.group && (
                <>
                  ›
                  <span className="mono">
                    group {t.group.index + 1} of {t.group.of}: {t.group.first} … {t.group.last}
                  </span>
                </>
              )}
            </nav>
          )}
          <TopologyGraph
            key={`${t.level}:${zone ?? ""}:${group ?? ""}`} // a new view (zones → a zone → a group) is fitted to the screen afresh
            topology={t}
            selected={selected}
            onSelect={(n) => {
              if (n.id.startsWith("zone:")) go(n.id.slice(5), undefined);
              else if (n.id.startsWith("group:")) go(zone, Number(n.id.slice(6)));
              else setSelected(n.id);
            }}
          />
          <p className="flex flex-wrap gap-3 text-xs text-slate-600">
            Tunnels:{" "}
            {Object.entries(TUNNEL_STYLES).map(([k, s]) => (
              <span key={k} className="flex items-center gap-1" title={s.means}>
                <svg width="28" height="8" aria-hidden="true">
                  <line
                    x1="0"
                    y1="4"
                    x2="28"
                    y2="4"
                    // A CSS variable: valid in style, not in SVG's presentation attributes.
                    style={{ stroke: s.colour }}
                    strokeWidth={s.width}
                    strokeDasharray={s.dash}
                  />
                </svg>
                {k}
              </span>
            ))}
          </p>
          {selected && (
            <Card title="Selected">
              <Details topology={t} selected={selected} expanded={expand} onExpand={setExpand} />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
