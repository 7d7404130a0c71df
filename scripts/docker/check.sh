#!/usr/bin/env bash
# Checks what the Dockerfile promises, without a Docker engine (none runs
# on the development machine or in CI): the binary its build stage makes,
# run in a root file system laid out as gcr.io/distroless/static-debian12
# :nonroot lays it out (nothing but /etc/passwd, /etc/group, the CA
# certificates, /tmp — no shell, no libc), as the Dockerfile's USER, with
# its ENV, ENTRYPOINT and CMD:
#
#  1. the Dockerfile's own `go build` line, run as written (output
#     redirected), gives a statically linked binary (no ELF interpreter);
#  2. `payscreen lists update --mirror` as uid 65532 fills the cache at the
#     image's /cache (XDG_CACHE_HOME) from a loopback mirror of the real
#     lists of ../shared/lists (the README's "docker run ... lists update");
#  3. the ENTRYPOINT with the CMD as written (serve on 0.0.0.0:8080 with
#     --api-keys /etc/payscreen/keys) becomes ready on those lists, refuses
#     a request without a key (401), blocks a listed DPRK name with one,
#     and runs as uid 65532.
#
# Steps 2 and 3 run in a network namespace of their own (unshare -n), so
# 0.0.0.0:8080 is reachable only from inside it; without the privilege to
# make one, they run on 127.0.0.1 and a free port instead. chroot needs
# root. What is not checked: the base image itself and docker build
# (neither can be fetched or run here).
set -euo pipefail
cd "$(dirname "$0")/../.."
S=../shared/lists
if [ ! -d "$S/ofac/2025-12" ]; then
	echo "docker/check.sh: $S (the real lists) is missing" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/rootfs
fail() { echo "docker/check.sh: $*" >&2; exit 1; }

# What the Dockerfile says.
build=$(sed -n 's/^[[:space:]]*\(CGO_ENABLED=0 .*go build .*-o \/out\/payscreen .*\)$/\1/p' Dockerfile)
entry=$(sed -n 's/^ENTRYPOINT \["\([^"]*\)"\]$/\1/p' Dockerfile)
cmd=$(sed -n 's/^CMD \[\(.*\)\]$/\1/p' Dockerfile | sed 's/", *"/ /g; s/"//g')
user=$(sed -n 's/^USER \(.*\)$/\1/p' Dockerfile)
cache=$(sed -n 's/^ENV XDG_CACHE_HOME=\(.*\)$/\1/p' Dockerfile)
grep -q '^FROM gcr.io/distroless/static-debian12:nonroot$' Dockerfile || fail "the final stage is not distroless/static-debian12:nonroot: update this check"
grep -q "^COPY --from=build --chown=65532:65532 /out/cache $cache\$" Dockerfile || fail "the image does not create $cache owned by nonroot"
[ -n "$build" ] && [ -n "$entry" ] && [ -n "$cmd" ] && [ -n "$cache" ] || fail "cannot read the build line, ENTRYPOINT, CMD or ENV XDG_CACHE_HOME of the Dockerfile"
[ "$user" = nonroot:nonroot ] || fail "USER is $user, not nonroot:nonroot"
uid=65532 # nonroot in distroless

echo "== build, as the Dockerfile: $build"
mkdir -p "$root/out"
(eval "${build//\/out\//$root/out/}")
if readelf -lW "$root/out/payscreen" | grep -q 'Requesting program interpreter'; then
	fail "the binary is dynamically linked: it would not start on distroless/static"
fi
echo "   statically linked: $(du -h "$root/out/payscreen" | cut -f1)"

# The root file system of distroless/static-debian12:nonroot, and the image's layers.
install -D -m 0755 "$root/out/payscreen" "$root$entry"
rm -rf "$root/out"
mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/home/nonroot" "$root$cache" "$root/etc/payscreen"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$root/etc/group"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
chown "$uid:$uid" "$root$cache" "$root/home/nonroot"
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s docker-check\n' "$(printf %s "$key" | sha256sum | cut -d' ' -f1)" >"$root/etc/payscreen/keys"

