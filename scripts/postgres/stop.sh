#!/usr/bin/env bash
# Stops the PostgreSQL server scripts/postgres/start.sh started.
# Usage: scripts/postgres/stop.sh [DIR]   (default /tmp/payscreen-pg)
set -euo pipefail
dir=${1:-/tmp/payscreen-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then
	su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast stop"
else
	"$bin/pg_ctl" -D "$dir/data" -m fast stop
fi
