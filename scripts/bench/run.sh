#!/usr/bin/env bash
# Generates a realistic payroll of N rows (default 1,000,000) and measures
# `payscreen screen` on it against the real lists beside the checkout
# (../shared/lists), with the payroll red flags on and off: wall time, rows
# per second, and peak memory (max RSS, from /usr/bin/time -v).
#
# Usage: scripts/bench/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=../shared/lists
lists=(--lists $S/ofac/2025-12 --lists $S/ofac-nonsdn/2025-12 --lists $S/un/2026-02 --lists $S/eu/2024-01 --lists $S/uk/2024-01 --max-age 0)

go build -o "$tmp/payscreen" ./cmd/payscreen
go run ./scripts/bench/genpayroll -n "$n" > "$tmp/payroll.csv"
echo "payroll: $n rows, $(du -h "$tmp/payroll.csv" | cut -f1)"
for rf in off on; do
	/usr/bin/time -v "$tmp/payscreen" screen "${lists[@]}" --red-flags "$rf" "$tmp/payroll.csv" \
		> "$tmp/out.jsonl" 2> "$tmp/time.txt"
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time.txt")
	echo "red flags $rf: $(grep '^screened' "$tmp/time.txt")"
	awk -v n="$n" -v s="$secs" -v r="$rss" 'BEGIN { printf "  %.1f s wall, %.0f rows/s, max RSS %s MB\n", s, n / s, r }'
done
