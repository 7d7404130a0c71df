package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/store"
)

type storeOutLine struct {
	ID       string `json:"id"`
	Decision string `json:"decision"`
	Matches  []struct {
		Source   string `json:"source"`
		EntityID string `json:"entity_id"`
		Alert    *struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"alert"`
	} `json:"matches"`
}

func parseStoreOut(t *testing.T, s string) []storeOutLine {
	t.Helper()
	var out []storeOutLine
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var o storeOutLine
		require.NoError(t, json.Unmarshal([]byte(l), &o), l)
		out = append(out, o)
	}
	return out
}

// alertOf returns the alert on the match of payee id with entity.
func alertOf(t *testing.T, out []storeOutLine, id, entity string) (int64, string) {
	t.Helper()
	for _, o := range out {
		if o.ID != id {
			continue
		}
		for _, m := range o.Matches {
			if m.EntityID == entity {
				require.NotNil(t, m.Alert, "match %s of %s has no alert", entity, id)
				return m.Alert.ID, m.Alert.Status
			}
		}
	}
	t.Fatalf("no match of %s on %s", id, entity)
	return 0, ""
}

// The CLI contract of the case store, end to end on the README's example
// payroll: screen --store, alerts, decide, re-runs, rescreen, audit, eval.
func TestStoreCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "payscreen.db")
	code, stdout, stderr := runCmd(t, "screen", "--lists", "sample", "--store", db, examplePayroll)
	require.Equal(t, exitOK, code, stderr)
	out := parseStoreOut(t, stdout)
	require.Len(t, out, 35, "one line per row, as without a store")
	nMatches := 0
	for _, o := range out {
		for _, m := range o.Matches {
			nMatches++
			require.NotNil(t, m.Alert, "every match carries its alert")
			assert.Equal(t, "new", m.Alert.Status)
		}
	}
	require.Greater(t, nMatches, 3)
	assert.Contains(t, stderr, "screened 35 rows")
	assert.Contains(t, stderr, "alerts: "+itoa(nMatches)+" new")
	st, err := os.Stat(db)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	// The same payroll on the same lists: no new alert.
	code, stdout, stderr = runCmd(t, "screen", "--lists", "sample", "--store", db, examplePayroll)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "alerts: 0 new")
	fp, status := alertOf(t, parseStoreOut(t, stdout), "CTR-2006", "24977")
	assert.Equal(t, "open", status)
	wallet, _ := alertOf(t, parseStoreOut(t, stdout), "CTR-2005", "43377")

	// alerts lists them, in three formats.
	code, stdout, _ = runCmd(t, "alerts", "--store", db, "--format", "jsonl")
	require.Equal(t, exitOK, code)
	assert.Len(t, strings.Split(strings.TrimSpace(stdout), "\n"), nMatches)
	code, stdout, _ = runCmd(t, "alerts", "--store", db, "--status", "open", "--format", "csv")
	require.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "id,payee_id,source,entity_id,status"), stdout)
	code, stdout, _ = runCmd(t, "alerts", "--store", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "CTR-2006")

	// A false positive on a name is suppressed from then on; an identifier
	// hit cannot be one.
	code, stdout, stderr = runCmd(t, "decide", "--store", db, itoa64(fp), "--as", "false_positive", "--by", "ana", "--reason", "another company")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "false_positive")
	code, _, stderr = runCmd(t, "decide", "--store", db, itoa64(wallet), "--as", "false_positive", "--by", "ana", "--reason", "x")
	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, "identifier hit cannot be a false positive")
	code, _, stderr = runCmd(t, "decide", "--store", db, itoa64(wallet), "--as", "true_match", "--by", "ana", "--reason", "listed wallet")
	require.Equal(t, exitOK, code, stderr)
	code, stdout, stderr = runCmd(t, "screen", "--lists", "sample", "--store", db, examplePayroll)
	require.Equal(t, exitOK, code, stderr)
	_, status = alertOf(t, parseStoreOut(t, stdout), "CTR-2006", "24977")
	assert.Equal(t, "suppressed", status)
	code, stdout, _ = runCmd(t, "alerts", "--store", db, "--status", "false_positive", "--format", "jsonl")
	require.Equal(t, exitOK, code)
	assert.Equal(t, 1, strings.Count(stdout, "\n"))

	// rescreen on the same lists: nothing changed, nothing reported.
	code, stdout, stderr = runCmd(t, "rescreen", "--lists", "sample", "--store", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "0 new alerts, 0 re-opened")

	// audit: every screening and the disposition, as JSON.
	code, stdout, stderr = runCmd(t, "audit", "--store", db, "--payee", "CTR-2006", "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var au struct {
		Screenings []struct {
			Decision   string `json:"decision"`
			PolicyHash string `json:"policy_hash"`
			Lists      []struct {
				SHA256 string `json:"sha256"`
			} `json:"lists"`
		} `json:"screenings"`
		Events []struct {
			Event, By, Reason, Disposition string
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &au))
	require.Len(t, au.Screenings, 4, "three screens and the re-screening")
	assert.Equal(t, "no_change", au.Screenings[3].Decision, "the lists had not changed")
	assert.NotEmpty(t, au.Screenings[0].Lists)
	require.Len(t, au.Events, 2)
	assert.Equal(t, "decided", au.Events[1].Event)
	assert.Equal(t, "ana", au.Events[1].By)
	code, stdout, _ = runCmd(t, "audit", "--store", db, "--payee", "CTR-2006")
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "false_positive by ana: another company")
	code, _, stderr = runCmd(t, "audit", "--store", db, "--payee", "NOBODY")
	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, "not found")

	// eval takes its labels from the dispositions.
	code, stdout, stderr = runCmd(t, "eval", "--from-store", db, "--lists", "sample", "--resamples", "0")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "2 rows (1 true matches, 1 non-matches)")
}

func TestStoreCommandErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	require.NoError(t, os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 400)), 0o600))
	empty := filepath.Join(dir, "empty.db")
	st, err := store.Open(t.Context(), empty)
	require.NoError(t, err)
	st.Close()
	tests := []struct {
		args   []string
		code   int
		errOut string
		reason string
	}{
		{[]string{"alerts"}, exitUsage, "--store is required", "the store is required"},
		{[]string{"alerts", "--store", garbage, "--status", "closed"}, exitUsage, "--status wants one of", "an unknown status"},
		{[]string{"alerts", "--store", garbage}, exitError, "corrupt", "a corrupt store is an error"},
		{[]string{"screen", "--lists", "sample", "--store", garbage, examplePayroll}, exitError, "corrupt", "screen refuses a corrupt store"},
		{[]string{"decide", "--store", garbage, "1", "--as", "maybe", "--by", "a", "--reason", "r"}, exitUsage, "--as wants one of", "an unknown disposition"},
		{[]string{"decide", "--store", garbage, "--as", "true_match", "--by", "a", "--reason", "r"}, exitUsage, "exactly one ALERT_ID", "the alert is required"},
		{[]string{"decide", "--store", garbage, "1", "--as", "true_match", "--reason", "r"}, exitUsage, "--by NAME is required", "who decides is required"},
		{[]string{"audit", "--store", garbage}, exitUsage, "--payee are required", "the payee is required"},
		{[]string{"rescreen", "--lists", "sample"}, exitUsage, "--store is required", "the store is required"},
		{[]string{"eval", "--from-store", garbage, "--labels", "x.csv"}, exitUsage, "cannot be used together", "one source of labels"},
		{[]string{"eval", "--from-store", empty, "--lists", "sample"}, exitError, "nothing to evaluate", "a store without dispositions"},
		{[]string{"alerts", "--store", filepath.Join(dir, "typo.db")}, exitError, "no such file", "a reading command does not create a store"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := runCmd(t, tt.args...)
			assert.Equal(t, tt.code, code, tt.reason)
			assert.Contains(t, errOut, tt.errOut, tt.reason)
		})
	}
	data, err := os.ReadFile(garbage)
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "typo.db"))
	assert.True(t, os.IsNotExist(err), "no store created")
	assert.Equal(t, strings.Repeat("not a database ", 400), string(data), "a corrupt store is never cleared")
}

func itoa(i int) string     { return itoa64(int64(i)) }
func itoa64(i int64) string { return strings.TrimSpace(strings.Replace(jsonNum(i), "\n", "", -1)) }
func jsonNum(i int64) string {
	b, _ := json.Marshal(i)
	return string(b)
}
