package lists

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unFixture returns a UN consolidated list in the official format with n
// made-up individuals, generated on date (YYYY-MM-DD).
func unFixture(n int, date string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	fmt.Fprintf(&b, `<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://www.un.org/sc/resources/sc-sanctions.xsd" dateGenerated="%sT00:00:09.554Z">`+"\n", date)
	b.WriteString("  <INDIVIDUALS>\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `    <INDIVIDUAL>
      <DATAID>%d</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>TEST</FIRST_NAME>
      <SECOND_NAME>PERSON %d</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPi.%03d</REFERENCE_NUMBER>
      <LISTED_ON>2016-03-02</LISTED_ON>
      <NATIONALITY>
        <VALUE>Democratic People's Republic of Korea</VALUE>
      </NATIONALITY>
      <LIST_TYPE>
        <VALUE>UN List</VALUE>
      </LIST_TYPE>
      <INDIVIDUAL_ALIAS>
        <QUALITY>Good</QUALITY>
        <ALIAS_NAME>TESTER %d</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS>
        <COUNTRY/>
      </INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
        <DATE>1970-01-%02d</DATE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH/>
      <INDIVIDUAL_DOCUMENT/>
      <SORT_KEY/>
      <SORT_KEY_LAST_MOD/>
    </INDIVIDUAL>
`, 900000+i, i, i, i, 1+i%28)
	}
	b.WriteString("  </INDIVIDUALS>\n  <ENTITIES/>\n</CONSOLIDATED_LIST>\n")
	return b.Bytes()
}

// testPublisher is an httptest server publishing list files, with
// ETag/Last-Modified validation and a hook to script failures.
type testPublisher struct {
	srv *httptest.Server

	mu           sync.Mutex
	files        map[string][]byte
	lastModified time.Time
	requests     map[string]int
	conditional  map[string]int
	// hook, if set, may answer a request itself (returning true); n is
	// the 1-based count of requests of that path.
	hook func(path string, n int, w http.ResponseWriter, r *http.Request) bool
}

func newTestPublisher(t *testing.T) *testPublisher {
	t.Helper()
	p := &testPublisher{
		files:        map[string][]byte{},
		lastModified: time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC),
		requests:     map[string]int{},
		conditional:  map[string]int{},
	}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "lists", "ofac", n))
		require.NoError(t, err)
		p.files["/ofac/"+strings.ToUpper(n)] = b
	}
	p.files["/un/consolidated.xml"] = unFixture(20, "2026-02-27")
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *testPublisher) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.requests[r.URL.Path]++
	n := p.requests[r.URL.Path]
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		p.conditional[r.URL.Path]++
	}
	hook := p.hook
	body, ok := p.files[r.URL.Path]
	lm := p.lastModified
	p.mu.Unlock()
	if hook != nil && hook(r.URL.Path, n, w, r) {
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lm.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func (p *testPublisher) set(path string, body []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[path] = body
}

func (p *testPublisher) setHook(h func(path string, n int, w http.ResponseWriter, r *http.Request) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hook = h
}

func (p *testPublisher) count(path string) (requests, conditional int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests[path], p.conditional[path]
}

func (p *testPublisher) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	clear(p.requests)
	clear(p.conditional)
}

// feeds returns the OFAC SDN CSV and UN feeds of p.
func (p *testPublisher) feeds() []Feed {
	ofac := Feed{Source: OFACSDN, Format: FormatOFACCSV}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		ofac.Files = append(ofac.Files, FeedFile{Name: n, URL: p.srv.URL + "/ofac/" + strings.ToUpper(n)})
	}
	un := Feed{Source: UN, Format: FormatUNXML, Files: []FeedFile{{Name: "consolidated.xml", URL: p.srv.URL + "/un/consolidated.xml"}}}
	return []Feed{ofac, un}
}

func (p *testPublisher) downloader(dir string) *Downloader {
	return &Downloader{
		Client:   p.srv.Client(),
		CacheDir: dir,
		Feeds:    p.feeds(),
		Retries:  2,
		Backoff:  time.Millisecond,
	}
}

// cacheState returns every file of a cache directory and its content.
func cacheState(t *testing.T, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		state[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	require.NoError(t, err)
	return state
}

func assertCacheUnchanged(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	after := cacheState(t, dir)
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("cache file %s removed", p)
		} else if a != b {
			t.Errorf("cache file %s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("cache file %s added", p)
		}
	}
}

func outcomes(r UpdateReport) map[Source]UpdateOutcome {
	m := map[Source]UpdateOutcome{}
	for _, s := range r.Sources {
		m[s.Source] = s.Outcome
	}
	return m
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestUpdateFirstThenNotModified(t *testing.T) {
	p := newTestPublisher(t)
	dir := t.TempDir()
	d := p.downloader(dir)
	ctx := t.Context()

	report, err := d.Update(ctx)
	require.NoError(t, err, "first update")
	if got := outcomes(report); got[OFACSDN] != Updated || got[UN] != Updated {
		t.Fatalf("first update outcomes = %v, want both updated", got)
	}
	un := report.Sources[1]
	assert.Equal(t, 20, un.Entities, "UN update %+v", un)
	assert.Zero(t, un.Previous, "UN update %+v", un)
	assert.Equal(t, sha(p.files["/un/consolidated.xml"]), un.Files[0].SHA256, "UN update %+v", un)
	for path := range p.files {
		if req, cond := p.count(path); req != 1 || cond != 0 {
			t.Errorf("%s: %d requests, %d conditional; want 1 unconditional", path, req, cond)
		}
	}

	set, err := LoadCache(ctx, dir, LoadOptions{})
	require.NoError(t, err)
	if len(set.Lists) != 2 || set.Lists[0].Source != OFACSDN || set.Lists[1].Source != UN {
		t.Fatalf("LoadCache lists = %v, want OFAC SDN then UN", set.Versions())
	}
	ofac := set.Lists[0]
	assert.Equal(t, p.lastModified, ofac.Published)
	assert.Equal(t, PublishedFromLastModified, ofac.PublishedFrom)
	if len(ofac.Files) != 4 || ofac.Files[0].Name != "sdn.csv" || ofac.Files[0].SHA256 != sha(p.files["/ofac/SDN.CSV"]) ||
		ofac.Files[3].Name != "sdn_comments.csv" || ofac.Files[3].Size != int64(len(p.files["/ofac/SDN_COMMENTS.CSV"])) {
		t.Errorf("OFAC files = %+v", ofac.Files)
	}
	unList := set.Lists[1]
	assert.Equal(t, PublishedFromContent, unList.PublishedFrom, "UN published %v", unList.Published)
	assert.Equal(t, "2026-02-27", unList.Published.Format("2006-01-02"), "the UN list is dated by its content")
	firstRetrieved := unList.Retrieved
	if firstRetrieved.IsZero() || time.Since(firstRetrieved) > time.Minute {
		t.Errorf("UN retrieved %v, want now", firstRetrieved)
	}
	snapshots := func() []string {
		entries, _ := os.ReadDir(filepath.Join(dir, "un"))
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	firstSnapshots := snapshots()

	// Second run: every file answered 304 Not Modified.
	p.reset()
	time.Sleep(10 * time.Millisecond)
	report, err = d.Update(ctx)
	require.NoError(t, err, "second update")
	if got := outcomes(report); got[OFACSDN] != NotModified || got[UN] != NotModified {
		t.Fatalf("second update outcomes = %v, want both not modified", got)
	}
	for path := range p.files {
		if req, cond := p.count(path); req != 1 || cond != 1 {
			t.Errorf("%s: %d requests, %d conditional; want 1 conditional", path, req, cond)
		}
	}
	if got := snapshots(); fmt.Sprint(got) != fmt.Sprint(firstSnapshots) {
		t.Errorf("snapshots after 304 = %v, want unchanged %v", got, firstSnapshots)
	}
	set, err = LoadCache(ctx, dir, LoadOptions{})
	require.NoError(t, err)
	if !set.Lists[1].Retrieved.After(firstRetrieved) {
		t.Errorf("retrieved %v after a 304, want later than %v", set.Lists[1].Retrieved, firstRetrieved)
	}

	// Third run: the UN list changed; OFAC did not.
	p.set("/un/consolidated.xml", unFixture(21, "2026-03-01"))
	report, err = d.Update(ctx)
	require.NoError(t, err, "third update")
	if got := outcomes(report); got[OFACSDN] != NotModified || got[UN] != Updated {
		t.Fatalf("third update outcomes = %v, want OFAC not modified, UN updated", got)
	}
	if un := report.Sources[1]; un.Entities != 21 || un.Previous != 20 {
		t.Errorf("UN update = %d entities, %d before; want 21, 20", un.Entities, un.Previous)
	}
	assert.Len(t, snapshots(), 2)
	// Fourth: changed again; the oldest snapshot is pruned.
	p.set("/un/consolidated.xml", unFixture(22, "2026-03-02"))
	if _, err := d.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if got := snapshots(); len(got) != 2 || slicesContain(got, firstSnapshots[0]) {
		t.Errorf("snapshots = %v, want two, without the first %v", got, firstSnapshots)
	}
	set, err = LoadCache(ctx, dir, LoadOptions{Sources: []Source{UN}})
	require.NoError(t, err)
	assert.Len(t, set.Lists, 1)
	assert.Len(t, set.Lists[0].Entities, 22)
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestUpdateRetriesThenSucceeds(t *testing.T) {
	p := newTestPublisher(t)
	p.setHook(func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
		if path == "/un/consolidated.xml" && n <= 2 {
			http.Error(w, "busy", http.StatusInternalServerError)
			return true
		}
		return false
	})
	d := p.downloader(t.TempDir())
	d.Sources = []Source{UN}
	report, err := d.Update(t.Context())
	require.NoError(t, err, "update after two 500s")
	assert.Equal(t, Updated, report.Sources[0].Outcome)
	if req, _ := p.count("/un/consolidated.xml"); req != 3 {
		t.Errorf("%d requests, want 3 (two 500s then 200)", req)
	}
}

// TestUpdateFailures checks that each kind of failure is reported with
// its cause, naming source and URL, and leaves the cache as it was.
func TestUpdateFailures(t *testing.T) {
	const unPath = "/un/consolidated.xml"
	good := unFixture(20, "2026-02-27")
	tests := []struct {
		name     string
		hook     func(path string, n int, w http.ResponseWriter, r *http.Request) bool
		body     []byte // new content served, when not nil
		retries  int
		err      error
		status   int
		attempts int
		reason   string
	}{
		{
			name: "always 500",
			hook: func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
				http.Error(w, "oops", http.StatusInternalServerError)
				return true
			},
			retries: 2, err: ErrHTTPStatus, status: 500, attempts: 3,
			reason: "a server error is retried Retries times, then the update fails",
		},
		{
			name: "404",
			hook: func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
				http.NotFound(w, r)
				return true
			},
			retries: 2, err: ErrHTTPStatus, status: 404, attempts: 1,
			reason: "a client error is not retried",
		},
		{
			name: "truncated",
			hook: func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Length", strconv.Itoa(len(good)+1000))
				w.Write(good[:len(good)/2])
				return true
			},
			retries: 1, err: ErrTruncated, status: 200, attempts: 2,
			reason: "a body shorter than its Content-Length is truncated, retried, then refused",
		},
		{
			name: "empty",
			hook: func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Length", "0")
				w.WriteHeader(http.StatusOK)
				return true
			},
			retries: 2, err: ErrEmpty, status: 200, attempts: 1,
			reason: "an empty file is refused",
		},
		{
			name: "cut", body: good[:len(good)-200],
			retries: 2, err: ErrTruncated, attempts: 0,
			reason: "a complete transfer of a file cut by the publisher is a truncated list",
		},
		{
			name: "malformed", body: bytes.Replace(good, []byte("<INDIVIDUAL>"), []byte("<INDIVIDUAL><<"), 1),
			retries: 2, err: ErrMalformed, attempts: 0,
			reason: "a file that is not well-formed XML does not parse",
		},
		{
			name: "error page", body: []byte("<!DOCTYPE html>\n<html><body>Service unavailable</body></html>\n"),
			retries: 2, err: ErrFormatMismatch, attempts: 0,
			reason: "an HTML page served in place of the list is not the list",
		},
		{
			name: "no entries", body: unFixture(0, "2026-03-01"),
			retries: 2, err: ErrEmpty, attempts: 0,
			reason: "a well-formed list with no entries is refused",
		},
		{
			name: "shrunk", body: unFixture(17, "2026-03-01"),
			retries: 2, err: ErrShrunk, attempts: 0,
			reason: "losing 3 of 20 entries (15%) is more than the 10% allowed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPublisher(t)
			dir := t.TempDir()
			d := p.downloader(dir)
			if _, err := d.Update(t.Context()); err != nil {
				t.Fatal(err)
			}
			before := cacheState(t, dir)
			p.reset()
			if tt.body != nil {
				p.set(unPath, tt.body)
			}
			if tt.hook != nil {
				p.setHook(func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
					return path == unPath && tt.hook(path, n, w, r)
				})
			}
			d.Retries = tt.retries
			d.Force = true // no 304: every file is downloaded again
			d.MaxShrink = 0
			if tt.name == "shrunk" {
				d.Force = false
			}
			report, err := d.Update(t.Context())
			require.ErrorIs(t, err, tt.err, "%s", tt.reason)
			got := outcomes(report)
			assert.Equal(t, Failed, got[UN], "outcomes = %v (%s)", got, tt.reason)
			assert.NotEqual(t, Failed, got[OFACSDN], "outcomes = %v (%s)", got, tt.reason)
			var de *DownloadError
			require.ErrorAs(t, err, &de)
			require.Equal(t, UN, de.Source)
			require.True(t, strings.HasSuffix(de.URL, unPath))
			assert.Contains(t, err.Error(), "un", "error text %q does not name source and URL", err)
			assert.Contains(t, err.Error(), p.srv.URL+unPath, "error text %q does not name source and URL", err)
			if tt.status != 0 && de.Status != tt.status {
				t.Errorf("status %d, want %d", de.Status, tt.status)
			}
			if tt.attempts != 0 {
				assert.Equal(t, tt.attempts, de.Attempts, "%s", tt.reason)
				if req, _ := p.count(unPath); req != tt.attempts {
					t.Errorf("%d requests, want %d", req, tt.attempts)
				}
			}
			// The UN cache is untouched; OFAC's changed only its metadata.
			for f := range before {
				if strings.HasPrefix(f, "/ofac_sdn") {
					delete(before, f)
				}
			}
			after := map[string]string{}
			for f, b := range cacheState(t, dir) {
				if !strings.HasPrefix(f, "/ofac_sdn") {
					after[f] = b
				}
			}
			assert.Equal(t, fmt.Sprint(before), fmt.Sprint(after), "the failed update changed the UN cache")
			set, err := LoadCache(t.Context(), dir, LoadOptions{Sources: []Source{UN}})
			assert.NoError(t, err, "LoadCache after the failure")
			assert.Len(t, set.Lists[0].Entities, 20, "LoadCache after the failure")
		})
	}
}

func TestUpdateShrinkForce(t *testing.T) {
	p := newTestPublisher(t)
	dir := t.TempDir()
	d := p.downloader(dir)
	d.Sources = []Source{UN}
	if _, err := d.Update(t.Context()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		n         int
		maxShrink float64
		force     bool
		want      UpdateOutcome
		reason    string
	}{
		{18, 0, false, Updated, "losing 2 of 20 (10%) is within the default 10%"},
		{15, 0, false, Failed, "losing 3 of 18 (16.7%) is more than 10%"},
		{15, 0.2, false, Updated, "a 20% allowance accepts it"},
		{5, 0, true, Updated, "Force accepts any shrink"},
		{1, 1, false, Updated, "MaxShrink 1 disables the check"},
	}
	for _, tt := range tests {
		p.set("/un/consolidated.xml", unFixture(tt.n, "2026-03-01"))
		d.MaxShrink, d.Force = tt.maxShrink, tt.force
		report, err := d.Update(t.Context())
		require.Equal(t, tt.want, report.Sources[0].Outcome, "%d entities (%v) (%s)", tt.n, err, tt.reason)
		if tt.want == Failed && !errors.Is(err, ErrShrunk) {
			t.Errorf("error %v, want ErrShrunk", err)
		}
	}
}

func TestUpdateCanceled(t *testing.T) {
	p := newTestPublisher(t)
	dir := t.TempDir()
	d := p.downloader(dir)
	if _, err := d.Update(t.Context()); err != nil {
		t.Fatal(err)
	}
	before := cacheState(t, dir)
	ctx, cancel := context.WithCancel(t.Context())
	p.setHook(func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
		cancel()
		<-r.Context().Done() // hang until the client gives up
		return true
	})
	d.Force = true
	start := time.Now()
	report, err := d.Update(ctx)
	require.ErrorIs(t, err, context.Canceled)
	if time.Since(start) > 5*time.Second {
		t.Errorf("cancellation took %v", time.Since(start))
	}
	for _, s := range report.Sources {
		if s.Outcome != Failed {
			t.Errorf("%s: %v after cancellation, want failed", s.Source, s.Outcome)
		}
	}
	assertCacheUnchanged(t, dir, before)
}

func TestUpdateAttemptTimeout(t *testing.T) {
	p := newTestPublisher(t)
	p.setHook(func(path string, n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			select { // the first attempt hangs
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}
		return false
	})
	d := p.downloader(t.TempDir())
	d.Sources = []Source{UN}
	d.AttemptTimeout = 100 * time.Millisecond
	report, err := d.Update(t.Context())
	require.NoError(t, err, "update after a timed-out attempt: %v", report.Sources)
	require.Equal(t, Updated, report.Sources[0].Outcome, "update after a timed-out attempt: %v", report.Sources)
}

// TestUpdateReplacesDamagedCache checks that a cached file changed on
// disk is not trusted for a conditional request: it is downloaded again.
func TestUpdateReplacesDamagedCache(t *testing.T) {
	p := newTestPublisher(t)
	dir := t.TempDir()
	d := p.downloader(dir)
	d.Sources = []Source{UN}
	if _, err := d.Update(t.Context()); err != nil {
		t.Fatal(err)
	}
	m, err := readCacheMeta(dir, UN)
	require.NoError(t, err)
	damaged := m.snapshotPaths(dir)[0]
	require.NoError(t, os.WriteFile(damaged, []byte("<CONSOLIDATED_LIST/>"), 0o644))
	if _, err := LoadCache(t.Context(), dir, LoadOptions{}); !errors.Is(err, ErrIntegrity) {
		t.Errorf("LoadCache of a damaged file: %v, want ErrIntegrity", err)
	}
	if err := os.Rename(damaged, damaged+".moved"); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCache(t.Context(), dir, LoadOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadCache with a cached file gone: %v, want fs.ErrNotExist", err)
	}
	if err := os.Rename(damaged+".moved", damaged); err != nil {
		t.Fatal(err)
	}
	p.reset()
	report, err := d.Update(t.Context())
	require.NoError(t, err, "update of a damaged cache: %+v", report.Sources)
	require.Equal(t, Updated, report.Sources[0].Outcome, "update of a damaged cache: %+v", report.Sources)
	if _, cond := p.count("/un/consolidated.xml"); cond != 0 {
		t.Errorf("%d conditional requests for a damaged file, want 0", cond)
	}
	if _, err := LoadCache(t.Context(), dir, LoadOptions{}); err != nil {
		t.Errorf("LoadCache after repair: %v", err)
	}
}

func TestLoadCacheStale(t *testing.T) {
	p := newTestPublisher(t)
	dir := t.TempDir()
	if _, err := p.downloader(dir).Update(t.Context()); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tests := []struct {
		now    time.Time
		maxAge time.Duration
		err    error
		reason string
	}{
		{now, 24 * time.Hour, nil, "just retrieved"},
		{now.Add(23 * time.Hour), 24 * time.Hour, nil, "retrieved 23h before"},
		{now.Add(49 * time.Hour), 48 * time.Hour, ErrStale, "retrieved more than 48h before"},
		{now.Add(365 * 24 * time.Hour), 0, nil, "no maximum age"},
	}
	for _, tt := range tests {
		_, err := LoadCache(t.Context(), dir, LoadOptions{Now: tt.now, MaxAge: tt.maxAge})
		if !errors.Is(err, tt.err) {
			t.Errorf("LoadCache(now %v, max age %v) = %v, want %v (%s)", tt.now.Sub(now), tt.maxAge, err, tt.err, tt.reason)
		}
	}
}

func TestLoadCacheEmpty(t *testing.T) {
	if _, err := LoadCache(t.Context(), t.TempDir(), LoadOptions{}); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadCache of an empty directory: %v, want ErrNoList", err)
	}
	p := newTestPublisher(t)
	dir := t.TempDir()
	d := p.downloader(dir)
	d.Sources = []Source{UN}
	if _, err := d.Update(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCache(t.Context(), dir, LoadOptions{Sources: []Source{UN, EU}}); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadCache requiring the EU list: %v, want ErrNoList", err)
	}
	require.NoError(t, os.WriteFile(cacheMetaPath(dir, UN), []byte("{"), 0o644))
	if _, err := LoadCache(t.Context(), dir, LoadOptions{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("LoadCache with a damaged sidecar: %v, want ErrMalformed", err)
	}
}

func TestOfficialFeeds(t *testing.T) {
	heads := map[Format]string{
		FormatOFACCSV:      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n",
		FormatOFACXML:      `<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">`,
		FormatOFACAdvanced: `<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">`,
		FormatUNXML:        `<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">`,
		FormatEUXML:        `<export xmlns="http://eu.europa.ec/fpi/fsd/export">`,
		FormatEUCSV:        "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber\n",
		FormatUKXML:        `<Designations dateGenerated="2026-08-14T23:00:04.744Z">`,
		FormatUKCSV:        "Report Date: 14-Aug-2026\nLast Updated,Unique ID,OFSI Group ID\n",
	}
	check := func(f Feed) {
		t.Helper()
		assert.NoError(t, f.validate())
		for _, ff := range f.Files {
			// The cache file name must be recognized as the feed's format,
			// or the downloaded file would be refused.
			format, src, _, err := detectFile(ff.Name, []byte(heads[f.Format]))
			if err != nil || format != f.Format || (src != SourceUnknown && src != f.Source) {
				t.Errorf("%s %s: cache name %s detected as %v %v %v", f.Source, f.Format, ff.Name, format, src, err)
			}
			if !strings.HasPrefix(ff.URL, "https://") {
				t.Errorf("%s: URL %s is not https", ff.Name, ff.URL)
			}
		}
	}
	feeds := OfficialFeeds()
	require.Len(t, feeds, len(Sources))
	for i, f := range feeds {
		assert.Equal(t, Sources[i], f.Source, "feed %d", i)
		check(f)
	}
	for _, src := range Sources {
		for format := FormatOFACCSV; format <= FormatOFSICSV; format++ {
			if f, err := OfficialFeed(src, format); err == nil {
				check(f)
			}
		}
	}
	if _, err := OfficialFeed(UN, FormatEUCSV); err == nil {
		t.Error("OfficialFeed(UN, EU CSV) did not fail")
	}
}

// ExampleDownloader updates the cache of official lists, then loads it,
// refusing lists not confirmed current for more than three days.
func ExampleDownloader() {
	ctx := context.Background()
	dir, err := DefaultCacheDir()
	if err != nil {
		fmt.Println(err)
		return
	}
	d := NewDownloader(dir)
	d.Sources = []Source{OFACSDN, UN}
	report, err := d.Update(ctx)
	for _, s := range report.Sources {
		fmt.Println(s.Source, s.Outcome, s.Entities)
	}
	if err != nil {
		fmt.Println(err) // each failed source, with its URL; its cache is as it was
	}
	set, err := LoadCache(ctx, dir, LoadOptions{Sources: []Source{OFACSDN, UN}, MaxAge: 72 * time.Hour})
	if err != nil {
		fmt.Println(err) // a missing, damaged or stale list: fail closed
		return
	}
	fmt.Println(set.Len(), "entities")
}
