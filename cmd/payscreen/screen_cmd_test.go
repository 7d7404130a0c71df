package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const examplePayroll = "../../examples/payroll/payees.csv"

type outLine struct {
	ID       string `json:"id"`
	Row      int    `json:"row"`
	Decision string `json:"decision"`
	Matches  []struct {
		Source   string `json:"source"`
		EntityID string `json:"entity_id"`
	} `json:"matches"`
	Flags []struct {
		Code string `json:"code"`
	} `json:"flags"`
	Error string `json:"error"`
}

func parseOut(t *testing.T, s string) []outLine {
	t.Helper()
	var out []outLine
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var o outLine
		require.NoError(t, json.Unmarshal([]byte(l), &o), "output line %q", l)
		out = append(out, o)
	}
	return out
}

// TestScreenExamplePayroll runs the README's main command.
func TestScreenExamplePayroll(t *testing.T) {
	code, stdout, stderr := runCmd(t, "screen", "--lists", "sample", examplePayroll)
	require.Equal(t, exitOK, code, stderr)
	out := parseOut(t, stdout)
	require.Len(t, out, 35, "result lines for 35 rows")
	want := map[string]struct {
		decision, entity, reason string
	}{
		"EMP-1001": {"clear", "", "ordinary payee"},
		"CTR-2004": {"block", "42498", "listed ETH wallet of Sim Hyon Sop typed in upper case"},
		"CTR-2005": {"block", "43377", "Kim Sang Man's listed wallet"},
		"CTR-2006": {"review+", "24977", "front company under a variant spelling: at least review (block when the near-exact name is corroborated by its listed country)"},
		"CTR-2009": {"block", "20571", "paid through Kumgang Bank's listed BIC"},
		"CTR-2010": {"block", "42496", "listed XBT address"},
		"CTR-2012": {"review", "", "invalid IBAN"},
		"CTR-2013": {"block", "KPi.033", "UN-listed, date of birth corroborates"},
	}
	for i, o := range out {
		assert.Equal(t, i+1, o.Row, "line %d: output must keep input order", i+1)
		w, ok := want[o.ID]
		if !ok {
			continue
		}
		top := ""
		if len(o.Matches) > 0 {
			top = o.Matches[0].EntityID
		}
		if w.decision == "review+" {
			assert.Contains(t, []string{"review", "block"}, o.Decision, "%s (%s)", o.ID, w.reason)
		} else {
			assert.Equal(t, w.decision, o.Decision, "%s (%s)", o.ID, w.reason)
		}
		assert.Equal(t, w.entity, top, "%s: top match (%s)", o.ID, w.reason)
		if assert.NotEmpty(t, o.Flags, o.ID) {
			assert.Equal(t, "sample_lists", o.Flags[0].Code, "%s: results against the sample must say so first, got %+v", o.ID, o.Flags)
		}
	}
	for _, s := range []string{"screened 35 rows", "SAMPLE", "review", "USD"} {
		assert.Contains(t, stderr, s, "summary")
	}
}

func TestScreenExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("name\nAnna\n"), 0o644)
	jsonl := filepath.Join(dir, "p.jsonl")
	os.WriteFile(jsonl, []byte(`{"id":"J1","name":"Ri Won Ho","dob":"1964-07-17"}`+"\n"+`{"id":"J2","name":"Anna Schmidt","type":"robot"}`+"\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		reason string
	}{
		{[]string{"screen", "--lists", "sample", "--fail-on", "block", examplePayroll}, exitFailOn, "a row blocks"},
		{[]string{"screen", "--lists", "sample", "--fail-on", "clear", examplePayroll}, exitUsage, "--fail-on wants review or block"},
		{[]string{"screen", "--lists", "sample"}, exitUsage, "no input file"},
		{[]string{"screen", "--lists", "sample", filepath.Join(dir, "missing.csv")}, exitError, "unreadable input stops the run"},
		{[]string{"screen", "--lists", "sample", bad}, exitError, "a CSV without an id column stops the run"},
		{[]string{"screen", "--lists", filepath.Join(dir, "nolists"), examplePayroll}, exitError, "no lists: fail closed"},
		{[]string{"screen", "--lists", "sample", jsonl}, exitOK, "JSON Lines by extension; a bad row does not stop the run"},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, tt.args...)
		assert.Equal(t, tt.code, code, "%v (%s)\n%s", tt.args, tt.reason, stderr)
	}
	_, stdout, _ := runCmd(t, "screen", "--lists", "sample", jsonl)
	out := parseOut(t, stdout)
	require.Len(t, out, 2, "JSONL run")
	assert.Equal(t, "block", out[0].Decision, "JSONL run: %+v", out)
	assert.NotEmpty(t, out[1].Error, "JSONL run: %+v", out)
	assert.Equal(t, "review", out[1].Decision, "JSONL run: %+v", out)
}

func TestScreenStaleLists(t *testing.T) {
	un := filepath.Join("..", "..", "..", "shared", "lists", "un", "2026-02")
	if _, err := os.Stat(un); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	code, _, stderr := runCmd(t, "screen", "--lists", un, examplePayroll)
	assert.Equal(t, exitError, code, "lists from February 2026 under the default 7-day limit")
	assert.Contains(t, stderr, "stale", "lists from February 2026 under the default 7-day limit")
	code, stdout, stderr := runCmd(t, "screen", "--lists", un, "--max-age", "0", "--out-format", "csv", examplePayroll)
	assert.Equal(t, exitOK, code, "--max-age 0 --out-format csv: %s", stderr)
	assert.True(t, strings.HasPrefix(stdout, "id,row,decision,score,source"), "--max-age 0 --out-format csv: header")
	assert.Equal(t, 36, strings.Count(stdout, "\n"), "--max-age 0 --out-format csv: lines")
}

func TestCheck(t *testing.T) {
	code, stdout, stderr := runCmd(t, "check", "--lists", "sample", "--dob", "1983-11-25", "--country", "CN", "Sim", "Hyeon", "Seop")
	require.Equal(t, exitOK, code, stderr)
	for _, s := range []string{"Decision: BLOCK", "42498", "hyeon=hyon", "dob", "corroborates", "SAMPLE"} {
		assert.Contains(t, stdout, s, "explanation")
	}
	code, _, _ = runCmd(t, "check", "--lists", "sample")
	assert.Equal(t, exitUsage, code, "check without a name")
	code, stdout, _ = runCmd(t, "check", "--lists", "sample", "--json", "--wallet", "1986rYHckYbJpGQJy6ornuMyD2N5MTqwDt")
	assert.Equal(t, exitOK, code, "check --json --wallet")
	assert.Contains(t, stdout, `"decision": "block"`, "check --json --wallet")
	assert.Contains(t, stdout, `"fingerprint": "fp1:`, "check --json --wallet")
}

func TestListsInfoSample(t *testing.T) {
	code, stdout, stderr := runCmd(t, "lists", "info", "--lists", "sample")
	require.Equal(t, exitOK, code, stderr)
	for _, s := range []string{"OFAC SDN list (SAMPLE: not for real screening)", "entities     23", "UN Security Council consolidated list (SAMPLE"} {
		assert.Contains(t, stdout, s, "lists info --lists sample")
	}
}
