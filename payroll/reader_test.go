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
		if tt.errSub == "" {
			assert.NoError(t, row.Err, "row %d (%s)", i, tt.reason)
		} else if assert.Error(t, row.Err, "row %d (%s)", i, tt.reason) {
			assert.Contains(t, row.Err.Error(), tt.errSub, "row %d (%s)", i, tt.reason)
		}
	}
	p := rows[0].Payee
	assert.Equal(t, "Anna Schmidt", p.Name)
	assert.Equal(t, screening.Person, p.Type)
	assert.Equal(t, "1988-04-12", p.DOB)
	assert.Equal(t, "EUR", rows[0].Currency)
	assert.Equal(t, "1200.5", rows[0].Amount.String())
	p = rows[1].Payee
	assert.Equal(t, screening.Organization, p.Type)
	if assert.Len(t, p.Wallets, 1) {
		assert.Equal(t, "ETH", p.Wallets[0].Currency)
	}
	assert.Equal(t, "1000", rows[1].Amount.String())
}

func TestCSVReaderHeaderErrors(t *testing.T) {
	for _, tt := range []struct{ in, want, reason string }{
		{"", "empty file", "no header"},
		{"name,dob\nA,1990\n", "no id column", "id is required"},
		{"id,name,ID\n", "appears twice", "duplicate column"},
	} {
		_, err := NewCSVReader(strings.NewReader(tt.in), "x.csv")
		if assert.Error(t, err, tt.reason) {
			assert.Contains(t, err.Error(), tt.want, tt.reason)
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
	assert.NoError(t, rows[0].Err, "row 1")
	assert.Equal(t, "Ri Won Ho", rows[0].Payee.Name, "row 1")
	assert.Equal(t, "1500.25", rows[0].Amount.String(), "row 1: a JSON number amount")
	assert.Equal(t, "USD", rows[0].Currency, "row 1: currency upper-cased")
	const keys = "row 2: keys are case-insensitive; an unknown key is ignored whatever its value"
	assert.NoError(t, rows[1].Err, keys)
	assert.Equal(t, "J2", rows[1].Payee.ID, keys)
	assert.Equal(t, screening.Organization, rows[1].Payee.Type, keys)
	if assert.Error(t, rows[2].Err, "row 3 is not JSON") {
		assert.Contains(t, rows[2].Err.Error(), "pay.jsonl:4", "row 3: a row error on line 4")
	}
	if assert.Error(t, rows[3].Err, "row 4: a name that is not a string") {
		assert.Contains(t, rows[3].Err.Error(), "field name", "row 4: the error names the field")
	}
	assert.NoError(t, rows[4].Err, "row 5: numeric id")
	assert.Equal(t, "7", rows[4].Payee.ID, "row 5: numeric id")
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
			if row.Err == nil {
				require.NotEmpty(t, row.Payee.ID, "row without id and without error: %+v", row)
			}
		}
	})
}
