#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for payscreen's store tests, on
# 127.0.0.1 only, from Debian's postgresql package (installed with apt-get
# when missing; needs root for that). Prints the connection URL to export
# as PAYSCREEN_TEST_POSTGRES. Idempotent: a server already running in DIR
# is reused.
#
# Usage: scripts/postgres/start.sh [DIR] [PORT]   (default /tmp/payscreen-pg 54329)
# Stop:  scripts/postgres/stop.sh [DIR]
set -euo pipefail
dir=${1:-/tmp/payscreen-pg}
port=${2:-54329}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$*"
	else
		sh -c "$*"
	fi
}
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$dir" && chown postgres "$dir" && chmod 700 "$dir"
else
	mkdir -p "$dir" && chmod 700 "$dir"
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
	run "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
fi
if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
	# Not answering: the lock file of a server that died (whose PID may
	# have been reused since) must not stop a new one.
	rm -f "$dir/data/postmaster.pid"
	run "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off\" start" >&2
fi
run "$bin/psql -h 127.0.0.1 -p $port -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='payscreen_test'\"" | grep -q 1 ||
	run "$bin/createdb -h 127.0.0.1 -p $port -U postgres payscreen_test" >&2
echo "postgres://postgres@127.0.0.1:$port/payscreen_test?sslmode=disable"
