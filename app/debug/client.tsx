"use client";

import { Can } from "@/components/auth/user-context";
import { RoleNote } from "@/components/auth/role-note";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DebugPodList } from "@/components/debug/debug-pod-list";
import { DiagnosticRunner } from "@/components/debug/diagnostic-runner";
import { LaunchForm } from "@/components/debug/launch-form";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useSelectedContext } from "@/components/ui/use-selected-context";
import { debugPodsQuery } from "@/lib/queries/debug";

export function DebugClient() {
  const [context] = useSelectedContext();
  const pods = useQuery(debugPodsQuery(context));
  const [selected, setSelected] = useState<string>();
  const current = pods.data?.find((d) => d.id === selected);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Debug pods</h1>
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <Card title="Launch">
          <Can
            role="operator"
            otherwise={<RoleNote need="operator" what="Launching a debug pod" />}
          >
            <LaunchForm context={context} onLaunched={(d) => setSelected(d.id)} />
          </Can>
        </Card>
        <Card title="Debug pods">
          {pods.error ? (
            <ErrorPanel error={pods.error} />
          ) : (
            <DebugPodList
              pods={pods.data ?? []}
              selected={selected}
              onSelect={setSelected}
              context={context}
            />
          )}
        </Card>
      </div>
      {current && (
        <Card title={`Diagnostics in ${current.pod}`}>
          {current.ready ? (
            <Can
              role="operator"
              otherwise={<RoleNote need="operator" what="Running a diagnostic" />}
            >
              <DiagnosticRunner pod={current} context={context} />
            </Can>
          ) : (
            <p className="text-sm text-slate-500">
              Waiting for {current.pod} to be Running ({current.phase}
              {current.reason ? `: ${current.reason}` : ""}).
            </p>
          )}
        </Card>
      )}
    </div>
  );
}
