package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenMatch is a match of the screen command's JSON Lines output, with
// what an allow-list entry needs.
type screenMatch struct {
	Source      string `json:"source"`
	EntityID    string `json:"entity_id"`
	Fingerprint string `json:"fingerprint"`
	Evidence    []struct {
		Field string `json:"field"`
	} `json:"evidence"`
}

type screenLine struct {
	ID       string        `json:"id"`
	Decision string        `json:"decision"`
	Matches  []screenMatch `json:"matches"`
	Flags    []struct {
		Code string `json:"code"`
	} `json:"flags"`
}

func screenLines(t *testing.T, args ...string) []screenLine {
	t.Helper()
	code, stdout, stderr := runCmd(t, append([]string{"screen", "--lists", "sample", "--red-flags", "off"}, args...)...)
	require.Equal(t, exitOK, code, "screen %v:\n%s", args, stderr)
	var out []screenLine
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var o screenLine
		require.NoError(t, json.Unmarshal([]byte(l), &o), "output line %q", l)
		out = append(out, o)
	}
	return out
}

func (l screenLine) match(source, entity string) *screenMatch {
	for i := range l.Matches {
		if l.Matches[i].Source == source && l.Matches[i].EntityID == entity {
			return &l.Matches[i]
		}
	}
	return nil
}

func (l screenLine) flagged(code string) bool {
	for _, f := range l.Flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

const acmeFeed = `{"type":"name","value":"Nordwind Front Trading","entity":"nordwind","name":"Nordwind Front Trading","program":"FRAUD","source":"https://example.org/advisory","date":"2025-06-01"}
{"type":"email","value":"ops@nordwind-front.example","entity":"nordwind","source":"https://example.org/advisory","date":"2025-06-01"}
{"type":"name","value":"Ostsee Front Services","entity":"ostsee","name":"Ostsee Front Services","program":"FRAUD","source":"https://example.org/advisory","date":"2025-06-01"}
`

// TestAllowEntryFromScreenOutput writes an allow-list entry from the
// screen output of a user feed's match: it suppresses that match alone,
// and stops when the listed entry changes.
func TestAllowEntryFromScreenOutput(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "acme.jsonl")
	write := func(path, body string) {
		t.Helper()
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	}
	write(feed, acmeFeed)
	payroll := filepath.Join(dir, "p.csv")
	write(payroll, "id,name,type\nP1,Nordwind Front Trading,organization\nP2,Ostsee Front Services,organization\nP3,Nordwind Front Trading,organization\n")

	out := screenLines(t, "--indicators", feed+"=acme", payroll)
	m := out[0].match("acme", "nordwind")
	require.NotNil(t, m, "P1: want a review on acme/nordwind, got %+v", out[0])
	require.Equal(t, "review", out[0].Decision, "P1")
	require.True(t, strings.HasPrefix(m.Fingerprint, "fp1:"), "P1: want a fingerprint, got %+v", m)
	policy := filepath.Join(dir, "policy.yaml")
	write(policy, fmt.Sprintf("max_list_age: \"0\"\nallow_list:\n  - {payee_id: P1, source: %s, entity_id: %s, fingerprint: %q, reason: other company}\n",
		m.Source, m.EntityID, m.Fingerprint))

	out = screenLines(t, "--indicators", feed+"=acme", "--policy", policy, payroll)
	assert.Nil(t, out[0].match("acme", "nordwind"), "P1 with its allow entry: want the match suppressed, got %+v", out[0])
	assert.True(t, out[0].flagged("allow_listed"), "P1 with its allow entry: want the allow_listed flag, got %+v", out[0])
	assert.Equal(t, "clear", out[0].Decision, "P1 with its allow entry")
	assert.NotNil(t, out[1].match("acme", "ostsee"), "the entry must suppress exactly P1's match on acme/nordwind: P2 %+v", out[1])
	assert.NotNil(t, out[2].match("acme", "nordwind"), "the entry must suppress exactly P1's match on acme/nordwind: P3 %+v", out[2])

	// The publisher adds an indicator to the entry: the review is back.
	write(feed, acmeFeed+`{"type":"phone","value":"+49 40 5550100","entity":"nordwind","source":"https://example.org/advisory2","date":"2025-07-01"}`+"\n")
	out = screenLines(t, "--indicators", feed+"=acme", "--policy", policy, payroll)
	m = out[0].match("acme", "nordwind")
	require.NotNil(t, m, "P1 after the listed entry changed: want the match back, got %+v", out[0])
	require.Equal(t, "review", out[0].Decision, "P1 after the listed entry changed: want the review back")
	assert.Equal(t, "allow_list", m.Evidence[len(m.Evidence)-1].Field, "the match must say the allow entry no longer applies: %+v", m.Evidence)
}

// TestPolicyNamesUserFeed: a policy's thresholds for a user feed apply to
// that feed's matches only.
func TestPolicyNamesUserFeed(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "acme.jsonl")
	require.NoError(t, os.WriteFile(feed, []byte(acmeFeed), 0o644))
	payroll := filepath.Join(dir, "p.csv")
	// "Nordwind Front Tradng" is a near miss of the listed name.
	require.NoError(t, os.WriteFile(payroll, []byte("id,name,type\nP1,Nordwind Front Tradng,organization\n"), 0o644))
	out := screenLines(t, "--indicators", feed+"=acme", payroll)
	require.NotNil(t, out[0].match("acme", "nordwind"), "default thresholds: want the near miss reviewed, got %+v", out[0])
	for _, tt := range []struct {
		source string
		want   bool
		reason string
	}{
		{"acme", false, "the feed's own review threshold of 0.99 drops the near miss"},
		{"ofac_sdn", true, "another list's thresholds do not apply to the feed"},
	} {
		policy := filepath.Join(dir, tt.source+".yaml")
		body := fmt.Sprintf("max_list_age: \"0\"\nsources: {%s: {review: 0.99, block: 0.99}}\n", tt.source)
		require.NoError(t, os.WriteFile(policy, []byte(body), 0o644))
		out := screenLines(t, "--indicators", feed+"=acme", "--policy", policy, payroll)
		assert.Equal(t, tt.want, out[0].match("acme", "nordwind") != nil, "sources: {%s: review 0.99}: matched (%s)", tt.source, tt.reason)
	}
	// A feed the policy names but the run does not load is an error: a
	// misspelt list must not pass as a feed that never matches.
	policy := filepath.Join(dir, "typo.yaml")
	os.WriteFile(policy, []byte("max_list_age: \"0\"\nsources: {acme2: {review: 0.9}}\n"), 0o644)
	code, _, stderr := runCmd(t, "screen", "--lists", "sample", "--indicators", feed+"=acme", "--policy", policy, payroll)
	assert.Equal(t, exitError, code, "policy naming an unloaded feed")
	assert.Contains(t, stderr, "acme2", "policy naming an unloaded feed")
}
