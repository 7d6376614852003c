import { Suspense } from "react";
import { MtuClient } from "./client";

export const dynamic = "force-dynamic";

export default function MtuPage() {
  return (
    <Suspense>
      <MtuClient />
    </Suspense>
  );
}
