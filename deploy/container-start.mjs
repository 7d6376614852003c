// The container's entry point: Underlay's own HTTP server (scripts/start.mjs) on Next.js's
// standalone output. Standalone's generated server.js would serve too, but it does not stamp
// x-underlay-peer from the socket, so identity headers could not be tied to the proxy that sent
// them (UNDERLAY_TRUSTED_PROXIES). Like server.js, it hands Next the build's configuration, since
// next.config.js is not part of the standalone output.
import { readFileSync } from "node:fs";

const { config } = JSON.parse(readFileSync(".next/required-server-files.json", "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
await import("../scripts/start.mjs");
