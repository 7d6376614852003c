"use client";

import { useCan } from "@/components/auth/user-context";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorPanel } from "@/components/ui/error-panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import { debugKeys, debugPodPath } from "@/lib/queries/debug";
import type { DebugPod } from "@/lib/schemas/debug";
import { Button } from "@/components/ui/controls";

function remaining(expiresAt: string): string {
  const s = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
  return s >= 60 ? `${Math.round(s / 60)} min` : `${s} s`;
}

export function DebugPodList({
  pods,
  selected,
  onSelect,
  context,
}: {
  pods: DebugPod[];
  selected?: string;
  onSelect: (id: string) => void;
  context?: string;
}) {
  const qc = useQueryClient();
  const canDelete = useCan("operator");
  const remove = useMutation({
    mutationFn: (d: DebugPod) =>
      fetchJson(apiUrl(debugPodPath(d), { context }), { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: debugKeys.all }),
  });
  if (!pods.length)
    return <p className="text-sm text-slate-500">No debug pods. Launch one to run diagnostics.</p>;
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Debug pods</caption>
        <thead className="text-slate-500">
          <tr>
            <th className="py-1">Pod</th>
            <th>Mode</th>
            <th>Node</th>
            <th>Status</th>
            <th>Ends in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pods.map((d) => (
            <tr
              key={d.id}
              aria-selected={selected === d.id}
              className={`border-t border-slate-100 ${selected === d.id ? "bg-blue-50" : ""}`}
            >
              <td className="py-1.5">
                <button
                  type="button"
                  className="mono text-left text-blue-700 hover:underline"
                  onClick={() => onSelect(d.id)}
                >
                  {d.pod}
                  {d.mode === "attach" ? `/${d.container}` : ""}
                </button>
              </td>
              <td>{d.mode}</td>
              <td className="mono">{d.node}</td>
              <td>
                <StatusBadge phase={d.phase} />
                {d.reason && <div className="mt-1 max-w-md text-xs text-red-700">{d.reason}</div>}
              </td>
              <td>{d.expiresAt ? remaining(d.expiresAt) : ""}</td>
              <td className="text-right">
                {d.mode !== "attach" && canDelete && (
                  <Button
                    type="button"
                    aria-label={`Delete ${d.pod}`}
                    disabled={d.phase === "Terminating"}
                    variant="small"
                    onClick={() => remove.mutate(d)}
                  >
                    Delete
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.error && <ErrorPanel error={remove.error} />}
    </div>
  );
}
