import "server-only";
import { setMaxListeners } from "node:events";
import { ApiError } from "@/lib/api-error";
import { parseIperf3Json } from "@/lib/parsers/iperf3";
import type { ThroughputReport, ThroughputRequest } from "@/lib/schemas/latency";
import { deleteFleet, launchFleet, runIn } from "@/server/debug/fleet";
import type { Progress } from "@/server/jobs/jobs";
import { nodeSummaries } from "./cluster";

const PORT = "5201";

/** iperf3 between two nodes: a one-shot server pod on `to`, a client with 4 streams on `from`. */
export async function runThroughput(
  req: ThroughputRequest,
  progress: Progress,
  signal: AbortSignal,
): Promise<ThroughputReport> {
  setMaxListeners(0, signal);
  const nodes = (await nodeSummaries(req.context)).filter(
    (n) => n.name === req.from || n.name === req.to,
  );
  for (const name of [req.from, req.to])
    if (!nodes.some((n) => n.name === name))
      throw new ApiError("not_found", `There is no node named ${name}.`);
  progress(0.1, "starting an iperf3 server and client pod");
  const fleet = await launchFleet(nodes, req.network === "host" ? "node" : "pod-network", {
    context: req.context,
    signal,
    creator: "throughput",
  });
  try {
    const client = fleet.find((f) => f.node === req.from)!;
    const server = fleet.find((f) => f.node === req.to)!;
    const failed = [client, server].find((f) => !f.pod);
    if (failed) throw new ApiError("not_running", `${failed.node}: ${failed.error}`);
    const serverIp = req.network === "host" ? server.ip! : server.pod!.podIP!;
    // One-shot server (-1): it exits after one client; the exec's timeout is the backstop.
    const listening = runIn(
      server.pod!,
      ["iperf3", "-s", "-1", "-p", PORT],
      (req.seconds + 20) * 1000,
      signal,
    );
    await new Promise((r) => setTimeout(r, 1000));
    progress(0.3, `sending for ${req.seconds} s with 4 streams`);
    const out = await runIn(
      client.pod!,
      ["iperf3", "-c", serverIp, "-p", PORT, "-P", "4", "-t", String(req.seconds), "-J"],
      (req.seconds + 15) * 1000,
      signal,
    );
    await listening;
    const result = parseIperf3Json(out.out);
    if (result.error)
      throw new ApiError("iperf3_failed", `iperf3 could not measure: ${result.error}`);
    return { ...req, at: new Date().toISOString(), server: serverIp, result };
  } finally {
    progress(0.95, "deleting the debug pods");
    await deleteFleet(fleet, req.context);
  }
}
