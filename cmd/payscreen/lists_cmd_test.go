package main

import (
	"bytes"
	"compress/bzip2"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdataOFAC is a small OFAC SDN CSV publication (three made-up entries).
var testdataOFAC = filepath.Join("..", "..", "testdata", "lists", "ofac")

func fileSHA(t *testing.T, p string) (string, int) {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), len(b)
}

func TestListsInfoText(t *testing.T) {
	code, out, errOut := runCmd(t, "lists", "info", "--lists", testdataOFAC)
	require.Equal(t, exitOK, code, errOut)
	want := []string{
		"OFAC SDN list [ofac_sdn]\n",
		"  format       ofac_csv\n",
		"(file-mtime)\n",
		"  entities     3: 1 person, 1 organization, 1 vessel\n",
		"  aliases      2 strong, 0 weak\n",
		"  DPRK         1\n",
		"  crypto       1: 1 XBT\n",
	}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		sum, size := fileSHA(t, filepath.Join(testdataOFAC, n))
		want = append(want, fmt.Sprintf("  file         %s  %d bytes  sha256 %s\n", n, size, sum))
	}
	for _, w := range want {
		assert.Contains(t, out, w, "output")
	}
	assert.NotContains(t, out, "retrieved", "local files show a retrieved time")
}

func TestListsInfoJSON(t *testing.T) {
	code, out, errOut := runCmd(t, "lists", "info", "--json", "--lists", testdataOFAC)
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Lists []struct {
			Source, Title, Format, PublishedFrom string
			Files                                []lists.FileInfo
			Counts                               struct {
				Entities int
				ByType   map[string]int
				DPRK     int
				Crypto   map[string]int
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got), "output is not JSON:\n%s", out)
	require.Len(t, got.Lists, 1)
	l := got.Lists[0]
	sum, _ := fileSHA(t, filepath.Join(testdataOFAC, "sdn.csv"))
	assert.Equal(t, [3]string{"ofac_sdn", "ofac_csv", "file-mtime"}, [3]string{l.Source, l.Format, l.PublishedFrom}, "source, format, published from")
	if assert.Len(t, l.Files, 4) {
		assert.Equal(t, sum, l.Files[0].SHA256, "sha256 of sdn.csv")
	}
	assert.Equal(t, [4]int{3, 1, 1, 1}, [4]int{l.Counts.Entities, l.Counts.ByType["person"], l.Counts.DPRK, l.Counts.Crypto["XBT"]}, "counts: entities, persons, DPRK, XBT addresses in %+v", l.Counts)
}

func TestListsInfoErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		args   []string
		errOut string
		reason string
	}{
		{[]string{"--lists", filepath.Join(empty, "missing")}, "no such file", "a missing folder"},
		{[]string{"--lists", empty}, "no sanctions list found", "an empty folder fails closed"},
		{[]string{"--dir", empty}, "holds no list", "an empty cache fails closed"},
		{[]string{"--lists", testdataOFAC, "--max-age", "1d"}, "list is stale", "files older than the maximum age"},
	}
	old := time.Now().Add(-48 * time.Hour)
	dir := t.TempDir()
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join(testdataOFAC, n))
		require.NoError(t, err)
		p := filepath.Join(dir, n)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		os.Chtimes(p, old, old)
	}
	tests[3].args[1] = dir
	for _, tt := range tests {
		code, out, errOut := runCmd(t, append([]string{"lists", "info"}, tt.args...)...)
		assert.Equal(t, exitError, code, "%v (%s)", tt.args, tt.reason)
		assert.Empty(t, out, "%v: stdout (%s)", tt.args, tt.reason)
		assert.Contains(t, errOut, "payscreen lists info: ", "%v (%s)", tt.args, tt.reason)
		assert.Contains(t, errOut, tt.errOut, "%v (%s)", tt.args, tt.reason)
	}
}

// TestListsUpdateThenInfo downloads from a loopback server into a cache
// and shows it.
func TestListsUpdateThenInfo(t *testing.T) {
	files := map[string][]byte{}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join(testdataOFAC, n))
		require.NoError(t, err)
		files["/"+strings.ToUpper(n)] = b
	}
	bz, err := os.Open(filepath.Join("..", "..", "testdata", "lists", "un", "consolidated.xml.bz2"))
	require.NoError(t, err)
	defer bz.Close()
	un, err := io.ReadAll(bzip2.NewReader(bz))
	require.NoError(t, err)
	files["/consolidated.xml"] = un
	failUN := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.URL.Path]
		if !ok || (failUN && r.URL.Path == "/consolidated.xml") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Last-Modified", "Mon, 01 Dec 2025 10:00:00 GMT")
		http.ServeContent(w, r, "", time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC), bytes.NewReader(b))
	}))
	defer srv.Close()
	ofac := lists.Feed{Source: lists.OFACSDN, Format: lists.FormatOFACCSV}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		ofac.Files = append(ofac.Files, lists.FeedFile{Name: n, URL: srv.URL + "/" + strings.ToUpper(n)})
	}
	unFeed := lists.Feed{Source: lists.UN, Format: lists.FormatUNXML, Files: []lists.FeedFile{{Name: "consolidated.xml", URL: srv.URL + "/consolidated.xml"}}}
	cmd := listsCommand{feeds: []lists.Feed{ofac, unFeed}, client: srv.Client()}
	cache := t.TempDir()

	var out, errOut bytes.Buffer
	code := cmd.run(t.Context(), []string{"update", "--dir", cache}, &out, &errOut)
	require.Equal(t, exitOK, code, "update: %s", errOut.String())
	for _, w := range []string{"ofac_sdn  ofac_csv          updated      3 entities\n", "un        un_xml            updated      3 entities\n", "cache: " + cache} {
		assert.Contains(t, out.String(), w, "update output")
	}

	out.Reset()
	code = cmd.run(t.Context(), []string{"update", "--dir", cache, "--source", "un"}, &out, &errOut)
	assert.Equal(t, exitOK, code, "second update of un")
	assert.Contains(t, out.String(), "un        un_xml            not modified 3 entities\n", "second update of un")
	assert.NotContains(t, out.String(), "ofac", "second update of un")

	failUN = true
	out.Reset()
	errOut.Reset()
	code = cmd.run(t.Context(), []string{"update", "--dir", cache}, &out, &errOut)
	assert.Equal(t, exitError, code, "failed update")
	assert.Contains(t, out.String(), "un        un_xml            failed", "failed update")
	assert.Contains(t, errOut.String(), "updating un from "+srv.URL+"/consolidated.xml", "failed update")
	assert.Contains(t, errOut.String(), "404", "failed update")

	code, text, stderr := runCmd(t, "lists", "info", "--dir", cache, "--max-age", "1h")
	require.Equal(t, exitOK, code, "info: %s", stderr)
	for _, w := range []string{
		"OFAC SDN list [ofac_sdn]\n", "  published    2025-12-01T10:00:00Z (last-modified)\n", "  retrieved    ",
		"UN Security Council consolidated list [un]\n", "  published    2026-02-27T00:00:09Z (content)\n",
	} {
		assert.Contains(t, text, w, "info output")
	}
}
