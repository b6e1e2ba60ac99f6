# syntax=docker/dockerfile:1
#
# Quota Bot image: `docker build -t quota-bot .`
#
#   docker run -d --name quota-bot -p 3000:3000 -v quota-bot-data:/app/data \
#     -e SLACK_SIGNING_SECRET=... -e SLACK_BOT_TOKEN=xoxb-... \
#     -e ENCRYPTION_KEY="$(openssl rand -base64 32)" quota-bot
#
# NODE_ENV=production, so ENCRYPTION_KEY is required (it is never generated into
# the volume); keep it safe: without it stored secrets cannot be decrypted.
# Data defaults to SQLite at /app/data/quota-bot.db (the volume); set
# DATABASE_URL=postgres://... to use PostgreSQL instead. Operator CLI:
#   docker exec -it quota-bot node bin/quota-bot.js provider list --team T

############################ build ############################
FROM node:20-bookworm-slim AS build

# Toolchain for better-sqlite3's native addon, used when no prebuilt binary
# matches (or the prebuilt download is unreachable).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Build against the image's own Node headers instead of downloading them.
ENV npm_config_nodedir=/usr/local \
  npm_config_update_notifier=false \
  npm_config_fund=false \
  npm_config_audit=false

WORKDIR /app

# Dependencies first, for layer caching. Scripts are skipped here because the
# root `prepare` script (tsc) needs sources not copied yet; better-sqlite3's
# install script is then run explicitly, which works with npm 10 (the image's,
# which ignores package.json "allowScripts") and npm 11 (which honours it, and
# better-sqlite3 is allowed there). The require() proves the addon loads.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts \
  && npm rebuild better-sqlite3 \
  && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY scripts ./scripts
# `npm run build` type-checks (tsc, into dist/) and bundles the entry with
# esbuild into dist/bundle/, which is all the runtime stage takes of dist/:
# one pre-linked file starts about twice as fast as ~1,100 separate modules.
# Keep only better-sqlite3's compiled addon, not its sources and build
# intermediates (~26 MB), then prove it still loads and that the bundle runs
# on the pruned node_modules (it migrates a throwaway database).
RUN npm run build \
  && npm prune --omit=dev --ignore-scripts \
  && cd node_modules/better-sqlite3 \
  && mv build/Release/better_sqlite3.node /tmp/ \
  && rm -rf build deps src \
  && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/ \
  && cd /app \
  && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" \
  && DATABASE_URL=sqlite:/tmp/probe/quota-bot.db node bin/quota-bot.js migrate >/dev/null \
  && rm -rf /tmp/probe

############################ runtime ############################
FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
  PORT=3000
WORKDIR /app

# Code stays root-owned (read-only for the app); only the data volume is the app's.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/bundle ./dist/bundle
COPY --from=build /app/bin ./bin
RUN mkdir -p /app/data && chown node:node /app/data

USER node
VOLUME ["/app/data"]
EXPOSE 3000

# No curl in the slim image: ask Node itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

CMD ["node", "bin/quota-bot.js", "serve"]
