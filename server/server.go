package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// Defaults of [Config].
const (
	DefaultMaxBodyBytes  = 64 << 10  // one payee
	DefaultMaxBatchBytes = 256 << 20 // a payroll of about a million rows
	DefaultMaxFieldBytes = 1024      // any one field of a payee
	DefaultReadTimeout   = 30 * time.Second
	DefaultWriteTimeout  = 30 * time.Second
	DefaultBatchTimeout  = 30 * time.Minute
	DefaultIdleTimeout   = 2 * time.Minute
)

// ErrNotReady is the cause of a screening request refused because no list
// set is loaded or the one in use is older than the maximum list age.
var ErrNotReady = errors.New("lists not loaded or older than the maximum list age")

// Config configures a [Server]. Load is required; zero fields take their
// defaults.
type Config struct {
	// Load loads the lists afresh: it is called by [Server.Refresh], at
	// start and every Refresh. It should re-read (or re-download) the
	// lists each time, never return a cached *lists.Set.
	Load func(ctx context.Context) (*lists.Set, error)
	// Policy is the screening policy; its MaxAge is the maximum list age.
	Policy screening.Policy
	// Refresh is the interval between list refreshes in [Server.Run];
	// zero or less means never.
	Refresh time.Duration
	// Keys, if set, are the accepted API keys; nil means no
	// authentication.
	Keys *APIKeys
	// Logger receives structured logs; nil means slog.Default().
	Logger *slog.Logger
	// Registerer receives the server's Prometheus collectors and Gatherer
	// serves them on /metrics; nil means a new registry of the server's
	// own, with the Go and process collectors.
	Registerer prometheus.Registerer
	Gatherer   prometheus.Gatherer
	// Now is the clock list ages are measured with; nil means time.Now.
	Now func() time.Time
	// MaxBodyBytes bounds the body of /v1/screen, MaxBatchBytes that of
	// /v1/screen/batch, MaxFieldBytes each field of a payee and each
	// query parameter of /v2/search.
	MaxBodyBytes  int64
	MaxBatchBytes int64
	MaxFieldBytes int
	// ReadTimeout and WriteTimeout bound reading a request and writing
	// its answer ([Server.HTTPServer]); a batch has BatchTimeout for both.
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	BatchTimeout time.Duration
	// TempDir holds the spooled batch bodies; empty means os.TempDir().
	TempDir string
	// BatchWorkers is the number of workers screening one batch; zero
	// means all cores.
	BatchWorkers int
}

func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxBatchBytes <= 0 {
		c.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if c.MaxFieldBytes <= 0 {
		c.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = DefaultReadTimeout
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = DefaultWriteTimeout
	}
	if c.BatchTimeout <= 0 {
		c.BatchTimeout = DefaultBatchTimeout
	}
	return c
}

// Server screens payees over HTTP against the list set it holds. Its
// methods are safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	cur     atomic.Pointer[snapshot]
	seq     atomic.Uint64
	refresh sync.Mutex // one Refresh at a time
	metrics *metrics
	handler http.Handler
	// lastErr is the error of the last failed refresh, for /readyz.
	lastErr atomic.Pointer[string]
}

// snapshot is one list set, indexed: what a request screens against from
// its start to its end.
type snapshot struct {
	seq      uint64
	id       string   // Payscreen-Lists header: short hash of the versions
	idHeader []string // []string{id}, the header's value
	screener *screening.Screener
	set      *lists.Set
	loadedAt time.Time
	// expires is when the oldest list passes the maximum age; zero for
	// never (no maximum, or sample lists only).
	expires time.Time
	search  *searchIndex
}

func (s *snapshot) fresh(now time.Time) bool {
	return s.expires.IsZero() || now.Before(s.expires)
}

// New returns a Server with cfg; it loads no list: call [Server.Refresh]
// before serving (until then every screening request answers 503).
func New(cfg Config) (*Server, error) {
	if cfg.Load == nil {
		return nil, errors.New("server: Config.Load is required")
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, log: cfg.Logger}
	reg, gat := cfg.Registerer, cfg.Gatherer
	if reg == nil {
		r := prometheus.NewRegistry()
		reg, gat = r, r
		r.MustRegister(prometheusGoCollectors()...)
	}
	if gat == nil {
		return nil, errors.New("server: Config.Gatherer is required with Config.Registerer")
	}
	m, err := newMetrics(reg, s)
	if err != nil {
		return nil, err
	}
	s.metrics = m
	s.handler = s.routes(gat)
	return s, nil
}

