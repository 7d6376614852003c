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
  // On every response: no page may be framed (clickjacking), no type sniffing, no full URL in a
  // Referer to other sites (report links are capabilities).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
          },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  // A second build beside the first (the bench builds into its own directory while tests use .next).
  distDir: process.env.UNDERLAY_DIST_DIR || ".next",
  // The container image (Dockerfile) builds with UNDERLAY_STANDALONE=1 and runs scripts/start.mjs on it.
  output: process.env.UNDERLAY_STANDALONE ? "standalone" : undefined,
};
