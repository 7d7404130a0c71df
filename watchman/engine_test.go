package watchman

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/moov-io/watchman/pkg/search"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// The files in testdata are answers of a real Watchman v0.65.1 server
// loaded with OFAC's SDN and non-SDN lists of December 2025, the UN list
// of February 2026 and the EU list of January 2024, to the searches their
// names say (minMatch 0.64, limit 100).

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// fakeServer answers /v2/search with handler and records the queries.
type fakeServer struct {
	*httptest.Server
	mu      sync.Mutex
	queries []url.Values
}

func newFakeServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) *fakeServer {
	t.Helper()
	f := &fakeServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.queries = append(f.queries, r.URL.Query())
		f.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func serveFile(t *testing.T, name string) func(w http.ResponseWriter, r *http.Request) {
	b := readTestdata(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}
}

func TestMatchMapsResults(t *testing.T) {
	tests := []struct {
		reason    string
		file      string
		payee     screening.Payee
		opts      Options
		threshold float64
		want      []screening.EngineMatch // Detail not compared
	}{
		{
			reason: "an exact name on three lists maps each result to its list's own ID: OFAC ent_num, UN reference number (not Watchman's UN-DATAID), EU logicalId",
			file:   "search_zawahiri.json", payee: screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, threshold: 0.8,
			want: []screening.EngineMatch{
				{Source: lists.OFACSDN, EntityID: "2676", MatchedName: "Ayman AL-ZAWAHIRI", Score: 1},
				{Source: lists.UN, EntityID: "QDi.006", MatchedName: "Al Zawahiri Ayman", Score: 1},
				{Source: lists.EU, EntityID: "551", MatchedName: "Ayman Al Zawahiri", Score: 1},
			},
		},
		{
			reason: "results below the threshold by name score are dropped, whatever their overall score",
			file:   "search_aqsa.json", payee: screening.Payee{Name: "AL-AQSA ISLAMIC BANK", Type: screening.Organization}, threshold: 0.95,
			want: []screening.EngineMatch{
				{Source: lists.OFACSDN, EntityID: "7114", MatchedName: "AL-AQSA ISLAMIC BANK", Score: 1},
			},
		},
		{
			reason: "the name score, not Watchman's overall 0.77, decides: AL-ATAA scores 0.945 by name",
			file:   "search_aqsa.json", payee: screening.Payee{Name: "AL-AQSA ISLAMIC BANK"}, threshold: 0.8,
			want: []screening.EngineMatch{
				{Source: lists.OFACSDN, EntityID: "7114", MatchedName: "AL-AQSA ISLAMIC BANK", Score: 1},
				{Source: lists.OFACSDN, EntityID: "24545", MatchedName: "AL-ATAA ISLAMIC BANK", Score: 0.9451},
			},
		},
		{
			reason: "score pieces taken from the server's details (debug=yes) give the same matches",
			file:   "search_ri_won_ho_debug.json", payee: screening.Payee{Name: "Ri Won Ho", Type: screening.Person}, threshold: 0.8,
			opts: Options{ServerDetails: true},
			want: []screening.EngineMatch{
				{Source: lists.OFACSDN, EntityID: "19609", MatchedName: "Won Ho RI", Score: 1},
				{Source: lists.UN, EntityID: "KPi.033", MatchedName: "RI WON HO", Score: 1},
				{Source: lists.EU, EntityID: "110286", MatchedName: "Won Ho Ri", Score: 1},
			},
		},
		{
			reason: "no result is no match",
			file:   "search_none.json", payee: screening.Payee{Name: "Anna Schmidt", Type: screening.Person}, threshold: 0.8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.payee.Name, func(t *testing.T) {
			f := newFakeServer(t, serveFile(t, tt.file))
			e, err := New(f.URL, tt.opts)
			require.NoError(t, err)
			got, err := e.Match(context.Background(), tt.payee, tt.threshold)
			require.NoError(t, err, "Match\n(%s)", tt.reason)
			for i := range got {
				assert.Contains(t, got[i].Detail, "name ")
				assert.Contains(t, got[i].Detail, "match 0.")
				got[i].Detail = ""
				got[i].Score = float64(int(got[i].Score*10000+0.5)) / 10000
			}
			assert.True(t, slices.Equal(got, tt.want), "got  %+v\nwant %+v\n(%s)", got, tt.want, tt.reason)
		})
	}
}

func TestMatchSendsOnlyTheName(t *testing.T) {
	tests := []struct {
		reason string
		payee  screening.Payee
		want   url.Values
	}{
		{
			reason: "a person is searched by name and type; the minimum overall score is 0.80 × 0.81225 rounded down",
			payee: screening.Payee{ID: "EMP-1", Name: " Jane Roe ", Type: screening.Person, DOB: "1980-01-02", Country: "DE",
				Email: "jane@example.com", Phone: "+49 30 1", Address: "Street 1", Bank: screening.BankAccount{IBAN: "DE89370400440532013000"},
				Documents: []screening.Document{{Type: "passport", Number: "X123"}}, Wallets: []screening.Wallet{{Address: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}}},
			want: url.Values{"name": {"Jane Roe"}, "type": {"person"}, "limit": {"100"}, "minMatch": {"0.64"}},
		},
		{
			reason: "an organization is searched without a type: Watchman files listed organizations as business or organization",
			payee:  screening.Payee{Name: "Acme GmbH", Type: screening.Organization, Country: "DE"},
			want:   url.Values{"name": {"Acme GmbH"}, "type": {""}, "limit": {"100"}, "minMatch": {"0.64"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.payee.Name, func(t *testing.T) {
			f := newFakeServer(t, serveFile(t, "search_none.json"))
			e, err := New(f.URL, Options{})
			require.NoError(t, err)
			if _, err := e.Match(context.Background(), tt.payee, 0.8); err != nil {
				t.Fatal(err)
			}
			require.Len(t, f.queries, 1)
			if got := f.queries[0]; !equalValues(got, tt.want) {
				t.Errorf("query %v, want %v\n(%s)", got, tt.want, tt.reason)
			}
		})
	}
}

func equalValues(a, b url.Values) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// closedURL returns the URL of a loopback port nothing listens on.
func closedURL(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	u := "http://" + ln.Addr().String()
	ln.Close()
	return u
}

// entityJSON edits the first entity of a testdata answer.
func editAnswer(t *testing.T, file string, edit func(e map[string]any)) []byte {
	t.Helper()
	var resp map[string]any
	require.NoError(t, json.Unmarshal(readTestdata(t, file), &resp))
	edit(resp["entities"].([]any)[0].(map[string]any))
	b, err := json.Marshal(resp)
	require.NoError(t, err)
	return b
}

func TestMatchErrors(t *testing.T) {
	const secret = "Zawahiri" // part of the payee's name, never in an error
	answer := func(status int, body []byte) func(w http.ResponseWriter, r *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			w.Write(body)
		}
	}
	many := func() []byte {
		var resp search.SearchResponse
		require.NoError(t, json.Unmarshal(readTestdata(t, "search_zawahiri.json"), &resp))
		for len(resp.Entities) < maxResults {
			resp.Entities = append(resp.Entities, resp.Entities[0])
		}
		b, _ := json.Marshal(map[string]any{"entities": resp.Entities})
		return b
	}()
	var closing atomic.Int64
	tests := []struct {
		reason   string
		handler  func(w http.ResponseWriter, r *http.Request) // nil: no server
		opts     Options
		want     error
		attempts int // requests the server must see; 0: not checked
	}{
		{
			reason: "connection refused is retried, then an error: the server is down",
			opts:   Options{Retries: 2}, want: ErrUnavailable,
		},
		{
			reason:  "a server error is not retried: the server answered",
			handler: answer(500, []byte(`{"error":"boom"}`)), want: ErrServer, attempts: 1,
		},
		{
			reason:  "a 400 with Watchman's error body is a server error",
			handler: answer(400, []byte(`{"error":"extra/unused query parameters in request: x"}`)), want: ErrServer, attempts: 1,
		},
		{
			reason:  "a 200 carrying an error field is a server error",
			handler: answer(200, []byte(`{"error":"problem with v2 search"}`)), want: ErrServer,
		},
		{
			reason:  "an answer that is not JSON is malformed",
			handler: answer(200, []byte(`<html>proxy error</html>`)), want: ErrProtocol,
		},
		{
			reason:  "a truncated answer is malformed",
			handler: answer(200, readTestdata(t, "search_zawahiri.json")[:300]), want: ErrProtocol,
		},
		{
			reason:  "an answer as large as the server's maximum may miss matches",
			handler: answer(200, many), want: ErrTruncated,
		},
		{
			reason:  "a result from a list payscreen does not read is an error, not dropped",
			handler: answer(200, editAnswer(t, "search_zawahiri.json", func(e map[string]any) { e["sourceList"] = "us_csl" })),
			want:    ErrUnmapped,
		},
		{
			reason: "a UN result without its reference number cannot be identified",
			handler: answer(200, editAnswer(t, "search_zawahiri.json", func(e map[string]any) {
				delete(e["sourceData"].(map[string]any), "ReferenceNumber")
			})),
			want: ErrUnmapped,
		},
		{
			reason:  "a result whose overall score is not the one Watchman's scoring gives means a tuned server",
			handler: answer(200, editAnswer(t, "search_zawahiri.json", func(e map[string]any) { e["match"] = 0.9 })),
			want:    ErrScoreMismatch,
		},
		{
			reason:  "server details that do not belong to the result are malformed",
			handler: answer(200, editAnswer(t, "search_ri_won_ho_debug.json", func(e map[string]any) { e["match"] = 0.5 })),
			opts:    Options{ServerDetails: true}, want: ErrProtocol,
		},
		{
			reason: "a slow server is a timeout",
			handler: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			opts: Options{Timeout: 100 * time.Millisecond}, want: ErrTimeout, attempts: 1,
		},
		{
			reason: "a connection closed before any answer is retried, and the retry answers",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if closing.Add(1) == 1 {
					c, _, _ := w.(http.Hijacker).Hijack()
					c.Close()
					return
				}
				w.Write(readTestdata(t, "search_none.json"))
			},
			want: nil, attempts: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			base := closedURL(t)
			var f *fakeServer
			if tt.handler != nil {
				f = newFakeServer(t, tt.handler)
				base = f.URL
			}
			e, err := New(base, tt.opts)
			require.NoError(t, err)
			ms, err := e.Match(context.Background(), screening.Payee{Name: "Ayman al-" + secret, Type: screening.Person}, 0.8)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v\n(%s)", err, tt.want, tt.reason)
			}
			if err != nil {
				if ms != nil {
					t.Errorf("matches %v along with an error", ms)
				}
				var we *Error
				assert.ErrorAs(t, err, &we)
				if tt.handler == nil && we != nil && we.Attempts != tt.opts.Retries+1 {
					t.Errorf("%d attempts, want %d (%s)", we.Attempts, tt.opts.Retries+1, tt.reason)
				}
				assert.NotContains(t, err.Error(), secret, "error %q holds the payee's name", err)
			}
			if tt.attempts > 0 && f != nil && len(f.queries) != tt.attempts {
				t.Errorf("%d requests, want %d\n(%s)", len(f.queries), tt.attempts, tt.reason)
			}
		})
	}
}

