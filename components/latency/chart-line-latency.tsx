"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { LatencyPoint } from "@/lib/queries/latency";

/** Past runs over time: median p50 node→node and node→pod, pod p99 and DNS p50. */
export function ChartLineLatency({ points }: { points: LatencyPoint[] }) {
  const data = points.map((p) => ({ ...p, t: new Date(p.at).toLocaleTimeString() }));
  return (
    <div aria-label="Latency over time" role="img" className="h-64 w-full">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" fontSize={11} />
          <YAxis unit=" ms" fontSize={11} width={60} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="underlayP50"
            name="node→node p50"
            stroke="var(--chart-1)"
            dot
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="podP50"
            name="node→pod p50"
            stroke="var(--chart-2)"
            dot
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="podP99"
            name="node→pod p99"
            stroke="var(--chart-4)"
            dot
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="dnsP50"
            name="DNS p50"
            stroke="var(--chart-3)"
            dot
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
