package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		out = append(out, o)
	}
	return out
}

// TestScreenExamplePayroll runs the README's main command.
func TestScreenExamplePayroll(t *testing.T) {
	code, stdout, stderr := runCmd(t, "screen", "--lists", "sample", examplePayroll)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := parseOut(t, stdout)
	if len(out) != 35 {
		t.Fatalf("%d result lines for 35 rows", len(out))
	}
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
		if o.Row != i+1 {
			t.Errorf("line %d has row %d: output must keep input order", i+1, o.Row)
		}
		w, ok := want[o.ID]
		if !ok {
			continue
		}
		top := ""
		if len(o.Matches) > 0 {
			top = o.Matches[0].EntityID
		}
		decisionOK := o.Decision == w.decision || (w.decision == "review+" && (o.Decision == "review" || o.Decision == "block"))
		if !decisionOK || top != w.entity {
			t.Errorf("%s: %s on %q, want %s on %q (%s)", o.ID, o.Decision, top, w.decision, w.entity, w.reason)
		}
		if o.Flags[0].Code != "sample_lists" {
			t.Errorf("%s: results against the sample must say so first, got %+v", o.ID, o.Flags)
		}
	}
	for _, s := range []string{"screened 35 rows", "SAMPLE", "review", "USD"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("summary lacks %q:\n%s", s, stderr)
		}
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
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)\n%s", tt.args, code, tt.code, tt.reason, stderr)
		}
	}
	_, stdout, _ := runCmd(t, "screen", "--lists", "sample", jsonl)
	out := parseOut(t, stdout)
	if len(out) != 2 || out[0].Decision != "block" || out[1].Error == "" || out[1].Decision != "review" {
		t.Errorf("JSONL run: %+v", out)
	}
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
	if code != exitError || !strings.Contains(stderr, "stale") {
		t.Errorf("lists from February 2026 under the default 7-day limit: exit %d, %s", code, stderr)
	}
	code, stdout, stderr := runCmd(t, "screen", "--lists", un, "--max-age", "0", "--out-format", "csv", examplePayroll)
	if code != exitOK || !strings.HasPrefix(stdout, "id,row,decision,score,source") || strings.Count(stdout, "\n") != 36 {
		t.Errorf("--max-age 0 --out-format csv: exit %d, %d lines\n%s", code, strings.Count(stdout, "\n"), stderr)
	}
}

func TestCheck(t *testing.T) {
	code, stdout, stderr := runCmd(t, "check", "--lists", "sample", "--dob", "1983-11-25", "--country", "CN", "Sim", "Hyeon", "Seop")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"Decision: BLOCK", "42498", "hyeon=hyon", "dob", "corroborates", "SAMPLE"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("explanation lacks %q:\n%s", s, stdout)
		}
	}
	if code, _, _ := runCmd(t, "check", "--lists", "sample"); code != exitUsage {
		t.Errorf("check without a name: exit %d, want %d", code, exitUsage)
	}
	code, stdout, _ = runCmd(t, "check", "--lists", "sample", "--json", "--wallet", "1986rYHckYbJpGQJy6ornuMyD2N5MTqwDt")
	if code != exitOK || !strings.Contains(stdout, `"decision": "block"`) || !strings.Contains(stdout, `"fingerprint": "fp1:`) {
		t.Errorf("check --json --wallet: exit %d\n%s", code, stdout)
	}
}

func TestListsInfoSample(t *testing.T) {
	code, stdout, stderr := runCmd(t, "lists", "info", "--lists", "sample")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"OFAC SDN list (SAMPLE: not for real screening)", "entities     23", "UN Security Council consolidated list (SAMPLE"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("lists info --lists sample lacks %q:\n%s", s, stdout)
		}
	}
}
