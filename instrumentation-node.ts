// Runs once when the Node.js server starts, before it answers any request.
import { env, EnvError } from "@/lib/env";

try {
  env();
} catch (e) {
  if (!(e instanceof EnvError)) throw e;
  // A bad value stops the server with a sentence, not a stack trace.
  process.stderr.write(`underlay: ${e.message}\n`);
  process.exit(1);
}

// No debug pod outlives its deadline, even one left by a previous run of the dashboard.
void import("@/server/debug/reaper").then((m) => m.startReaper());
