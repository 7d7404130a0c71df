package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/screening/redflags"
)

// confirmedAt returns a copy of set whose lists were last confirmed
// current at t, as a download answered 304 Not Modified would make them.
func confirmedAt(set *lists.Set, t time.Time) *lists.Set {
	out := &lists.Set{}
	for _, l := range set.Lists {
		c := *l
		c.Retrieved = t
		out.Lists = append(out.Lists, &c)
	}
	return out
}

// TestStaleListsAnswer503 follows a server whose refreshes fail until its
// lists pass the maximum age: ready and screening until then, 503 after,
// never a clear; a fresh set makes it ready again.
func TestStaleListsAnswer503(t *testing.T) {
	un := sharedSet(t, "un/2026-02")
	published := un.Lists[0].Published
	require.False(t, published.IsZero())
	clk := newClock(published.Add(24 * time.Hour))
	var loadErr atomic.Pointer[error]
	var next atomic.Pointer[lists.Set]
	next.Store(un)
	policy := screening.DefaultPolicy()
	policy.MaxListAge = "168h"
	s, ts, _ := start(t, Config{Policy: policy, Now: clk.now, Load: func(context.Context) (*lists.Set, error) {
		if e := loadErr.Load(); e != nil {
			return nil, *e
		}
		return next.Load(), nil
	}})
	payee := `{"id":"E1","name":"Anna Schmidt"}`
	screenCode := func() int { c, _, _ := do(t, "POST", ts.URL+"/v1/screen", payee); return c }
	readyCode := func() (int, string) { c, b, _ := do(t, "GET", ts.URL+"/readyz", ""); return c, b }

	code, body := readyCode()
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, published.Add(168*time.Hour).UTC().Format("2006-01-02T15:04:05"), "fresh until publication + max age")

	// A failed refresh keeps the lists in use.
	e := errors.New("download failed: 503 from the publisher")
	loadErr.Store(&e)
	require.Error(t, s.Refresh(context.Background()))
	code, body = readyCode()
	assert.Equal(t, http.StatusOK, code, "still within the maximum age: %s", body)
	assert.Contains(t, body, "download failed: 503 from the publisher", "the failure is shown")
	assert.Equal(t, http.StatusOK, screenCode(), "screening goes on with the old lists")

	// Past the maximum age: not ready, and no screening at all.
	clk.add(7 * 24 * time.Hour)
	code, body = readyCode()
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "passed the maximum list age")
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/v1/screen", payee},
		{"POST", "/v1/screen/batch", payee},
		{"GET", "/v2/search?name=Anna+Schmidt", ""},
	} {
		c, b, _ := do(t, tc.method, ts.URL+tc.path, tc.body)
		assert.Equal(t, http.StatusServiceUnavailable, c, "%s %s with stale lists", tc.method, tc.path)
		assert.NotContains(t, b, `"decision"`, "no decision at all, least of all clear")
	}
	_, m, _ := do(t, "GET", ts.URL+"/metrics", "")
	assert.Contains(t, m, "payscreen_lists_ready 0")
	assert.Contains(t, m, `payscreen_list_refreshes_total{result="error"} 1`)

	// The same publication again is still stale: the refresh fails.
	loadErr.Store(nil)
	require.ErrorIs(t, s.Refresh(context.Background()), lists.ErrStale)
	assert.Equal(t, http.StatusServiceUnavailable, screenCode())

	// Confirmed current by its publisher: ready again.
	next.Store(confirmedAt(un, clk.now()))
	require.NoError(t, s.Refresh(context.Background()))
	code, body = readyCode()
	assert.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, http.StatusOK, screenCode())
}

// swapSets are two publications of the OFAC SDN list, and payees whose
// results differ between them.
func swapSets(t *testing.T) (a, b *lists.Set, payees []string) {
	a = sharedSet(t, "ofac/2025-02")
	b = sharedSet(t, "ofac/2025-12")
	old := map[string]bool{}
	for _, e := range a.Lists[0].Entities {
		old[e.ID] = true
	}
	// Persons listed between the two publications, under a full name.
	for _, e := range b.Lists[0].Entities {
		if old[e.ID] || e.Type != lists.Person || len(strings.Fields(e.PrimaryName())) < 3 || len(e.BirthDates) == 0 {
			continue
		}
		payees = append(payees, fmt.Sprintf(`{"id":"N%d","name":%q,"type":"person","dob":%q}`, len(payees), e.PrimaryName(), e.BirthDates[0].From))
		if len(payees) == 3 {
			break
		}
	}
	require.Len(t, payees, 3, "persons newly listed between 2025-02 and 2025-12")
	payees = append(payees,
		`{"id":"S1","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}`,
		`{"id":"C1","name":"Maria Fernanda Lopez"}`)
	return a, b, payees
}

