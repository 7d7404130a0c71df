package watchman

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman/wmserver"
)

// The tests named TestReal* run against a real Watchman server, built from
// the module proxy by scripts/watchman/build.sh (or the binary named by
// PAYSCREEN_WATCHMAN_BIN) and started over the real lists of
// ../shared/lists. Without the lists or the binary they are skipped, or
// fail when CI is set. -short skips them.

// realListDirs are the lists both engines load: those of ../shared/lists
// that Watchman v0.65.1 reads.
var realListDirs = []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01"}

var real struct {
	once sync.Once
	srv  *wmserver.Server
	set  *lists.Set
	skip string // why the tests are skipped
	err  error  // why they fail
}

func TestMain(m *testing.M) {
	code := m.Run()
	if real.srv != nil {
		real.srv.Close()
	}
	os.Exit(code)
}

// realServer returns the running server and the same lists loaded by
// payscreen, starting the server on first use.
func realServer(t testing.TB) (*wmserver.Server, *lists.Set) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no real Watchman server")
	}
	real.once.Do(startReal)
	if real.err != nil {
		t.Fatal(real.err)
	}
	if real.skip != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("a real Watchman server is required in CI: %s", real.skip)
		}
		t.Skip(real.skip)
	}
	return real.srv, real.set
}

func startReal() {
	var dirs []string
	for _, d := range realListDirs {
		p := filepath.Join("..", "..", "shared", "lists", filepath.FromSlash(d))
		if _, err := os.Stat(p); err != nil {
			real.skip = "shared lists not present: " + err.Error()
			return
		}
		dirs = append(dirs, p)
	}
	bin := os.Getenv("PAYSCREEN_WATCHMAN_BIN")
	if bin == "" {
		var stderr strings.Builder
		cmd := exec.Command("bash", filepath.Join("..", "scripts", "watchman", "build.sh"))
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			real.skip = "cannot build the Watchman server: " + err.Error() + "\n" + stderr.String()
			return
		}
		bin = strings.TrimSpace(string(out))
	}
	ctx := context.Background()
	srv, err := wmserver.Start(ctx, wmserver.Config{Binary: bin, Dirs: dirs})
	if err != nil {
		real.err = err
		return
	}
	set, err := lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	if err != nil {
		srv.Close()
		real.err = err
		return
	}
	real.srv, real.set = srv, set
}

// realPolicy is the default policy without the list-age check: the shared
// lists are old publications.
func realPolicy() screening.Policy {
	p := screening.DefaultPolicy()
	p.MaxListAge = "0"
	return p
}

func TestRealListedNames(t *testing.T) {
	srv, set := realServer(t)
	e, err := New(srv.URL, Options{Lists: set})
	require.NoError(t, err)
	type hit struct {
		source lists.Source
		id     string
		name   string // the listed name matched, as payscreen's lists spell it
	}
	tests := []struct {
		reason string
		payee  screening.Payee
		want   []hit // must all be among the matches, with score 1
	}{
		{
			reason: "one person on OFAC, the UN and the EU: ent_num, reference number and logicalId line up, and names are spelled as listed",
			payee:  screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person},
			want:   []hit{{lists.OFACSDN, "2676", "AL-ZAWAHIRI, Ayman"}, {lists.UN, "QDi.006", "Al Zawahiri Ayman"}, {lists.EU, "551", "Ayman Al Zawahiri"}},
		},
		{
			reason: "a DPRK official on three lists, in Watchman's word order; of the EU's two exact names the primary one is given",
			payee:  screening.Payee{Name: "RI Won Ho", Type: screening.Person},
			want:   []hit{{lists.OFACSDN, "19609", "RI, Won Ho"}, {lists.UN, "KPi.033", "RI WON HO"}, {lists.EU, "110286", "Won Ho Ri"}},
		},
		{
			reason: "an OFAC non-SDN entry maps to ofac_cons with its ent_num",
			payee:  screening.Payee{Name: "Ismail Abdul Salah HANIYA", Type: screening.Person},
			want:   []hit{{lists.OFACNonSDN, "9639", "HANIYA, Ismail Abdul Salah"}},
		},
		{
			reason: "an organization is searched across Watchman's business and organization types",
			payee:  screening.Payee{Name: "Al-Aqsa Islamic Bank", Type: screening.Organization},
			want:   []hit{{lists.OFACSDN, "7114", "AL-AQSA ISLAMIC BANK"}},
		},
		{
			reason: "an ordinary payroll name matches nothing",
			payee:  screening.Payee{Name: "Anna Schmidt", Type: screening.Person},
		},
	}
	for _, tt := range tests {
		t.Run(tt.payee.Name, func(t *testing.T) {
			ms, err := e.Match(context.Background(), tt.payee, 0.8)
			require.NoError(t, err)
			if len(tt.want) == 0 && len(ms) != 0 {
				t.Errorf("matches %+v, want none (%s)", ms, tt.reason)
			}
			for _, w := range tt.want {
				found := false
				for _, m := range ms {
					if m.Source == w.source && m.EntityID == w.id {
						found = true
						if m.Score != 1 || m.MatchedName != w.name {
							t.Errorf("%s %s: score %v name %q, want 1 and %q (%s)", w.source, w.id, m.Score, m.MatchedName, w.name, tt.reason)
						}
					}
				}
				if !found {
					t.Errorf("%s %s not among %+v (%s)", w.source, w.id, ms, tt.reason)
				}
			}
		})
	}
	assert.Zero(t, srv.DownloadAttempts(), "every list must come from the initial data")
}

