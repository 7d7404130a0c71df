package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCompareCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runCompare(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCompareUsage(t *testing.T) {
	tests := []struct {
		args   []string
		errOut string
		reason string
	}{
		{[]string{"--watchman-url", "http://127.0.0.1:1"}, "--lists is required", "without lists the engines could screen against different ones"},
		{[]string{"--lists", "x"}, "give one of --watchman-url and --watchman-bin", "a server is needed"},
		{[]string{"--lists", "x", "--watchman-url", "u", "--watchman-bin", "b"}, "give one of", "a server, not two"},
		{[]string{"--lists", "x", "--watchman-url", "u", "--show", "-1"}, "want positive numbers", "no negative count"},
		{[]string{"--lists", "x", "--watchman-url", "u", "-j", "2"}, "flag provided but not defined", "the throughput harness is scripts/bench/compare"},
		{[]string{"--bogus"}, "flag provided but not defined", "an unknown flag"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := runCompareCmd(t, tt.args...)
			assert.Equal(t, exitUsage, code, tt.reason)
			assert.Contains(t, errOut, tt.errOut, tt.reason)
		})
	}
}

// TestCompareFakeWatchman runs the comparison over the built-in sample
// lists against a stand-in Watchman that holds the same lists but never
// matches: every payscreen match is then a difference, explained.
func TestCompareFakeWatchman(t *testing.T) {
	set, err := lists.LoadDir(t.Context(), filepath.Join("..", "..", "lists", "sample"), lists.LoadOptions{})
	require.NoError(t, err)
	counts := map[string]int{}
	for _, l := range set.Lists {
		name := map[lists.Source]string{lists.OFACSDN: "us_ofac", lists.UN: "un_csl"}[l.Source]
		counts[name] += len(l.Entities)
	}
	var searches int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/listinfo":
			json.NewEncoder(w).Encode(map[string]any{"lists": counts})
		case "/v2/search":
			searches++
			w.Write([]byte(`{"entities":[]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	payees := filepath.Join(t.TempDir(), "payees.csv")
	require.NoError(t, os.WriteFile(payees, []byte("id,name,type,dob,country\nP1,Anna Schmidt,person,1988-04-12,DE\nP2,KIM Sang Man,person,,\n"), 0o600))
	code, out, errOut := runCompareCmd(t, "--lists", filepath.Join("..", "..", "lists", "sample"), "--watchman-url", srv.URL,
		"--generated", "5", payees)
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{
		"== Lists", "ofac_sdn  us_ofac        23         23",
		"== payees.csv", "1 of 2 decisions differ; why: only payscreen matched a name ×1;",
		`- P2 "KIM Sang Man" (person): payscreen review, watchman clear — only payscreen matched a name`,
		"== payroll-like", "== listed:", "== listed-variants",
		"go run ./scripts/bench/compare",
	} {
		assert.Contains(t, out, want, "output")
	}
	assert.NotZero(t, searches, "the stand-in Watchman got no search")
}

// TestCompareListMismatch: a server holding other lists is refused before
// any payee is screened.
func TestCompareListMismatch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"lists":{"us_ofac":18494,"us_csl":1000}}`))
	}))
	defer srv.Close()
	code, _, errOut := runCompareCmd(t, "--lists", filepath.Join("..", "..", "lists", "sample"), "--watchman-url", srv.URL, "--generated", "1")
	assert.Equal(t, exitError, code, errOut)
	assert.Contains(t, errOut, "does not screen against the loaded lists")
	assert.Contains(t, errOut, "us_csl", "want an error naming the lists that differ")
}

