#!/usr/bin/env bash
# Stops a Watchman server started by scripts/watchman/start.sh and removes
# its temporary directory.
#
# Usage: scripts/watchman/stop.sh "$WATCHMAN_DIR"
set -euo pipefail

dir=${1:?usage: stop.sh WATCHMAN_DIR}
case $(basename "$dir") in
payscreen-watchman-*) ;;
*) echo "stop.sh: $dir is not a directory start.sh made" >&2; exit 2 ;;
esac
if [ -f "$dir/pid" ]; then
	pid=$(cat "$dir/pid")
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid"
		for _ in $(seq 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
	fi
fi
rm -rf "$dir"
