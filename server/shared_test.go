package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// sharedPath returns the path of rel under ../shared (see [sharedtest.Path]).
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, rel)
}

// loadOnce loads list directories of ../shared once per test binary.
type loadOnce struct {
	once sync.Once
	set  *lists.Set
	err  error
}

var (
	realMu    sync.Mutex
	realLoads = map[string]*loadOnce{}
)

// sharedSet loads the given directories of ../shared/lists (once per test
// binary; a Set is immutable and may be shared).
func sharedSet(tb testing.TB, dirs ...string) *lists.Set {
	tb.Helper()
	var paths []string
	for _, d := range dirs {
		paths = append(paths, sharedPath(tb, "lists/"+d))
	}
	key := strings.Join(dirs, "|")
	realMu.Lock()
	l := realLoads[key]
	if l == nil {
		l = &loadOnce{}
		realLoads[key] = l
	}
	realMu.Unlock()
	l.once.Do(func() {
		l.set, l.err = lists.LoadDirs(context.Background(), paths, lists.LoadOptions{})
	})
	require.NoError(tb, l.err)
	return l.set
}

// realDirs are the current lists of ../shared/lists.
var realDirs = []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01", "uk/2024-01"}

// realSet is the current real lists.
func realSet(tb testing.TB) *lists.Set { return sharedSet(tb, realDirs...) }

// noAgePolicy is the default policy without a list age limit: the shared
// copies are older than any sensible limit.
func noAgePolicy() screening.Policy {
	p := screening.DefaultPolicy()
	p.MaxListAge = "0"
	return p
}

// clock is a settable clock for list ages.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock {
	c := &clock{}
	c.set(t)
	return c
}
func (c *clock) set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *clock) now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *clock) add(d time.Duration) { c.ns.Add(int64(d)) }
func fixed(set *lists.Set) func(context.Context) (*lists.Set, error) {
	return func(context.Context) (*lists.Set, error) { return set, nil }
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start builds a Server with cfg (Logger to a buffer at debug level
// unless set), refreshes it once and serves it with httptest.
func start(t *testing.T, cfg Config) (*Server, *httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if cfg.Policy.Review == 0 {
		cfg.Policy = noAgePolicy()
	}
	s, err := New(cfg)
	require.NoError(t, err)
	require.NoError(t, s.Refresh(context.Background()))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts, logs
}

// do sends a request and returns the status, the body and the answer's
// headers.
func do(t *testing.T, method, url, body string, header ...string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b), resp.Header
}

// serve runs one request through h.
func serve(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
