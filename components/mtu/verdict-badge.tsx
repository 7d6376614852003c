const tone: Record<string, string> = {
  ok: "bg-green-100 text-green-800",
  mismatch: "bg-red-100 text-red-800",
  suboptimal: "bg-amber-100 text-amber-800",
  unknown: "bg-slate-200 text-slate-700",
  fits: "bg-green-100 text-green-800",
  local: "bg-amber-100 text-amber-800",
  icmp: "bg-amber-100 text-amber-800",
  silent: "bg-red-100 text-red-800",
};
const words: Record<string, string> = {
  fits: "fits",
  local: "kernel says too big",
  icmp: "ICMP says too big",
  silent: "silent drop",
};

export function VerdictBadge({ value }: { value: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[value] ?? tone.unknown}`}>
      {words[value] ?? value}
    </span>
  );
}