// TestRealIDsLineUp searches the primary name of a sample of every list's
// entries and checks that Watchman's result for it maps back to the same
// payscreen entry: the IDs line up on the real data, and no result is
// unmappable.
func TestRealIDsLineUp(t *testing.T) {
	srv, set := realServer(t)
	e, err := New(srv.URL, Options{Lists: set})
	require.NoError(t, err)
	const perList = 60
	for _, l := range set.Lists {
		step := max(1, len(l.Entities)/perList)
		tried, found, truncated := 0, 0, 0
		var missed []string
		for i := 0; i < len(l.Entities); i += step {
			ent := &l.Entities[i]
			p := screening.Payee{Name: ent.PrimaryName()}
			if ent.Type == lists.Person {
				p.Type = screening.Person
			}
			ms, err := e.Match(context.Background(), p, 0.8)
			if errors.Is(err, ErrTruncated) {
				truncated++
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", l.Source, ent.ID, err)
			}
			tried++
			ok := false
			for _, m := range ms {
				ok = ok || (m.Source == l.Source && m.EntityID == ent.ID)
			}
			if ok {
				found++
			} else {
				missed = append(missed, ent.ID)
			}
		}
		t.Logf("%s: %d of %d primary names found their entry (%d searches truncated); missed %v", l.Source, found, tried, truncated, missed)
		if tried == 0 || found < tried*95/100 {
			t.Errorf("%s: only %d of %d entries found by their own primary name", l.Source, found, tried)
		}
	}
}

func TestRealScreener(t *testing.T) {
	srv, set := realServer(t)
	e, err := New(srv.URL, Options{Lists: set})
	require.NoError(t, err)
	s, err := screening.New(set, realPolicy(), screening.Options{Engine: e})
	require.NoError(t, err)
	tests := []struct {
		reason string
		payee  screening.Payee
		want   screening.Decision
	}{
		{"the listed name with the listed date of birth and nationality blocks", screening.Payee{Name: "Ri Won Ho", Type: screening.Person, DOB: "1964-07-17"}, screening.Block},
		{"the listed name alone is reviewed", screening.Payee{Name: "Ri Won Ho", Type: screening.Person}, screening.Review},
		{"the listed name with a date of birth decades apart is no match", screening.Payee{Name: "Ri Won Ho", Type: screening.Person, DOB: "1999-03-03", Country: "US"}, screening.Clear},
		{"an ordinary payroll name is clear", screening.Payee{Name: "Anna Schmidt", Type: screening.Person, DOB: "1988-04-12", Country: "DE"}, screening.Clear},
		{"a listed bank's exact name is reviewed (no corroboration for an organization)", screening.Payee{Name: "AL-AQSA ISLAMIC BANK", Type: screening.Organization}, screening.Review},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r, err := s.Screen(context.Background(), tt.payee)
			require.NoError(t, err)
			if r.Decision != tt.want {
				t.Errorf("decision %s, want %s (%s)\n%s", r.Decision, tt.want, tt.reason, r.Explain())
			}
			for _, m := range r.Matches {
				assert.True(t, strings.HasPrefix(m.Evidence[0].Detail, "watchman: "), "name evidence %q does not say Watchman scored it", m.Evidence[0].Detail)
			}
		})
	}
}

// TestRealFailures: a server that is down, too slow, or stopped mid-batch
// makes Screen fail; no payee is ever cleared for lack of an answer.
func TestRealFailures(t *testing.T) {
	srv, set := realServer(t)
	target, err := url.Parse(srv.URL)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ErrorLog = log.New(io.Discard, "", 0)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		proxy.ServeHTTP(w, r)
	}))
	defer slow.Close()
	tests := []struct {
		reason string
		url    string
		opts   Options
		want   error
	}{
		{"nothing listens: the server is down", closedURL(t), Options{Retries: 1}, ErrUnavailable},
		{"the server answers after the timeout", slow.URL, Options{Timeout: 100 * time.Millisecond}, ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			e, err := New(tt.url, tt.opts)
			require.NoError(t, err)
			s, err := screening.New(set, realPolicy(), screening.Options{Engine: e})
			require.NoError(t, err)
			for _, p := range []screening.Payee{
				{Name: "Anna Schmidt", Type: screening.Person},
				{Name: "Ri Won Ho", Type: screening.Person, DOB: "1964-07-17"},
			} {
				r, err := s.Screen(context.Background(), p)
				if !errors.Is(err, tt.want) {
					t.Errorf("%s: err = %v, decision %s; want an error wrapping %v (%s)", p.Name, err, r.Decision, tt.want, tt.reason)
				}
			}
		})
	}
	// The same with the real server, slowed, but within the timeout:
	// the decision is the one the server gives.
	e, err := New(slow.URL, Options{Timeout: 5 * time.Second})
	require.NoError(t, err)
	s, err := screening.New(set, realPolicy(), screening.Options{Engine: e})
	require.NoError(t, err)
	r, err := s.Screen(context.Background(), screening.Payee{Name: "Ri Won Ho", Type: screening.Person, DOB: "1964-07-17"})
	assert.NoError(t, err, "through the slow proxy within the timeout")
	assert.Equal(t, screening.Block, r.Decision, "through the slow proxy within the timeout")
}

func TestRealCheckLists(t *testing.T) {
	srv, set := realServer(t)
	e, err := New(srv.URL, Options{})
	require.NoError(t, err)
	counts, err := e.CheckLists(context.Background(), set)
	require.NoError(t, err, "CheckLists over the lists the server was started with")
	for _, c := range counts {
		t.Logf("%-9s %-10s payscreen %6d  watchman %6d", c.Source, c.List, c.Local, c.Server)
	}
	less := &lists.Set{Lists: set.Lists[:len(set.Lists)-1]}
	if _, err := e.CheckLists(context.Background(), less); !errors.Is(err, ErrListMismatch) {
		t.Errorf("CheckLists without the %s list: %v, want ErrListMismatch", set.Lists[len(set.Lists)-1].Source, err)
	}
}
