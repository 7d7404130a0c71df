#!/usr/bin/env bash
# count.sh counts the assertions of the tests of each package: calls of
# t/tb/b/f .Error, .Errorf, .Fatal, .Fatalf (the testing.TB values the tests
# name t, tb, b and f) plus testify assert.* and require.* calls. Comparing
# its output before and after a change shows whether a test lost an assertion.
#
#	scripts/testcount/count.sh [DIR...]   (default: every package)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then
	set -- $(git ls-files '*_test.go' | xargs -n1 dirname | sort -u)
fi
printf '%-28s %8s %8s %8s\n' package testing testify total
for d in "$@"; do
	files=$(ls "$d"/*_test.go 2>/dev/null || true)
	[ -z "$files" ] && continue
	std=$(cat $files | { grep -oE '\b(t|tb|b|f)\.(Error|Errorf|Fatal|Fatalf)\(' || true; } | wc -l)
	tfy=$(cat $files | { grep -oE '\b(assert|require)\.[A-Z][A-Za-z]*\(' || true; } | wc -l)
	printf '%-28s %8d %8d %8d\n' "$d" "$std" "$tfy" $((std + tfy))
done
