package screening

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
)

// A restricted Screener finds, on the entries it keeps, exactly the
// matches of the whole Screener (same scores, decisions and evidence),
// and nothing on the others.
func TestRestrictMatchesAsTheWhole(t *testing.T) {
	set, err := lists.Sample()
	require.NoError(t, err)
	p := DefaultPolicy()
	p.MaxListAge = "0"
	s, err := New(set, p, Options{})
	require.NoError(t, err)
	payees := []Payee{
		{ID: "1", Name: "Kim Sang Man", DOB: "1965-04-25"},
		{ID: "2", Name: "Korea Daesong Bank", Type: Organization},
		{ID: "3", Name: "Alice Example", Wallets: []Wallet{{Address: "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c"}}},
	}
	keep := map[string]bool{"43377": true, "42498": true} // KIM Sang Man, SIM Hyon Sop (the wallet)
	r, err := s.Restrict(func(l *lists.List, e *lists.Entity) bool { return l.Source == lists.OFACSDN && keep[e.ID] })
	require.NoError(t, err)
	found := 0
	for _, py := range payees {
		full, err := s.Screen(context.Background(), py)
		require.NoError(t, err)
		sub, err := r.Screen(context.Background(), py)
		require.NoError(t, err)
		var want []Match
		for _, m := range full.Matches {
			if m.Source.Source == lists.OFACSDN && keep[m.EntityID] {
				want = append(want, m)
			}
		}
		if len(want) == 0 {
			assert.Empty(t, sub.Matches, py.Name)
			continue
		}
		found += len(want)
		assert.Equal(t, want, sub.Matches, py.Name)
		assert.Equal(t, full.Lists, sub.Lists, "results name the whole lists' versions")
	}
	assert.Equal(t, 2, found, "both kept entries matched, by name and by wallet")
	assert.Equal(t, set, s.Lists())
}
