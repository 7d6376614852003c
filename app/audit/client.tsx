"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Time } from "@/components/ui/time";
import { useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { ErrorPanel } from "@/components/ui/error-panel";
import { auditLogQuery } from "@/lib/queries/audit";
import { AUDIT_ACTIONS, type AuditEntry } from "@/lib/schemas/auth";
import { Field, Input, Select } from "@/components/ui/controls";

/** Who launched which pod on which node, ran which diagnostic with which parameters, made or deleted which report. */
export function AuditClient() {
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const log = useQuery({
    ...auditLogQuery({ actor: actor.trim() || undefined, action: action || undefined }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <div className="flex flex-wrap gap-4">
        <Field label="Who">
          <Input
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            placeholder="exact name"
          />
        </Field>
        <Field label="Action">
          <Select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">all</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </Select>
        </Field>
      </div>
      {log.error && <ErrorPanel error={log.error} />}
      {log.data && !log.data.length && (
        <p className="text-sm text-slate-500">
          Nothing recorded{actor || action ? " that matches" : " yet"}.
        </p>
      )}
      {!!log.data?.length && (
        <DataTable<AuditEntry>
          label="Audit log"
          rows={log.data}
          rowKey={(e) => String(e.id)}
          columns={[
            { header: "When", cell: (e) => <Time iso={e.at} /> },
            { header: "Who", cell: (e) => `${e.actor} (${String(e.details.role ?? "")})` },
            { header: "Action", cell: (e) => e.action, className: "mono" },
            { header: "Target", cell: (e) => e.target, className: "mono" },
            {
              header: "Details",
              cell: (e) => (
                <code className="text-xs break-all">
                  {JSON.stringify(
                    Object.fromEntries(
                      Object.entries(e.details).filter(([k]) => k !== "role" && k !== "via"),
                    ),
                  )}
                </code>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
