/** Human output of `underlay analyze`: a summary, a device table, then the findings. */
import type { Analysis } from "../lib/analyze/analyze";

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatAnalysis(a: Analysis): string {
  const out: string[] = [];
  const mtu =
    a.configuredMtu !== null
      ? `${a.configuredMtu} (${a.mtuSource})`
      : a.mtuFrom
        ? `set from ${a.mtuFrom}`
        : "not stated";
  out.push(
    table([
      ["CNI", a.cniWhy ? `${a.cni} (${a.cniWhy})` : a.cni],
      ["Encapsulation", a.encapsulation],
      ["Configured MTU", mtu],
      ["kube-proxy mode", a.kubeProxyMode ?? "not stated"],
      [
        "Underlay",
        a.underlay ? `${a.underlay.name} ${a.underlay.mtu} (${a.underlay.why})` : "unknown",
      ],
      ["Overlay", a.overlay ? `${a.overlay.name} ${a.overlay.mtu}` : "none found"],
      [
        "Max overlay MTU",
        a.verdict.maxOverlayMtu === null ? "unknown" : String(a.verdict.maxOverlayMtu),
      ],
      [
        "Verdict",
        `${a.verdict.status.toUpperCase()}${a.nodes.length > 1 ? ` (${a.node}, the worst of ${a.nodes.length} nodes)` : ""}`,
      ],
    ]),
  );
  if (a.nodes.length > 1) {
    out.push(
      "",
      table([
        ["NODE", "VERDICT", "UNDERLAY", "OVERLAY"],
        ...a.nodes.map((n) => [
          n.name,
          n.verdict.status,
          n.underlay ? `${n.underlay.name} ${n.underlay.mtu}` : "not in the paste",
          n.overlay ? `${n.overlay.name} ${n.overlay.mtu}` : "none found",
        ]),
      ]),
    );
  }
  if (a.devices.length > 0) {
    const role = (n: string) =>
      n === a.underlay?.name ? "underlay" : n === a.overlay?.name ? "overlay" : "";
    out.push(
      "",
      table([
        ["DEVICE", "KIND", "MTU", "ROLE"],
        ...a.devices.map((d) => [d.name, d.kind, String(d.mtu), role(d.name)]),
      ]),
    );
  }
  if (a.pieces.length > 1) {
    out.push(
      "",
      table([
        ["INPUT", "LINES", "READ AS"],
        ...a.pieces.map((p) => [
          p.input,
          p.from === p.to ? String(p.from) : `${p.from}-${p.to}`,
          `${p.readAs ?? `not recognised: “${p.firstLine.slice(0, 50)}”`}${p.command && !p.readAs?.includes(p.command) ? ` (\`${p.command.length > 50 ? `${p.command.slice(0, 50)}…` : p.command}\`)` : ""}`,
        ]),
      ]),
    );
  }
  if (a.findings.length > 0) {
    out.push(
      "",
      ...a.findings.map((f) => `${f.severity.toUpperCase().padEnd(7)} ${f.code}: ${f.message}`),
    );
  }
  return `${out.join("\n")}\n`;
}