// TestRefreshSwapUnderLoad screens payees from several goroutines while
// the lists are swapped back and forth: every answer is exactly the
// result of one of the two sets, the one its Payscreen-Lists header names.
func TestRefreshSwapUnderLoad(t *testing.T) {
	a, b, payees := swapSets(t)
	var n atomic.Int64
	s, ts, _ := start(t, Config{Load: func(context.Context) (*lists.Set, error) {
		if n.Add(1)%2 == 1 {
			return a, nil
		}
		return b, nil
	}})
	want := map[string][]string{}
	for _, set := range []*lists.Set{a, b} {
		sc, err := screening.New(set, noAgePolicy(), screening.Options{})
		require.NoError(t, err)
		for _, p := range payees {
			want[setID(set)] = append(want[setID(set)], expectedLine(t, sc, p))
		}
	}
	require.NotEqual(t, want[setID(a)][0], want[setID(b)][0], "the sets differ on the newly listed payee")

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]int{}
	var failures []string
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p := i % len(payees)
				resp, err := http.Post(ts.URL+"/v1/screen", "application/json", strings.NewReader(payees[p]))
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				id := resp.Header.Get(ListsHeader)
				mu.Lock()
				seen[id]++
				switch {
				case resp.StatusCode != http.StatusOK:
					failures = append(failures, fmt.Sprintf("status %d: %s", resp.StatusCode, body))
				case want[id] == nil:
					failures = append(failures, "unknown list set "+id)
				case string(body) != want[id][p]:
					failures = append(failures, fmt.Sprintf("payee %d on %s: got %s want %s", p, id, body, want[id][p]))
				}
				mu.Unlock()
			}
		}()
	}
	for range 4 {
		require.NoError(t, s.Refresh(context.Background()))
	}
	close(stop)
	wg.Wait()
	assert.Empty(t, failures, "every answer is one set's result")
	assert.Positive(t, seen[setID(a)], "answers on the 2025-02 lists")
	assert.Positive(t, seen[setID(b)], "answers on the 2025-12 lists")
	t.Logf("answers per set: %v", seen)
}

// TestBatchFinishesOnItsLists swaps the lists while a batch is being
// uploaded: the whole batch is screened against the set in use when it
// started.
func TestBatchFinishesOnItsLists(t *testing.T) {
	a, b, payees := swapSets(t)
	var n atomic.Int64
	tmp := t.TempDir()
	s, ts, _ := start(t, Config{TempDir: tmp, Load: func(context.Context) (*lists.Set, error) {
		if n.Add(1) == 1 {
			return a, nil
		}
		return b, nil
	}})
	body := strings.Join(payees, "\n") + "\n"

	pr, pw := io.Pipe()
	type answer struct {
		code   int
		header string
		body   string
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		resp, err := http.Post(ts.URL+"/v1/screen/batch", "application/x-ndjson", pr)
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(resp.Body)
		done <- answer{resp.StatusCode, resp.Header.Get(ListsHeader), string(out), err}
	}()
	half := len(body) / 2
	_, err := pw.Write([]byte(body[:half]))
	require.NoError(t, err)
	// The handler has taken its list set once its spool file exists.
	require.Eventually(t, func() bool {
		m, _ := filepath.Glob(filepath.Join(tmp, "payscreen-batch-*"))
		return len(m) == 1
	}, 30*time.Second, 5*time.Millisecond)
	require.NoError(t, s.Refresh(context.Background()))
	_, _, h := do(t, "GET", ts.URL+"/v1/lists", "")
	require.Equal(t, setID(b), h.Get(ListsHeader), "the new lists are in use")
	_, err = pw.Write([]byte(body[half:]))
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	ans := <-done
	require.NoError(t, ans.err)
	require.Equal(t, http.StatusOK, ans.code, ans.body)
	assert.Equal(t, setID(a), ans.header, "the batch was screened against the lists of its start")

	sc, err := screening.New(a, noAgePolicy(), screening.Options{})
	require.NoError(t, err)
	var want bytes.Buffer
	jw := payroll.NewJSONLWriter(&want)
	open := func() (screening.RowReader, error) {
		return payroll.NewJSONLReader(strings.NewReader(body), "batch"), nil
	}
	require.NoError(t, redflags.ScreenBatch(context.Background(), sc, open, redflags.Options{Policy: noAgePolicy().RedFlags},
		screening.BatchOptions{}, func(rr screening.RowResult) error { return jw.Write(rr) }))
	require.NoError(t, jw.Flush())
	assert.Equal(t, want.String(), ans.body, "every row on the old lists")
	m, _ := filepath.Glob(filepath.Join(tmp, "payscreen-batch-*"))
	assert.Empty(t, m, "the spooled body is removed")
}

// TestRun refreshes on its own every Config.Refresh.
func TestRun(t *testing.T) {
	set := sharedSet(t, "un/2026-02")
	var loads atomic.Int64
	s, _, _ := start(t, Config{Refresh: 20 * time.Millisecond, Load: func(context.Context) (*lists.Set, error) {
		loads.Add(1)
		return set, nil
	}})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx) }()
	require.Eventually(t, func() bool { return loads.Load() >= 4 }, 30*time.Second, 10*time.Millisecond)
	cancel()
	assert.ErrorIs(t, <-errc, context.Canceled)
}

func TestExpiry(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	set := &lists.Set{Lists: []*lists.List{
		{Source: lists.OFACSDN, Published: day(10)},
		{Source: lists.UN, Published: day(3), Retrieved: day(12)},
		{Source: lists.EU, Published: day(5)},
		{Source: lists.Indicators, Feed: "dprk_indicators", Published: day(1)},
		{Source: lists.OFACSDN, Sample: true},
	}}
	tests := []struct {
		name   string
		maxAge time.Duration
		want   time.Time
		reason string
	}{
		{"oldest", 48 * time.Hour, day(7), "the EU list, published on the 5th, is the oldest; the UN was confirmed on the 12th; feeds and samples are exempt"},
		{"no limit", 0, time.Time{}, "no maximum age: never expires"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, expiry(set, tt.maxAge), tt.reason)
	}
	// The server's expiry agrees with CheckFresh on either side of it.
	exp := expiry(set, 48*time.Hour)
	assert.NoError(t, set.CheckFresh(exp.Add(-time.Second), 48*time.Hour))
	assert.ErrorIs(t, set.CheckFresh(exp.Add(time.Second), 48*time.Hour), lists.ErrStale)
}
