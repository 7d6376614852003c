"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AnalysisView } from "@/components/analyze/analysis-view";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { Analysis } from "@/lib/analyze/analyze";
import { fetchJson } from "@/lib/fetch-json";
import { Button, Field, Textarea } from "@/components/ui/controls";

export function AnalyzeClient() {
  const [paste, setPaste] = useState("");
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const run = useMutation({
    mutationFn: () =>
      fetchJson<Analysis>("/api/analyze", {
        method: "POST",
        body: JSON.stringify({
          inputs: [{ name: "paste", text: paste }, ...files],
        }),
      }),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Said before anything is sent.
    const empty = paste.trim() === "" && files.every((f) => f.text.trim() === "");
    setProblem(empty ? "Paste some output or configuration, or upload a file, first." : null);
    if (!empty) run.mutate();
  };
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Analyze offline</h1>
        <p className="text-sm text-slate-600">
          No cluster access needed: paste what a node prints and what the CNI is configured with.
          The same analysis runs as `npx underlay analyze FILE…`.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Analyze" className="grid gap-3">
        <Field
          label="Paste what you have"
          hint={
            <>
              Command output as the terminal shows it (prompts, several commands, several nodes):{" "}
              <code>ip -d link</code>, <code>ip addr</code>, <code>ifconfig</code>,{" "}
              <code>ip route</code>, <code>bridge fdb</code>. CNI configuration or a fragment of it
              (ConfigMap, <code>env:</code> list, Helm values, <code>kubectl describe</code>).
              Install commands (<code>helm install … --set</code>, <code>kubectl apply -f</code>).
            </>
          }
        >
          <Textarea
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            rows={16}
            className="mono p-2 text-xs"
            placeholder={
              "root@node-1:~# ip -d link\n1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 …\n\n$ kubectl -n kube-flannel get cm kube-flannel-cfg -o yaml\n…"
            }
          />
        </Field>
        <Field label="Or upload files">
          <input
            type="file"
            multiple
            onChange={async (e) =>
              setFiles(
                await Promise.all(
                  [...(e.target.files ?? [])].map(async (f) => ({
                    name: f.name,
                    text: await f.text(),
                  })),
                ),
              )
            }
          />
        </Field>
        <div>
          <Button type="submit" disabled={run.isPending} variant="primary">
            Analyze
          </Button>
        </div>
      </form>
      {problem && (
        <p role="alert" aria-label="Form problem" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {run.error && <ErrorPanel error={run.error} />}
      {run.data && <AnalysisView a={run.data} />}
    </div>
  );
}
