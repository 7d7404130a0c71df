package payroll

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func testResults() []screening.RowResult {
	hit := screening.RowResult{
		Row: screening.Row{Line: 1, Payee: screening.Payee{ID: "E1", Name: "Ri Won Ho"}},
		Result: screening.Result{Decision: screening.Block, Score: 1, Matches: []screening.Match{{
			Source: lists.ListID{Source: lists.UN}, EntityID: "KPi.033", Fingerprint: "fp1:0f", Name: "RI WON HO", MatchedName: "RI WON HO", Score: 1,
			Programs: []string{"DPRK"}, DPRK: true, Decision: screening.Block,
			Evidence: []screening.Evidence{{Field: screening.FieldName, Query: "Ri Won Ho", Listed: "RI WON HO", Score: 1, Effect: screening.Matches}},
		}}, Flags: []screening.Flag{{Code: screening.FlagSanctionedCountry, Detail: "payee country KP"}}},
	}
	clear := screening.RowResult{Row: screening.Row{Line: 2, Payee: screening.Payee{ID: "E2"}}}
	bad := screening.RowResult{Row: screening.Row{Line: 3, Payee: screening.Payee{ID: "E3"}}, Err: errors.New("pay.csv:4: field type: unknown")}
	return []screening.RowResult{hit, clear, bad}
}

func TestJSONLWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewJSONLWriter(&b)
	for _, r := range testResults() {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.Flush())
	want := `{"id":"E1","row":1,"decision":"block","score":1,"matches":[{"source":"un","entity_id":"KPi.033","fingerprint":"fp1:0f","name":"RI WON HO","matched_name":"RI WON HO","score":1,"programs":["DPRK"],"dprk":true,"evidence":[{"field":"name","query":"Ri Won Ho","listed":"RI WON HO","score":1,"effect":"matches"}]}],"flags":[{"code":"sanctioned_country","detail":"payee country KP"}]}
{"id":"E2","row":2,"decision":"clear","score":0,"matches":[],"flags":[]}
{"id":"E3","row":3,"decision":"review","score":0,"matches":[],"flags":[],"error":"pay.csv:4: field type: unknown"}
`
	assert.Equal(t, want, b.String(), "JSONL output")
}

func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b)
	for _, r := range testResults() {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.Flush())
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		strings.Join(CSVColumns, ","),
		"E1,1,block,1,un,KPi.033,RI WON HO,RI WON HO,1,DPRK,true,name:matches,sanctioned_country,",
		"E2,2,clear,0,,,,,,,,,,",
		"E3,3,review,0,,,,,,,,,,pay.csv:4: field type: unknown",
	}
	assert.Equal(t, strings.Join(want, "\n"), strings.Join(lines, "\n"), "CSV output")
}
