"use client";

import { useState } from "react";
import type { LatencyPair } from "@/lib/schemas/latency";
import { Select } from "@/components/ui/controls";

type Metric = "p50" | "p99" | "loss";

/** ms → a colour from green (fast) to red (slow), relative to the fastest cell. */
function shade(value: number | null, metric: Metric, best: number): string {
  if (value === null) return "var(--heat-none)";
  if (metric === "loss")
    return value === 0 ? "var(--heat-good)" : value < 10 ? "var(--heat-warn)" : "var(--heat-bad)";
  const ratio = best > 0 ? value / best : 1;
  return ratio < 1.5 ? "var(--heat-good)" : ratio < 3 ? "var(--heat-warn)" : "var(--heat-bad)";
}

/** Node × node: each cell the latency (or loss) from the row's node to the column's. */
export function Heatmap({ nodes, pairs }: { nodes: string[]; pairs: LatencyPair[] }) {
  const [metric, setMetric] = useState<Metric>("p50");
  const [over, setOver] = useState<"underlay" | "pod">("pod");
  const cell = (from: string, to: string) =>
    pairs.find((p) => p.from === from && p.to === to && p.over === over);
  const value = (p?: LatencyPair) => (!p ? null : metric === "loss" ? p.loss : p[metric]);
  const values = pairs
    .filter((p) => p.over === over)
    .map((p) => value(p))
    .filter((v): v is number => v !== null);
  const best = values.length ? Math.min(...values) : 0;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2">
          <span className="text-slate-600">Show</span>
          <Select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            <option value="p50">p50 (ms)</option>
            <option value="p99">p99 (ms)</option>
            <option value="loss">loss (%)</option>
          </Select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-slate-600">Ping</span>
          <Select value={over} onChange={(e) => setOver(e.target.value as "underlay" | "pod")}>
            <option value="pod">a pod on the node (overlay)</option>
            <option value="underlay">the node itself (underlay)</option>
          </Select>
        </label>
      </div>
      <table aria-label="Latency heatmap" className="border-separate border-spacing-1">
        <thead>
          <tr>
            <th className="text-left text-xs text-slate-500">from ↓ to →</th>
            {nodes.map((n) => (
              <th key={n} scope="col" className="mono px-2 text-xs font-medium">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {nodes.map((from) => (
            <tr key={from}>
              <th scope="row" className="mono pr-2 text-left text-xs font-medium">
                {from}
              </th>
              {nodes.map((to) => {
                const p = cell(from, to);
                const v = value(p);
                return (
                  <td
                    key={to}
                    title={
                      p
                        ? `${from} → ${to} (${over}): p50 ${p.p50} ms, p99 ${p.p99} ms, loss ${p.loss}%`
                        : undefined
                    }
                    style={{ background: from === to ? "transparent" : shade(v, metric, best) }}
                    className="mono h-9 w-24 rounded text-center text-xs"
                  >
                    {from === to
                      ? ""
                      : v === null
                        ? "—"
                        : metric === "loss"
                          ? `${v}%`
                          : v.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
