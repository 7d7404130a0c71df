package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/screening"
)

const evalLabels = "../../testdata/labels/sample_labels.csv"

// runEvalCmd runs payscreen eval in-process.
func runEvalCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runEval(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestEvalUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		errOut string
		reason string
	}{
		{nil, exitUsage, "--labels FILE is required", "the labels are the input"},
		{[]string{"--labels", evalLabels, "extra"}, exitUsage, `unexpected argument "extra"`, "no positional arguments"},
		{[]string{"--labels", evalLabels, "--target-recall", "1.5"}, exitUsage, "--target-recall wants a share", "a target is a share"},
		{[]string{"--labels", evalLabels, "--write-policy", "p.yaml"}, exitUsage, "--write-policy needs a target", "nothing to suggest without a target"},
		{[]string{"--labels", evalLabels, "--target-recall", "0.9", "--write-policy", "p.toml"}, exitUsage, "want a .json, .yaml or .yml", "policy files are JSON or YAML"},
		{[]string{"--labels", evalLabels, "--in-format", "xml"}, exitUsage, "--in-format wants csv or jsonl", "two label formats"},
		{[]string{"--labels", evalLabels, "--floor", "0"}, exitUsage, "--floor wants a score", "a sweep starts above 0"},
		{[]string{"--labels", evalLabels, "--max-age", "soon"}, exitUsage, "invalid", "the screen command's list flags, with their checks"},
		{[]string{"-h"}, exitOK, "-target-block-precision", "-h prints the flags"},
		{[]string{"--labels", "does-not-exist.csv", "--lists", "sample"}, exitError, "does-not-exist.csv", "a missing file is an error naming it"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := runEvalCmd(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.errOut) {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr with %q (%s)", code, errOut, tt.code, tt.errOut, tt.reason)
			}
		})
	}
}

func TestEvalBadLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels.csv")
	if err := os.WriteFile(path, []byte("id,name,expect\n1,A,clear\n2,B,maybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runEvalCmd(t, "--labels", path, "--lists", "sample")
	if code != exitError || !strings.Contains(errOut, "labels.csv:3: field expect") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming line 3 and the expect field", code, errOut)
	}
}

func TestEvalSample(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report")
	policy := filepath.Join(dir, "policy.yaml")
	code, out, errOut := runEvalCmd(t, "--labels", evalLabels, "--lists", "sample", "--resamples", "200",
		"--target-recall", "0.9", "--target-block-precision", "0.8", "--report", report, "--write-policy", policy)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"SAMPLE lists", "26 rows (15 true matches, 11 non-matches)", "0.9333 [", "14/15", "Suggested: review 0.90, block 0.90", "people"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	p, err := screening.LoadPolicy(policy)
	if err != nil {
		t.Fatal(err)
	}
	// The block threshold is the lowest at or above the review threshold
	// that meets its target.
	if p.Review != 0.90 || p.Block != 0.90 || p.PayeeCountries["KP"] != screening.Block {
		t.Errorf("written policy review %v block %v countries %v; want 0.90, 0.90 and the default countries", p.Review, p.Block, p.PayeeCountries)
	}
	html, err := os.ReadFile(filepath.Join(report, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "--target-recall 0.9") || strings.Count(string(html), "<svg ") != 5 {
		t.Errorf("report lacks the command line or the five charts")
	}

	code, out, errOut = runEvalCmd(t, "--labels", evalLabels, "--lists", "sample", "--resamples", "0", "--json")
	if code != exitOK {
		t.Fatalf("--json: exit %d: %s", code, errOut)
	}
	var got struct {
		Evaluation struct {
			Overall struct {
				Recall struct{ Num, Den int } `json:"recall"`
			} `json:"overall"`
			Sweep []json.RawMessage `json:"sweep"`
		} `json:"evaluation"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json output: %v", err)
	}
	if r := got.Evaluation.Overall.Recall; r.Num != 14 || r.Den != 15 || len(got.Evaluation.Sweep) != 41 {
		t.Errorf("--json: recall %d/%d, %d sweep points; want 14/15 and 41", r.Num, r.Den, len(got.Evaluation.Sweep))
	}
}
