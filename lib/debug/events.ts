/** What a running diagnostic streams to the browser, one JSON object per line. */
export type DiagnosticEvent =
  | { type: "start"; diagnostic: string; target: string; commands: string[][] }
  | { type: "command"; index: number; argv: string[] }
  | { type: "output"; index: number; stream: "stdout" | "stderr"; text: string }
  | {
      type: "exit";
      index: number;
      exitCode: number | null;
      timedOut: boolean;
      truncated: boolean;
      seconds: number;
    }
  | { type: "capture"; id: string; bytes: number }
  | { type: "result"; parsed: unknown }
  | { type: "error"; code: string; message: string }
  | { type: "done"; ok: boolean };

/** Splits an NDJSON byte stream into events; keeps a partial last line for the next chunk. */
export function ndjsonSplitter() {
  let rest = "";
  return (chunk: string, end = false): DiagnosticEvent[] => {
    const lines = (rest + chunk).split("\n");
    rest = end ? "" : lines.pop()!;
    return lines.filter((l) => l.trim()).map((l) => JSON.parse(l) as DiagnosticEvent);
  };
}
