"use client";

import { ROLE_CAN, type Role } from "@/lib/auth/roles";
import { useMe } from "./user-context";

/** Said where an action would be, to someone whose role cannot take it. */
export function RoleNote({ need, what }: { need: Role; what: string }) {
  const { user } = useMe();
  return (
    <p className="text-sm text-slate-500" data-testid="role-note">
      {what} takes the {need} role ({ROLE_CAN[need]}); yours is {user?.role ?? "none"}.
    </p>
  );
}
