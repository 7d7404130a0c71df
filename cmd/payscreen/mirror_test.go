package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/payscreen/payscreen/internal/sharedtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testMirror is a loopback mirror of the publishers' files, laid out as
// lists.MirrorFeeds documents (/<source>/<name as published>), with the
// validators of a static file server (ETag, Last-Modified per file) and a
// switch that makes it answer 500 Internal Server Error.
type testMirror struct {
	srv *httptest.Server

	mu       sync.Mutex
	files    map[string]mirrorFile
	failing  bool
	requests map[int]int // by status answered
}

type mirrorFile struct {
	body    []byte
	modTime time.Time
}

func newTestMirror(t *testing.T) *testMirror {
	t.Helper()
	m := &testMirror{files: map[string]mirrorFile{}, requests: map[int]int{}}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.srv.Close)
	return m
}

func (m *testMirror) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	f, ok := m.files[r.URL.Path]
	failing := m.failing
	status := http.StatusOK
	switch {
	case failing:
		status = http.StatusInternalServerError
	case !ok:
		status = http.StatusNotFound
	}
	m.requests[status]++
	m.mu.Unlock()
	switch status {
	case http.StatusInternalServerError:
		http.Error(w, "mirror down", status)
		return
	case http.StatusNotFound:
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(f.body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, "", f.modTime, bytes.NewReader(f.body)) // 304s to If-None-Match
}

// publish puts the file at path (/<source>/<name>), modified at modTime.
func (m *testMirror) publish(t *testing.T, path, file string, modTime time.Time) {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[path] = mirrorFile{body: b, modTime: modTime}
}

func (m *testMirror) setFailing(f bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failing = f
}

func (m *testMirror) answered(status int) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.requests[status]
}

// publishOFACSDN publishes the OFAC SDN CSV fixture as OFAC names it.
func (m *testMirror) publishOFACSDN(t *testing.T, modTime time.Time) {
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		m.publish(t, "/ofac_sdn/"+strings.ToUpper(n), filepath.Join(testdataOFAC, n), modTime)
	}
}

// TestListsUpdateMirror runs "payscreen lists update --mirror" against a
// loopback mirror, and the cache it fills loads.
func TestListsUpdateMirror(t *testing.T) {
	m := newTestMirror(t)
	published := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
	m.publishOFACSDN(t, published)
	cache := t.TempDir()

	code, out, errOut := runCmd(t, "lists", "update", "--dir", cache, "--mirror", m.srv.URL+"/", "--source", "ofac_sdn")
	require.Equal(t, exitOK, code, "update: %s", errOut)
	assert.Contains(t, out, "ofac_sdn  ofac_csv          updated      3 entities\n", "downloaded from the mirror")
	assert.Equal(t, 4, m.answered(http.StatusOK), "the four OFAC files were downloaded")

	code, out, errOut = runCmd(t, "lists", "update", "--dir", cache, "--mirror", m.srv.URL, "--source", "ofac_sdn")
	require.Equal(t, exitOK, code, "second update: %s", errOut)
	assert.Contains(t, out, "ofac_sdn  ofac_csv          not modified 3 entities\n", "the mirror's validators are used")

	code, out, errOut = runCmd(t, "lists", "update", "--dir", cache, "--mirror", m.srv.URL, "--source", "un")
	assert.Equal(t, exitError, code, "a file missing from the mirror")
	assert.Contains(t, out, "un        un_xml            failed", "a file missing from the mirror")
	assert.Contains(t, errOut, "updating un from "+m.srv.URL+"/un/consolidated.xml", "the error names the mirror's URL")
	assert.Contains(t, errOut, "404", "a file missing from the mirror")

	code, text, errOut := runCmd(t, "lists", "info", "--dir", cache)
	require.Equal(t, exitOK, code, "info: %s", errOut)
	assert.Contains(t, text, "  published    2025-12-01T10:00:00Z (last-modified)\n", "OFAC CSV is dated by the mirror's Last-Modified")
}

// serveAnswer is one answer of the test's requests to payscreen serve.
type serveAnswer struct {
	status int
	body   string
}

func serveGet(t *testing.T, url string) serveAnswer {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return serveAnswer{resp.StatusCode, string(b)}
}

func servePost(t *testing.T, url, body string) serveAnswer {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return serveAnswer{resp.StatusCode, string(b)}
}

