package payroll

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func TestJSONLWriterAlerts(t *testing.T) {
	r := screening.RowResult{
		Row: screening.Row{Line: 1, Payee: screening.Payee{ID: "p1"}},
		Result: screening.Result{Decision: screening.Review, Score: 0.9, Matches: []screening.Match{
			{Source: lists.ListID{Source: lists.OFACSDN}, EntityID: "1", Name: "A", Programs: []string{}},
			{Source: lists.ListID{Source: lists.Indicators, Feed: "dprk_indicators"}, EntityID: "2", Name: "B", Programs: []string{}},
		}},
	}
	var b strings.Builder
	w := NewJSONLWriter(&b)
	if err := w.WriteAlerts(r, []*AlertRef{{ID: 7, Status: "new"}, {ID: 8, Status: "suppressed"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteAlerts(r, nil); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	var got struct {
		ID      string `json:"id"`
		Matches []struct {
			Source string    `json:"source"`
			Alert  *AlertRef `json:"alert"`
		} `json:"matches"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "p1" || len(got.Matches) != 2 || *got.Matches[0].Alert != (AlertRef{7, "new"}) ||
		*got.Matches[1].Alert != (AlertRef{8, "suppressed"}) || got.Matches[1].Source != "dprk_indicators" {
		t.Errorf("line with alerts = %s", lines[0])
	}
	if strings.Contains(lines[1], `"alert"`) {
		t.Errorf("line without alerts has one: %s", lines[1])
	}
}