func TestMatchHonorsContext(t *testing.T) {
	f := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	e, err := New(f.URL, Options{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = e.Match(ctx, screening.Payee{Name: "Jane Roe"}, 0.8)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrTimeout, "a cancelled caller is not a server timeout")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Match returned %v after the cancel", d)
	}
}

func TestMatchIgnoredList(t *testing.T) {
	body := editAnswer(t, "search_zawahiri.json", func(e map[string]any) { e["sourceList"] = "us_csl" })
	f := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	e, err := New(f.URL, Options{Ignore: []search.SourceList{search.SourceUSCSL}})
	require.NoError(t, err)
	ms, err := e.Match(context.Background(), screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, 0.8)
	require.NoError(t, err)
	assert.Len(t, ms, 2, "named in Ignore, is dropped")
}

func TestMatchRespellsWithLists(t *testing.T) {
	set := &lists.Set{Lists: []*lists.List{{Source: lists.OFACSDN, Entities: []lists.Entity{
		{Source: lists.OFACSDN, ID: "2676", Names: []lists.Name{{Full: "AL ZAWAHIRI, Dr. Ayman"}, {Full: "AL-ZAWAHIRI, Ayman"}}},
	}}}}
	f := newFakeServer(t, serveFile(t, "search_zawahiri.json"))
	e, err := New(f.URL, Options{Lists: set})
	require.NoError(t, err)
	_, err = e.Match(context.Background(), screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, 0.8)
	assert.ErrorIs(t, err, ErrUnmapped, "the UN and EU results are on lists the set lacks")
	set.Lists = append(set.Lists,
		&lists.List{Source: lists.UN, Entities: []lists.Entity{{Source: lists.UN, ID: "QDi.006", Names: []lists.Name{{Full: "AIMAN MUHAMMED RABI AL-ZAWAHIRI"}, {Full: "Al Zawahiri Ayman"}}}}},
		&lists.List{Source: lists.EU, Entities: []lists.Entity{{Source: lists.EU, ID: "551", Names: []lists.Name{{Full: "Ayman Al-Zawahari"}, {Full: "Ayman Al Zawahiri"}}}}},
	)
	if e, err = New(f.URL, Options{Lists: set}); err != nil {
		t.Fatal(err)
	}
	ms, err := e.Match(context.Background(), screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, 0.8)
	require.NoError(t, err)
	assert.Equal(t, lists.OFACSDN, ms[0].Source, "\"AL-ZAWAHIRI, Ayman\" (Watchman says \"Ayman AL-ZAWAHIRI\")")
	assert.Equal(t, "AL-ZAWAHIRI, Ayman", ms[0].MatchedName, "\"AL-ZAWAHIRI, Ayman\" (Watchman says \"Ayman AL-ZAWAHIRI\")")
}