// Refresh loads the lists with Config.Load, builds a Screener and the
// search index over them aside, and swaps them in. Requests under way
// finish on the set they started with. On error the set in use is kept
// (and the error returned); it still stops serving once past its maximum
// age.
func (s *Server) Refresh(ctx context.Context) error {
	s.refresh.Lock()
	defer s.refresh.Unlock()
	start := time.Now()
	snap, err := s.build(ctx)
	if err != nil {
		s.metrics.refreshes.WithLabelValues("error").Inc()
		msg := err.Error()
		s.lastErr.Store(&msg)
		// List errors name files and sources, never payees.
		s.log.Error("list refresh failed; keeping the lists in use", "err", err, "duration", time.Since(start))
		return err
	}
	old := s.cur.Swap(snap)
	s.lastErr.Store(nil)
	s.metrics.refreshes.WithLabelValues("ok").Inc()
	attrs := []any{"lists", snap.id, "entities", snap.set.Len(), "duration", time.Since(start)}
	if !snap.expires.IsZero() {
		attrs = append(attrs, "fresh_until", snap.expires)
	}
	if old != nil && old.id == snap.id {
		s.log.Info("lists refreshed: unchanged", attrs...)
	} else {
		s.log.Info("lists loaded", attrs...)
	}
	return nil
}

func (s *Server) build(ctx context.Context) (*snapshot, error) {
	set, err := s.cfg.Load(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now()
	sc, err := screening.New(set, s.cfg.Policy, screening.Options{Now: now})
	if err != nil {
		return nil, err
	}
	id := setID(set)
	snap := &snapshot{
		seq:      s.seq.Add(1),
		id:       id,
		idHeader: []string{id},
		screener: sc,
		set:      set,
		loadedAt: now,
		expires:  expiry(set, s.cfg.Policy.MaxAge()),
		search:   newSearchIndex(set),
	}
	return snap, nil
}

// setID is a short, stable identifier of the publications in set.
func setID(set *lists.Set) string {
	h := sha256.New()
	for _, v := range set.Versions() {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\n", v.Source, v.Feed, v.Format, v.SHA256())
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// expiry returns when the oldest list of set passes maxAge, as
// [lists.Set.CheckFresh] measures it; zero when nothing expires.
func expiry(set *lists.Set, maxAge time.Duration) time.Time {
	if maxAge <= 0 {
		return time.Time{}
	}
	var first time.Time
	for _, l := range set.Lists {
		if l.Sample || l.Source == lists.Indicators {
			continue
		}
		asOf := listAsOf(l)
		t := asOf.Add(maxAge)
		if first.IsZero() || t.Before(first) {
			first = t
		}
	}
	return first
}

// listAsOf is when a list was last known current: its publication, or a
// later confirmation by its publisher.
func listAsOf(l *lists.List) time.Time {
	if l.Retrieved.After(l.Published) {
		return l.Retrieved
	}
	return l.Published
}

// current returns the snapshot to screen against, or nil when there is
// none fresh enough.
func (s *Server) current() *snapshot {
	snap := s.cur.Load()
	if snap == nil || !snap.fresh(s.cfg.Now()) {
		return nil
	}
	return snap
}

// Run refreshes the lists every Config.Refresh until ctx is done; it
// returns ctx's error. Failed refreshes are logged and counted, and the
// next is tried at the next tick.
func (s *Server) Run(ctx context.Context) error {
	if s.cfg.Refresh <= 0 {
		<-ctx.Done()
		return ctx.Err()
	}
	t := time.NewTicker(s.cfg.Refresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			_ = s.Refresh(ctx) // logged and counted; the old lists stay
		}
	}
}

// Handler returns the server's HTTP handler.
//
// GET /v2/search follows Watchman v0.65.1: the same query parameters
// (unknown ones are a 400, as there), limit (default 10, at most 100),
// minMatch, and the same JSON answer ({"query": ..., "entities": [...]}
// of github.com/moov-io/watchman/pkg/search types), so that Watchman's Go
// client works by changing its base URL. The matching is payscreen's:
// "match" is payscreen's score of the best of the query's names against
// the entry (an exact name scores 1, where Watchman's overall score of a
// name-only search tops out near 0.81), only entries reaching the
// policy's review threshold are returned, and identifiers in the query
// (crypto addresses, government IDs, e-mail, phone) are matched exactly.
// Sources map as in package watchman (us_ofac, us_non_sdn, un_csl,
// eu_csl, uk_csl); a UN entry's sourceID is its reference number
// ("QDi.006", also in sourceData.ReferenceNumber) rather than Watchman's
// "UN-" and DATAID, and indicator feeds are not searched. The senzing
// output formats are not served (400).
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer returns an http.Server for addr with the server's handler
// and its timeouts: ReadHeaderTimeout 10 s, ReadTimeout and WriteTimeout
// from Config (a batch extends both to BatchTimeout), IdleTimeout 2 min.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       DefaultIdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve serves on l until ctx is done, with TLS when certFile and keyFile
// are set, then shuts down gracefully: requests under way get up to
// grace to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener, certFile, keyFile string, grace time.Duration) error {
	hs := s.HTTPServer(l.Addr().String())
	errc := make(chan error, 1)
	go func() {
		if certFile != "" || keyFile != "" {
			errc <- hs.ServeTLS(l, certFile, keyFile)
		} else {
			errc <- hs.Serve(l)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// tempFile creates a file for a spooled batch body.
func (s *Server) tempFile() (*os.File, error) {
	return os.CreateTemp(s.cfg.TempDir, "payscreen-batch-*.jsonl")
}
