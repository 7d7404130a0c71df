package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/screening/redflags"
)

// expectedLine is what "payscreen screen" writes for body as row 1, with
// a Screener of its own over the same lists and policy.
func expectedLine(t *testing.T, sc *screening.Screener, body string) string {
	t.Helper()
	row := payroll.ReadObject([]byte(body), "request")
	require.NoError(t, row.Err)
	res, err := sc.Screen(context.Background(), row.Payee)
	require.NoError(t, err)
	var b bytes.Buffer
	w := payroll.NewJSONLWriter(&b)
	require.NoError(t, w.Write(screening.RowResult{Row: row, Result: res}))
	require.NoError(t, w.Flush())
	return b.String()
}

func TestScreenIsAScreenLine(t *testing.T) {
	set := realSet(t)
	_, ts, _ := start(t, Config{Load: fixed(set)})
	sc, err := screening.New(set, noAgePolicy(), screening.Options{})
	require.NoError(t, err)
	_, listsBody, _ := do(t, "GET", ts.URL+"/v1/lists", "")
	var la struct{ ID string }
	require.NoError(t, json.Unmarshal([]byte(listsBody), &la))

	tests := []struct {
		name, body string
		want       screening.Decision
		reason     string
	}{
		{"listed person corroborated", `{"id":"E1","name":"Sim Hyeon Seop","type":"person","dob":"1983-11-25","country":"CN"}`, screening.Block,
			"OFAC SDN 42498 by a romanization variant, same date of birth and a listed country"},
		{"listed wallet", `{"id":"E2","name":"J. Doe","wallet":"0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"}`, screening.Block,
			"a listed ETH address (OFAC SDN 43377) blocks whatever the name"},
		{"invalid IBAN", `{"id":"E3","name":"Maria Fernanda Lopez","iban":"DE00123"}`, screening.Review,
			"an IBAN that fails its checksum could not be screened"},
		{"clear", `{"id":"E4","name":"Maria Fernanda Lopez","type":"person","dob":"1990-04-02","country":"ES","amount":"1200.50","currency":"EUR"}`, screening.Clear,
			"an ordinary name on no list"},
		{"pretty-printed", "{\n \"id\": \"E5\",\n \"name\": \"Sim Hyeon Seop\"\n}", screening.Review,
			"a body over several lines is one object; a name alone is review, not block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, h := do(t, "POST", ts.URL+"/v1/screen", tt.body, "Content-Type", "application/json")
			require.Equal(t, http.StatusOK, code, body)
			assert.Equal(t, expectedLine(t, sc, tt.body), body, "byte for byte the line payscreen screen writes")
			assert.Equal(t, la.ID, h.Get(ListsHeader))
			assert.Equal(t, "application/json", h.Get("Content-Type"))
			var out struct{ Decision string }
			require.NoError(t, json.Unmarshal([]byte(body), &out))
			assert.Equal(t, tt.want.String(), out.Decision, tt.reason)
		})
	}
}

func TestScreenRefusesBadRequests(t *testing.T) {
	_, ts, _ := start(t, Config{Load: fixed(realSet(t)), MaxBodyBytes: 4096, MaxFieldBytes: 100})
	long := strings.Repeat("a", 101)
	tests := []struct {
		name, method, body string
		code               int
		want               string // substring of the error
		reason             string
	}{
		{"empty", "POST", "", 400, "empty body", "nothing to screen"},
		{"not JSON", "POST", "id,name\n1,x", 400, "not a JSON object", "CSV is not accepted on /v1/screen"},
		{"array", "POST", `[{"id":"1"}]`, 400, "not a JSON object", "one payee is one object"},
		{"no id", "POST", `{"name":"Jane Roe"}`, 400, "field id: id is required", "id is required as in a payroll file"},
		{"bad type", "POST", `{"id":"1","type":"robot"}`, 400, "field type", "the type is validated"},
		{"bad amount", "POST", `{"id":"1","amount":"lots"}`, 400, "field amount", "the amount must be a number"},
		{"long name", "POST", `{"id":"1","name":"` + long + `"}`, 400, "field name: 101 bytes, more than the limit of 100", "fields are bounded"},
		{"long wallet", "POST", `{"id":"1","wallet":"` + long + `"}`, 400, "field wallet", "wallets too"},
		{"too large", "POST", `{"id":"1","x":"` + strings.Repeat("b", 5000) + `"}`, 413, "larger than the limit of 4096 bytes", "the body is bounded"},
		{"wrong method", "GET", "", 405, "", "screening is a POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := do(t, tt.method, ts.URL+"/v1/screen", tt.body)
			assert.Equal(t, tt.code, code, "%s: %s", tt.reason, body)
			if tt.want != "" {
				var e errorBody
				require.NoError(t, json.Unmarshal([]byte(body), &e), body)
				assert.Contains(t, e.Error, tt.want, tt.reason)
			}
		})
	}
}

