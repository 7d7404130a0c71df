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

// serveArgs are the flags of "payscreen serve".
type serveArgs struct {
	lf                                      listFlags
	addr                                    string
	refresh                                 time.Duration
	download                                bool
	mirror                                  string
	feeds                                   []lists.Feed // of --mirror; nil: the official feeds
	apiKeys, tlsCert, tlsKey                string
	maxBody, maxBatch                       int64
	maxField                                int
	readTimeout, writeTimeout, batchTimeout time.Duration
	level                                   slog.Level
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseServeArgs(args, stderr)
	if !ok {
		return code
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: a.level}))
	fail := func(err error) int {
		log.Error("payscreen serve stopped", "err", err)
		fmt.Fprintf(stderr, "payscreen serve: %v\n", err)
		return exitError
	}
	cfg, err := serveConfig(&a, log)
	if err != nil {
		return fail(err)
	}
	srv, err := server.New(cfg)
	if err != nil {
		return fail(err)
	}
	if err := srv.Refresh(ctx); err != nil {
		return fail(err)
	}
	l, err := net.Listen("tcp", a.addr)
	if err != nil {
		return fail(err)
	}
	scheme := "http"
	if a.tlsCert != "" {
		scheme = "https"
	}
	log.Info("serving", "addr", l.Addr().String(), "scheme", scheme, "refresh", a.refresh.String())
	fmt.Fprintf(stdout, "payscreen serve: listening on %s://%s\n", scheme, l.Addr())
	// The refresh loop is stopped and waited for before returning, so
	// that no download is still writing the cache when serve exits.
	runCtx, stopRun := context.WithCancel(ctx)
	ran := make(chan struct{})
	go func() { srv.Run(runCtx); close(ran) }()
	err = srv.Serve(ctx, l, a.tlsCert, a.tlsKey, 30*time.Second)
	stopRun()
	<-ran
	if err != nil {
		return fail(err)
	}
	log.Info("payscreen serve stopped")
	return exitOK
}

// parseServeArgs parses and checks the flags of "payscreen serve"; when
// ok is false the command exits with code.
func parseServeArgs(args []string, stderr io.Writer) (a serveArgs, code int, ok bool) {
	fs := newFlagSet("payscreen serve", stderr)
	addListFlags(fs, &a.lf)
	fs.StringVar(&a.addr, "addr", "127.0.0.1:8080", "listen on `host:port`")
	fs.DurationVar(&a.refresh, "refresh", 6*time.Hour, "re-read the lists (and re-download them with --download) every `interval`; 0 never")
	fs.BoolVar(&a.download, "download", false, "download the lists into the cache before each refresh, as \"payscreen lists update\" (one process per cache directory; without --lists)")
	fs.StringVar(&a.mirror, "mirror", "", "with --download, "+mirrorUsage)
	fs.StringVar(&a.apiKeys, "api-keys", "", "require an API key listed in `file` (one sha256 hex digest per line, optionally followed by a label)")
	fs.StringVar(&a.tlsCert, "tls-cert", "", "serve HTTPS with the certificate `file` (PEM; with --tls-key)")
	fs.StringVar(&a.tlsKey, "tls-key", "", "serve HTTPS with the private key `file` (PEM; with --tls-cert)")
	fs.Int64Var(&a.maxBody, "max-body", server.DefaultMaxBodyBytes, "largest body of /v1/screen, in `bytes`")
	fs.Int64Var(&a.maxBatch, "max-batch", server.DefaultMaxBatchBytes, "largest body of /v1/screen/batch, in `bytes`")
	fs.IntVar(&a.maxField, "max-field", server.DefaultMaxFieldBytes, "longest field of a payee, in `bytes`")
	fs.DurationVar(&a.readTimeout, "read-timeout", server.DefaultReadTimeout, "time to read a request (`duration`)")
	fs.DurationVar(&a.writeTimeout, "write-timeout", server.DefaultWriteTimeout, "time to write an answer (`duration`)")
	fs.DurationVar(&a.batchTimeout, "batch-timeout", server.DefaultBatchTimeout, "time to read and answer a batch (`duration`)")
	logLevel := fs.String("log-level", "info", "`level` of the JSON logs on standard error: debug (every request), info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen serve [flags]")
		fmt.Fprintln(stderr, "Serves screening over HTTP: POST /v1/screen, POST /v1/screen/batch, GET /v1/lists, /healthz, /readyz, /metrics, and Watchman's GET /v2/search.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return a, exitOK, false
		}
		return a, exitUsage, false
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "payscreen serve: no arguments expected")
		fs.Usage()
		return a, exitUsage, false
	}
	if (a.tlsCert == "") != (a.tlsKey == "") {
		fmt.Fprintln(stderr, "payscreen serve: --tls-cert and --tls-key go together")
		return a, exitUsage, false
	}
	if a.download && len(a.lf.lists) > 0 {
		fmt.Fprintln(stderr, "payscreen serve: --download updates the cache; it cannot be used with --lists")
		return a, exitUsage, false
	}
	if a.mirror != "" {
		if !a.download {
			fmt.Fprintln(stderr, "payscreen serve: --mirror is where --download downloads from; it needs --download")
			return a, exitUsage, false
		}
		feeds, err := lists.MirrorFeeds(a.mirror)
		if err != nil {
			fmt.Fprintf(stderr, "payscreen serve: --mirror: %v\n", err)
			return a, exitUsage, false
		}
		a.feeds = feeds
	}
	if err := a.level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "payscreen serve: --log-level wants debug, info, warn or error, not %q\n", *logLevel)
		return a, exitUsage, false
	}
	return a, exitOK, true
}

