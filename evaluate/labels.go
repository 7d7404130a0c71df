package evaluate

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

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
)

// Label columns, beside the screening input columns of [payroll.Columns].
const (
	ColExpect   = "expect"    // clear, review or block (required)
	ColSource   = "source"    // the source a true match must be found on ("un", "ofac_sdn", a feed name)
	ColEntityID = "entity_id" // the listed entry's own identifier on that source
	ColCategory = "category"  // a free-text group for figures per category
)

// Errors wrapped by [LabelError] and returned by [ReadLabels].
var (
	// ErrNoExpect: the header has no expect column.
	ErrNoExpect = errors.New("no expect column")
	// ErrExpect: a row's expect is not clear, review or block.
	ErrExpect = errors.New("expect must be clear, review or block")
	// ErrLabelSource: a row's source is not a known source name.
	ErrLabelSource = errors.New("unknown source")
	// ErrNoLabels: the file holds no rows.
	ErrNoLabels = errors.New("no labelled rows")
)

// LabelError is an error in a labels file: the file, the line (1-based,
// the header included; 0 for the file as a whole), the column at fault if
// one is, and the cause. Rows the screening input reader cannot read come
// back as their *payroll.RowError instead, which names the same things.
type LabelError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *LabelError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	case e.Field != "":
		return fmt.Sprintf("%s:%d: field %s: %v", e.File, e.Line, e.Field, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *LabelError) Unwrap() error { return e.Err }

// Label is what a labelled row is expected to give.
type Label struct {
	// Expect is the decision the row should get. Review and Block both
	// mark a true match; Block says the row carries enough (a listed
	// identifier, a date of birth or country that corroborates) to block.
	Expect screening.Decision `json:"expect"`
	// Source, if set, is where a true match must be found: a source's
	// stable name ("un") or an indicator feed's name.
	Source string `json:"source,omitempty"`
	// EntityID, if set, is the listed entry a true match must find. On a
	// row expected clear it narrows the row to that entry: the row is a
	// false alert only if that entry matched (for sets of name pairs).
	EntityID string `json:"entity_id,omitempty"`
	// Category groups rows for figures per category.
	Category string `json:"category,omitempty"`
}

// Positive reports whether l marks a true match (review or block).
func (l Label) Positive() bool { return l.Expect >= screening.Review }

// Case is one labelled row.
type Case struct {
	// Line is the row's line in the labels file (1-based, the header
	// included, as errors name it); for JSON Lines, the line of the
	// object.
	Line  int
	Payee screening.Payee
	Label Label
}

// Labels is what a labels file holds.
type Labels struct {
	// Name is the file name given to [ReadLabels].
	Name  string
	Cases []Case
	// HasCategory reports whether the file has a category column; rows
	// with an empty category then fall in [Uncategorized].
	HasCategory bool
}

// Uncategorized is the category of rows with an empty category in a file
// that has a category column.
const Uncategorized = "(none)"

// LabelFormat is the format of a labels file: the payroll formats, which
// its rows are read in.
type LabelFormat = payroll.Format

// Label file formats.
const (
	CSV   = payroll.CSV   // CSV with a header line, as payroll.NewCSVReader reads
	JSONL = payroll.JSONL // JSON Lines, as payroll.NewJSONLReader reads
)

// ReadLabels reads a whole labels file; name is used in errors. Every row
// must be readable and labelled: a labels file with a bad row would give
// figures over fewer rows than it claims, so the first bad row is an error
// (a *LabelError, or the *payroll.RowError of the screening input reader).
// The payee columns are read by the payroll package's readers, exactly as
// "payscreen screen" reads them.
func ReadLabels(r io.Reader, name string, format LabelFormat) (*Labels, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var labels []rawLabel
	var rows screening.RowReader
	hasCat := false
	switch format.Resolve(name) {
	case CSV:
		labels, hasCat, err = readCSVLabels(data, name)
		if err != nil {
			return nil, err
		}
		cr, err := payroll.NewCSVReader(bytes.NewReader(data), name)
		if err != nil {
			return nil, err
		}
		rows = cr
	case JSONL:
		labels, hasCat, err = readJSONLLabels(data, name)
		if err != nil {
			return nil, err
		}
		rows = payroll.NewJSONLReader(bytes.NewReader(data), name)
	default:
		return nil, fmt.Errorf("%s: unknown label format %d", name, format)
	}
	out := &Labels{Name: name, HasCategory: hasCat, Cases: make([]Case, 0, len(labels))}
	for i := 0; ; i++ {
		row, err := rows.Read()
		if errors.Is(err, io.EOF) {
			if i != len(labels) {
				// Both readers split the same bytes the same way; a
				// difference is a bug, never silently tolerated.
				return nil, &LabelError{File: name, Err: fmt.Errorf("%d labels but %d rows", len(labels), i)}
			}
			break
		}
		if err != nil {
			return nil, err
		}
		if row.Err != nil {
			return nil, row.Err
		}
		if i >= len(labels) {
			return nil, &LabelError{File: name, Err: fmt.Errorf("more rows than labels (%d)", len(labels))}
		}
		l := labels[i]
		if l.err != nil {
			return nil, l.err
		}
		if hasCat && l.label.Category == "" {
			l.label.Category = Uncategorized
		}
		out.Cases = append(out.Cases, Case{Line: l.line, Payee: row.Payee, Label: l.label})
	}
	if len(out.Cases) == 0 {
		return nil, &LabelError{File: name, Err: ErrNoLabels}
	}
	return out, nil
}

