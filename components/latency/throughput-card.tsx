"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Card, Fact } from "@/components/ui/card";
import { ChartErrorBoundary } from "@/components/ui/chart-error-boundary";
import { RunJob } from "@/components/ui/run-job";
import { nodesQuery } from "@/lib/queries/debug";
import { latencyKeys, latestThroughputQuery } from "@/lib/queries/latency";
import { ChartAreaThroughput } from "./chart-area-throughput";
import { Field, Select } from "@/components/ui/controls";

/** iperf3 between two chosen nodes, over the pod network or the host network. */
export function ThroughputCard({ context }: { context?: string }) {
  const nodes = useQuery(nodesQuery(context));
  const latest = useQuery(latestThroughputQuery(context));
  const names = nodes.data?.map((n) => n.name) ?? [];
  const [from, setFrom] = useState(useSearchParams().get("from") ?? ""); // from the topology's "Run a probe from here"
  const [to, setTo] = useState("");
  const [network, setNetwork] = useState<"pod" | "host">("pod");
  const a = from || names[0] || "";
  const b = to || names.find((n) => n !== a) || "";
  const t = latest.data?.result;
  const select = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      <Select value={value} onChange={(e) => set(e.target.value)}>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <Card title="Throughput (iperf3, 4 streams)">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {select("From node", a, setFrom)}
        {select("To node", b, setTo)}
        <Field label="Network">
          <Select value={network} onChange={(e) => setNetwork(e.target.value as "pod" | "host")}>
            <option value="pod">pod network (overlay)</option>
            <option value="host">host network (underlay)</option>
          </Select>
        </Field>
        <RunJob
          startUrl="/api/throughput"
          body={{ ...(context ? { context } : {}), from: a, to: b, network, seconds: 5 }}
          label="Measure throughput"
          busyLabel="Measuring…"
          invalidate={[latencyKeys.throughput(context)]}
        />
      </div>
      {t && (
        <div className="mt-3 grid gap-3 md:grid-cols-[1fr_2fr]">
          <dl aria-label="Throughput result">
            <Fact
              label="Path"
              value={`${t.from} → ${t.to} (${t.network} network, ${t.server})`}
              mono
            />
            <Fact
              label="Received"
              value={`${(t.result.receivedBps / 1e9).toFixed(2)} Gbit/s`}
              mono
            />
            <Fact label="Sent" value={`${(t.result.sentBps / 1e9).toFixed(2)} Gbit/s`} mono />
            <Fact label="Retransmits" value={t.result.retransmits ?? "—"} mono />
            <Fact label="TCP MSS" value={t.result.tcpMss ?? "—"} mono />
          </dl>
          <ChartErrorBoundary>
            <ChartAreaThroughput result={t.result} />
          </ChartErrorBoundary>
        </div>
      )}
    </Card>
  );
}
