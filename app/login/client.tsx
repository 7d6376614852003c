"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { fetchJson } from "@/lib/fetch-json";
import type { Me } from "@/lib/schemas/auth";

export function LoginClient({
  mode,
  signedInAs,
  next,
}: {
  mode: Me["mode"];
  signedInAs: string | null;
  next: string;
}) {
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const login = useMutation({
    mutationFn: () =>
      fetchJson("/api/auth/login", {
        method: "POST",
        body: JSON.stringify({ token, ...(name.trim() ? { name: name.trim() } : {}) }),
      }),
    onSuccess: () => window.location.assign(next),
  });
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Sign in to Underlay</h1>
      {signedInAs && <p className="text-sm text-slate-600">You are signed in as {signedInAs}.</p>}
      {mode === "none" && (
        <p className="text-sm">
          This Underlay listens on loopback only and has no sign-in: everyone at this machine is its
          admin.
        </p>
      )}
      {mode === "proxy" && (
        <p className="text-sm">
          This Underlay signs you in through your organisation&apos;s login proxy. Open it through
          the proxy&apos;s address.
        </p>
      )}
      {(mode === "token" || mode === "token+proxy") && (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate();
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="text-slate-600">Token</span>
            <input
              type="password"
              autoComplete="current-password"
              required
              value={token}
              onChange={(e) => setToken(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1 font-mono"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="text-slate-600">Your name, for the audit log (optional)</span>
            <input
              type="text"
              autoComplete="name"
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button
            type="submit"
            disabled={login.isPending || !token}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white hover:bg-slate-700 disabled:opacity-50"
          >
            {login.isPending ? "Signing in…" : "Sign in"}
          </button>
          {login.error && <ErrorPanel error={login.error} />}
        </form>
      )}
    </div>
  );
}
