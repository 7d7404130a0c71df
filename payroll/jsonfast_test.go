package payroll

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/screening"
)

// rowText renders a row for comparison: every field, the amount as text
// and the error as its message.
func rowText(r screening.Row) string {
	err := ""
	if r.Err != nil {
		err = r.Err.Error()
	}
	return fmt.Sprintf("%d %#v %v %s %q %q", r.Line, r.Payee, r.HasAmount, r.Amount.String(), r.Currency, err)
}

// TestFastJSONRow holds the fast path of jsonRow to its general path, row
// for row, and checks which inputs take which path.
func TestFastJSONRow(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		fast     bool
		reason   string
		// anyOrder: the general path's answer depends on map order,
		// so two of its answers are not compared.
		anyOrder bool
	}{
		{"payroll row", `{"id":"EMP-1","name":"Dmitri Romano","type":"person","dob":"1995-06-12","country":"US","email":"a@example.com","phone":"+1 200 0000000","account_number":"661259239","routing_number":"021000021","bank_country":"US","amount":"1637.43","currency":"eur"}`, true, "the common case: every value a plain string", false},
		{"spaces", " \t{ \"id\" : \"E 1\" ,\r\n \"name\" :\"Kim\" } \n", true, "whitespace anywhere JSON allows it", false},
		{"numbers", `{"id":12,"amount":-1.5e3,"account_number":0012}`, false, "0012 is not JSON: the general path names the error", false},
		{"number values", `{"id":12,"amount":-1.5e3,"routing_number":21000021}`, true, "numbers are read as their literal text", false},
		{"null", `{"id":"E1","name":null,"email":null}`, true, "null is the empty string", false},
		{"unknown keys", `{"id":"E1","meta":{"a":[1,{"b":"}"}],"c":true},"flag":false,"on":true,"x":null,"n":[],"name":"Ann"}`, true, "unknown keys are skipped whatever their value", false},
		{"key case and spaces", `{" ID ":"E1","Name":"Ann","BANK_COUNTRY":"de"}`, true, "keys are trimmed and lower-cased", false},
		{"escaped value", `{"id":"E1","name":"Jos\u00e9 \"Pepe\" Ruiz"}`, true, "escapes in values are decoded as json does", false},
		{"invalid UTF-8", "{\"id\":\"E1\",\"name\":\"Ann \xff\"}", true, "invalid UTF-8 becomes U+FFFD as json does", false},
		{"UTF-8 value", `{"id":"E1","name":"Ким Чен Ын","address":"평양"}`, true, "UTF-8 values are taken as they are", false},
		{"empty object", `{}`, true, "no id: ErrNoID", false},
		{"no id", `{"name":"Ann"}`, true, "the row error comes from fromFields", false},
		{"bad type", `{"id":"E1","type":"robot"}`, true, "the type error comes from fromFields", false},
		{"bad amount", `{"id":"E1","amount":"12x"}`, true, "the amount error comes from fromFields", false},
		{"wallet", `{"id":"E1","wallet":" 0xabc ","wallet_currency":"ETH"}`, true, "a wallet", false},
		{"long unknown key", `{"id":"E1","an_unknown_key_longer_than_thirty_two_bytes":"x"}`, true, "longer than any column", false},
		{"escaped key", `{"\u0069d":"E1"}`, false, "escaped keys take the general path", false},
		{"non-ASCII key", `{"id":"E1","BAN` + "\u212a" + `_COUNTRY":"DE"}`, false, "the Kelvin sign lower-cases to k: general path", false},
		{"duplicate key", `{"id":"E1","id":"E2"}`, false, "a repeated key takes the general path (the last wins there)", false},
		{"duplicate in case", `{"id":"E1","ID":"E2"}`, false, "keys equal once lower-cased take the general path (which takes either)", true},
		{"boolean value", `{"id":"E1","name":true}`, false, "a boolean under a known key is an error of the general path", false},
		{"object value", `{"id":"E1","name":{"first":"Ann"}}`, false, "an object under a known key is an error", false},
		{"not an object", `["id"]`, false, "not a JSON object", false},
		{"top-level null", `null`, false, "null decodes to no field in the general path", false},
		{"invalid JSON", `{"id":"E1",}`, false, "invalid JSON is an error naming the offset", false},
		{"trailing data", `{"id":"E1"} {}`, false, "two values are not one object", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := jsonRowMaps([]byte(tc.in), "f.jsonl", 3, 2)
			got, fast := fastJSONRow([]byte(tc.in), "f.jsonl", 3, 2)
			assert.Equal(t, tc.fast, fast, tc.reason)
			if fast {
				assert.Equal(t, rowText(want), rowText(got), tc.reason)
			}
			if !tc.anyOrder {
				assert.Equal(t, rowText(want), rowText(jsonRow([]byte(tc.in), "f.jsonl", 3, 2)), tc.reason)
			}
		})
	}
}