// rawLabel is one row's label, or the error that makes it unusable.
type rawLabel struct {
	line  int
	label Label
	err   error
}

// parseLabel builds a label from column values.
func parseLabel(get func(col string) string, file string, line int) rawLabel {
	fail := func(field string, err error) rawLabel {
		return rawLabel{line: line, err: &LabelError{File: file, Line: line, Field: field, Err: err}}
	}
	exp := strings.TrimSpace(get(ColExpect))
	d, err := screening.ParseDecision(exp)
	if err != nil || exp == "" {
		return fail(ColExpect, fmt.Errorf("%w, got %q", ErrExpect, exp))
	}
	l := Label{
		Expect:   d,
		Source:   strings.ToLower(strings.TrimSpace(get(ColSource))),
		EntityID: strings.TrimSpace(get(ColEntityID)),
		Category: strings.TrimSpace(get(ColCategory)),
	}
	if l.Source != "" && !validLabelSource(l.Source) {
		return fail(ColSource, fmt.Errorf("%w %q", ErrLabelSource, l.Source))
	}
	return rawLabel{line: line, label: l}
}

// validLabelSource accepts a source's stable name or a feed name (letters,
// digits, '_', '-', '.').
func validLabelSource(s string) bool {
	if _, err := lists.ParseSource(s); err == nil {
		return true
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return s != ""
}

// readCSVLabels reads the label columns of a CSV labels file, splitting
// records exactly as payroll.NewCSVReader does.
func readCSVLabels(data []byte, name string) ([]rawLabel, bool, error) {
	br := bufio.NewReader(bytes.NewReader(data))
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if err != nil {
		// payroll.NewCSVReader reports the same problem with the header.
		return nil, false, nil
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := cols[ColExpect]; !ok {
		return nil, false, &LabelError{File: name, Line: 1, Err: ErrNoExpect}
	}
	_, hasCat := cols[ColCategory]
	cr.FieldsPerRecord = len(header)
	var out []rawLabel
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, hasCat, nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, false, fmt.Errorf("%s: %w", name, err)
		}
		if err != nil {
			// The row reader reports it as the row's error.
			out = append(out, rawLabel{line: pe.StartLine})
			continue
		}
		line, _ := cr.FieldPos(0)
		get := func(col string) string {
			if i, ok := cols[col]; ok && utf8.ValidString(rec[i]) {
				return rec[i]
			}
			return ""
		}
		out = append(out, parseLabel(get, name, line))
	}
}

// readJSONLLabels reads the label fields of a JSON Lines labels file,
// skipping blank lines as payroll.NewJSONLReader does.
func readJSONLLabels(data []byte, name string) ([]rawLabel, bool, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out []rawLabel
	hasCat := false
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			out = append(out, rawLabel{line: line}) // the row reader reports it
			continue
		}
		vals := map[string]string{}
		for k, raw := range obj {
			key := strings.ToLower(strings.TrimSpace(k))
			var s string
			var n json.Number
			switch {
			case json.Unmarshal(raw, &s) == nil:
				vals[key] = s
			case json.Unmarshal(raw, &n) == nil:
				vals[key] = n.String()
			}
		}
		if _, ok := vals[ColCategory]; ok {
			hasCat = true
		}
		out = append(out, parseLabel(func(c string) string { return vals[c] }, name, line))
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, hasCat, nil
}
