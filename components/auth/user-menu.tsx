"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/lib/fetch-json";
import { useMe } from "./user-context";
import { Button } from "@/components/ui/controls";

/** Who is signed in, with which role, and a way out. */
export function UserMenu() {
  const { user, mode } = useMe();
  const router = useRouter();
  const qc = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => fetchJson("/api/auth/logout", { method: "POST" }),
    // Nothing read while signed in stays in the browser's cache.
    onSuccess: () => {
      qc.clear();
      router.replace("/login");
      router.refresh();
    },
  });
  if (!user) return null;
  return (
    <div className="ml-auto flex items-center gap-2 text-sm" data-testid="user-menu">
      <span className="text-slate-700">
        {mode === "none" ? "local (no sign-in: loopback only)" : user.name}
      </span>
      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{user.role}</span>
      {user.via === "session" && (
        <Button type="button" onClick={() => signOut.mutate()} variant="small">
          Sign out
        </Button>
      )}
    </div>
  );
}
