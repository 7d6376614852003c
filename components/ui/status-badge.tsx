const tone: Record<string, string> = {
  Running: "bg-green-100 text-green-800",
  Pending: "bg-amber-100 text-amber-800",
  Terminating: "bg-slate-200 text-slate-700",
  Succeeded: "bg-slate-200 text-slate-700",
  Failed: "bg-red-100 text-red-800",
  Unknown: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ phase }: { phase: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[phase] ?? tone.Unknown}`}>
      {phase}
    </span>
  );
}
