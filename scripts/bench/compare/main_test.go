package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWordSet(t *testing.T) {
	w := wordSet{"ayman": true, "zawahiri": true}
	tests := []struct {
		name   string
		want   bool
		reason string
	}{
		{"Ayman Smith", true, "one listed word"},
		{"AL-ZAWAHIRI", true, "punctuation splits words, case does not matter"},
		{"Priya Natarajan", false, "no listed word: Watchman scans every entry"},
		{"", false, "no word"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, w.shares(tt.name), "shares(%q) (%s)", tt.name, tt.reason)
	}
}

// TestRunFakeWatchman runs the harness over the built-in sample lists
// against a stand-in Watchman that holds the same lists but never matches.
func TestRunFakeWatchman(t *testing.T) {
	sample := filepath.Join("..", "..", "..", "lists", "sample")
	set, err := lists.LoadDir(t.Context(), sample, lists.LoadOptions{})
	require.NoError(t, err)
	counts := map[string]int{}
	for _, l := range set.Lists {
		name := map[lists.Source]string{lists.OFACSDN: "us_ofac", lists.UN: "un_csl"}[l.Source]
		counts[name] += len(l.Entities)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/listinfo":
			json.NewEncoder(w).Encode(map[string]any{"lists": counts})
		case "/v2/search":
			w.Write([]byte(`{"entities":[]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	payees := filepath.Join(t.TempDir(), "payees.csv")
	require.NoError(t, os.WriteFile(payees, []byte("id,name,type\nP1,Anna Schmidt,person\nP2,KIM Sang Man,person\n"), 0o600))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"--lists", sample, "--watchman-url", srv.URL, "--repeat", "1", "-j", "2", payees}, &out))
	for _, want := range []string{"== Throughput", "watchman (search only)", "== Watchman's latency", "== Watchman's overall score", "no such match seen"} {
		assert.Contains(t, out.String(), want)
	}
	assert.Error(t, run(t.Context(), []string{"--lists", sample, "--watchman-url", srv.URL, "-j", "0", payees}, &out), "-j 0")
}
