"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { LatencyReport } from "@/lib/schemas/latency";

/** Per node: DNS through the ClusterIP against straight to a CoreDNS pod — the kube-proxy cost. */
export function ChartBarServiceVsPod({ rows }: { rows: LatencyReport["serviceVsPod"] }) {
  return (
    <div aria-label="Service vs pod" role="img" className="h-56 w-full">
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="from" fontSize={11} />
          <YAxis unit=" ms" fontSize={11} width={60} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="podP50"
            name="pod → pod IP"
            fill="var(--chart-3)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="serviceP50"
            name="pod → ClusterIP"
            fill="var(--chart-1)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
