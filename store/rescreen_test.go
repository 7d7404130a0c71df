package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// sharedPath returns the path of rel under ../shared (see [sharedtest.Path]).
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, rel)
}

var (
	realOnce           sync.Once
	realOld, realNew   *screening.Screener
	realErr            error
	oldListDirs        = []string{"lists/ofac/2025-02", "lists/un/2025-04"}
	newListDirs        = []string{"lists/ofac/2025-12", "lists/un/2026-02"}
	realPolicyMaxAge0  = func() screening.Policy { p := screening.DefaultPolicy(); p.MaxListAge = "0"; return p }
	realScreenerLoader = func(dirs []string) (*screening.Screener, error) {
		set, err := lists.LoadDirs(context.Background(), dirs, lists.LoadOptions{})
		if err != nil {
			return nil, err
		}
		return screening.New(set, realPolicyMaxAge0(), screening.Options{})
	}
)

// realScreeners returns screeners over two real publications of the OFAC
// SDN and UN lists: an older one and a newer one.
func realScreeners(tb testing.TB) (old, cur *screening.Screener) {
	tb.Helper()
	var oldDirs, newDirs []string
	for _, d := range oldListDirs {
		oldDirs = append(oldDirs, sharedPath(tb, d))
	}
	for _, d := range newListDirs {
		newDirs = append(newDirs, sharedPath(tb, d))
	}
	realOnce.Do(func() {
		if realOld, realErr = realScreenerLoader(oldDirs); realErr != nil {
			return
		}
		realNew, realErr = realScreenerLoader(newDirs)
	})
	require.NoError(tb, realErr)
	return realOld, realNew
}

// deltaPayees builds payees named after entries of the newer lists that
// were added, changed and left unchanged since the older ones, some with
// a listed wallet, and payees matching nothing.
func deltaPayees(old, cur *screening.Screener) (payees []screening.Payee, added, changed, same int) {
	before := map[string]string{}
	for _, l := range old.Lists().Lists {
		for i := range l.Entities {
			before[SourceKey(l)+"\x00"+l.Entities[i].ID] = EntryFingerprint(&l.Entities[i])
		}
	}
	n := 0
	for _, l := range cur.Lists().Lists {
		for i := range l.Entities {
			e := &l.Entities[i]
			if e.PrimaryName() == "" {
				continue
			}
			fp, ok := before[SourceKey(l)+"\x00"+e.ID]
			var kind *int
			switch {
			case !ok:
				kind = &added
			case fp != EntryFingerprint(e):
				kind = &changed
			default:
				kind = &same
			}
			if *kind >= 120 || (kind == &same && n%7 != 0) {
				n++
				continue
			}
			*kind++
			n++
			p := screening.Payee{ID: fmt.Sprintf("%s-%s", SourceKey(l), e.ID), Name: e.PrimaryName()}
			if len(e.Crypto) > 0 && n%2 == 0 {
				p.Name = "Payee " + e.ID
				p.Wallets = []screening.Wallet{{Address: e.Crypto[0].Address}}
			}
			payees = append(payees, p)
		}
	}
	for i := range 100 {
		payees = append(payees, screening.Payee{ID: fmt.Sprintf("clear-%d", i), Name: fmt.Sprintf("Harriet Quenby %c%c", 'a'+i%26, 'a'+i/26)})
	}
	return payees, added, changed, same
}

type emitted struct {
	payee, source, entity, status string
	reopened                      bool
	changed                       string
}

func rescreenCollect(t *testing.T, s *Store, sc *screening.Screener, full bool) (RescreenStats, []emitted) {
	t.Helper()
	var out []emitted
	st, err := s.Rescreen(context.Background(), sc, RescreenOptions{Full: full}, func(payee string, m *screening.Match, a AlertRef) error {
		out = append(out, emitted{payee, m.Source.String(), m.EntityID, a.Status, a.Reopened, strings.Join(a.Changed, ",")})
		return nil
	})
	require.NoError(t, err)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.payee+"\x00"+a.source+"\x00"+a.entity < b.payee+"\x00"+b.source+"\x00"+b.entity
	})
	return st, out
}

func alertTable(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	require.NoError(t, s.Alerts(context.Background(), "", func(a Alert) error {
		var pfp, efp string
		require.NoError(t, s.db.QueryRow(s.rebind(`SELECT payee_fp, entry_fp FROM alerts WHERE id = ?`), a.ID).Scan(&pfp, &efp))
		// Not the score: a delta re-screening leaves the score of a match
		// on an unchanged entry as last screened, while a full one rescores
		// it with the new lists' token weights (a drift of 0.0004 here).
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s", a.PayeeID, a.Source, a.EntityID, a.Status, a.Identifier, a.Decision, a.Changed, pfp, efp))
		return nil
	}))
	slices.Sort(out)
	return out
}

