package examples_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shared returns the path, from the module root, of a folder under
// ../shared. When it is absent the test is skipped, except in CI (CI set),
// where it fails.
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(filepath.Join(root, p)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared %s is required in CI: %v", rel, err)
		}
		t.Skipf("shared %s not present: %v", rel, err)
	}
	return p
}

// TestScreenOneRealLists runs screen-one on the official OFAC and UN lists
// beside the checkout: the listed DPRK banker is blocked on the OFAC SDN
// entry, and nothing says SAMPLE.
func TestScreenOneRealLists(t *testing.T) {
	ofac, un := shared(t, "lists/ofac/2025-12"), shared(t, "lists/un/2026-02")
	out := run(t, "screen-one", "-lists", ofac, "-lists", un, "-max-age", "0",
		"-dob", "1983-11-25", "-country", "CN", "Sim Hyeon Seop")
	assert.True(t, strings.HasPrefix(out, "decision: block\n"), "the listed banker is blocked:\n%s", out)
	assert.Contains(t, out, "OFAC SDN list 42498 — SIM, Hyon Sop")
	assert.NotContains(t, out, "SAMPLE", "official lists are not the sample")

	// The same lists at the default age limit are refused: fail closed.
	out = run(t, "screen-one", "-lists", ofac, "-lists", un, "Sim Hyeon Seop")
	assert.Contains(t, out, "exit status 1", "stale lists stop the run")
	assert.NotContains(t, out, "decision:", "no decision is printed on stale lists")
}

// TestPayrollBatchBadRows screens a payroll with rows that cannot be read:
// each still gets its line, counted as review, and nothing is blocked, so
// the exit status is 0. A row in error carries no amount (the reader does
// not trust the rest of a row it could not read), so it adds to no total.
func TestPayrollBatchBadRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(path, []byte(
		"id,name,amount,currency\n"+
			"E-1,Anna Schmidt,100.50,EUR\n"+
			"E-2,Lukas Novak,lots,EUR\n"+
			",Sofia Rossi,200.25,EUR\n"+
			"E-4,James O'Connor,300.00,EUR\n"), 0o600))
	out := run(t, "payroll-batch", "-progress", "0", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5, "two rows in error, a blank line, the counts and the clear total:\n%s", out)
	for i, want := range []struct{ prefix, reason string }{
		{"row 2: review: ", "an amount that is not a number is a row error, counted as review"},
		{"row 3: review: ", "a row without an id is a row error, counted as review"},
	} {
		assert.True(t, strings.HasPrefix(lines[i], want.prefix), "%s: %q", want.reason, lines[i])
		assert.Contains(t, lines[i], path, "%s: the error names the file", want.reason)
	}
	assert.Contains(t, lines[0], "amount", "the error names the field")
	assert.Equal(t, "4 rows: 2 clear, 2 review, 0 block", lines[3])
	assert.Equal(t, "  clear          400.50 EUR", lines[4], "amounts are summed exactly (decimal, not float)")
	assert.NotContains(t, out, "exit status", "no payee blocked: exit status 0")
	assert.NotContains(t, out, "Sofia Rossi", "rows in error do not print the payee's name")
}

// TestPaymentGateLogsNoAccounts checks that the gate's log holds no account
// number, wallet address or payee name of the payments it screened.
func TestPaymentGateLogsNoAccounts(t *testing.T) {
	out := run(t, "payment-gate")
	for _, secret := range []string{
		"DE89370400440532013000", "GB33BUKB20201555555555", "1986rYHckYbJpGQJy6ornuMyD2N5MTqwDt",
		"Anna Schmidt", "J. Lee",
	} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, "msg=released payment=PAY-001", "the clear payment is released")
	assert.NotContains(t, out, "msg=released payment=PAY-002", "the blocked payment is not released")
	assert.NotContains(t, out, "msg=released payment=PAY-003", "the payment for review is not released")
	assert.Contains(t, out, `msg="parked for review" payment=PAY-003`)
}

// TestBadInputs runs the examples on broken files: each stops with an error
// naming what is wrong, never with a result.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.jsonl")
	require.NoError(t, os.WriteFile(feed, []byte(
		`{"type":"wallet","value":"0x98951c8c877fbc08bcde882cce7e914d073e5d0d","entity":"x","source":"s","date":"2026-02-10"}`+"\n"+
			`{"type":"wallet","value":"0x98951c8c877fbc08bcde882cce7e914d073e5d0d","entity":"x","source":"s"}`+"\n"), 0o600))
	policy := filepath.Join(dir, "policy.yaml")
	require.NoError(t, os.WriteFile(policy, []byte("reveiw: 0.7\n"), 0o600))
	for _, tc := range []struct {
		example string
		args    []string
		want    []string
		reason  string
	}{
		{"indicator-feed", []string{"-feed", feed}, []string{"feed.jsonl:2:", "field date"},
			"a feed line without its date is an error naming file, line and field"},
		{"indicator-feed", []string{"-feed", filepath.Join(dir, "missing.jsonl")}, []string{"missing.jsonl"},
			"a missing feed is an error"},
		{"indicator-feed", []string{"-feed", feed, "-name", "ofac_sdn"}, []string{"ofac_sdn"},
			"a feed cannot take the name of an official list"},
		{"custom-policy", []string{"-policy", policy}, []string{"reveiw"},
			"a misspelt policy key is an error, not a default"},
		{"screen-one", []string{"-lists", dir, "Sim Hyeon Seop"}, []string{dir},
			"a directory without lists is an error, never a clear"},
	} {
		t.Run(tc.example+"/"+strings.Join(tc.want, ","), func(t *testing.T) {
			out := run(t, tc.example, tc.args...)
			assert.True(t, strings.HasSuffix(out, "exit status 1\n"), "%s:\n%s", tc.reason, out)
			for _, w := range tc.want {
				assert.Contains(t, out, w, tc.reason)
			}
			assert.NotContains(t, out, "clear", tc.reason)
		})
	}
}
