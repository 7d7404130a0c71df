package evaluate

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/screening"
)

// sampleReport evaluates the fixture, suggests thresholds and renders
// the report.
func sampleReport(tb testing.TB) (*Evaluation, *Suggestion, []byte) {
	tb.Helper()
	ev := sampleEval(tb, screening.DefaultPolicy(), Options{Resamples: 200})
	s, err := ev.Suggest(Targets{Recall: 0.9, BlockPrecision: 0.8})
	require.NoError(tb, err)
	var buf bytes.Buffer
	info := ReportInfo{Generated: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), LabelsSHA256: "abc123", Command: "payscreen eval --labels sample_labels.csv --lists sample"}
	require.NoError(tb, Report(&buf, ev, s, info))
	return ev, s, buf.Bytes()
}

func TestReport(t *testing.T) {
	_, _, page := sampleReport(t)
	_, _, again := sampleReport(t)
	if !bytes.Equal(page, again) {
		t.Error("two reports of the same inputs differ")
	}
	html := string(page)
	for _, want := range []struct {
		s, reason string
	}{
		{"<!DOCTYPE html>", "a standalone page"},
		{"Screened against the built-in SAMPLE lists", "a report on sample lists says so"},
		{"Suggested thresholds", "the suggestion is reported"},
		{"review 0.90", "with the suggested review threshold"},
		{"2026-03-01 12:00 UTC", "the date given"},
		{"abc123", "the labels file's hash"},
		{"payscreen eval --labels sample_labels.csv --lists sample", "the command that reproduces it"},
		{">organizations<", "figures per category"},
		{"Recall against the review threshold", "the alert chart"},
		{"Blocks against the block threshold", "the block chart"},
		{"Precision/recall curve", "the precision/recall curve"},
		{"Score distributions", "the score distributions"},
		{"Decisions against expectations", "the confusion tables"},
		{"93.33%", "recall 14/15 as a percentage"},
		{"14/15", "with its count"},
		{"<td>p11</td>", "the missed true match is listed by id"},
	} {
		if !strings.Contains(html, want.s) {
			t.Errorf("report lacks %q (%s)", want.s, want.reason)
		}
	}
	assert.Equal(t, 5, strings.Count(html, "<svg "), "SVG charts")
	assert.Equal(t, 6, strings.Count(html, "<polyline "), "polylines: recall, alert precision, alert rate, block precision, block recall, PR curve")
	// Self-contained: nothing to fetch, nothing to run.
	for _, bad := range []string{"<script", "<link", " src=", "<img", "@import", "url("} {
		if strings.Contains(html, bad) {
			t.Errorf("report contains %q: it must be self-contained", bad)
		}
	}
	for _, u := range regexp.MustCompile(`https?://[^"' <]+`).FindAllString(html, -1) {
		assert.Equal(t, "http://www.w3.org/2000/svg", u, "the report refers to no URL but the SVG namespace")
	}
	// Payee names are not repeated in the report.
	if strings.Contains(html, "Kang Chol Su") || strings.Contains(html, "Vitaly Andreev") {
		t.Error("report repeats payee names")
	}
}

func TestWriteReport(t *testing.T) {
	ev, s, _ := sampleReport(t)
	dir := filepath.Join(t.TempDir(), "report")
	require.NoError(t, WriteReport(dir, ev, s, ReportInfo{}))
	b, err := os.ReadFile(filepath.Join(dir, ReportJSON))
	require.NoError(t, err)
	var got struct {
		Evaluation struct {
			Overall struct {
				Recall Estimate `json:"recall"`
			} `json:"overall"`
			Rows []RowOutcome `json:"rows"`
		} `json:"evaluation"`
		Suggestion *Suggestion `json:"suggestion"`
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, ev.Overall.Recall, got.Evaluation.Overall.Recall, "evaluation.json: overall recall")
	assert.Equal(t, 26, len(got.Evaluation.Rows), "evaluation.json: rows")
	if assert.NotNil(t, got.Suggestion, "evaluation.json: suggestion") {
		assert.Equal(t, s.Review, got.Suggestion.Review, "evaluation.json: suggested review")
	}
	assert.FileExists(t, filepath.Join(dir, ReportHTML))
}

// chromium returns the path of a headless Chromium; the test is skipped
// when there is none, except in CI (CI set), where it fails: CI installs
// Debian's chromium package.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required in CI (apt-get install chromium)")
	}
	t.Skip("chromium not installed")
	return ""
}

// runChromium runs headless Chromium on the page with extra arguments and
// returns its standard output.
func runChromium(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "chromium %v\n%s", args, stderr.Bytes())
	return out
}

// TestReportChromium renders the report in headless Chromium: the DOM it
// builds must hold the charts, and the screenshot must show them.
func TestReportChromium(t *testing.T) {
	bin := chromium(t)
	ev, s, _ := sampleReport(t)
	dir := t.TempDir()
	require.NoError(t, WriteReport(dir, ev, s, ReportInfo{Generated: time.Now()}))
	page, err := filepath.Abs(filepath.Join(dir, ReportHTML))
	require.NoError(t, err)

	dom := string(runChromium(t, bin, page, "--dump-dom"))
	for _, c := range []struct {
		elem string
		min  int
	}{{"<svg", 5}, {"<polyline", 6}, {"<circle", 40}, {"<rect class=\"bar\"", 5}, {"<figcaption>", 5}} {
		assert.GreaterOrEqual(t, strings.Count(dom, c.elem), c.min, "rendered DOM's %s elements", c.elem)
	}
	if !strings.Contains(dom, "Score distributions") {
		t.Error("rendered DOM lacks the charts' captions")
	}

	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, page, "--window-size=1100,6000", "--screenshot="+shot)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	assert.Equal(t, [2]int{1100, 6000}, [2]int{b.Dx(), b.Dy()}, "screenshot size")
	// Count ink, and the series colours (Okabe-Ito blue #0072B2 and
	// vermillion #D55E00) that only the charts use.
	var ink, blue, red int
	near := func(r, g, bl uint32, R, G, B int) bool {
		d := func(a uint32, b int) int { x := int(a>>8) - b; return x * x }
		return d(r, R)+d(g, G)+d(bl, B) < 40*40
	}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 < 240 || g>>8 < 240 || bl>>8 < 240 {
				ink++
			}
			if near(r, g, bl, 0x00, 0x72, 0xB2) {
				blue++
			}
			if near(r, g, bl, 0xD5, 0x5E, 0x00) {
				red++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	assert.GreaterOrEqual(t, ink, total/50, "screenshot is nearly blank: inked pixels of %d sampled", total)
	assert.GreaterOrEqual(t, blue, 200, "blue pixels (sampled): the SVG series did not render")
	assert.GreaterOrEqual(t, red, 50, "vermillion pixels (sampled): the SVG series did not render")
	t.Logf("screenshot: %d of %d sampled pixels inked, %d blue, %d vermillion", ink, total, blue, red)
}
