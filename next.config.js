/** @type {import('next').NextConfig} */
module.exports = {
  serverExternalPackages: [
    "@kubernetes/client-node",
    "@electric-sql/pglite",
    "pg",
    "pino",
    "prom-client",
  ],
  poweredByHeader: false,
  // A second build beside the first (the bench builds into its own directory while tests use .next).
  distDir: process.env.UNDERLAY_DIST_DIR || ".next",
  // The container image (Dockerfile) builds with UNDERLAY_STANDALONE=1 and runs scripts/start.mjs on it.
  output: process.env.UNDERLAY_STANDALONE ? "standalone" : undefined,
};
