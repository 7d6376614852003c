import { Suspense } from "react";
import { LatencyClient } from "./client";

export const dynamic = "force-dynamic";

export default function LatencyPage() {
  return (
    <Suspense>
      <LatencyClient />
    </Suspense>
  );
}
