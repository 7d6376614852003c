"use client";

import { useQuery } from "@tanstack/react-query";
import { contextsQuery } from "@/lib/queries/cluster";

export function ContextSwitcher({
  value,
  onChange,
}: {
  value?: string;
  onChange: (context: string) => void;
}) {
  const { data, error } = useQuery(contextsQuery());
  if (error || !data) return null;
  const selected = value ?? data.current ?? "";
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Context</span>
      <select
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={selected}
        onChange={(e) => onChange(e.target.value)}
      >
        {data.contexts.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
            {c.current ? " (current)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
