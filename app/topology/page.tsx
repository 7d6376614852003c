import { Suspense } from "react";
import { TopologyClient } from "./client";

export const dynamic = "force-dynamic";

export default function TopologyPage() {
  return (
    <Suspense>
      <TopologyClient />
    </Suspense>
  );
}
