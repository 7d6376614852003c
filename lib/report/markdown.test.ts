/**
 * The Markdown export is valid CommonMark (parsed with the reference parser, commonmark.js):
 * commands in fenced blocks whose text is the command exactly, prose as prose, and no backtick
 * left over from a code span that broke.
 */
import { Parser, type Node } from "commonmark";
import { describe, expect, it } from "vitest";
import type { Cni } from "@/lib/parsers/cni-types";
import { isCommand, mtuFix } from "@/lib/mtu/fix";
import { REPORT_SCHEMA_VERSION, type Report } from "@/lib/schemas/report";
import type { MtuReport } from "@/lib/schemas/mtu";
import { reportMarkdown } from "./markdown";

const CNIS: Cni[] = [
  "flannel",
  "calico",
  "cilium",
  "weave",
  "antrea",
  "ovn-kubernetes",
  "kube-router",
];
// The black hole's numbers: NICs say 9000, the path carries 1500, VXLAN adds 50.
const path = { underlayMtu: 1500, overlayMtu: 1450, overhead: 50, mtuSource: null };

function report(cni: Cni, output: string): Report {
  const mtu = {
    context: "lab",
    at: "2026-12-01T10:00:00.000Z",
    cni,
    encapsulation: "vxlan",
    configuredMtu: null,
    mtuSource: null,
    kubeProxyMode: "iptables",
    sources: [],
    nodes: [],
    paths: [],
    pairs: { measured: 6, total: 6, sampled: false },
    findings: [
      {
        severity: "error",
        code: "mtu_mismatch",
        message:
          "flannel.1 MTU 1500 + 50 = 1550 > 1500, the largest packet measured between nodes.",
        fix: mtuFix(cni, path),
      },
    ],
  } satisfies MtuReport;
  return {
    id: "r1",
    title: "MTU black hole",
    note: "",
    context: "lab",
    server: "https://192.0.2.2:6443",
    createdBy: "ann",
    createdAt: "2026-12-01T10:00:00.000Z",
    body: {
      schemaVersion: REPORT_SCHEMA_VERSION,
      cluster: null,
      mtu,
      latency: null,
      diagnostics: [
        {
          diagnostic: "interfaces",
          target: "underlay-system/underlay-debug-n1/debug",
          commands: [["ip", "-d", "link"]],
          output,
          exitCodes: [0],
          parsed: null,
          captureId: null,
        },
      ],
    },
  };
}

function walk(md: string) {
  const blocks: { info: string; literal: string }[] = [];
  const texts: string[] = [];
  const codes: string[] = [];
  const w = new Parser().parse(md).walker();
  for (let e = w.next(); e; e = w.next()) {
    if (!e.entering) continue;
    const n: Node = e.node;
    if (n.type === "code_block") blocks.push({ info: n.info ?? "", literal: n.literal ?? "" });
    if (n.type === "text") texts.push(n.literal ?? "");
    if (n.type === "code") codes.push(n.literal ?? "");
  }
  return { blocks, texts, codes };
}

describe("the Markdown export parses as CommonMark", () => {
  it.each(CNIS)("%s's fix: commands in sh blocks, exactly; no broken code span", (cni) => {
    const fix = mtuFix(cni, path);
    const { blocks, texts, codes } = walk(
      reportMarkdown(report(cni, "1: lo: <LOOPBACK> mtu 65536")),
    );
    const commands = fix.steps.filter(isCommand);
    const sh = blocks.filter((b) => b.info === "sh").map((b) => b.literal);
    expect(sh).toEqual(commands.map((c) => `${c}\n`));
    // A stray backtick in text is a code span that broke (a backtick inside one).
    expect(texts.filter((t) => t.includes("`"))).toEqual([]);
    // What a prose step quotes in backticks comes out as code, whole.
    for (const step of fix.steps.filter((s) => !isCommand(s)))
      for (const [, quoted] of step.matchAll(/`([^`]+)`/g)) expect(codes).toContain(quoted);
  });

  it("flannel's three-step fix keeps its order and its sentences", () => {
    const md = reportMarkdown(report("flannel", "x"));
    const steps = mtuFix("flannel", path).steps;
    expect(steps.some((s) => s.includes("`ip link delete flannel.1`"))).toBe(true);
    const at = steps.map((s) => md.indexOf(isCommand(s) ? s : s.slice(0, 30)));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("a diagnostic's output is one fenced block, even when it holds backticks itself", () => {
    const output = "line with ``` inside\nand a `code` span";
    const { blocks } = walk(reportMarkdown(report("calico", output)));
    expect(blocks.find((b) => b.info === "")?.literal).toBe(`$ ip -d link\n${output}\n`);
  });
});
