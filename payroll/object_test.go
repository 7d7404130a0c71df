package payroll

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/screening"
)

func TestReadObject(t *testing.T) {
	tests := []struct {
		name, in  string
		wantErr   string // substring of the row error; empty for none
		wantName  string
		wantType  screening.PayeeType
		wantField string
		reason    string
	}{
		{name: "one line", in: `{"id":"E1","name":"Jane Roe","type":"person"}`, wantName: "Jane Roe", wantType: screening.Person,
			reason: "a JSON Lines line is a valid object"},
		{name: "pretty", in: "{\n  \"id\": \"E1\",\n  \"name\": \"Jane Roe\"\n}\n", wantName: "Jane Roe",
			reason: "a request body may be pretty-printed over several lines"},
		{name: "number id", in: `{"id":7,"name":"A B"}`, wantName: "A B", reason: "numbers are accepted as in JSON Lines"},
		{name: "no id", in: `{"name":"A B"}`, wantErr: "id is required", wantField: "id", reason: "id is required as in a payroll file"},
		{name: "bad type", in: `{"id":"E1","type":"robot"}`, wantErr: "unknown payee type", wantField: "type", reason: "the type is validated"},
		{name: "array value", in: `{"id":"E1","name":["A"]}`, wantErr: "must be a string or a number", wantField: "name", reason: "values must be scalars"},
		{name: "array", in: `[1,2]`, wantErr: "not a JSON object", reason: "one payee is one object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := ReadObject([]byte(tt.in), "request")
			assert.Equal(t, 1, row.Line, "the object is row 1")
			if tt.wantErr == "" {
				require.NoError(t, row.Err, tt.reason)
				assert.Equal(t, tt.wantName, row.Payee.Name, tt.reason)
				assert.Equal(t, tt.wantType, row.Payee.Type, tt.reason)
				return
			}
			require.Error(t, row.Err, tt.reason)
			assert.True(t, strings.Contains(row.Err.Error(), tt.wantErr), "%v: %s", row.Err, tt.reason)
			var re *RowError
			require.True(t, errors.As(row.Err, &re))
			assert.Equal(t, "request", re.File)
			assert.Equal(t, tt.wantField, re.Field, tt.reason)
		})
	}
}
