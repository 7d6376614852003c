#!/usr/bin/env node
// Starts the production build on HOST:PORT (127.0.0.1:3000 unless set).
//
// Underlay's own HTTP server in front of Next.js: it stamps every request with the address of the
// socket it came from (x-underlay-peer, overwriting anything a client sent), so that identity
// headers from an OIDC proxy are believed only when the proxy itself is the peer
// (UNDERLAY_TRUSTED_PROXIES). `next start` alone cannot tell: it only fills x-forwarded-for when a
// client has not already set it.
import { existsSync } from "node:fs";
import http from "node:http";
import next from "next";

const distDir = process.env.UNDERLAY_DIST_DIR || ".next";
if (!existsSync(`${distDir}/BUILD_ID`)) {
  console.error("underlay: there is no production build yet; run `npm run build` first.");
  process.exit(1);
}
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || "3000");
process.env.NODE_ENV = "production";
// Tells the server (lib/env.ts) that x-underlay-peer comes from this socket-level stamp.
process.env.UNDERLAY_SERVER = "underlay";

const app = next({ dev: false, hostname: host, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation: the environment is checked before anything listens

const server = http.createServer((req, res) => {
  req.headers["x-underlay-peer"] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.on("error", (e) => {
  console.error(`underlay: cannot listen on ${host}:${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () =>
  console.log(`underlay: listening on http://${host.includes(":") ? `[${host}]` : host}:${port}`),
);
for (const sig of ["SIGINT", "SIGTERM"])
  process.on(
    sig,
    () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 5000).unref(),
  );