// A re-screening against the list delta raises and re-opens exactly the
// alerts a full re-screening does, and leaves the same alerts behind,
// while screening against far fewer entries.
func TestRescreenDeltaGivesWhatAFullRescreenGives(t *testing.T) {
	old, cur := realScreeners(t)
	payees, added, changed, same := deltaPayees(old, cur)
	require.Greater(t, added, 20, "the newer lists add entries")
	require.Greater(t, changed, 20, "the newer lists change entries")
	require.Greater(t, same, 20)
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		stores := []*Store{openStore(t, b.target(t)), openStore(t, b.target(t))}
		for _, s := range stores {
			st, _, _ := record(t, s, old, payees)
			require.Greater(t, st.NewAlerts, 50)
			// Mark every name-only alert of every third payee a false
			// positive: some of their entries change in the newer lists.
			var fps []int64
			require.NoError(t, s.Alerts(ctx, StatusOpen, func(a Alert) error {
				if a.Identifier == "" && a.ID%3 == 0 {
					fps = append(fps, a.ID)
				}
				return nil
			}))
			require.NotEmpty(t, fps)
			for _, id := range fps {
				_, err := s.Decide(ctx, Decision{Alert: id, As: StatusFalsePositive, By: "test", Reason: "reviewed"})
				require.NoError(t, err)
			}
		}
		delta, gotDelta := rescreenCollect(t, stores[0], cur, false)
		full, gotFull := rescreenCollect(t, stores[1], cur, true)

		var nNew, nReopened int
		for _, e := range gotFull {
			if e.status == SeenNew {
				nNew++
			}
			if e.reopened {
				nReopened++
				assert.Contains(t, e.changed, "listed_entry", "only the lists changed")
			}
		}
		require.Greater(t, nNew, 10, "the newer lists raise new alerts")
		require.Greater(t, nReopened, 0, "changed entries re-open false positives")
		assert.Equal(t, gotFull, gotDelta, "delta and full re-screening report the same alerts")
		assert.Equal(t, alertTable(t, stores[1]), alertTable(t, stores[0]), "and leave the same alerts")
		assert.Equal(t, full.NewAlerts, delta.NewAlerts)
		assert.Equal(t, full.Reopened, delta.Reopened)
		assert.Equal(t, cur.Lists().Len(), full.DeltaEntries)
		assert.Less(t, delta.DeltaEntries*4, full.DeltaEntries, "the delta is a small part of the lists")
		t.Logf("%d payees; delta %d of %d entries; %d new alerts, %d re-opened", len(payees), delta.DeltaEntries, full.DeltaEntries, nNew, nReopened)

		// Re-screening again on the same lists: nothing is re-screened,
		// nothing new.
		again, gotAgain := rescreenCollect(t, stores[0], cur, false)
		assert.Empty(t, gotAgain)
		assert.Zero(t, again.DeltaEntries)

		// Every payee's audit shows the re-screening.
		au, err := stores[0].Audit(ctx, payees[0].ID)
		require.NoError(t, err)
		require.Len(t, au.Screenings, 3, "the screening and both re-screenings")
		assert.Equal(t, "rescreen", au.Screenings[1].Kind)
		assert.Equal(t, "delta", au.Screenings[1].Scope)
		assert.Equal(t, NoChange, au.Screenings[2].Decision, "nothing changed for the second re-screening")
		assert.Equal(t, au.Screenings[1].Lists, au.Screenings[2].Lists)
	})
}

// Payees of a run that has not finished (still going, or died) are
// re-screened against all the lists and moved one by one; a finished
// group moves whole.
func TestRescreenUnfinishedRunInFull(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := openStore(t, b.target(t))
		sc := sampleScreener(t)
		run, err := s.BeginRun(ctx, "screen", sc)
		require.NoError(t, err)
		rec := run.Recorder(ctx, func(screening.RowResult, []AlertRef) error { return nil })
		require.NoError(t, sc.ScreenBatch(ctx, &sliceRows{payees: samplePayees}, screening.BatchOptions{}, rec.Add))
		require.NoError(t, rec.Close())
		// No Finish: the run is still going as far as the store knows.

		st, got := rescreenCollect(t, s, sc, false)
		assert.Empty(t, got, "same lists: nothing new")
		assert.Equal(t, 1, st.FullGroups)
		assert.Equal(t, len(samplePayees), st.Recorded)
		var moved int
		require.NoError(t, s.db.QueryRow(s.rebind(`SELECT COUNT(*) FROM payees WHERE last_run = ?`), st.Run).Scan(&moved))
		assert.Equal(t, len(samplePayees), moved, "each payee moved to the re-screening")

		st2, _ := rescreenCollect(t, s, sc, false)
		assert.Zero(t, st2.FullGroups, "the re-screening finished: its group moves whole")
		assert.Zero(t, st2.DeltaEntries)
		au, err := s.Audit(ctx, "p1")
		require.NoError(t, err)
		require.Len(t, au.Screenings, 3)
		assert.Equal(t, "full", au.Screenings[1].Scope)
		assert.Equal(t, NoChange, au.Screenings[2].Decision)
	})
}
