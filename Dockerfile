# syntax=docker/dockerfile:1
# One image per app, from one Dockerfile:
#   docker build --build-arg APP=ingest -t lambda-ingest .
# APP is one of ingest, speed, batch, serving, reconciliation (batch takes a subcommand:
# archive | recompute | migrate, passed as the container's args by the Helm chart).
#
# build:   `nx build $APP` bundles the app and the workspace libs with esbuild into
#          dist/apps/$APP/main.js and writes a package.json + package-lock.json listing only the
#          npm packages the bundle requires (tools/deploy/src/image.spec.ts checks these paths).
# deps:    installs exactly those packages, production only.
# runtime: Node 24 LTS, non-root, nothing writable needed but /tmp, no HEALTHCHECK (Kubernetes
#          probes /healthz and /readyz).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json eslint.config.mjs jest.preset.cjs ./
COPY libs/ libs/
COPY apps/ apps/
ARG APP
RUN test -n "$APP" || (echo "build with --build-arg APP=<ingest|speed|batch|serving|reconciliation>" >&2 && exit 1)
RUN npx nx build "$APP" --skip-nx-cache --outputStyle=static

FROM ${NODE_IMAGE} AS deps
ARG APP
WORKDIR /app
COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
LABEL org.opencontainers.image.title="lambda-${APP}" \
      org.opencontainers.image.description="Lambda platform: ${APP}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/main.js /workspace/dist/apps/${APP}/main.js.map /workspace/dist/apps/${APP}/package.json ./
# The chart runs every pod as 10001 with a read-only root filesystem; match it here.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["node", "--enable-source-maps", "main.js"]