# A mirror of the publishers' files (lists.MirrorFeeds' layout), from the
# real lists, keeping their modification times (OFAC's CSV files are dated
# by Last-Modified).
m=$tmp/mirror
mkdir -p "$m/ofac_sdn" "$m/ofac_cons" "$m/un" "$m/eu" "$m/uk"
for f in sdn alt add sdn_comments; do cp -p "$S/ofac/2025-12/$f.csv" "$m/ofac_sdn/${f^^}.CSV"; done
for f in prim alt add comments; do cp -p "$S/ofac-nonsdn/2025-12/cons_$f.csv" "$m/ofac_cons/CONS_${f^^}.CSV"; done
cp -p "$S/un/2026-02/consolidated.xml" "$m/un/consolidated.xml"
cp -p "$S/eu/2026-08-excerpt/fsf-1.1-excerpt.xml" "$m/eu/xmlFullSanctionsList_1_1.xml"
cp -p "$S/uk/2026-08-excerpt/UK-Sanctions-List-excerpt.xml" "$m/uk/UK-Sanctions-List.xml"
mkdir -p "$tmp/fileserver"
cat >"$tmp/fileserver/main.go" <<'EOF'
// A static file server on 127.0.0.1 (with Last-Modified from the files).
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(l.Addr())
	os.Stdout.Close()
	panic(http.Serve(l, http.FileServer(http.Dir(os.Args[1]))))
}
EOF
(cd "$tmp/fileserver" && GOFLAGS= GO111MODULE=off go build -o "$tmp/fileserver/fs" main.go)

# Steps 2 and 3, in a network namespace when one can be made.
inside() {
	set -euo pipefail
	local root=$1 entry=$2 cmd=$3 cache=$4 uid=$5 key=$6 tmp=$7 addr=$8
	kids=() # global: the EXIT trap runs after the function returns
	trap 'kill "${kids[@]}" 2>/dev/null || true' EXIT
	ip link set lo up 2>/dev/null || true
	"$tmp/fileserver/fs" "$tmp/mirror" >"$tmp/fs.addr" 2>"$tmp/fs.log" &
	kids+=($!)
	for _ in $(seq 100); do [ -s "$tmp/fs.addr" ] && break; sleep 0.05; done
	local mirror="http://$(cat "$tmp/fs.addr")/"
	# The image's environment: distroless's PATH and SSL_CERT_FILE, and ENV.
	# env and chroot exec the binary: one process, whose pid $! is.
	local img=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
		SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt XDG_CACHE_HOME="$cache"
		/usr/sbin/chroot --userspec="$uid:$uid" "$root" "$entry")
	echo "== as uid $uid in the image's file system: lists update --mirror $mirror"
	"${img[@]}" lists update --mirror "$mirror"
	# shellcheck disable=SC2086 # CMD's words
	set -- $cmd
	if [ "$addr" != 0.0.0.0:8080 ]; then set -- "${@/0.0.0.0:8080/$addr}"; fi
	echo "== ENTRYPOINT and CMD: $entry $*"
	"${img[@]}" "$@" >"$tmp/serve.out" 2>"$tmp/serve.log" &
	local pid=$!
	kids+=("$pid")
	local base="http://127.0.0.1:${addr##*:}"
	for _ in $(seq 600); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
	if ! curl -fsS "$base/readyz"; then
		tail -n 20 "$tmp/serve.log" >&2
		echo "docker/check.sh: the server did not become ready" >&2
		return 1
	fi
	echo
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/v1/screen" -d '{"id":"C-1","name":"Sim Hyeon Seop","dob":"1983-11-25"}')
	[ "$code" = 401 ] || { echo "docker/check.sh: without an API key: HTTP $code, want 401" >&2; return 1; }
	local out
	out=$(curl -fsS -H "X-API-Key: $key" -X POST "$base/v1/screen" -d '{"id":"C-1","name":"Sim Hyeon Seop","dob":"1983-11-25"}')
	case $out in
	*'"decision":"block"'*'"entity_id":"42498"'*) echo "   /v1/screen with the key: block, OFAC SDN 42498" ;;
	*) echo "docker/check.sh: /v1/screen answered: ${out:0:300}" >&2; return 1 ;;
	esac
	local puid
	puid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
	[ "$puid" = "$uid" ] || { echo "docker/check.sh: the server runs as uid $puid, want $uid" >&2; return 1; }
	echo "   the server runs as uid $puid; sources: $(curl -fsS -H "X-API-Key: $key" "$base/v1/lists" | grep -o '"source":"[a-z_]*"' | sort -u | cut -d'"' -f4 | tr '\n' ' ')"
}
if unshare -n true 2>/dev/null; then
	unshare -n bash -c "$(declare -f inside); inside \"\$@\"" inside "$root" "$entry" "$cmd" "$cache" "$uid" "$key" "$tmp" 0.0.0.0:8080
else
	port=$((10000 + RANDOM % 22000)) # below the ephemeral ports (32768-) outgoing connections take
	echo "== no network namespace here: serving on 127.0.0.1:$port instead of 0.0.0.0:8080"
	(inside "$root" "$entry" "$cmd" "$cache" "$uid" "$key" "$tmp" "127.0.0.1:$port")
fi
echo "== the Dockerfile's binary, user, cache and command work on a distroless-like root file system"
