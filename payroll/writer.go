package payroll

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/payscreen/payscreen/screening"
)

// outRow is the JSON Lines contract of one result:
// {"id","row","decision","score","matches","flags","error"}.
type outRow struct {
	ID       string            `json:"id"`
	Row      int               `json:"row"`
	Decision string            `json:"decision"`
	Score    float64           `json:"score"`
	Matches  []screening.Match `json:"matches"`
	Flags    []screening.Flag  `json:"flags"`
	Error    string            `json:"error,omitempty"`
}

// Outcome returns the decision written for a row: its result's decision,
// or Review for a row that could not be screened — a row nobody screened
// must not be paid without a person looking at it.
func Outcome(r screening.RowResult) screening.Decision {
	if r.Err != nil {
		return screening.Review
	}
	return r.Result.Decision
}

func toOut(r screening.RowResult) outRow {
	o := outRow{
		ID:       r.Row.Payee.ID,
		Row:      r.Row.Line,
		Decision: Outcome(r).String(),
		Score:    r.Result.Score,
		Matches:  r.Result.Matches,
		Flags:    r.Result.Flags,
	}
	if o.Matches == nil {
		o.Matches = []screening.Match{}
	}
	if o.Flags == nil {
		o.Flags = []screening.Flag{}
	}
	if r.Err != nil {
		o.Error = r.Err.Error()
	}
	return o
}

// JSONLWriter writes one JSON object per result.
type JSONLWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONLWriter returns a writer of JSON Lines results to w; call Flush
// at the end.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriterSize(w, 64*1024)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{w: bw, enc: enc}
}

// Write writes one result line.
func (j *JSONLWriter) Write(r screening.RowResult) error { return j.enc.Encode(toOut(r)) }

// Flush writes any buffered output.
func (j *JSONLWriter) Flush() error { return j.w.Flush() }

// CSVColumns is the header of the flat CSV output: one row per input row,
// with its top match only.
var CSVColumns = []string{
	"id", "row", "decision", "score", "source", "entity_id", "name", "matched_name",
	"match_score", "programs", "dprk", "evidence", "flags", "error",
}

// CSVWriter writes one flat CSV row per result.
type CSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewCSVWriter returns a writer of flat CSV results; call Flush at the end.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one result row (the header first).
func (c *CSVWriter) Write(r screening.RowResult) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVColumns); err != nil {
			return err
		}
	}
	o := toOut(r)
	rec := []string{o.ID, strconv.Itoa(o.Row), o.Decision, formatScore(o.Score), "", "", "", "", "", "", "", "", "", o.Error}
	if len(o.Matches) > 0 {
		m := o.Matches[0]
		var ev []string
		for _, e := range m.Evidence {
			ev = append(ev, e.Field.String()+":"+e.Effect.String())
		}
		rec[4], rec[5], rec[6], rec[7] = m.Source.String(), m.EntityID, m.Name, m.MatchedName
		rec[8], rec[9], rec[10], rec[11] = formatScore(m.Score), strings.Join(m.Programs, ";"), strconv.FormatBool(m.DPRK), strings.Join(ev, ";")
	}
	var flags []string
	for _, f := range o.Flags {
		flags = append(flags, string(f.Code))
	}
	rec[12] = strings.Join(flags, ";")
	return c.w.Write(rec)
}

// Flush writes any buffered output.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
