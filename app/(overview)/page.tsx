import { Suspense } from "react";
import { OverviewClient } from "./client";

export const dynamic = "force-dynamic";

export default function OverviewPage() {
  return (
    <Suspense>
      <OverviewClient />
    </Suspense>
  );
}
