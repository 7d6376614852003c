import { pageUser } from "@/server/auth/page-user";
import { atLeast } from "@/lib/auth/roles";
import { AuditClient } from "./client";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const { user } = await pageUser();
  if (!user || !atLeast(user.role, "admin")) {
    return (
      <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
        The audit log is for admins. Your role is {user?.role ?? "none"}.
      </div>
    );
  }
  return <AuditClient />;
}