// batchBody is a payroll as JSON Lines: two payees sharing an IBAN, a
// listed person, a row without id, a blank line and a clear payee.
const batchBody = `{"id":"P1","name":"Anna Schmidt","iban":"DE89370400440532013000","country":"DE"}
{"id":"P2","name":"Li Wei","iban":"DE89 3704 0044 0532 0130 00","country":"CN"}
{"id":"P3","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}

{"name":"no id here"}
{"id":"P5","name":"Maria Fernanda Lopez","country":"ES"}
`

func TestBatch(t *testing.T) {
	set := realSet(t)
	_, ts, _ := start(t, Config{Load: fixed(set)})
	code, body, h := do(t, "POST", ts.URL+"/v1/screen/batch", batchBody)
	require.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, "application/x-ndjson", h.Get("Content-Type"))

	// The same rows through ScreenBatchRedFlags and the payroll writer,
	// as "payscreen screen" runs them.
	sc, err := screening.New(set, noAgePolicy(), screening.Options{})
	require.NoError(t, err)
	var want bytes.Buffer
	jw := payroll.NewJSONLWriter(&want)
	open := func() (screening.RowReader, error) {
		return payroll.NewJSONLReader(strings.NewReader(batchBody), "batch"), nil
	}
	require.NoError(t, redflags.ScreenBatch(context.Background(), sc, open, redflags.Options{Policy: noAgePolicy().RedFlags},
		screening.BatchOptions{}, func(rr screening.RowResult) error { return jw.Write(rr) }))
	require.NoError(t, jw.Flush())
	assert.Equal(t, want.String(), body, "the lines payscreen screen writes for the same input")

	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	require.Len(t, lines, 5, "one result per non-blank line")
	type out struct {
		ID, Decision, Error string
		Flags               []struct{ Code string }
	}
	var got []out
	for _, l := range lines {
		var o out
		require.NoError(t, json.Unmarshal([]byte(l), &o))
		got = append(got, o)
	}
	ids := []string{got[0].ID, got[1].ID, got[2].ID, got[3].ID, got[4].ID}
	assert.Equal(t, []string{"P1", "P2", "P3", "", "P5"}, ids, "input order")
	hasFlag := func(o out, code string) bool {
		for _, f := range o.Flags {
			if f.Code == code {
				return true
			}
		}
		return false
	}
	assert.True(t, hasFlag(got[0], "shared_bank_account") && hasFlag(got[1], "shared_bank_account"), "red flags across the batch: one IBAN, two payees")
	assert.Equal(t, "review", got[0].Decision, "a red flag lifts to review")
	assert.Equal(t, "block", got[2].Decision)
	assert.Contains(t, got[3].Error, "batch:5: field id: id is required", "a bad row gets its error, on its own line")
	assert.Equal(t, "review", got[3].Decision, "an unscreened row is review")
	assert.Equal(t, "clear", got[4].Decision)
}

func TestBatchLimits(t *testing.T) {
	_, ts, _ := start(t, Config{Load: fixed(realSet(t)), MaxBatchBytes: 1 << 10, MaxFieldBytes: 50})
	big := strings.Repeat(`{"id":"X","name":"Anna Schmidt"}`+"\n", 100)
	code, body, _ := do(t, "POST", ts.URL+"/v1/screen/batch", big)
	assert.Equal(t, http.StatusRequestEntityTooLarge, code)
	assert.Contains(t, body, "larger than the limit of 1024 bytes")

	in := `{"id":"A","name":"Anna Schmidt"}` + "\n" + `{"id":"B","name":"` + strings.Repeat("x", 51) + `"}` + "\n"
	code, body, _ = do(t, "POST", ts.URL+"/v1/screen/batch", in)
	require.Equal(t, http.StatusOK, code, body)
	lines := strings.Split(strings.TrimSpace(body), "\n")
	require.Len(t, lines, 2, "a row with a field too long still gets its line")
	assert.Contains(t, lines[1], `"error":"batch:2: field name: 51 bytes, more than the limit of 50: field too long"`)
	assert.Contains(t, lines[1], `"decision":"review"`)

	code, body, _ = do(t, "POST", ts.URL+"/v1/screen/batch", "")
	assert.Equal(t, http.StatusOK, code, "an empty batch has no results")
	assert.Empty(t, body)
}

