"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AnalysisView } from "@/components/analyze/analysis-view";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { Analysis } from "@/lib/analyze/analyze";
import { fetchJson } from "@/lib/fetch-json";
import { Button, Field, Textarea } from "@/components/ui/controls";

export function AnalyzeClient() {
  const [link, setLink] = useState("");
  const [config, setConfig] = useState("");
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const run = useMutation({
    mutationFn: () =>
      fetchJson<Analysis>("/api/analyze", {
        method: "POST",
        body: JSON.stringify({
          inputs: [
            { name: "pasted ip link output", text: link },
            { name: "pasted CNI configuration", text: config },
            ...files,
          ],
        }),
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
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
      <form onSubmit={submit} aria-label="Analyze" className="grid gap-3 md:grid-cols-2">
        <Field label="Output of `ip -d link` or `ip -j -d link` on a node">
          <Textarea
            value={link}
            onChange={(e) => setLink(e.target.value)}
            rows={12}
            className="mono p-2 text-xs"
          />
        </Field>
        <Field label="CNI configuration: conflist, ConfigMap or manifest YAML, subnet.env">
          <Textarea
            value={config}
            onChange={(e) => setConfig(e.target.value)}
            rows={12}
            className="mono p-2 text-xs"
          />
        </Field>
        <Field label="Or upload files" className="md:col-span-2">
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
      {run.error && <ErrorPanel error={run.error} />}
      {run.data && <AnalysisView a={run.data} />}
    </div>
  );
}
