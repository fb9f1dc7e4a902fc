#!/usr/bin/env bash
# The browser the cockpit's end-to-end test drives (test/e2e/cockpit.e2e.test.ts): Debian's chromium
# package at /usr/bin/chromium (BEM_CHROMIUM overrides), installed with apt-get when it is missing.
# playwright-core drives it; no browser is downloaded from anywhere else.
set -euo pipefail
BIN="${BEM_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$BIN" ]; then
	echo "chromium: $("$BIN" --version 2>/dev/null || echo "$BIN")"
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "chromium is missing at $BIN and there is no apt-get: install Chromium and set BEM_CHROMIUM" >&2
	exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "chromium is missing: installing Debian's chromium package"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
"$BIN" --version
