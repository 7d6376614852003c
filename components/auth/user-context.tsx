"use client";

import { createContext, useContext, type ReactNode } from "react";
import { atLeast, type Role } from "@/lib/auth/roles";
import type { Me } from "@/lib/schemas/auth";

const UserContext = createContext<Me>({ user: null, mode: "none" });

/** The signed-in user, read on the server when the page was rendered. */
export function UserProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <UserContext.Provider value={me}>{children}</UserContext.Provider>;
}

export const useMe = () => useContext(UserContext);

/** Whether the signed-in user holds at least `role` (the API refuses it regardless). */
export function useCan(role: Role): boolean {
  const { user } = useMe();
  return !!user && atLeast(user.role, role);
}

/** Renders its children only for `role` and above; others see `otherwise`, if given. */
export function Can({
  role,
  children,
  otherwise = null,
}: {
  role: Role;
  children: ReactNode;
  otherwise?: ReactNode;
}) {
  return useCan(role) ? children : otherwise;
}
