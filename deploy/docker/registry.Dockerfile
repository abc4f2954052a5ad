# syntax=docker/dockerfile:1.7
# The Coursekit registry image: the core server, the host bundle it serves, and the sample phases'
# built remotes (seeded only when COURSEKIT_SEED=true). Built from the repository root:
#   docker build -f deploy/docker/registry.Dockerfile -t coursekit/registry .
# Reproducible from the lockfile (`npm ci`), non-root at run time, health-checked on /readyz.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 CI=true
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@coursekit/registry --filter=@coursekit/host \
      --filter=@coursekit/phase-intro-course --filter=@coursekit/phase-matching \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    COURSEKIT_MODE=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    COURSEKIT_DATA_DIR=/var/lib/coursekit \
    COURSEKIT_HOST_DIST=/app/host/dist \
    COURSEKIT_SEED=false
WORKDIR /app
# Only what runs: production dependencies, the built packages and the registry's migrations.
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/phase-sdk/package.json ./phase-sdk/
COPY --from=build /src/phase-sdk/dist ./phase-sdk/dist
COPY --from=build /src/registry/package.json ./registry/
COPY --from=build /src/registry/dist ./registry/dist
COPY --from=build /src/registry/migrations ./registry/migrations
COPY --from=build /src/host/dist ./host/dist
COPY --from=build /src/phases/intro-course/dist ./phases/intro-course/dist
COPY --from=build /src/phases/matching/dist ./phases/matching/dist
RUN mkdir -p /var/lib/coursekit && chown node:node /var/lib/coursekit
USER node
WORKDIR /app/registry
EXPOSE 4000
VOLUME ["/var/lib/coursekit"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server.js"]
