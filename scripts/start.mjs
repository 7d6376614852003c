#!/usr/bin/env node
// Starts the production build on HOST:PORT (127.0.0.1:3000 unless set).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync(".next/BUILD_ID")) {
  console.error("underlay: there is no production build yet; run `npm run build` first.");
  process.exit(1);
}
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [next, "start", "-H", host, "-p", port], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