// serveConfig builds the server's configuration from the flags: the
// policy, how lists are (down)loaded, and the API keys, warning when
// none guard a non-loopback address.
func serveConfig(a *serveArgs, log *slog.Logger) (server.Config, error) {
	policy, err := a.lf.loadPolicy()
	if err != nil {
		return server.Config{}, err
	}
	cfg := server.Config{
		Policy: policy, Refresh: a.refresh, Logger: log,
		MaxBodyBytes: a.maxBody, MaxBatchBytes: a.maxBatch, MaxFieldBytes: a.maxField,
		ReadTimeout: a.readTimeout, WriteTimeout: a.writeTimeout, BatchTimeout: a.batchTimeout,
	}
	cfg.Load = func(ctx context.Context) (*lists.Set, error) {
		if a.download {
			if err := downloadLists(ctx, a.feeds, log); err != nil {
				// The lists already in the cache are still loaded: a
				// source that updated is used, and list ages decide.
				log.Warn("list download failed", "err", err)
			}
		}
		return a.lf.loadLists(ctx)
	}
	if a.apiKeys != "" {
		keys, err := server.LoadAPIKeys(a.apiKeys)
		if err != nil {
			return server.Config{}, err
		}
		cfg.Keys = keys
		log.Info("API keys required", "keys", keys.Len())
	} else if host, _, err := net.SplitHostPort(a.addr); err == nil {
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			log.Warn("serving without API keys on a non-loopback address: anyone who reaches it can screen", "addr", a.addr)
		}
	}
	return cfg, nil
}

// downloadLists updates the default cache from feeds (nil: the official
// ones), as "payscreen lists update".
func downloadLists(ctx context.Context, feeds []lists.Feed, log *slog.Logger) error {
	dir, err := lists.DefaultCacheDir()
	if err != nil {
		return err
	}
	d := lists.NewDownloader(dir)
	if feeds != nil {
		d.Feeds = feeds
	}
	report, err := d.Update(ctx)
	for _, s := range report.Sources {
		log.Info("list download", "source", s.Source.String(), "format", s.Format.String(), "outcome", s.Outcome.String(), "entities", s.Entities)
	}
	return err
}
