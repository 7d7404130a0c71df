#!/usr/bin/env bash
# Bounded load test of payscreen serve beside a Moov Watchman server, on
# loopback only, over the same lists (the OFAC SDN and non-SDN, UN and EU
# lists of ../shared/lists that Watchman v0.65.1 reads) and the same
# payroll-like payees (scripts/bench/genpayroll). Everything it starts, it
# stops; every phase is bounded in requests and in time.
#
# Usage: scripts/bench/load.sh [throughput|rate|clients|soak|all] (default all)
#   throughput  3 interleaved rounds of 20,000 requests from 64 clients per
#               target: payscreen POST /v1/screen, payscreen GET /v2/search,
#               Watchman GET /v2/search
#   rate        open loop, after a warm-up pass: 5 rounds of 100,000 requests
#               sent at 10,000 req/s (RATE) over up to 256 connections,
#               latency from each request's scheduled start: payscreen
#               /v1/screen and /v2/search (Watchman, at 1-2% of that rate,
#               is left out, and stopped)
#   clients     1,000 concurrent clients (one connection each), 50,000
#               requests, payscreen /v1/screen then Watchman /v2/search
#   soak        5 minutes of /v1/screen at 1,000 req/s with the lists
#               re-read and swapped every 10 s; memory sampled every 10 s
# Environment: LOAD_N, LOAD_C, LOAD_ROUNDS, RATE, RATE_N, RATE_C, RATE_ROUNDS, SOAK
# (duration), SOAK_RATE; LOAD_CLIENT=net drives with net/http's client
# instead of the driver's own (raw) HTTP/1.1 client, at ~1.3x the driver's
# processor time per request.
set -euo pipefail
cd "$(dirname "$0")/../.."
phase=${1:-all}
tmp=$(mktemp -d)
serve_pid= wm_dir=
cleanup() {
	[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
	[ -n "$wm_dir" ] && scripts/watchman/stop.sh "$wm_dir" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

S=../shared/lists
lists=(--lists $S/ofac/2025-12 --lists $S/ofac-nonsdn/2025-12 --lists $S/un/2026-02 --lists $S/eu/2024-01 --max-age 0)
go build -o "$tmp/payscreen" ./cmd/payscreen
go build -o "$tmp/load" ./scripts/bench/load
go run ./scripts/bench/genpayroll -n 20000 -seed 7 > "$tmp/payroll.csv"

free_port() {
	local p
	while :; do
		p=$((10000 + RANDOM % 22000)) # below the ephemeral ports (32768-) outgoing connections take
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
	done
}

start_serve() { # start_serve REFRESH
	local port
	port=$(free_port)
	"$tmp/payscreen" serve "${lists[@]}" --addr "127.0.0.1:$port" --refresh "$1" >"$tmp/serve.out" 2>"$tmp/serve.log" &
	serve_pid=$!
	PS_URL=http://127.0.0.1:$port
	for _ in $(seq 600); do
		if curl -fsS "$PS_URL/readyz" >/dev/null 2>&1; then return; fi
		sleep 0.1
	done
	echo "load.sh: payscreen serve did not become ready; log:" >&2
	tail -n 20 "$tmp/serve.log" >&2
	exit 1
}

stop_serve() {
	kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
	serve_pid=
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work: absolute figures are pessimistic; compare the ratios)"
start_serve 6h
echo "== payscreen serve at $PS_URL"
if [ "$phase" != soak ] && [ "$phase" != rate ]; then
	eval "$(scripts/watchman/start.sh)"
	wm_dir=$WATCHMAN_DIR
	echo "== Watchman $WATCHMAN_URL (pid $WATCHMAN_PID)"
fi

if [ "$phase" = throughput ] || [ "$phase" = all ]; then
	echo "== throughput"
	"$tmp/load" -client "${LOAD_CLIENT:-raw}" -payroll "$tmp/payroll.csv" -payscreen "$PS_URL" -watchman "$WATCHMAN_URL" \
		-ps-pid "$serve_pid" -wm-pid "$WATCHMAN_PID" -c "${LOAD_C:-64}" -n "${LOAD_N:-20000}" -rounds "${LOAD_ROUNDS:-3}" -max-time 60s
fi
if [ "$phase" = clients ] || [ "$phase" = all ]; then
	echo "== 1000 concurrent clients"
	"$tmp/load" -client "${LOAD_CLIENT:-raw}" -payroll "$tmp/payroll.csv" -payscreen "$PS_URL" -watchman "$WATCHMAN_URL" \
		-ps-pid "$serve_pid" -wm-pid "$WATCHMAN_PID" -c 1000 -n 50000 -rounds 1 -max-time 120s -targets ps-screen,wm-search
fi
if [ -n "$wm_dir" ]; then
	scripts/watchman/stop.sh "$wm_dir" >/dev/null 2>&1 || true
	wm_dir=
fi
if [ "$phase" = rate ] || [ "$phase" = all ]; then
	echo "== open loop at ${RATE:-10000} req/s (Watchman stopped, so that none of its backlog runs meanwhile)"
	# Warm-up, not reported: one pass over the payees, as a server in use
	# has seen names before (the index remembers its probes).
	"$tmp/load" -client "${LOAD_CLIENT:-raw}" -payroll "$tmp/payroll.csv" -payscreen "$PS_URL" -c 64 -n 20000 -rounds 1 \
		-targets ps-screen,ps-search >/dev/null
	"$tmp/load" -client "${LOAD_CLIENT:-raw}" -mode rate -rate "${RATE:-10000}" -payroll "$tmp/payroll.csv" -payscreen "$PS_URL" \
		-ps-pid "$serve_pid" -c "${RATE_C:-256}" -n "${RATE_N:-100000}" -rounds "${RATE_ROUNDS:-5}" -max-time 60s -targets ps-screen,ps-search
fi
if [ "$phase" = soak ] || [ "$phase" = all ]; then
	stop_serve
	start_serve 10s
	echo "== soak: payscreen serve re-reading its lists every 10 s"
	"$tmp/load" -client "${LOAD_CLIENT:-raw}" -mode soak -payroll "$tmp/payroll.csv" -payscreen "$PS_URL" -c 64 \
		-soak "${SOAK:-5m}" -rate "${SOAK_RATE:-1000}" -sample 10s
	grep -c '"msg":"lists' "$tmp/serve.log" | xargs echo "list loads logged:"
	grep '"level":"ERROR"' "$tmp/serve.log" | head -5 || true
fi
