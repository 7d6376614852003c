# Underlay's container image, for the Helm chart in deploy/helm/underlay (deploy/README.md).
#
#   docker build -t registry.example.com/underlay:0.1.0 . && docker push registry.example.com/underlay:0.1.0
#
# NOT BUILT where it was written: that machine has no container runtime (no docker, podman or
# buildah). What was checked there instead, on a copy of the build context: `UNDERLAY_STANDALONE=1
# npx next build`, then the runtime stage's layout started with the CMD below (health, pages,
# static files, the embedded store under UNDERLAY_DATA_DIR, the refusal to listen on 0.0.0.0
# without auth, and a client's forged x-underlay-peer header being overwritten).
# `next build` type-checks the whole tree (tsconfig includes e2e/ and tests): a type error anywhere
# fails the image build.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# next.config.js switches to output: "standalone" (server + traced node_modules only).
RUN mkdir -p public && UNDERLAY_STANDALONE=1 npx next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    UNDERLAY_DATA_DIR=/data
# Files stay root's: the app's user can read them, not change them.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# Underlay's own HTTP server (it records each request's peer address for UNDERLAY_TRUSTED_PROXIES),
# started on the standalone build instead of the generated server.js.
COPY --from=build /app/scripts/start.mjs ./scripts/start.mjs
COPY --from=build /app/deploy/container-start.mjs ./deploy/container-start.mjs
# Writable places: the embedded store and Next's cache (the chart mounts emptyDirs over both, as the
# root filesystem is read-only there).
RUN mkdir -p /data .next/cache && chown 10001:10001 /data .next/cache
USER 10001:10001
EXPOSE 3000
# HOST=0.0.0.0 needs authentication (UNDERLAY_TOKEN or UNDERLAY_TRUSTED_PROXIES); without it
# Underlay refuses to start and says so.
CMD ["node", "deploy/container-start.mjs"]
