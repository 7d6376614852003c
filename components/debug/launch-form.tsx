"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { fetchJson } from "@/lib/fetch-json";
import { debugKeys, nodesQuery } from "@/lib/queries/debug";
import {
  launchRequest,
  type DebugMode,
  type DebugPod,
  type LaunchRequest,
} from "@/lib/schemas/debug";
import { formProblem } from "@/lib/zod-message";
import { Button, Field, Input, Select } from "@/components/ui/controls";

/** The form's own names for the request's fields, to say what is wrong in its words. */
const LABELS: Record<string, string> = {
  node: "Node",
  ttlSeconds: "Deletes itself after (minutes × 60)",
  "target.namespace": "Namespace",
  "target.pod": "Pod",
  "target.container": "Target container",
};

const modes: { value: DebugMode; label: string; hint: string }[] = [
  {
    value: "node",
    label: "Node (host network)",
    hint: "sees the node's eth0, the overlay device and /etc/cni/net.d",
  },
  {
    value: "pod-network",
    label: "Pod network",
    hint: "a pod on the node, with a pod's eth0 and MTU",
  },
  {
    value: "attach",
    label: "Attach to a pod",
    hint: "an ephemeral container in a pod's network namespace",
  },
];

export function LaunchForm({
  context,
  onLaunched,
}: {
  context?: string;
  onLaunched: (d: DebugPod) => void;
}) {
  const [mode, setMode] = useState<DebugMode>("node");
  const [node, setNode] = useState(useSearchParams().get("node") ?? ""); // from the topology's "Launch a debug pod here"
  const [target, setTarget] = useState({ namespace: "default", pod: "", container: "" });
  const [minutes, setMinutes] = useState(30);
  const nodes = useQuery(nodesQuery(context));
  const qc = useQueryClient();
  const launch = useMutation({
    mutationFn: (body: LaunchRequest) =>
      fetchJson<DebugPod>("/api/debug-pods", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: debugKeys.all });
      onLaunched(d);
    },
  });
  const selectedNode = node || nodes.data?.[0]?.name || "";
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ttlSeconds = minutes * 60;
    const body: LaunchRequest =
      mode === "attach"
        ? {
            mode,
            ttlSeconds,
            context,
            target: {
              namespace: target.namespace,
              pod: target.pod,
              ...(target.container ? { container: target.container } : {}),
            },
          }
        : { mode, node: selectedNode, ttlSeconds, context };
    // Said before anything is sent, in the words the server would use.
    const wrong = formProblem(launchRequest, body, LABELS);
    setProblem(wrong);
    if (!wrong) launch.mutate(body);
  };
  return (
    <form onSubmit={submit} aria-label="Launch a debug pod" className="space-y-3 text-sm">
      <fieldset className="space-y-1">
        <legend className="font-medium">Mode</legend>
        {modes.map((m) => (
          <label key={m.value} className="flex items-start gap-2">
            <input
              type="radio"
              name="mode"
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
              className="mt-1"
            />
            <span>
              {m.label} <span className="text-slate-500">— {m.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "attach" ? (
        <div className="grid grid-cols-3 gap-2">
          {(["namespace", "pod", "container"] as const).map((k) => (
            <label key={k} className="flex flex-col gap-1">
              <span className="text-slate-600">
                {k === "container"
                  ? "Target container (optional)"
                  : k === "pod"
                    ? "Pod"
                    : "Namespace"}
              </span>
              <Input
                value={target[k]}
                onChange={(e) => setTarget({ ...target, [k]: e.target.value })}
              />
            </label>
          ))}
        </div>
      ) : (
        <Field label="Node">
          <Select value={selectedNode} onChange={(e) => setNode(e.target.value)}>
            {nodes.data?.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name} {n.internalIP ? `(${n.internalIP})` : ""} {n.ready ? "" : "— NotReady"}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <label className="flex items-center gap-2">
        <span className="text-slate-600">Deletes itself after</span>
        <Input
          type="number"
          min={1}
          max={240}
          className="w-20"
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
        />
        <span className="text-slate-600">minutes</span>
      </label>
      <Button
        type="submit"
        disabled={launch.isPending || (mode === "attach" ? !target.pod : !selectedNode)}
        variant="primary"
      >
        {launch.isPending ? "Launching…" : "Launch debug pod"}
      </Button>
      {problem && (
        <p role="alert" aria-label="Form problem" className="text-red-700">
          {problem}
        </p>
      )}
      {launch.error && <ErrorPanel error={launch.error} />}
      {nodes.error && <ErrorPanel error={nodes.error} />}
    </form>
  );
}
