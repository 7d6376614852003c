/** @type {import('next').NextConfig} */
module.exports = {
  serverExternalPackages: ["@kubernetes/client-node", "@electric-sql/pglite", "pg", "pino", "prom-client"],
  poweredByHeader: false,
  // The container image (deploy/Dockerfile) builds with UNDERLAY_STANDALONE=1; `npm start` runs `next start`.
  output: process.env.UNDERLAY_STANDALONE ? "standalone" : undefined,
};
