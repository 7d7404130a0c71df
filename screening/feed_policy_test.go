package screening

import (
	"context"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
)

// feedSet holds two user feeds, acme and beta, that list the same entry
// (same ID, same content) under their own names.
func feedSet(t *testing.T) *lists.Set {
	t.Helper()
	const body = `{"type":"name","value":"Nordwind Front Trading","entity":"nordwind","name":"Nordwind Front Trading","source":"https://example.org/a","date":"2025-06-01"}` + "\n"
	set := &lists.Set{}
	for _, feed := range []string{"acme", "beta"} {
		l, err := lists.ParseIndicators(feed, lists.File{Name: feed + ".jsonl", R: strings.NewReader(body)})
		if err != nil {
			t.Fatal(err)
		}
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
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.Screen(context.Background(), payee)
		if err != nil {
			t.Fatal(err)
		}
		got := map[lists.ListID]Match{}
		for _, m := range r.Matches {
			got[m.Source] = m
		}
		return got
	}
	base := screen(DefaultPolicy())
	if len(base) != 2 || base[acme].Fingerprint == "" || base[acme].Fingerprint != base[beta].Fingerprint {
		t.Fatalf("want a match on each feed with the same fingerprint, got %+v", base)
	}

	t.Run("thresholds", func(t *testing.T) {
		p := DefaultPolicy()
		p.Sources = map[lists.ListID]Thresholds{acme: {Review: 0.99, Block: 0.99}}
		got := screen(p)
		if _, ok := got[acme]; ok {
			t.Errorf("acme's own review threshold 0.99 must drop the near miss (score %v)", base[acme].Score)
		}
		if _, ok := got[beta]; !ok {
			t.Errorf("beta keeps the default thresholds: its match must stay")
		}
	})
	t.Run("allow entry", func(t *testing.T) {
		p := DefaultPolicy()
		m := base[acme]
		p.AllowList = []AllowEntry{{PayeeID: "P1", Source: m.Source, EntityID: m.EntityID, Fingerprint: m.Fingerprint}}
		got := screen(p)
		if _, ok := got[acme]; ok {
			t.Errorf("the allow entry on acme must suppress acme's match")
		}
		if _, ok := got[beta]; !ok {
			t.Errorf("the allow entry on acme must not suppress beta's match on the same entry")
		}
	})
	t.Run("unloaded feed", func(t *testing.T) {
		p := DefaultPolicy()
		p.Sources = map[lists.ListID]Thresholds{{Source: lists.Indicators, Feed: "ofac"}: {Review: 0.9}}
		if _, err := New(set, p, Options{}); err == nil || !strings.Contains(err.Error(), `"ofac"`) {
			t.Errorf("a policy naming a feed that is not loaded (a misspelt list): err %v", err)
		}
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
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if _, ok := p.Sources[tt.want]; !ok || len(p.Sources) != 1 {
			t.Errorf("%s: sources %v, want the key %#v (%s)", tt.body, p.Sources, tt.want, tt.reason)
		}
	}
}
