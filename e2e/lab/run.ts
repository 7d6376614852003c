import { execFile, spawn } from "node:child_process";
import fs from "node:fs";

export class CommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`${argv.join(" ")} failed (${code}): ${stderr.trim().split("\n").slice(-3).join(" / ")}`);
  }
}

/** Runs argv (never through a shell) and returns stdout; a non-zero exit throws with stderr. */
export function run(
  argv: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    const child = execFile(
      cmd!,
      args,
      {
        env: opts.env ?? process.env,
        timeout: opts.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new CommandError(
              argv,
              typeof err.code === "number" ? err.code : null,
              String(stderr || err.message),
            ),
          );
        else resolve(String(stdout));
      },
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/**
 * Runs a long build step (argv, no shell) with its progress on our stderr as it comes; returns
 * stdout. A non-zero exit throws.
 */
export function runWithProgress(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new CommandError(argv, code, "see the output above")),
    );
  });
}

export const tryRun = (argv: string[]) => run(argv).catch(() => null);

/** Starts a detached process that outlives this one, its output appended to a log file. */
export function daemon(argv: string[], logFile: string, env?: NodeJS.ProcessEnv): number {
  const out = fs.openSync(logFile, "a");
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ["ignore", out, out],
    env: env ?? process.env,
  });
  child.unref();
  return child.pid!;
}
