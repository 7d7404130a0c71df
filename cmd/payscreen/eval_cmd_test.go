package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			assert.Equal(t, tt.code, code, tt.reason)
			assert.Contains(t, errOut, tt.errOut, tt.reason)
		})
	}
}

func TestEvalBadLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels.csv")
	require.NoError(t, os.WriteFile(path, []byte("id,name,expect\n1,A,clear\n2,B,maybe\n"), 0o644))
	code, _, errOut := runEvalCmd(t, "--labels", path, "--lists", "sample")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "labels.csv:3: field expect", "want the error naming line 3 and the expect field")
}

func TestEvalSample(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report")
	policy := filepath.Join(dir, "policy.yaml")
	code, out, errOut := runEvalCmd(t, "--labels", evalLabels, "--lists", "sample", "--resamples", "200",
		"--target-recall", "0.9", "--target-block-precision", "0.8", "--report", report, "--write-policy", policy)
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{"SAMPLE lists", "26 rows (15 true matches, 11 non-matches)", "0.9333 [", "14/15", "Suggested: review 0.90, block 0.90", "people"} {
		assert.Contains(t, out, want, "summary")
	}
	p, err := screening.LoadPolicy(policy)
	require.NoError(t, err)
	// The block threshold is the lowest at or above the review threshold
	// that meets its target.
	assert.Equal(t, 0.90, p.Review, "written policy review")
	assert.Equal(t, 0.90, p.Block, "written policy block")
	assert.Equal(t, screening.Block, p.PayeeCountries["KP"], "written policy: want the default countries")
	html, err := os.ReadFile(filepath.Join(report, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "--target-recall 0.9", "report lacks the command line")
	assert.Equal(t, 5, strings.Count(string(html), "<svg "), "report lacks the five charts")

	code, out, errOut = runEvalCmd(t, "--labels", evalLabels, "--lists", "sample", "--resamples", "0", "--json")
	require.Equal(t, exitOK, code, "--json: %s", errOut)
	var got struct {
		Evaluation struct {
			Overall struct {
				Recall struct{ Num, Den int } `json:"recall"`
			} `json:"overall"`
			Sweep []json.RawMessage `json:"sweep"`
		} `json:"evaluation"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got), "--json output")
	r := got.Evaluation.Overall.Recall
	assert.Equal(t, [2]int{14, 15}, [2]int{r.Num, r.Den}, "--json: recall")
	assert.Len(t, got.Evaluation.Sweep, 41, "--json: sweep points")
}
