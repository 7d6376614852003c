"use client";

import { useQuery } from "@tanstack/react-query";
import { contextsQuery } from "@/lib/queries/cluster";
import { Select } from "@/components/ui/controls";

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
      <Select value={selected} onChange={(e) => onChange(e.target.value)}>
        {data.contexts.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
            {c.current ? " (current)" : ""}
          </option>
        ))}
      </Select>
    </label>
  );
}
