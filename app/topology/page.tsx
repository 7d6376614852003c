import { Suspense } from "react";
import { TopologyClient } from "./client";

export const dynamic = "force-dynamic";

/**
 * Not prefetched, unlike the other pages: measured (15 fresh Chromium loads each, the lab's healthy
 * scenario), navigation → first graph node visible took a median 558 ms with the topology read on
 * the server against 471–502 ms without, as React Flow then renders and hydrates the whole graph
 * before it can measure and show a node.
 */
export default function TopologyPage() {
  return (
    <Suspense>
      <TopologyClient />
    </Suspense>
  );
}
