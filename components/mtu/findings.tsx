import type { ReportFinding } from "@/lib/schemas/mtu";

const tone = {
  error: "border-red-300 bg-red-50",
  warning: "border-amber-300 bg-amber-50",
  info: "border-slate-200 bg-slate-50",
};

export function Findings({ findings }: { findings: ReportFinding[] }) {
  const shown = findings.filter((f) => f.severity !== "info");
  if (!shown.length)
    return (
      <p className="text-sm text-green-800">
        No MTU problem found: every overlay fits its underlay, and the measured paths agree.
      </p>
    );
  return (
    <ul aria-label="Findings" className="space-y-3">
      {shown.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`rounded border p-3 text-sm ${tone[f.severity]}`}>
          <p className="font-medium">{f.message}</p>
          {f.fix && (
            <div className="mt-2">
              <p className="text-slate-700">Fix: {f.fix.summary}</p>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                {f.fix.steps.map((s) => (
                  <li key={s} className="mono text-xs">
                    {s}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