func TestNew(t *testing.T) {
	tests := []struct {
		reason string
		url    string
		opts   Options
		ok     bool
	}{
		{"a plain base URL", "http://127.0.0.1:8084", Options{}, true},
		{"a trailing slash and a path prefix are fine", "https://watchman.internal/api/", Options{}, true},
		{"no scheme", "127.0.0.1:8084", Options{}, false},
		{"another scheme", "ftp://host", Options{}, false},
		{"a query would be dropped", "http://host/?token=x", Options{}, false},
		{"a negative timeout", "http://host", Options{Timeout: -time.Second}, false},
	}
	for _, tt := range tests {
		_, err := New(tt.url, tt.opts)
		if (err == nil) != tt.ok {
			t.Errorf("New(%q) err = %v (%s)", tt.url, err, tt.reason)
		}
	}
}

func TestMinMatch(t *testing.T) {
	tests := []struct {
		reason    string
		threshold float64
		want      float64
	}{
		{"the default review threshold: 0.80 × 0.81225 = 0.6498, down to 0.64", 0.80, 0.64},
		{"an exact name: 0.81225, down to 0.81", 1, 0.81},
		{"0.95 × 0.81225 = 0.7716", 0.95, 0.77},
		{"zero searches everything", 0, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, minMatch(tt.threshold), "minMatch(%v) (%s)", tt.threshold, tt.reason)
	}
}

