# syntax=docker/dockerfile:1
#
# One image per service of the relay proxy, from one file (deploy/README.md):
#
#   docker build -f deploy/docker/service.Dockerfile --build-arg APP=sdk-gateway --build-arg PORT=7000 .
#
# or `bash deploy/docker/build-image.sh <app>`, which passes the right PORT (7000 for sdk-gateway,
# sse-fanout and the all-in-one relay-proxy: the V2 image's public port, spec/configuration.md §2.1;
# 8000 for saas-sync and metrics-forwarder). The build context is the repository root.
#
# Stages: `build` compiles the app with Nx (dist/apps/$APP: main.js + generated package.json and
# package-lock.json, docs/adr/0005); `deps` installs exactly those production dependencies with
# `npm ci --omit=dev`; the final stage holds only main.js, its source map, that node_modules and the
# health-check script, runs as the unprivileged `node` user (uid 1000), and starts node under tini.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG APP
RUN test -n "${APP}" || { echo "build arg APP is required (saas-sync, sdk-gateway, sse-fanout, metrics-forwarder or relay-proxy)" >&2; exit 1; }
WORKDIR /workspace
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN test -f "apps/${APP}/src/main.ts" || { echo "apps/${APP}/src/main.ts does not exist" >&2; exit 1; }
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
RUN npx nx run "${APP}:build" --skip-nx-cache \
 && test -f "dist/apps/${APP}/main.js" -a -f "dist/apps/${APP}/package.json" -a -f "dist/apps/${APP}/package-lock.json"

FROM ${NODE_IMAGE} AS deps
ARG APP
WORKDIR /app
COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ARG APP
ARG PORT
ARG VERSION=2.0.0
RUN test -n "${PORT}" || { echo "build arg PORT is required (7000 for sdk-gateway, sse-fanout, relay-proxy; 8000 otherwise)" >&2; exit 1; }
# tini as PID 1: it forwards SIGTERM/SIGINT to node (which runs the graceful shutdown of
# SHUTDOWN_TIMEOUT itself) and reaps zombies. Kubernetes has no `docker run --init`, so it is in the image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
LABEL org.opencontainers.image.title="relay-proxy ${APP}" \
      org.opencontainers.image.description="Relay Proxy service ${APP} (Harness Feature Flags Relay Proxy V2 compatible)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    PORT=${PORT}
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/main.js /workspace/dist/apps/${APP}/main.js.map ./
COPY deploy/docker/healthcheck.js ./healthcheck.js
USER 1000:1000
EXPOSE ${PORT}
# Liveness only (/healthz answers while Redis or SaaS are down; /readyz is for routing, spec/sdk-api.md §9.2).
# node, not curl: the slim image has no curl. Follows PORT and TLS_ENABLED of the running container.
HEALTHCHECK --interval=15s --timeout=5s --start-period=75s --retries=3 CMD ["node", "/app/healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "/app/main.js"]