func TestDiffReason(t *testing.T) {
	m := func(src lists.Source, id string, score float64) screening.Match {
		return screening.Match{Source: lists.ListID{Source: src}, EntityID: id, Score: score}
	}
	res := func(ms ...screening.Match) outcome { return outcome{res: screening.Result{Matches: ms}} }
	tests := []struct {
		a, b   outcome
		want   string
		reason string
	}{
		{outcome{err: os.ErrDeadlineExceeded}, res(), "payscreen error", "an error on payscreen's side"},
		{res(), outcome{err: os.ErrDeadlineExceeded}, "watchman error (other)", "an error on Watchman's side, by kind"},
		{res(), res(m(lists.UN, "KPi.033", 1)), "only watchman matched a name", "payscreen found nothing"},
		{res(m(lists.UN, "KPi.033", 1)), res(), "only payscreen matched a name", "watchman found nothing"},
		{res(m(lists.UN, "KPi.033", 1)), res(m(lists.EU, "1", 1)), "payscreen's top entry not found by watchman", "another entry, and not payscreen's"},
		{res(m(lists.UN, "KPi.033", 1)), res(m(lists.EU, "1", 1), m(lists.UN, "KPi.033", 0.9)), "different top entry", "payscreen's entry found, not on top"},
		{res(m(lists.UN, "KPi.033", 0.94)), res(m(lists.UN, "KPi.033", 0.96)), "same entry, different name score", "a block threshold between the scores"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, diffReason(tt.a, tt.b), tt.reason)
	}
}

func TestGeneratedPayeesDeterministic(t *testing.T) {
	a := generatedPayees(rand.New(rand.NewPCG(7, 1)), 50)
	b := generatedPayees(rand.New(rand.NewPCG(7, 1)), 50)
	c := generatedPayees(rand.New(rand.NewPCG(8, 1)), 50)
	same := func(x, y payeeSet) bool {
		for i := range x.payees {
			if !reflect.DeepEqual(x.payees[i], y.payees[i]) {
				return false
			}
		}
		return true
	}
	assert.Len(t, a.payees, 50)
	assert.True(t, same(a, b), "the same seed must give the same payees")
	assert.False(t, same(a, c), "another seed gave the same payees")
	orgs := 0
	for _, p := range a.payees {
		if p.Type == screening.Organization {
			orgs++
		} else {
			assert.True(t, p.DOB != "" && p.Country != "", "%s: a generated person has a date of birth and a country", p.ID)
		}
	}
	assert.True(t, orgs > 0 && orgs < len(a.payees), "%d organizations of %d: want a mix", orgs, len(a.payees))
}

func TestAlterName(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	changed := 0
	for range 40 {
		if got := alterName(rng, "AL-ZAWAHIRI, Ayman Muhammad"); got != "AL-ZAWAHIRI, Ayman Muhammad" {
			changed++
		}
	}
	assert.Equal(t, 40, changed, "alterations that changed the name: punctuation is always dropped")
	assert.Empty(t, alterName(rng, ""), `alterName("")`)
}

// TestCompareReal runs the comparison as documented, against a real
// Watchman server started over the real lists. It is skipped without the
// shared lists or the server binary, unless CI is set.
func TestCompareReal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no real Watchman server")
	}
	need := func(err error, what string) {
		if err == nil {
			return
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI: %v", what, err)
		}
		t.Skipf("%s: %v", what, err)
	}
	shared := filepath.Join("..", "..", "..", "shared", "lists")
	_, err := os.Stat(shared)
	need(err, "../shared/lists")
	bin := os.Getenv("PAYSCREEN_WATCHMAN_BIN")
	if bin == "" {
		out, err := exec.Command("bash", filepath.Join("..", "..", "scripts", "watchman", "build.sh")).Output()
		need(err, "the Watchman server binary (scripts/watchman/build.sh)")
		bin = strings.TrimSpace(string(out))
	}
	args := []string{"--watchman-bin", bin, "--generated", "10"}
	for _, d := range []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01"} {
		args = append(args, "--lists", filepath.Join(shared, d))
	}
	args = append(args, filepath.Join("..", "..", "examples", "payroll", "payees.csv"))
	code, out, errOut := runCompareCmd(t, args...)
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{
		"ofac_sdn   us_ofac        18494      18494", "un         un_csl         1003       1003",
		"== payees.csv", "== listed:",
	} {
		assert.Contains(t, out, want, "output")
	}
	t.Log("\n" + out)
}
