#!/usr/bin/env bash
# Starts a Moov Watchman server on 127.0.0.1 over official list files, in
# the background, and waits until it has loaded them. Prints, for eval:
#   WATCHMAN_URL=http://127.0.0.1:PORT  WATCHMAN_PID=...  WATCHMAN_DIR=...
# Stop it with scripts/watchman/stop.sh "$WATCHMAN_DIR".
#
# The server gets only the files named here (symlinked into a temporary
# directory under the names Watchman v0.65.1 looks for), an environment
# built from scratch, and every download URL pointed at a closed loopback
# port, so it never reaches out. The Go tests use the same settings
# (watchman/wmserver).
#
# Usage: scripts/watchman/start.sh [--ofac DIR] [--ofac-nonsdn DIR] [--un FILE] [--eu FILE] [--uk FILE] [--bin PATH]
#   DIR holds OFAC's legacy CSV files (sdn.csv, alt.csv, add.csv,
#   sdn_comments.csv / cons_prim.csv, cons_alt.csv, cons_add.csv,
#   cons_comments.csv); --un is the UN consolidated.xml, --eu the EU FSF
#   CSV 1.1, --uk the FCDO UK Sanctions List CSV. Without any list option,
#   the lists of ../shared/lists are used (OFAC 2025-12, non-SDN 2025-12,
#   UN 2026-02, EU 2024-01). --bin defaults to the binary build.sh builds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ofac= nonsdn= un= eu= uk= bin=
while [ $# -gt 0 ]; do
	case $1 in
	--ofac) ofac=$2; shift 2 ;;
	--ofac-nonsdn) nonsdn=$2; shift 2 ;;
	--un) un=$2; shift 2 ;;
	--eu) eu=$2; shift 2 ;;
	--uk) uk=$2; shift 2 ;;
	--bin) bin=$2; shift 2 ;;
	-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
if [ -z "$ofac$nonsdn$un$eu$uk" ]; then
	shared=$root/../shared/lists
	ofac=$shared/ofac/2025-12
	nonsdn=$shared/ofac-nonsdn/2025-12
	un=$shared/un/2026-02/consolidated.xml
	eu=$shared/eu/2024-01/eu_csl.csv
fi
if [ -z "$bin" ]; then
	bin=$("$here/build.sh")
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/payscreen-watchman-XXXXXX")
data=$dir/data
mkdir "$data"
lists=()
link() { # link SOURCE-FILE NAME
	if [ ! -f "$1" ]; then
		echo "start.sh: no file $1" >&2
		rm -rf "$dir"
		exit 1
	fi
	ln -s "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" "$data/$2"
}
if [ -n "$ofac" ]; then
	for f in sdn.csv alt.csv add.csv sdn_comments.csv; do link "$ofac/$f" "$f"; done
	lists+=(us_ofac)
fi
if [ -n "$nonsdn" ]; then
	for f in cons_prim.csv cons_alt.csv cons_add.csv cons_comments.csv; do
		link "$nonsdn/$f" "$(echo "$f" | tr a-z A-Z)"
	done
	lists+=(us_non_sdn)
fi
if [ -n "$un" ]; then link "$un" un_consolidated.xml; lists+=(un_csl); fi
if [ -n "$eu" ]; then link "$eu" eu_csl.csv; lists+=(eu_csl); fi
if [ -n "$uk" ]; then link "$uk" UK_Sanctions_List.csv; lists+=(uk_csl); fi
included=$(IFS=,; echo "${lists[*]}")

# A loopback port nothing listens on.
closed_port() {
	local p
	while :; do
		p=$((10000 + RANDOM % 22000)) # below the ephemeral ports (32768-) outgoing connections take
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
}
port=$(closed_port)
admin=$(closed_port)
dead=http://127.0.0.1:$(closed_port)

cat >"$dir/config.yml" <<EOF
Watchman:
  Servers:
    BindAddress: "127.0.0.1:$port"
    AdminAddress: "127.0.0.1:$admin"
  Download:
    RefreshInterval: "8760h"
    InitialDataDirectory: "$data"
    ErrorOnEmptyList: true
EOF

env -i PATH=/usr/bin:/bin HOME="$dir" TMPDIR="$dir" \
	APP_CONFIG="$dir/config.yml" INITIAL_DATA_DIRECTORY="$data" INCLUDED_LISTS="$included" \
	DATA_REFRESH_INTERVAL=8760h DOWNLOAD_TIMEOUT=5s \
	OFAC_DOWNLOAD_TEMPLATE="$dead/%s" US_NON_SDN_DOWNLOAD_TEMPLATE="$dead/%s" \
	UN_CONSOLIDATED_LIST_URL="$dead/" EU_CSL_DOWNLOAD_URL="$dead/" UK_SANCTIONS_LIST_URL="$dead/" \
	US_CSL_DOWNLOAD_URL="$dead/" US_CSL_DOWNLOAD_TEMPLATE="$dead/" FINCEN_311_DOWNLOAD_URL="$dead/" US_TEL_URL="$dead/" \
	"$bin" >"$dir/server.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/pid"

# Ready when /v2/listinfo lists every included list with entries.
ready() {
	local answer l
	answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /v2/listinfo HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3) 2>/dev/null) || return 1
	for l in "${lists[@]}"; do
		echo "$answer" | grep -q "\"$l\":[1-9]" || return 1
	done
}
for _ in $(seq 1800); do # up to 3 minutes
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "start.sh: the server exited; log:" >&2
		tail -n 20 "$dir/server.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	if ready; then
		echo "WATCHMAN_URL=http://127.0.0.1:$port"
		echo "WATCHMAN_PID=$pid"
		echo "WATCHMAN_DIR=$dir"
		exit 0
	fi
	sleep 0.1
done
echo "start.sh: the server did not load its lists within 3 minutes; log:" >&2
tail -n 20 "$dir/server.log" >&2
kill "$pid" 2>/dev/null || true
rm -rf "$dir"
exit 1
