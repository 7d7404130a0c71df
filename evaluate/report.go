package evaluate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/payscreen/payscreen/screening"
)

// ReportInfo is what the report says about how it was made.
type ReportInfo struct {
	// Generated is the time printed as the report's date.
	Generated time.Time
	// LabelsSHA256 is the sha256 of the labels file, if known.
	LabelsSHA256 string
	// Command is the command line that reproduces the evaluation.
	Command string
	// MaxListed bounds the rows listed as misses and false alerts (0:
	// 200).
	MaxListed int
}

// Report file names in the directory [WriteReport] writes.
const (
	ReportHTML = "index.html"      // the report
	ReportJSON = "evaluation.json" // the evaluation and suggestion as JSON
)

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(v float64) string { return fmt.Sprintf("%.2f%%", 100*v) },
	"f2":  func(v float64) string { return fmt.Sprintf("%.2f", v) },
	"f4":  func(v float64) string { return fmt.Sprintf("%.4f", v) },
	"dec": func(i int) string { return screening.Decision(i).String() },
	"add": func(a, b int) int { return a + b },
}).Parse(reportTemplate))

// reportData is the template's input.
type reportData struct {
	E          *Evaluation
	S          *Suggestion
	Info       ReportInfo
	Generated  string
	Charts     []*svgChart
	Groups     []reportGroup
	SGroups    []reportGroup
	Misses     []RowOutcome
	MoreMisses int
	False      []RowOutcome
	MoreFalse  int
	ListsOK    bool
}

type reportGroup struct {
	Name string
	M    Metrics
}

// Report writes the evaluation as one self-contained HTML page: no script,
// no external style sheet, font or image — the charts are inline SVG — so
// that it can be filed and read offline. s may be nil (no targets given).
// The page is the same bytes for the same inputs.
func Report(w io.Writer, e *Evaluation, s *Suggestion, info ReportInfo) error {
	if info.MaxListed <= 0 {
		info.MaxListed = 200
	}
	d := reportData{E: e, S: s, Info: info, ListsOK: !e.Sample}
	if !info.Generated.IsZero() {
		d.Generated = info.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	d.Charts = append(alertCharts(e, s), blockChart(e, s), prChart(e), scoreChart(e, s))
	d.Groups = append(d.Groups, reportGroup{"all rows", e.Overall})
	for _, c := range e.Categories {
		d.Groups = append(d.Groups, reportGroup{c.Category, c.Metrics})
	}
	if s != nil {
		d.SGroups = append(d.SGroups, reportGroup{"all rows", s.Overall})
		for _, c := range s.Categories {
			d.SGroups = append(d.SGroups, reportGroup{c.Category, c.Metrics})
		}
	}
	for _, r := range e.Rows {
		switch {
		case r.Correct():
		case r.Label.Positive():
			if len(d.Misses) < info.MaxListed {
				d.Misses = append(d.Misses, r)
			} else {
				d.MoreMisses++
			}
		default:
			if len(d.False) < info.MaxListed {
				d.False = append(d.False, r)
			} else {
				d.MoreFalse++
			}
		}
	}
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, d); err != nil {
		return fmt.Errorf("evaluate: report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// reportJSON is what evaluation.json holds.
type reportJSON struct {
	Evaluation *Evaluation `json:"evaluation"`
	Suggestion *Suggestion `json:"suggestion,omitempty"`
}

// WriteReport creates dir if needed and writes the HTML report
// ([ReportHTML]) and the evaluation with the suggestion as JSON
// ([ReportJSON]) into it.
func WriteReport(dir string, e *Evaluation, s *Suggestion, info ReportInfo) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("evaluate: report: %w", err)
	}
	var html bytes.Buffer
	if err := Report(&html, e, s, info); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ReportHTML), html.Bytes(), 0o644); err != nil {
		return fmt.Errorf("evaluate: report: %w", err)
	}
	b, err := json.MarshalIndent(reportJSON{e, s}, "", "  ")
	if err != nil {
		return fmt.Errorf("evaluate: report: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ReportJSON), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("evaluate: report: %w", err)
	}
	return nil
}
