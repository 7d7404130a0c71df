#!/usr/bin/env bash
# Builds the Moov Watchman server (github.com/moov-io/watchman/cmd/server)
# from the Go module proxy, as pinned by scripts/watchman/server/go.mod and
# go.sum, and prints the path of the binary on standard output.
#
# The binary is cached in $PAYSCREEN_WATCHMAN_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/payscreen/watchman) under the Watchman version
# and a hash of the pinned go.mod/go.sum, and reused when present; -f
# rebuilds it. A cold build downloads ~150 modules and takes a few minutes.
#
# Usage: scripts/watchman/build.sh [-f]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$here/server
version=$(awk '$1 == "require" && $2 == "github.com/moov-io/watchman" { print $3 }' "$module/go.mod")
if [ -z "$version" ]; then
	echo "build.sh: no github.com/moov-io/watchman requirement in $module/go.mod" >&2
	exit 1
fi
hash=$(cat "$module/go.mod" "$module/go.sum" | sha256sum | cut -c1-12)
cache=${PAYSCREEN_WATCHMAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/payscreen/watchman}
bin=$cache/$version-$hash/watchman-server

if [ "${1:-}" != "-f" ] && [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

mkdir -p "$(dirname "$bin")"
tmp=$(mktemp "$bin.XXXXXX")
trap 'rm -f "$tmp"' EXIT
echo "build.sh: building Watchman $version into $bin" >&2
# -mod=readonly: go.sum must already pin every module; GOFLAGS from the
# caller (such as -tags) must not leak into this unrelated module.
(cd "$module" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -o "$tmp" github.com/moov-io/watchman/cmd/server) >&2
chmod 755 "$tmp"
mv -f "$tmp" "$bin"
trap - EXIT
echo "$bin"