func TestListsHealthReady(t *testing.T) {
	set := realSet(t)
	_, ts, _ := start(t, Config{Load: fixed(set)})
	code, body, h := do(t, "GET", ts.URL+"/v1/lists", "")
	require.Equal(t, http.StatusOK, code)
	var la struct {
		ID    string `json:"id"`
		Ready bool   `json:"ready"`
		Lists []struct {
			Source   string `json:"source"`
			Format   string `json:"format"`
			Entities int    `json:"entities"`
			Files    []struct{ SHA256 string }
		} `json:"lists"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &la), body)
	assert.Equal(t, setID(set), la.ID)
	assert.Equal(t, la.ID, h.Get(ListsHeader))
	assert.True(t, la.Ready)
	require.Len(t, la.Lists, len(set.Lists))
	for i, l := range set.Lists {
		assert.Equal(t, l.Source.String(), la.Lists[i].Source)
		assert.Equal(t, len(l.Entities), la.Lists[i].Entities)
		assert.Equal(t, l.Files[0].SHA256, la.Lists[i].Files[0].SHA256)
	}

	code, body, _ = do(t, "GET", ts.URL+"/healthz", "")
	assert.Equal(t, http.StatusOK, code)
	assert.JSONEq(t, `{"status":"ok"}`, body)
	code, body, _ = do(t, "GET", ts.URL+"/readyz", "")
	assert.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, `"ready":true`)
}

func TestNotReadyWithoutLists(t *testing.T) {
	s, err := New(Config{Load: fixed(nil), Policy: noAgePolicy(), Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	require.Error(t, s.Refresh(context.Background()), "no lists is an error")
	h := s.Handler()
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/v1/screen", `{"id":"1","name":"Anna Schmidt"}`},
		{"POST", "/v1/screen/batch", `{"id":"1","name":"Anna Schmidt"}`},
		{"GET", "/v2/search?name=Anna+Schmidt", ""},
		{"GET", "/readyz", ""},
		{"GET", "/v1/lists", ""},
	} {
		rec := serve(h, tc.method, tc.path, tc.body)
		assert.Equal(t, http.StatusServiceUnavailable, rec.Code, "%s %s without lists: %s", tc.method, tc.path, rec.Body)
	}
	rec := serve(h, "GET", "/readyz", "")
	assert.Contains(t, rec.Body.String(), "no lists loaded")
	assert.Contains(t, rec.Body.String(), "no lists loaded: refusing to screen against nothing", "the refresh error is shown")
	assert.Equal(t, http.StatusOK, serve(h, "GET", "/healthz", "").Code, "the process is alive")
}

func TestMetrics(t *testing.T) {
	set := realSet(t)
	_, ts, _ := start(t, Config{Load: fixed(set)})
	do(t, "POST", ts.URL+"/v1/screen", `{"id":"E1","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}`)
	do(t, "POST", ts.URL+"/v1/screen", `{"id":"E1","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}`)
	do(t, "POST", ts.URL+"/v1/screen", `{"id":"E2","name":"Maria Fernanda Lopez"}`)
	do(t, "POST", ts.URL+"/v1/screen", `{"name":"no id"}`)
	do(t, "POST", ts.URL+"/v1/screen/batch", batchBody)
	code, body, _ := do(t, "GET", ts.URL+"/metrics", "")
	require.Equal(t, http.StatusOK, code)
	for _, want := range []string{
		`payscreen_requests_total{code="200",decision="block",route="POST /v1/screen"} 2`,
		`payscreen_requests_total{code="200",decision="clear",route="POST /v1/screen"} 1`,
		`payscreen_requests_total{code="400",decision="",route="POST /v1/screen"} 1`,
		`payscreen_batch_rows_total{decision="review"} 3`,
		`payscreen_request_duration_seconds_count{route="POST /v1/screen"} 4`,
		`payscreen_list_entities{format="ofac_csv",source="ofac_sdn"} ` + fmt.Sprint(len(set.Lists[0].Entities)),
		`payscreen_list_age_seconds{format="un_xml",source="un"}`,
		`payscreen_lists_ready 1`,
		`payscreen_list_refreshes_total{result="ok"} 1`,
		`go_goroutines`,
	} {
		assert.Contains(t, body, want)
	}
}