func TestRespell(t *testing.T) {
	listed := []string{"AL ZAWAHIRI, Dr. Ayman", "AL-ZAWAHIRI, Ayman", "SALIM, Ahmad Fuad"}
	tests := []struct {
		reason, name, want string
	}{
		{"Watchman's reordering of LAST, First", "Ayman AL-ZAWAHIRI", "AL-ZAWAHIRI, Ayman"},
		{"a title stays a word", "Dr. Ayman AL ZAWAHIRI", "AL ZAWAHIRI, Dr. Ayman"},
		{"case only", "salim, ahmad fuad", "SALIM, Ahmad Fuad"},
		{"a name the entry does not list stays as Watchman gave it", "Ayman Zawahri", "Ayman Zawahri"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, respell(tt.name, listed), "respell(%q) (%s)", tt.name, tt.reason)
	}
}

func TestSourceMapping(t *testing.T) {
	for l, src := range sourceLists {
		got, ok := SourceOf(l)
		assert.True(t, ok, "SourceOf(%s)", l)
		assert.Equal(t, src, got, "SourceOf(%s)", l)
		back, ok := SourceListOf(src)
		assert.True(t, ok, "SourceListOf(%s)", src)
		assert.Equal(t, l, back, "SourceListOf(%s)", src)
	}
	for _, l := range []search.SourceList{search.SourceUSCSL, search.SourceUSFinCEN311, search.SourceUSTEL, search.SourceAPIRequest, "opensanctions"} {
		if _, ok := SourceOf(l); ok {
			t.Errorf("SourceOf(%s) maps a list payscreen does not read", l)
		}
	}
	if _, ok := SourceListOf(lists.Indicators); ok {
		t.Error("SourceListOf(Indicators): no Watchman list holds payscreen's indicator feeds")
	}
}

