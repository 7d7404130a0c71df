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
)

// testdataOFAC is a small OFAC SDN CSV publication (three made-up entries).
var testdataOFAC = filepath.Join("..", "..", "testdata", "lists", "ofac")

func fileSHA(t *testing.T, p string) (string, int) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), len(b)
}

func TestListsInfoText(t *testing.T) {
	code, out, errOut := runCmd(t, "lists", "info", "--lists", testdataOFAC)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
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
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "retrieved") {
		t.Errorf("local files show a retrieved time:\n%s", out)
	}
}

func TestListsInfoJSON(t *testing.T) {
	code, out, errOut := runCmd(t, "lists", "info", "--json", "--lists", testdataOFAC)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
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
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got.Lists) != 1 {
		t.Fatalf("%d lists, want 1", len(got.Lists))
	}
	l := got.Lists[0]
	sum, _ := fileSHA(t, filepath.Join(testdataOFAC, "sdn.csv"))
	if l.Source != "ofac_sdn" || l.Format != "ofac_csv" || l.PublishedFrom != "file-mtime" || len(l.Files) != 4 || l.Files[0].SHA256 != sum {
		t.Errorf("list = %+v", l)
	}
	if l.Counts.Entities != 3 || l.Counts.ByType["person"] != 1 || l.Counts.DPRK != 1 || l.Counts.Crypto["XBT"] != 1 {
		t.Errorf("counts = %+v", l.Counts)
	}
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
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	tests[3].args[1] = dir
	for _, tt := range tests {
		code, out, errOut := runCmd(t, append([]string{"lists", "info"}, tt.args...)...)
		if code != exitError || out != "" || !strings.Contains(errOut, "payscreen lists info: ") || !strings.Contains(errOut, tt.errOut) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q (%s)", tt.args, code, out, errOut, tt.errOut, tt.reason)
		}
	}
}

// TestListsUpdateThenInfo downloads from a loopback server into a cache
// and shows it.
func TestListsUpdateThenInfo(t *testing.T) {
	files := map[string][]byte{}
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join(testdataOFAC, n))
		if err != nil {
			t.Fatal(err)
		}
		files["/"+strings.ToUpper(n)] = b
	}
	bz, err := os.Open(filepath.Join("..", "..", "testdata", "lists", "un", "consolidated.xml.bz2"))
	if err != nil {
		t.Fatal(err)
	}
	defer bz.Close()
	un, err := io.ReadAll(bzip2.NewReader(bz))
	if err != nil {
		t.Fatal(err)
	}
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
	if code != exitOK {
		t.Fatalf("update: exit %d, stderr %q", code, errOut.String())
	}
	for _, w := range []string{"ofac_sdn  ofac_csv          updated      3 entities\n", "un        un_xml            updated      3 entities\n", "cache: " + cache} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("update output lacks %q:\n%s", w, out.String())
		}
	}

	out.Reset()
	code = cmd.run(t.Context(), []string{"update", "--dir", cache, "--source", "un"}, &out, &errOut)
	if code != exitOK || !strings.Contains(out.String(), "un        un_xml            not modified 3 entities\n") || strings.Contains(out.String(), "ofac") {
		t.Errorf("second update of un: exit %d, output %q", code, out.String())
	}

	failUN = true
	out.Reset()
	errOut.Reset()
	code = cmd.run(t.Context(), []string{"update", "--dir", cache}, &out, &errOut)
	if code != exitError || !strings.Contains(out.String(), "un        un_xml            failed") ||
		!strings.Contains(errOut.String(), "updating un from "+srv.URL+"/consolidated.xml") || !strings.Contains(errOut.String(), "404") {
		t.Errorf("failed update: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}

	code, text, stderr := runCmd(t, "lists", "info", "--dir", cache, "--max-age", "1h")
	if code != exitOK {
		t.Fatalf("info: exit %d, stderr %q", code, stderr)
	}
	for _, w := range []string{
		"OFAC SDN list [ofac_sdn]\n", "  published    2025-12-01T10:00:00Z (last-modified)\n", "  retrieved    ",
		"UN Security Council consolidated list [un]\n", "  published    2026-02-27T00:00:09Z (content)\n",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("info output lacks %q:\n%s", w, text)
		}
	}
}
