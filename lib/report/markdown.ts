import { mtuAllClear } from "@/lib/mtu/findings";
import { isCommand } from "@/lib/mtu/fix";
import { digMs } from "@/lib/stats";
import type { Report } from "@/lib/schemas/report";

const row = (cells: (string | number | null | undefined)[]) =>
  `| ${cells.map((c) => String(c ?? "—").replace(/\|/g, "\\|")).join(" | ")} |`;

/** A fenced block that no line of `text` can close (CommonMark: a longer run of backticks). */
export function fenced(text: string, info = "", indent = ""): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return [
    `${indent}${fence}${info}`,
    ...text.split("\n").map((l) => `${indent}${l}`),
    `${indent}${fence}`,
  ];
}

/** A fix's numbered steps under a finding: sentences as prose, commands in their own sh block. */
function fixSteps(steps: string[]): string[] {
  // Items of "    1. " start their content at column 7; a block inside one is indented as far.
  return steps.flatMap((s, i) =>
    isCommand(s)
      ? [`    ${i + 1}. Run:`, "", ...fenced(s, "sh", "       "), ""]
      : [`    ${i + 1}. ${s}`],
  );
}

/** A report as Markdown, to paste into a ticket. */
export function reportMarkdown(r: Report, link?: string): string {
  const out: string[] = [
    `# ${r.title}`,
    "",
    `Made ${r.createdAt} by ${r.createdBy} from context \`${r.context}\`${r.server ? ` (${r.server})` : ""}.${link ? ` Link: ${link}` : ""}`,
    "",
  ];
  if (r.note) out.push(r.note, "");
  const c = r.body.cluster;
  if (c)
    out.push(
      "## Cluster",
      "",
      `Kubernetes ${c.version}, ${c.nodes.total} nodes (${c.nodes.ready} Ready).`,
      "",
    );
  const m = r.body.mtu;
  if (m) {
    out.push(
      "## MTU",
      "",
      `CNI ${m.cni}, encapsulation ${m.encapsulation}, configured MTU ${m.configuredMtu ?? "auto"}${m.mtuSource ? ` (${m.mtuSource})` : ""}, kube-proxy ${m.kubeProxyMode ?? "—"}.`,
      "",
    );
    const problems = m.findings.filter((f) => f.code !== "mtu_ok");
    if (!problems.length) out.push(mtuAllClear(m), "");
    for (const f of problems) {
      out.push(`- **${f.severity}**: ${f.message}`);
      if (f.fix)
        out.push(
          `  - Fix: ${f.fix.summary}`,
          "",
          ...fixSteps(f.fix.steps),
          ...(f.fix.checked ? [`  - ${f.fix.checked}`] : []),
        );
    }
    out.push(
      "",
      row(["Node", "Underlay", "Overlay", "Pod MTU", "Overhead", "Max overlay MTU", "Verdict"]),
      row(Array(7).fill("---")),
    );
    for (const n of m.nodes)
      out.push(
        row([
          n.node,
          n.underlay && `${n.underlay.device} ${n.underlay.mtu}`,
          n.overlay && `${n.overlay.device} ${n.overlay.mtu}`,
          n.podMtu,
          n.overhead,
          n.maxOverlayMtu,
          n.verdict,
        ]),
      );
    out.push("", row(["From", "To", "Over", "Path MTU", "Above it"]), row(Array(5).fill("---")));
    for (const p of m.paths) out.push(row([p.from, p.to, p.over, p.pathMtu, p.above]));
    out.push("");
  }
  const l = r.body.latency;
  if (l) {
    out.push(
      "## Latency",
      "",
      `${l.nodes.length} nodes, ${l.sampling.measured} of ${l.sampling.total} pairs, 10 pings each; kube-proxy ${l.kubeProxyMode ?? "—"}, ${l.serviceCount ?? "?"} Services.`,
      "",
    );
    for (const f of l.findings) out.push(`- **${f.severity}**: ${f.message}`);
    out.push(
      "",
      row(["From", "To", "Over", "p50 ms", "p99 ms", "Loss %"]),
      row(Array(6).fill("---")),
    );
    for (const p of l.pairs)
      out.push(row([p.from, p.to, p.over, p.p50?.toFixed(3), p.p99?.toFixed(3), p.loss]));
    out.push(
      "",
      row(["From", "DNS server", "p50 (dig: 1 ms steps)", "Timeouts"]),
      row(Array(4).fill("---")),
    );
    for (const d of l.dns)
      out.push(
        row([d.from, `${d.server} (${d.kind})`, digMs(d.p50), `${d.timeouts}/${d.queries}`]),
      );
    out.push("");
  }
  for (const d of r.body.diagnostics) {
    out.push(
      `## ${d.diagnostic} in ${d.target}`,
      "",
      ...fenced([...d.commands.map((a) => `$ ${a.join(" ")}`), d.output.trimEnd()].join("\n")),
      "",
    );
  }
  return out.join("\n");
}