func TestCheckListsFake(t *testing.T) {
	info := readTestdata(t, "listinfo.json")
	f := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/listinfo" {
			http.NotFound(w, r)
			return
		}
		w.Write(info)
	})
	mk := func(src lists.Source, n int) *lists.List {
		return &lists.List{Source: src, Entities: make([]lists.Entity, n)}
	}
	tests := []struct {
		reason string
		set    *lists.Set
		opts   Options
		errs   []string // substrings, one per expected problem
	}{
		{"the same lists", &lists.Set{Lists: []*lists.List{mk(lists.OFACSDN, 18494), mk(lists.OFACNonSDN, 442), mk(lists.UN, 1003), mk(lists.EU, 4589)}}, Options{}, nil},
		{"another publication of the EU list", &lists.Set{Lists: []*lists.List{mk(lists.OFACSDN, 18494), mk(lists.OFACNonSDN, 442), mk(lists.UN, 1003), mk(lists.EU, 4600)}}, Options{}, []string{"eu has 4600"}},
		{"the server holds a list not loaded", &lists.Set{Lists: []*lists.List{mk(lists.OFACSDN, 18494), mk(lists.OFACNonSDN, 442), mk(lists.UN, 1003)}}, Options{}, []string{"eu_csl (4589 entries), which the loaded lists lack"}},
		{"a loaded list the server lacks would go unscreened", &lists.Set{Lists: []*lists.List{mk(lists.OFACSDN, 18494), mk(lists.OFACNonSDN, 442), mk(lists.UN, 1003), mk(lists.EU, 4589), mk(lists.UK, 10), mk(lists.Indicators, 3)}}, Options{},
			[]string{"include uk, which the server does not hold", "include dprk_indicators, which a Watchman server cannot hold"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			e, err := New(f.URL, tt.opts)
			require.NoError(t, err)
			counts, err := e.CheckLists(context.Background(), tt.set)
			if len(tt.errs) == 0 {
				require.NoError(t, err, "CheckLists (%s)", tt.reason)
			} else {
				require.ErrorIs(t, err, ErrListMismatch, "%s", tt.reason)
				for _, s := range tt.errs {
					assert.Contains(t, err.Error(), s, "error %q lacks (%s)", err, tt.reason)
				}
			}
			if len(counts) < 4 {
				t.Errorf("%d counts, want at least the server's 4 lists", len(counts))
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Op: "search", Status: 502, Attempts: 3, Err: ErrServer}
	if got, want := e.Error(), "watchman: search: HTTP 502 (after 3 attempts): server error"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	assert.ErrorIs(t, e, ErrServer, "Error does not unwrap to its cause")
}
