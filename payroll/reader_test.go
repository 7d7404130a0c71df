package payroll

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/screening"
)

func readAll(t *testing.T, r screening.RowReader) []screening.Row {
	t.Helper()
	var rows []screening.Row
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		require.NoError(t, err)
		rows = append(rows, row)
	}
}

func TestCSVReader(t *testing.T) {
	in := "\ufeffID,Name,TYPE,dob,Extra,amount,currency,wallet,wallet_currency\n" +
		"E1,Anna Schmidt,person,1988-04-12,x,1200.50,eur,,\n" +
		"E2,\"Acme, Inc.\",organization,,y,\"1,000\",USD,0xabc,ETH\n" +
		",No Id,person,,,,,,\n" +
		"E4,Bad Type,robot,,,,,,\n" +
		"E5,Bad Amount,person,,,12x,USD,,\n" +
		"E6,Short row\n" +
		"E7,Last,unknown,,,,,,\n"
	r, err := NewCSVReader(strings.NewReader(in), "pay.csv")
	require.NoError(t, err)
	rows := readAll(t, r)
	tests := []struct {
		line   int
		id     string
		errSub string
		reason string
	}{
		{1, "E1", "", "BOM skipped, header case-insensitive, unknown column ignored"},
		{2, "E2", "", "quoted comma, thousands separator in the amount"},
		{3, "", "pay.csv:4: field id: id is required", "a row without an id is a row error naming file, line and field"},
		{4, "E4", "pay.csv:5: field type", "unknown type"},
		{5, "E5", "pay.csv:6: field amount", "amount that is not a number"},
		{6, "", "pay.csv:7: 2 fields, the header has 9", "wrong field count"},
		{7, "E7", "", "reading goes on after bad rows"},
	}
	require.Len(t, rows, len(tests))
	for i, tt := range tests {
		row := rows[i]
		assert.Equal(t, tt.line, row.Line, "row %d (%s)", i, tt.reason)
		assert.Equal(t, tt.id, row.Payee.ID, "row %d (%s)", i, tt.reason)
		got := ""
		if row.Err != nil {
			got = row.Err.Error()
		}
		if (tt.errSub == "") != (got == "") || !strings.Contains(got, tt.errSub) {
			t.Errorf("row %d: error %q, want %q (%s)", i, got, tt.errSub, tt.reason)
		}
	}
	if p := rows[0].Payee; p.Name != "Anna Schmidt" || p.Type != screening.Person || p.DOB != "1988-04-12" || rows[0].Currency != "EUR" || rows[0].Amount.String() != "1200.5" {
		t.Errorf("row 1 parsed as %+v amount %s %s", p, rows[0].Amount, rows[0].Currency)
	}
	if p := rows[1].Payee; p.Type != screening.Organization || len(p.Wallets) != 1 || p.Wallets[0].Currency != "ETH" || rows[1].Amount.String() != "1000" {
		t.Errorf("row 2 parsed as %+v amount %s", p, rows[1].Amount)
	}
}

func TestCSVReaderHeaderErrors(t *testing.T) {
	for _, tt := range []struct{ in, want, reason string }{
		{"", "empty file", "no header"},
		{"name,dob\nA,1990\n", "no id column", "id is required"},
		{"id,name,ID\n", "appears twice", "duplicate column"},
	} {
		if _, err := NewCSVReader(strings.NewReader(tt.in), "x.csv"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.reason, err, tt.want)
		}
	}
}

func TestJSONLReader(t *testing.T) {
	in := `{"id":"J1","name":"Ri Won Ho","dob":"1964","amount":1500.25,"currency":"usd"}

{"ID":"J2","Name":"Upper Keys","type":"organization","extra":{"nested":true}}
not json
{"id":"J4","name":["a","list"]}
{"id":7,"name":"numeric id"}
`
	rows := readAll(t, NewJSONLReader(strings.NewReader(in), "pay.jsonl"))
	require.Len(t, rows, 5, "blank line skipped")
	if rows[0].Payee.Name != "Ri Won Ho" || rows[0].Amount.String() != "1500.25" || rows[0].Currency != "USD" || rows[0].Err != nil {
		t.Errorf("row 1: %+v %v", rows[0].Payee, rows[0].Err)
	}
	if rows[1].Payee.ID != "J2" || rows[1].Payee.Type != screening.Organization || rows[1].Err != nil {
		t.Errorf("row 2: keys are case-insensitive; an unknown key is ignored whatever its value: %+v %v", rows[1].Payee, rows[1].Err)
	}
	if rows[2].Err == nil || !strings.Contains(rows[2].Err.Error(), "pay.jsonl:4") {
		t.Errorf("row 3: want a row error on line 4, got %v", rows[2].Err)
	}
	if rows[3].Err == nil || !strings.Contains(rows[3].Err.Error(), "field name") {
		t.Errorf("row 4: want a field error for name, got %v", rows[3].Err)
	}
	if rows[4].Payee.ID != "7" || rows[4].Err != nil {
		t.Errorf("row 5: numeric id: %+v %v", rows[4].Payee, rows[4].Err)
	}
}

func FuzzCSVReader(f *testing.F) {
	f.Add("id,name,dob\nE1,Anna,1988\n")
	f.Add("id,name\n\"unterminated,x\nE2,y\n")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := NewCSVReader(strings.NewReader(in), "f.csv")
		if err != nil {
			return
		}
		for i := 0; i < 10000; i++ {
			row, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				return
			}
			if row.Err == nil && row.Payee.ID == "" {
				t.Fatalf("row without id and without error: %+v", row)
			}
		}
	})
}