func TestFastJSONRowValues(t *testing.T) {
	got, fast := fastJSONRow([]byte(`{"id":" E1 ","name":"Jos\u00e9","amount":"1,234.50","routing_number":21000021,"currency":" eur","dob":null}`), "f", 1, 1)
	require.True(t, fast)
	require.NoError(t, got.Err)
	assert.Equal(t, "E1", got.Payee.ID, "the id is trimmed")
	assert.Equal(t, "José", got.Payee.Name, "the escape is decoded")
	assert.Equal(t, "1234.5", got.Amount.String(), "thousands separators dropped")
	assert.Equal(t, "21000021", got.Payee.Bank.RoutingNumber, "a number as its text")
	assert.Equal(t, "EUR", got.Currency, "currency upper-cased and trimmed")
}

// TestFastJSONRowAllocs bounds the allocations of a payroll row: the
// strings of its fields, the amount and the row, no maps (the general
// path makes 85).
func TestFastJSONRowAllocs(t *testing.T) {
	in := []byte(`{"id":"EMP-1","name":"Dmitri Romano","type":"person","dob":"1995-06-12","country":"US","email":"a@example.com","account_number":"661259239","routing_number":"021000021","bank_country":"US","amount":"1637.43","currency":"EUR"}`)
	fast := testing.AllocsPerRun(100, func() { jsonRow(in, "request", 1, 1) })
	general := testing.AllocsPerRun(100, func() { jsonRowMaps(in, "request", 1, 1) })
	t.Logf("allocations: fast path %v, general path %v", fast, general)
	assert.LessOrEqual(t, fast, 13.0)
}

func FuzzFastJSONRow(f *testing.F) {
	for _, s := range []string{
		`{"id":"EMP-1","name":"Dmitri Romano","amount":"1637.43"}`,
		`{"id":1,"name":null,"x":{"a":[true,false,null]},"Name":"b"}`,
		`{"id":"E1","name":"Jos\u00e9 \"P\""}`,
		` { "ID " : "a" , "bank_country":"de" } `,
		`{"id":"E1","wallet":"0x1","amount":-1e2}`,
		"{\"id\":\"\xff\"}",
		`[]`, `null`, `{"id":"a",}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, fast := fastJSONRow(b, "f", 1, 1)
		if !fast {
			return
		}
		if want := jsonRowMaps(b, "f", 1, 1); rowText(want) != rowText(got) {
			t.Fatalf("%q:\nfast    %s\ngeneral %s", b, rowText(got), rowText(want))
		}
	})
}

// BenchmarkJSONRow compares the two paths of jsonRow on a payroll row.
func BenchmarkJSONRow(b *testing.B) {
	in := []byte(`{"id":"EMP-0000001","name":"Dmitri Romano","type":"person","dob":"1995-06-12","country":"US","email":"payee1@example.com","phone":"+1 200 0000000","account_number":"661259239","routing_number":"021000021","bank_country":"US","amount":"1637.43","currency":"EUR"}`)
	for _, bc := range []struct {
		name string
		read func([]byte, string, int, int) screening.Row
	}{{"fast", jsonRow}, {"general", jsonRowMaps}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if row := bc.read(in, "request", 1, 1); row.Err != nil {
					b.Fatal(row.Err)
				}
			}
		})
	}
}

// TestColumnIndex keeps the fast path's column table in step with
// Columns: a column added there and not here would be dropped silently.
func TestColumnIndex(t *testing.T) {
	require.Len(t, Columns, numColumns)
	for i, c := range Columns {
		assert.Equal(t, i, columnIndex(c), c)
	}
	assert.Equal(t, -1, columnIndex("metadata"), "unknown column")
}
