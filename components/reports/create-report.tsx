"use client";

import { Can } from "@/components/auth/user-context";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button, Field, Input, Textarea } from "@/components/ui/controls";
import { createReportRequest } from "@/lib/schemas/report";
import { formProblem } from "@/lib/zod-message";
import { ErrorPanel } from "@/components/ui/error-panel";
import { fetchJson } from "@/lib/fetch-json";
import { reportKeys } from "@/lib/queries/reports";
import type { AttachedDiagnostic } from "@/lib/schemas/report";

type CreateReportProps = {
  context?: string;
  diagnostics?: AttachedDiagnostic[];
  includeMtu?: boolean;
  defaultTitle: string;
};

/** "Create report": a snapshot with a link to share; operators only (viewers read reports). */
export function CreateReport(props: CreateReportProps) {
  return (
    <Can role="operator">
      <CreateReportForm {...props} />
    </Can>
  );
}

function CreateReportForm({
  context,
  diagnostics = [],
  includeMtu = true,
  defaultTitle,
}: CreateReportProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [note, setNote] = useState("");
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      fetchJson<{ id: string; url: string }>("/api/reports", {
        method: "POST",
        body: JSON.stringify({ title, note, context, includeMtu, diagnostics }),
      }),
    // Every list of reports (the reports page, the overview's recent ones) shows the new one.
    onSuccess: () => void qc.invalidateQueries({ queryKey: reportKeys.all }),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Said before anything is sent, in the words the server would use.
    const wrong = formProblem(
      createReportRequest,
      { title, note, context, includeMtu, diagnostics },
      { title: "Title", note: "Note" },
    );
    setProblem(wrong);
    if (!wrong) create.mutate();
  };
  if (!open) {
    return <Button onClick={() => setOpen(true)}>Create report</Button>;
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Create report"
      className="space-y-2 rounded border border-slate-200 bg-white p-3 text-sm"
    >
      <Field label="Title">
        <Input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Note">
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </Field>
      <Button type="submit" variant="primary" disabled={create.isPending}>
        Save report
      </Button>
      {create.data && (
        <p role="status">
          Report saved:{" "}
          <Link className="text-blue-700 underline" href={create.data.url}>
            {create.data.url}
          </Link>
        </p>
      )}
      {problem && (
        <p role="alert" aria-label="Form problem" className="text-red-700">
          {problem}
        </p>
      )}
      {create.error && <ErrorPanel error={create.error} />}
    </form>
  );
}
