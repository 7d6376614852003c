import { ReportsClient } from "./client";

export const dynamic = "force-dynamic";

export default function ReportsPage() {
  return <ReportsClient />;
}
