#!/usr/bin/env bash
# Measures the case store on a generated payroll of N rows (default
# 1,000,000) against the real lists beside the checkout (../shared/lists):
#
#  1. `payscreen screen` without and with --store (SQLite), interleaved,
#     ROUNDS times each (default 2), on the older list publications
#     (OFAC 2025-02, OFAC non-SDN 2025-03, UN 2025-04, EU and UK 2024-01):
#     wall time of each and the overhead of the store;
#  2. `payscreen rescreen` of the stored payees after a list delta, twice:
#     first after the UN list alone moves to 2026-02 (a small delta), then
#     after OFAC and OFAC non-SDN move to 2025-12 (ten months of changes):
#     payees re-screened per second of wall time and of CPU time.
#
# Red flags are off in both runs of step 1, so that the overhead is
# measured against the fastest screening. The machine is shared: compare
# the figures of one run of the script, not across runs.
#
# Usage: scripts/bench/store.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
rounds=${2:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=../shared/lists
old=(--lists $S/ofac/2025-02 --lists $S/ofac-nonsdn/2025-03 --lists $S/un/2025-04 --lists $S/eu/2024-01 --lists $S/uk/2024-01 --max-age 0)
unonly=(--lists $S/ofac/2025-02 --lists $S/ofac-nonsdn/2025-03 --lists $S/un/2026-02 --lists $S/eu/2024-01 --lists $S/uk/2024-01 --max-age 0)
new=(--lists $S/ofac/2025-12 --lists $S/ofac-nonsdn/2025-12 --lists $S/un/2026-02 --lists $S/eu/2024-01 --lists $S/uk/2024-01 --max-age 0)

go build -o "$tmp/payscreen" ./cmd/payscreen
go run ./scripts/bench/genpayroll -n "$n" > "$tmp/payroll.csv"
echo "payroll: $n rows, $(du -h "$tmp/payroll.csv" | cut -f1)"

wall() { # prints the wall seconds of /usr/bin/time -v output file $1
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

declare -a without with
for r in $(seq 1 "$rounds"); do
	/usr/bin/time -v "$tmp/payscreen" screen "${old[@]}" --red-flags off "$tmp/payroll.csv" > "$tmp/out.jsonl" 2> "$tmp/t0.txt"
	without+=("$(wall "$tmp/t0.txt")")
	rm -f "$tmp/store.db" "$tmp/store.db-wal" "$tmp/store.db-shm"
	/usr/bin/time -v "$tmp/payscreen" screen "${old[@]}" --red-flags off --store "$tmp/store.db" "$tmp/payroll.csv" > "$tmp/out-store.jsonl" 2> "$tmp/t1.txt"
	with+=("$(wall "$tmp/t1.txt")")
	echo "round $r: without --store ${without[-1]} s wall, $(cpu "$tmp/t0.txt") s CPU, max RSS $(rss "$tmp/t0.txt") MB; with --store ${with[-1]} s wall, $(cpu "$tmp/t1.txt") s CPU, max RSS $(rss "$tmp/t1.txt") MB"
done
grep '^alerts:' "$tmp/t1.txt"
echo "store: $(du -h "$tmp/store.db" | cut -f1)"
printf '%s\n' "${without[@]}" > "$tmp/a"; printf '%s\n' "${with[@]}" > "$tmp/b"
paste "$tmp/a" "$tmp/b" | awk '{ a += $1; b += $2 } END { printf "mean: without %.1f s, with --store %.1f s: %+.1f%% wall time\n", a / NR, b / NR, 100 * (b - a) / a }'

for step in unonly new; do
	if [ "$step" = unonly ]; then args=("${unonly[@]}"); what="UN 2025-04 -> 2026-02"; else args=("${new[@]}"); what="OFAC 2025-02 -> 2025-12, non-SDN 2025-03 -> 2025-12"; fi
	/usr/bin/time -v "$tmp/payscreen" rescreen "${args[@]}" --store "$tmp/store.db" > "$tmp/rescreen.jsonl" 2> "$tmp/t2.txt"
	grep '^rescreen:' "$tmp/t2.txt"
	awk -v n="$n" -v s="$(wall "$tmp/t2.txt")" -v c="$(cpu "$tmp/t2.txt")" -v r="$(rss "$tmp/t2.txt")" -v w="$what" \
		'BEGIN { printf "rescreen of %d stored payees after %s: %.1f s wall, %.0f payees/s; %.1f s CPU (%.0f payees per CPU-second); max RSS %s MB\n", n, w, s, n / s, c, n / c, r }'
done
