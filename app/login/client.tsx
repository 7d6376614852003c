"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { fetchJson } from "@/lib/fetch-json";
import type { Me } from "@/lib/schemas/auth";
import { Button, Field, Input } from "@/components/ui/controls";

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
          <Field label="Token">
            <Input
              type="password"
              autoComplete="current-password"
              required
              value={token}
              onChange={(e) => setToken(e.target.value)}
              className="font-mono"
            />
          </Field>
          <Field label="Your name, for the audit log (optional)">
            <Input
              type="text"
              autoComplete="name"
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Button type="submit" disabled={login.isPending || !token} variant="primary">
            {login.isPending ? "Signing in…" : "Sign in"}
          </Button>
          {login.error && <ErrorPanel error={login.error} />}
        </form>
      )}
    </div>
  );
}
