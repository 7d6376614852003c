"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Iperf3Result } from "@/lib/parsers/iperf3";

/** Throughput per second of the test, summed over its streams, in Gbit/s. */
export function ChartAreaThroughput({ result }: { result: Iperf3Result }) {
  const data = result.intervals.map((i) => ({
    t: `${Math.round(i.end)} s`,
    gbps: Number((i.bps / 1e9).toFixed(3)),
    retransmits: i.retransmits,
  }));
  return (
    <div aria-label="Throughput over the test" role="img" className="h-48 w-full">
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" fontSize={11} />
          <YAxis unit=" Gb/s" fontSize={11} width={70} />
          <Tooltip />
          <Area
            type="monotone"
            dataKey="gbps"
            name="Gbit/s"
            stroke="var(--chart-1)"
            fill="var(--chart-1)"
            fillOpacity={0.2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
