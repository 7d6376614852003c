/**
 * `underlay analyze FILE... [--json]` (`-` reads stdin). Exit 0 for a completed analysis whatever
 * the verdict; 2 with a sentence on stderr for bad usage or unreadable input.
 */
import fs from "node:fs";
import { analyze, UnreadableInputError, type AnalyzeInput } from "../lib/analyze/analyze";
import { formatAnalysis } from "./format";

const USAGE = `Usage: underlay analyze FILE... [--json]

Reads \`ip -d link\` / \`ip -j -d link\` / \`ip route\` output and CNI or kube-proxy configuration
(conflist, ConfigMap or manifest YAML, flannel subnet.env, ovn_k8s.conf) and prints the MTU verdict.
Use - for stdin. --json prints one JSON object.`;

export type Io = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Buffer;
};

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => fs.readFileSync(0),
};

function fail(io: Io, message: string): number {
  io.stderr(`underlay: ${message}\n`);
  return 2;
}

function readAll(files: string[], io: Io): AnalyzeInput[] | string {
  const inputs: AnalyzeInput[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = file === "-" ? io.readStdin() : fs.readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "it is a directory"
            : code === "EACCES"
              ? "permission denied"
              : (e as Error).message;
      return `cannot read ${file}: ${why}.`;
    }
    const name = file === "-" ? "stdin" : file;
    if (bytes.includes(0)) return `${name} looks like a binary file, not text.`;
    inputs.push({ name, text: new TextDecoder("utf-8").decode(bytes) });
  }
  return inputs;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command !== "analyze")
    return fail(io, `${command ? `unknown command "${command}"` : "no command given"}.\n${USAGE}`);
  const json = rest.includes("--json");
  const unknownFlag = rest.find((a) => a.startsWith("-") && a !== "-" && a !== "--json");
  if (unknownFlag) return fail(io, `unknown option ${unknownFlag}.\n${USAGE}`);
  const files = rest.filter((a) => a !== "--json");
  if (files.length === 0) return fail(io, `no FILE given.\n${USAGE}`);
  const inputs = readAll(files, io);
  if (typeof inputs === "string") return fail(io, inputs);
  try {
    const result = analyze(inputs);
    io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : formatAnalysis(result));
    return 0;
  } catch (e) {
    if (e instanceof UnreadableInputError) return fail(io, e.message);
    throw e;
  }
}
