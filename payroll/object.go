package payroll

import "github.com/payscreen/payscreen/screening"

// ReadObject reads one payee given as a JSON object — one line of the
// JSON Lines input, with the same keys and rules — as row 1 of name. A b
// that is not a JSON object, or whose fields are invalid, gives a row with
// Err set, naming the field, as [JSONLReader.Read] does.
func ReadObject(b []byte, name string) screening.Row {
	return jsonRow(b, name, 1, 1)
}
