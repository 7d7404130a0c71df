package screening

import (
	"context"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// feedSet holds two user feeds, acme and beta, that list the same entry
// (same ID, same content) under their own names.
func feedSet(t *testing.T) *lists.Set {
	t.Helper()
	const body = `{"type":"name","value":"Nordwind Front Trading","entity":"nordwind","name":"Nordwind Front Trading","source":"https://example.org/a","date":"2025-06-01"}` + "\n"
	set := &lists.Set{}
	for _, feed := range []string{"acme", "beta"} {
		l, err := lists.ParseIndicators(feed, lists.File{Name: feed + ".jsonl", R: strings.NewReader(body)})
		require.NoError(t, err)
		set.Lists = append(set.Lists, l)
	}
	return set
}

func TestPolicyUserFeed(t *testing.T) {
	set := feedSet(t)
	acme := lists.ListID{Source: lists.Indicators, Feed: "acme"}
	beta := lists.ListID{Source: lists.Indicators, Feed: "beta"}
	payee := Payee{ID: "P1", Name: "Nordwind Front Tradng", Type: Organization}
	screen := func(p Policy) map[lists.ListID]Match {
		t.Helper()
		s, err := New(set, p, Options{})
		require.NoError(t, err)
		r, err := s.Screen(context.Background(), payee)
		require.NoError(t, err)
		got := map[lists.ListID]Match{}
		for _, m := range r.Matches {
			got[m.Source] = m
		}
		return got
	}
	base := screen(DefaultPolicy())
	require.Len(t, base, 2, "want a match on each feed")
	require.NotEmpty(t, base[acme].Fingerprint, "fingerprint")
	require.Equal(t, base[acme].Fingerprint, base[beta].Fingerprint, "want the same fingerprint on both feeds")

	t.Run("thresholds", func(t *testing.T) {
		p := DefaultPolicy()
		p.Sources = map[lists.ListID]Thresholds{acme: {Review: 0.99, Block: 0.99}}
		got := screen(p)
		assert.NotContains(t, got, acme, "acme's own review threshold 0.99 must drop the near miss (score %v)", base[acme].Score)
		assert.Contains(t, got, beta, "beta keeps the default thresholds: its match must stay")
	})
	t.Run("allow entry", func(t *testing.T) {
		p := DefaultPolicy()
		m := base[acme]
		p.AllowList = []AllowEntry{{PayeeID: "P1", Source: m.Source, EntityID: m.EntityID, Fingerprint: m.Fingerprint}}
		got := screen(p)
		assert.NotContains(t, got, acme, "the allow entry on acme must suppress acme's match")
		assert.Contains(t, got, beta, "the allow entry on acme must not suppress beta's match on the same entry")
	})
	t.Run("unloaded feed", func(t *testing.T) {
		p := DefaultPolicy()
		p.Sources = map[lists.ListID]Thresholds{{Source: lists.Indicators, Feed: "ofac"}: {Review: 0.9}}
		_, err := New(set, p, Options{})
		assert.ErrorContains(t, err, `"ofac"`, "a policy naming a feed that is not loaded (a misspelt list)")
	})
}

func TestListIDPolicyText(t *testing.T) {
	for _, tt := range []struct {
		body   string
		want   lists.ListID
		reason string
	}{
		{"sources: {un: {review: 0.9}}\n", lists.ListID{Source: lists.UN}, "an official list by its name"},
		{"sources: {acme: {review: 0.9}}\n", lists.ListID{Source: lists.Indicators, Feed: "acme"}, "a user feed by its name"},
		{"sources: {dprk_indicators: {review: 0.9}}\n", lists.ListID{Source: lists.Indicators, Feed: lists.BuiltinIndicatorFeed}, "the built-in feed"},
	} {
		p, err := LoadPolicy(writePolicy(t, "p.yaml", tt.body))
		require.NoError(t, err, "%s", tt.body)
		assert.Len(t, p.Sources, 1, "%s: sources (%s)", tt.body, tt.reason)
		assert.Contains(t, p.Sources, tt.want, "%s: sources (%s)", tt.body, tt.reason)
	}
}
