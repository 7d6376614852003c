"use client";

import { useState, type FormEvent } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { diagnosticFields, paramsFromForm } from "@/lib/debug/fields";
import {
  diagnosticIds,
  diagnostics,
  paramsProblem,
  type DiagnosticId,
} from "@/lib/debug/diagnostics";
import { debugPodPath } from "@/lib/queries/debug";
import type { DebugPod } from "@/lib/schemas/debug";
import { CreateReport } from "@/components/reports/create-report";
import type { AttachedDiagnostic } from "@/lib/schemas/report";
import { InterfacesTable } from "./interfaces-table";
import { ResultSummary } from "./result-summary";
import { useDiagnostic } from "./use-diagnostic";
import { Button, Field, Input, Select } from "@/components/ui/controls";

export function DiagnosticRunner({ pod, context }: { pod: DebugPod; context?: string }) {
  const [id, setId] = useState<DiagnosticId>("interfaces");
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const run = useDiagnostic(`${debugPodPath(pod)}/diagnostics`);
  const fields = diagnosticFields[id];
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Said before anything is sent, in the words the server would use.
    const params = paramsFromForm(id, values);
    const wrong = paramsProblem(id, params);
    setProblem(wrong);
    if (!wrong) void run.run({ diagnostic: id, params, context });
  };
  const output = run.events.flatMap((e) =>
    e.type === "command"
      ? [`$ ${e.argv.join(" ")}\n`]
      : e.type === "output"
        ? [e.text]
        : e.type === "exit"
          ? [
              `[exit ${e.exitCode ?? "—"}${e.timedOut ? ", timed out" : ""} after ${e.seconds.toFixed(1)} s]\n`,
            ]
          : [],
  );
  const result = run.events.find((e) => e.type === "result");
  const ran = run.events.find((e) => e.type === "start");
  const ranId = ran?.type === "start" ? ran.diagnostic : id;
  const capture = run.events.find((e) => e.type === "capture");
  const errors = run.events.filter((e) => e.type === "error");
  const finished = run.events.some((e) => e.type === "done");
  const attached: AttachedDiagnostic | null =
    finished && ran?.type === "start"
      ? {
          diagnostic: ran.diagnostic,
          target: ran.target,
          commands: ran.commands,
          output: run.events.flatMap((e) => (e.type === "output" ? [e.text] : [])).join(""),
          exitCodes: run.events.flatMap((e) => (e.type === "exit" ? [e.exitCode] : [])),
          parsed: result?.type === "result" ? result.parsed : null,
          captureId: capture?.type === "capture" ? capture.id : null,
        }
      : null;
  return (
    <div className="space-y-3 text-sm">
      <form
        onSubmit={submit}
        aria-label="Run a diagnostic"
        className="flex flex-wrap items-end gap-3"
      >
        <Field label="Diagnostic">
          <Select
            value={id}
            onChange={(e) => {
              setId(e.target.value as DiagnosticId);
              setValues({});
              setProblem(null);
            }}
          >
            {diagnosticIds.map((d) => (
              <option key={d} value={d}>
                {diagnostics[d].label}
              </option>
            ))}
          </Select>
        </Field>
        {fields.map((f) => (
          <label
            key={f.name}
            className={f.kind === "checkbox" ? "flex items-center gap-2" : "flex flex-col gap-1"}
          >
            {f.kind !== "checkbox" && <span className="text-slate-600">{f.label}</span>}
            {f.kind === "select" ? (
              <Select
                value={String(values[f.name] ?? f.default ?? "")}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              >
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o || "any"}
                  </option>
                ))}
              </Select>
            ) : f.kind === "checkbox" ? (
              <input
                type="checkbox"
                checked={Boolean(values[f.name] ?? f.default)}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })}
              />
            ) : (
              <Input
                className="w-48"
                type={f.kind === "number" ? "number" : "text"}
                placeholder={f.kind === "text" ? f.placeholder : undefined}
                value={String(values[f.name] ?? (f.kind === "number" ? f.default : ""))}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
            )}
            {f.kind === "checkbox" && <span className="text-slate-600">{f.label}</span>}
          </label>
        ))}
        <Button type="submit" disabled={run.running} variant="primary">
          Run
        </Button>
        {run.running && (
          <Button type="button" onClick={run.cancel}>
            Cancel
          </Button>
        )}
      </form>
      {problem && (
        <p role="alert" aria-label="Form problem" className="text-red-700">
          {problem}
        </p>
      )}
      {run.running && (
        <p role="status" className="text-slate-500">
          Running in {pod.pod}…
        </p>
      )}
      {run.error ? <ErrorPanel error={run.error} /> : null}
      {errors.map(
        (e, i) =>
          e.type === "error" && (
            <p key={i} role="alert" className="text-red-700">
              {e.message}
            </p>
          ),
      )}
      {result?.type === "result" &&
        (ranId === "interfaces" ? (
          <InterfacesTable
            devices={
              (result.parsed as { devices: Parameters<typeof InterfacesTable>[0]["devices"] })
                .devices
            }
          />
        ) : (
          <ResultSummary id={ranId} parsed={result.parsed} />
        ))}
      {capture?.type === "capture" && (
        <a className="text-blue-700 underline" href={`/api/captures/${capture.id}`} download>
          Download capture ({capture.bytes} bytes, .pcap)
        </a>
      )}
      {attached && (
        <CreateReport
          key={run.events.length}
          context={context}
          diagnostics={[attached]}
          defaultTitle={`${diagnostics[ranId as DiagnosticId]?.label ?? ranId} in ${pod.pod}`}
        />
      )}
      {output.length > 0 && (
        <pre
          aria-label="Output"
          className="mono max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
        >
          {output.join("")}
        </pre>
      )}
    </div>
  );
}