// TestServeDownloadMirror runs "payscreen serve --download --mirror" on a
// loopback mirror publishing every source (real UN, OFAC non-SDN, EU and
// UK files where the shared lists are present): it serves the first
// publication, picks up the next one at a refresh, keeps it while the
// mirror fails, and stops screening once it passes the maximum age.
func TestServeDownloadMirror(t *testing.T) {
	shared := func(rel string) string { return sharedtest.Path(t, rel) }
	m := newTestMirror(t)
	day := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
	m.publishOFACSDN(t, day)
	for _, n := range []string{"cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"} {
		m.publish(t, "/ofac_cons/"+strings.ToUpper(n), filepath.Join(shared("lists/ofac-nonsdn/2025-12"), n), day)
	}
	m.publish(t, "/un/consolidated.xml", shared("lists/un/2025-04/consolidated.xml"), day)
	m.publish(t, "/eu/xmlFullSanctionsList_1_1.xml", shared("lists/eu/2026-08-excerpt/fsf-1.1-excerpt.xml"), day)
	m.publish(t, "/uk/UK-Sanctions-List.xml", shared("lists/uk/2026-08-excerpt/UK-Sanctions-List-excerpt.xml"), day)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())

	// The lists are confirmed current at each refresh; 4s without one
	// and they are stale.
	base, stderr, stop := startServe(t, "--download", "--mirror", m.srv.URL, "--refresh", "200ms", "--max-age", "4s", "--addr", "127.0.0.1:0")

	type lists struct {
		ID    string
		Ready bool
		Lists []struct {
			Source, Published string
			Entities          int
		}
	}
	listsNow := func() lists {
		a := serveGet(t, base+"/v1/lists")
		require.Equal(t, http.StatusOK, a.status, a.body)
		var l lists
		require.NoError(t, json.Unmarshal([]byte(a.body), &l), a.body)
		return l
	}
	unEntities := func(l lists) int {
		for _, x := range l.Lists {
			if x.Source == "un" {
				return x.Entities
			}
		}
		return -1
	}
	// Kempes Sanon (HTi.009) was listed by the UN on 2025-10-17: in the
	// 2026-02 publication, not in the 2025-04 one.
	const payee = `{"id":"P1","name":"Kempes Sanon","country":"HT"}`

	a := serveGet(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, a.status, "ready with the first publication: %s", a.body)
	first := listsNow()
	assert.Equal(t, 877, unEntities(first), "the 2025-04 UN list is served")
	sources := map[string]bool{}
	for _, x := range first.Lists {
		sources[x.Source] = true
	}
	for _, src := range []string{"ofac_sdn", "ofac_cons", "un", "eu", "uk"} {
		assert.True(t, sources[src], "%s downloaded from the mirror and served (lists: %+v)", src, first.Lists)
	}
	a = servePost(t, base+"/v1/screen", payee)
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.Contains(t, a.body, `"decision":"clear"`, "not listed in the 2025-04 publication")

	m.publish(t, "/un/consolidated.xml", shared("lists/un/2026-02/consolidated.xml"), day.Add(24*time.Hour))
	var second lists
	require.Eventually(t, func() bool {
		second = listsNow()
		return unEntities(second) == 1003
	}, 60*time.Second, 50*time.Millisecond, "the 2026-02 UN list is picked up at a refresh\nstderr: %s", stderr)
	assert.NotEqual(t, first.ID, second.ID, "a new list set")
	a = servePost(t, base+"/v1/screen", payee)
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.NotContains(t, a.body, `"decision":"clear"`, "listed in the 2026-02 publication: %s", a.body)
	assert.Contains(t, a.body, `"entity_id":"HTi.009"`, "the UN entry is the evidence")

	m.setFailing(true)
	require.Eventually(t, func() bool { return m.answered(http.StatusInternalServerError) > 0 }, 60*time.Second, 20*time.Millisecond, "serve asks the failing mirror")
	kept := listsNow()
	assert.Equal(t, second.ID, kept.ID, "a failing mirror leaves the lists in use")
	a = servePost(t, base+"/v1/screen", payee)
	if a.status == http.StatusOK { // unless already past the maximum age on a loaded machine
		assert.NotContains(t, a.body, `"decision":"clear"`, "still screened against the newer lists")
	}

	require.Eventually(t, func() bool { return serveGet(t, base+"/readyz").status == http.StatusServiceUnavailable },
		60*time.Second, 100*time.Millisecond, "not ready once the lists pass the maximum age without a successful download")
	a = serveGet(t, base+"/readyz")
	assert.Contains(t, a.body, "maximum list age", "/readyz says why")
	a = servePost(t, base+"/v1/screen", payee)
	assert.Equal(t, http.StatusServiceUnavailable, a.status, "stale lists: never an answer, never clear: %s", a.body)
	assert.Equal(t, second.ID, listsNow().ID, "the lists in use are still those of the last download")
	assert.Equal(t, exitOK, stop(), "serve stops cleanly, its refresh loop too")
	assert.Contains(t, stderr.String(), `"msg":"list download"`, "downloads are logged")
	assert.NotContains(t, stderr.String(), "Kempes", "no payee data in the logs")
}
