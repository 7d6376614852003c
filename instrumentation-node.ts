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

// Open the store (and run its migrations) now, not on the first request that needs it; then keep
// audit rows and captures within their retention.
void import("@/server/store")
  .then((m) => m.db())
  .then(() => import("@/server/store/retention"))
  .then((m) => m.startRetention())
  .catch((e: Error) =>
    process.stderr.write(`underlay: the store could not be opened: ${e.message}\n`),
  );
