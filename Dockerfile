# n8n with n8n-nodes-bem, one image for every process of a queue-mode installation (main, webhook
# processors, workers: docker-compose.yml). Build from a packed package:
#   npm run build && npm pack            # → n8n-nodes-bem-<version>.tgz next to this file
#   docker compose build                 # n8n 2.x (default N8N_VERSION)
#   N8N_VERSION=3.0.0 docker compose build   # n8n 3.x (docker-compose.yml sets N8N_UNVERIFIED_PACKAGES_ENABLED)
# Not built or run on the project machine (it has no Docker engine and cannot pull images):
# test/docker/compose.test.ts checks this file and docker-compose.yml against what `npm run start:queue`
# runs and the queue e2e tests prove.

# n8n's image (2.1 and later) has no package manager, so better-sqlite3 (the embedded BEM store) is
# compiled in a build stage on the same Node major and the same libc (Alpine/musl) as the n8n image.
# NODE_VERSION must be the Node major of that n8n image: `docker run --rm n8nio/n8n:<v> node --version`.
ARG N8N_VERSION=2.41.1
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-alpine AS nodes
RUN apk add --no-cache python3 make g++
WORKDIR /nodes
COPY n8n-nodes-bem-*.tgz /tmp/
# as `cd ~/.n8n/nodes && npm install <package>` (n8n's manual install); n8n-workflow is n8n's own
RUN npm init -y >/dev/null \
	&& npm install --omit=dev --omit=peer --no-audit --no-fund /tmp/n8n-nodes-bem-*.tgz \
	&& node -e "require('n8n-nodes-bem'); new (require('better-sqlite3'))(':memory:')"

FROM n8nio/n8n:${N8N_VERSION}
# the package where n8n loads community packages from; no volume may be mounted over /home/node/.n8n
# (it would hide the package): with PostgreSQL and N8N_ENCRYPTION_KEY nothing else is kept there
COPY --from=nodes --chown=node:node /nodes /home/node/.n8n/nodes
USER node
