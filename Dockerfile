# payscreen serve in a container: a static binary (CGO_ENABLED=0) on
# distroless/static, running as an unprivileged user.
#
#   docker build -t payscreen .
#   docker run -p 8080:8080 -v payscreen-lists:/cache:ro -v $PWD/keys:/etc/payscreen/keys:ro payscreen
#
# The list cache is /cache (XDG_CACHE_HOME): fill it with
#   docker run -v payscreen-lists:/cache payscreen lists update
# and share it, read-only, between replicas (see README, "Running N replicas").
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod \
	CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags='-s -w' -o /out/payscreen ./cmd/payscreen
# The cache directory, owned by nonroot: a named volume mounted on /cache
# takes the owner of the image's directory, so "lists update" can write it.
RUN mkdir -p /out/cache

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/payscreen /usr/local/bin/payscreen
COPY --from=build --chown=65532:65532 /out/cache /cache
ENV XDG_CACHE_HOME=/cache
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/payscreen"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--api-keys", "/etc/payscreen/keys", "--refresh", "1h"]
