#!/usr/bin/env bash
# Starts the machine's PostgreSQL if it is down (the store's contract tests run against it). Tests that
# need it say clearly when it is still absent; this only tries.
set -u
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
	echo "PostgreSQL is down; starting it"
	if command -v pg_ctlcluster >/dev/null 2>&1; then
		pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
	fi
	for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
if command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
	echo "PostgreSQL is up on 127.0.0.1:5432"
else
	echo "PostgreSQL is NOT available on 127.0.0.1:5432: the PostgreSQL store tests will fail and say so"
fi
