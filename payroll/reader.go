package payroll

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/payscreen/payscreen/screening"
)

// Columns are the input columns, in the documented order.
var Columns = []string{
	"id", "name", "type", "dob", "country", "address", "email", "phone", "iban", "bic",
	"account_number", "routing_number", "bank_country", "wallet", "wallet_currency", "amount", "currency",
}

var knownColumns = func() map[string]bool {
	m := make(map[string]bool, len(Columns))
	for _, c := range Columns {
		m[c] = true
	}
	return m
}()

// ErrNoID is the cause of a row error for a row without an id, and of a
// file error for a CSV header without an id column.
var ErrNoID = errors.New("id is required")

// RowError is the error of one unreadable row.
type RowError struct {
	File  string
	Line  int    // line in the file (1-based, the header included)
	Field string // column, if one field is at fault
	Err   error
}

func (e *RowError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s:%d: field %s: %v", e.File, e.Line, e.Field, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// fromFields builds a row from column values; it fills row.Err for the
// first invalid field.
func fromFields(get func(col string) string, file string, line, seq int) screening.Row {
	row := screening.Row{Line: seq}
	fail := func(field string, err error) screening.Row {
		row.Err = &RowError{File: file, Line: line, Field: field, Err: err}
		return row
	}
	p := screening.Payee{
		ID:      strings.TrimSpace(get("id")),
		Name:    get("name"),
		DOB:     get("dob"),
		Country: get("country"),
		Address: get("address"),
		Email:   get("email"),
		Phone:   get("phone"),
		Bank: screening.BankAccount{
			IBAN:          get("iban"),
			BIC:           get("bic"),
			AccountNumber: get("account_number"),
			RoutingNumber: get("routing_number"),
			Country:       get("bank_country"),
		},
	}
	if w := strings.TrimSpace(get("wallet")); w != "" {
		p.Wallets = []screening.Wallet{{Address: w, Currency: get("wallet_currency")}}
	}
	row.Payee = p
	if p.ID == "" {
		return fail("id", ErrNoID)
	}
	t, err := screening.ParsePayeeType(get("type"))
	if err != nil {
		return fail("type", err)
	}
	row.Payee.Type = t
	if a := strings.TrimSpace(get("amount")); a != "" {
		d, err := decimal.NewFromString(strings.ReplaceAll(a, ",", ""))
		if err != nil {
			return fail("amount", fmt.Errorf("%q is not a number", a))
		}
		row.Amount, row.HasAmount = d, true
	}
	row.Currency = strings.ToUpper(strings.TrimSpace(get("currency")))
	return row
}

// CSVReader reads payroll rows from CSV with a header line.
type CSVReader struct {
	file string
	r    *csv.Reader
	cols map[string]int
	n    int
	seq  int
}

// NewCSVReader reads the header of a CSV payroll file. name is used in
// errors. The header must have an id column; a UTF-8 byte-order mark is
// skipped.
func NewCSVReader(r io.Reader, name string) (*CSVReader, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file: no header line", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	c := &CSVReader{file: name, r: cr, cols: map[string]int{}, n: len(header)}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := c.cols[k]; dup && k != "" {
			return nil, fmt.Errorf("%s:1: column %q appears twice", name, k)
		}
		c.cols[k] = i
	}
	if _, ok := c.cols["id"]; !ok {
		return nil, fmt.Errorf("%s:1: header has no id column: %w", name, ErrNoID)
	}
	cr.FieldsPerRecord = len(header)
	return c, nil
}

// Read returns the next row; io.EOF after the last. Rows that cannot be
// read come back with Row.Err set and a nil error.
func (c *CSVReader) Read() (screening.Row, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return screening.Row{}, io.EOF
	}
	c.seq++
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(err, csv.ErrFieldCount) {
				return screening.Row{Line: c.seq, Err: &RowError{File: c.file, Line: pe.StartLine,
					Err: fmt.Errorf("%d fields, the header has %d", len(rec), c.n)}}, nil
			}
			return screening.Row{Line: c.seq, Err: &RowError{File: c.file, Line: pe.StartLine, Err: pe.Err}}, nil
		}
		return screening.Row{}, fmt.Errorf("%s: %w", c.file, err)
	}
	line, _ := c.r.FieldPos(0)
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return screening.Row{Line: c.seq, Err: &RowError{File: c.file, Line: line, Field: c.colName(i), Err: errors.New("invalid UTF-8")}}, nil
		}
	}
	get := func(col string) string {
		if i, ok := c.cols[col]; ok {
			return rec[i]
		}
		return ""
	}
	return fromFields(get, c.file, line, c.seq), nil
}

func (c *CSVReader) colName(i int) string {
	for k, v := range c.cols {
		if v == i {
			return k
		}
	}
	return fmt.Sprintf("column %d", i+1)
}

// JSONLReader reads payroll rows from JSON Lines: one JSON object per line,
// blank lines skipped.
type JSONLReader struct {
	file string
	sc   *bufio.Scanner
	line int
	seq  int
}

// NewJSONLReader returns a reader of JSON Lines; name is used in errors.
func NewJSONLReader(r io.Reader, name string) *JSONLReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return &JSONLReader{file: name, sc: sc}
}

// Read returns the next row; io.EOF after the last. A line that is not a
// JSON object comes back with Row.Err set and a nil error. Values may be
// strings or numbers.
func (j *JSONLReader) Read() (screening.Row, error) {
	for j.sc.Scan() {
		j.line++
		b := bytes.TrimSpace(j.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		j.seq++
		return jsonRow(b, j.file, j.line, j.seq), nil
	}
	if err := j.sc.Err(); err != nil {
		return screening.Row{}, fmt.Errorf("%s:%d: %w", j.file, j.line+1, err)
	}
	return screening.Row{}, io.EOF
}

// jsonRow builds the row of one JSON object b, found at line of file, the
// seq-th row; a b that is not a JSON object gives a row with Err set.
func jsonRow(b []byte, file string, line, seq int) screening.Row {
	if row, ok := fastJSONRow(b, file, line, seq); ok {
		return row
	}
	return jsonRowMaps(b, file, line, seq)
}

// jsonRowMaps is jsonRow's general path: b decoded into maps.
func jsonRowMaps(b []byte, file string, line, seq int) screening.Row {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return screening.Row{Line: seq, Err: &RowError{File: file, Line: line, Err: fmt.Errorf("not a JSON object: %w", err)}}
	}
	vals := make(map[string]string, len(obj))
	for k, raw := range obj {
		key := strings.ToLower(strings.TrimSpace(k))
		if !knownColumns[key] {
			continue // unknown keys are ignored, whatever their value
		}
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			vals[key] = s
			continue
		}
		var n json.Number
		if err := json.Unmarshal(raw, &n); err == nil {
			vals[key] = n.String()
			continue
		}
		if string(raw) == "null" {
			continue
		}
		return screening.Row{Line: seq, Err: &RowError{File: file, Line: line, Field: key, Err: errors.New("must be a string or a number")}}
	}
	return fromFields(func(c string) string { return vals[c] }, file, line, seq)
}
