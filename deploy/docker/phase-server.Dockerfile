# syntax=docker/dockerfile:1.7
# A phase server image, for any client-and-server phase of this repository (the template's shape):
#   docker build -f deploy/docker/phase-server.Dockerfile --build-arg PHASE=matching \
#     -t coursekit/phase-matching .
# The server verifies phase tokens against the registry's JWKS (CORE_URL) and keeps its own tables
# in DATABASE_URL. Reproducible from the lockfile, non-root, health-checked on /readyz.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG PHASE=matching
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 CI=true
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@coursekit/phase-${PHASE} \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out/phase \
 && cp -r phases/${PHASE}/package.json phases/${PHASE}/server /out/phase/ \
 && rm -rf /out/phase/server/src

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PHASE_SERVER_HOST=0.0.0.0 \
    PHASE_SERVER_PORT=4001
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/phase-sdk/package.json ./phase-sdk/
COPY --from=build /src/phase-sdk/dist ./phase-sdk/dist
COPY --from=build /out/phase ./phase
USER node
WORKDIR /app/phase
EXPOSE 4001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PHASE_SERVER_PORT||4001)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["npm", "run", "serve", "--silent"]
