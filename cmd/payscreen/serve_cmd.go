package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen serve", stderr)
	var lf listFlags
	addListFlags(fs, &lf)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	refresh := fs.Duration("refresh", 6*time.Hour, "re-read the lists (and re-download them with --download) every `interval`; 0 never")
	download := fs.Bool("download", false, "download the lists into the cache before each refresh, as \"payscreen lists update\" (one process per cache directory; without --lists)")
	apiKeys := fs.String("api-keys", "", "require an API key listed in `file` (one sha256 hex digest per line, optionally followed by a label)")
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with the certificate `file` (PEM; with --tls-key)")
	tlsKey := fs.String("tls-key", "", "serve HTTPS with the private key `file` (PEM; with --tls-cert)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBodyBytes, "largest body of /v1/screen, in `bytes`")
	maxBatch := fs.Int64("max-batch", server.DefaultMaxBatchBytes, "largest body of /v1/screen/batch, in `bytes`")
	maxField := fs.Int("max-field", server.DefaultMaxFieldBytes, "longest field of a payee, in `bytes`")
	readTimeout := fs.Duration("read-timeout", server.DefaultReadTimeout, "time to read a request (`duration`)")
	writeTimeout := fs.Duration("write-timeout", server.DefaultWriteTimeout, "time to write an answer (`duration`)")
	batchTimeout := fs.Duration("batch-timeout", server.DefaultBatchTimeout, "time to read and answer a batch (`duration`)")
	logLevel := fs.String("log-level", "info", "`level` of the JSON logs on standard error: debug (every request), info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen serve [flags]")
		fmt.Fprintln(stderr, "Serves screening over HTTP: POST /v1/screen, POST /v1/screen/batch, GET /v1/lists, /healthz, /readyz, /metrics, and Watchman's GET /v2/search.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "payscreen serve: no arguments expected")
		fs.Usage()
		return exitUsage
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		fmt.Fprintln(stderr, "payscreen serve: --tls-cert and --tls-key go together")
		return exitUsage
	}
	if *download && len(lf.lists) > 0 {
		fmt.Fprintln(stderr, "payscreen serve: --download updates the cache; it cannot be used with --lists")
		return exitUsage
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "payscreen serve: --log-level wants debug, info, warn or error, not %q\n", *logLevel)
		return exitUsage
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	fail := func(err error) int {
		log.Error("payscreen serve stopped", "err", err)
		fmt.Fprintf(stderr, "payscreen serve: %v\n", err)
		return exitError
	}

	policy, err := lf.loadPolicy()
	if err != nil {
		return fail(err)
	}
	cfg := server.Config{
		Policy: policy, Refresh: *refresh, Logger: log,
		MaxBodyBytes: *maxBody, MaxBatchBytes: *maxBatch, MaxFieldBytes: *maxField,
		ReadTimeout: *readTimeout, WriteTimeout: *writeTimeout, BatchTimeout: *batchTimeout,
	}
	cfg.Load = func(ctx context.Context) (*lists.Set, error) {
		if *download {
			if err := downloadLists(ctx, log); err != nil {
				// The lists already in the cache are still loaded: a
				// source that updated is used, and list ages decide.
				log.Warn("list download failed", "err", err)
			}
		}
		return lf.loadLists(ctx)
	}
	if *apiKeys != "" {
		keys, err := server.LoadAPIKeys(*apiKeys)
		if err != nil {
			return fail(err)
		}
		cfg.Keys = keys
		log.Info("API keys required", "keys", keys.Len())
	} else if host, _, err := net.SplitHostPort(*addr); err == nil {
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			log.Warn("serving without API keys on a non-loopback address: anyone who reaches it can screen", "addr", *addr)
		}
	}
	srv, err := server.New(cfg)
	if err != nil {
		return fail(err)
	}
	if err := srv.Refresh(ctx); err != nil {
		return fail(err)
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(err)
	}
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	log.Info("serving", "addr", l.Addr().String(), "scheme", scheme, "refresh", refresh.String())
	fmt.Fprintf(stdout, "payscreen serve: listening on %s://%s\n", scheme, l.Addr())
	go srv.Run(ctx)
	if err := srv.Serve(ctx, l, *tlsCert, *tlsKey, 30*time.Second); err != nil {
		return fail(err)
	}
	log.Info("payscreen serve stopped")
	return exitOK
}

// downloadLists updates the default cache, as "payscreen lists update".
func downloadLists(ctx context.Context, log *slog.Logger) error {
	dir, err := lists.DefaultCacheDir()
	if err != nil {
		return err
	}
	report, err := lists.NewDownloader(dir).Update(ctx)
	for _, s := range report.Sources {
		log.Info("list download", "source", s.Source.String(), "format", s.Format.String(), "outcome", s.Outcome.String(), "entities", s.Entities)
	}
	return err
}
