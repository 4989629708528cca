# cutover for ECS/Fargate (SPEC §9): `docker build -t cutover .`, then run with CUTOVER_DATABASE_URL and the usual
# CUTOVER_* variables. Listens on PORT (8787); GET /healthz is the liveness check, /readyz the load balancer's.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8787 CUTOVER_DB=/data/cutover.db AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY db ./db
COPY src ./src
# Non-root: the image's `node` user (uid 1000) owns only the SQLite data directory (unused with PostgreSQL).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (ECS stop) reaches node directly: in-flight requests finish, job claims are released, then it exits.
CMD ["node", "node_modules/tsx/dist/cli.mjs", "src/runtime/node/main.ts"]
