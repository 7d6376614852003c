import { isCommand } from "@/lib/mtu/fix";
import type { ReportFinding } from "@/lib/schemas/mtu";

const tone = {
  error: "border-red-300 bg-red-50",
  warning: "border-amber-300 bg-amber-50",
  info: "border-slate-200 bg-slate-50",
};

/**
 * Findings with their fixes. `empty` is what the caller checked, said when nothing was found: a
 * latency view says nothing of MTU, and an MTU view says whether any path was measured.
 */
/** A sentence whose `backticked` parts are code. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={i} className="mono rounded bg-slate-100 px-1">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function Findings({ findings, empty }: { findings: ReportFinding[]; empty: string }) {
  // A per-node "fits" line is the node table's to show, not a finding.
  const shown = findings.filter((f) => f.code !== "mtu_ok");
  if (!shown.length) return <p className="text-sm text-green-800">{empty}</p>;
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
                  <li key={s} className="text-xs">
                    {isCommand(s) ? (
                      <pre className="mono overflow-x-auto rounded bg-slate-900 p-2 text-slate-50">
                        {s}
                      </pre>
                    ) : (
                      <Prose text={s} />
                    )}
                  </li>
                ))}
              </ol>
              {f.fix.checked && <p className="mt-1 text-xs text-slate-600">{f.fix.checked}</p>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
