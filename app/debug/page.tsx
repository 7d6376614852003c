import { Suspense } from "react";
import { DebugClient } from "./client";

export const dynamic = "force-dynamic";

export default function DebugPage() {
  return (
    <Suspense>
      <DebugClient />
    </Suspense>
  );
}
