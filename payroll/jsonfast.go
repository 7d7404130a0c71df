package payroll

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/payscreen/payscreen/screening"
)

// numColumns is len(Columns).
const numColumns = 17

// columnIndex returns the position of column c in Columns, or -1.
func columnIndex(c string) int {
	switch c {
	case "id":
		return 0
	case "name":
		return 1
	case "type":
		return 2
	case "dob":
		return 3
	case "country":
		return 4
	case "address":
		return 5
	case "email":
		return 6
	case "phone":
		return 7
	case "iban":
		return 8
	case "bic":
		return 9
	case "account_number":
		return 10
	case "routing_number":
		return 11
	case "bank_country":
		return 12
	case "wallet":
		return 13
	case "wallet_currency":
		return 14
	case "amount":
		return 15
	case "currency":
		return 16
	}
	return -1
}

// fastJSONRow is jsonRow for the common case, without decoding b into
// maps: a valid JSON object whose keys are ASCII, each key at most once,
// and whose known keys hold strings, numbers or null. It reports false for
// anything else (invalid JSON, not an object, a non-ASCII or escaped key,
// a key repeated, in any case, an array, object or boolean under a known
// key), and jsonRow then takes its general path, which gives the same row
// or the error. When it reports true, the row is the one jsonRow's
// general path gives.
func fastJSONRow(b []byte, file string, line, seq int) (screening.Row, bool) {
	if !json.Valid(b) {
		return screening.Row{}, false
	}
	var vals [numColumns]string
	var seen uint32
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return screening.Row{}, false
	}
	i = skipSpace(b, i+1)
	for b[i] != '}' {
		// b is valid JSON: b[i] is the '"' opening a key.
		keyEnd, escaped := stringEnd(b, i)
		if escaped {
			return screening.Row{}, false
		}
		col, ok := keyColumn(b[i+1 : keyEnd-1])
		if !ok {
			return screening.Row{}, false
		}
		i = skipSpace(b, keyEnd)
		i = skipSpace(b, i+1) // past ':'
		start := i
		var v string
		var set bool
		switch c := b[i]; {
		case c == '"':
			end, esc := stringEnd(b, i)
			i = end
			if col >= 0 {
				raw := b[start+1 : end-1]
				if esc || !utf8.Valid(raw) {
					var ok bool
					if v, ok = unquote(b[start:end]); !ok {
						return screening.Row{}, false
					}
				} else {
					v = string(raw)
				}
				set = true
			}
		case c == '-' || ('0' <= c && c <= '9'):
			for i < len(b) && isNumberByte(b[i]) {
				i++
			}
			v, set = string(b[start:i]), col >= 0
		case c == 'n': // null: the empty string, as json.Unmarshal into a string
			i += len("null")
			set = col >= 0
		default:
			if col >= 0 {
				return screening.Row{}, false // general path: the field's error
			}
			i = skipValue(b, i)
		}
		if set {
			if seen&(1<<col) != 0 {
				return screening.Row{}, false
			}
			seen |= 1 << col
			vals[col] = v
		}
		i = skipSpace(b, i)
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	get := func(c string) string {
		if k := columnIndex(c); k >= 0 {
			return vals[k]
		}
		return ""
	}
	return fromFields(get, file, line, seq), true
}

// unquote decodes the JSON string q as the general path does: escapes
// decoded, invalid UTF-8 replaced by U+FFFD.
func unquote(q []byte) (string, bool) {
	var s string
	err := json.Unmarshal(q, &s)
	return s, err == nil
}

// keyColumn returns the column of a raw (unescaped) key as jsonRow reads
// it, trimmed of spaces and lower-cased, or -1 for an unknown key; false
// for a key it cannot map without the general path (non-ASCII).
func keyColumn(k []byte) (int, bool) {
	var buf [32]byte
	for len(k) > 0 && k[0] == ' ' {
		k = k[1:]
	}
	for len(k) > 0 && k[len(k)-1] == ' ' {
		k = k[:len(k)-1]
	}
	for _, c := range k {
		if c >= utf8.RuneSelf {
			return 0, false
		}
	}
	if len(k) > len(buf) {
		return -1, true // longer than any column
	}
	for j, c := range k {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	return columnIndex(string(buf[:len(k)])), true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string opening at b[i], and
// whether it holds a backslash escape.
func stringEnd(b []byte, i int) (int, bool) {
	esc := false
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			esc = true
			i++
		case '"':
			return i + 1, esc
		}
	}
	return i, esc
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// skipValue returns the index after the valid JSON value at b[i]: true,
// false, an object or an array (strings, numbers and null are read by the
// caller).
func skipValue(b []byte, i int) int {
	switch b[i] {
	case 't':
		return i + len("true")
	case 'f':
		return i + len("false")
	}
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			i, _ = stringEnd(b, i)
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return i
}
