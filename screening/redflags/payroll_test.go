package redflags_test

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/screening/redflags"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openCSV(path string) func() (screening.RowReader, error) {
	return func() (screening.RowReader, error) { return payroll.Open(path, payroll.CSV) }
}

// dprkSet is the built-in SAMPLE lists with the built-in indicator feed.
func dprkSet(tb testing.TB) *lists.Set {
	tb.Helper()
	set, err := lists.Sample()
	require.NoError(tb, err)
	feed, err := lists.BuiltinIndicators()
	require.NoError(tb, err)
	set.Lists = append(set.Lists, feed)
	return set
}

// dprkScreener screens against set with the default policy, without the
// list age limit: Set.CheckFresh does not yet exempt indicator feeds, whose
// date is that of their latest publication, not of a list's issue.
func dprkScreener(tb testing.TB, set *lists.Set) *screening.Screener {
	tb.Helper()
	p := screening.DefaultPolicy()
	p.MaxListAge = "0"
	s, err := screening.New(set, p, screening.Options{})
	require.NoError(tb, err)
	return s
}

// TestDPRKPayroll screens the test payroll of testdata/dprk (see its
// README) with the red flags on and the previous run given, and checks
// every row's decision, red flags and matches.
func TestDPRKPayroll(t *testing.T) {
	ctx := context.Background()
	set := dprkSet(t)
	s := dprkScreener(t, set)
	network := screening.ITWorkerNetwork(set)
	r, err := openCSV("testdata/dprk/previous.csv")()
	require.NoError(t, err)
	prev, err := redflags.ReadPreviousPayouts(ctx, r)
	r.(io.Closer).Close()
	require.NoError(t, err)
	var got []screening.RowResult
	err = redflags.ScreenBatch(ctx, s, openCSV("testdata/dprk/payroll.csv"),
		redflags.Options{Policy: screening.DefaultRedFlagPolicy(), Previous: prev}, screening.BatchOptions{Workers: 2},
		func(rr screening.RowResult) error {
			network.Annotate(&rr.Result)
			got = append(got, rr)
			return nil
		})
	require.NoError(t, err)

	type want struct {
		id       string
		decision screening.Decision
		flags    []screening.FlagCode // red flags, in order
		detail   string               // a fragment of the first red flag's detail
		match    string               // source:entity of the top match, "" for none
		network  string               // network named in the top match's evidence
		reason   string
	}
	R, C, B := screening.Review, screening.Clear, screening.Block
	wants := []want{
		{"DEV-101", R, []screening.FlagCode{"shared_bank_account", "shared_address"}, "rows 2, 3, 4 (ids DEV-102, DEV-103, DEV-104)", "", "",
			"the facilitator's account receives four developers' pay; three of them 'live' at the laptop farm"},
		{"DEV-102", R, []screening.FlagCode{"shared_bank_account", "shared_phone", "shared_address"}, "same bank account as 3 other payee(s)", "", "",
			"same account and address, and DEV-105 gives this developer's phone"},
		{"DEV-103", R, []screening.FlagCode{"shared_bank_account", "shared_address"}, "rows 1, 2, 4", "", "",
			"the address written in capitals without punctuation is the same address"},
		{"DEV-104", R, []screening.FlagCode{"shared_bank_account"}, "rows 1, 2, 3", "", "",
			"same account number written with a hyphen, at the same routing number; another address"},
		{"DEV-105", R, []screening.FlagCode{"shared_phone"}, "row 2 (ids DEV-102)", "", "",
			"(623) 555-0177 is +1 623 555 0177"},
		{"VND-201", B, nil, "", "ofac_sdn:55062", "Chinyong",
			"Gumpungri is a romanization of Geumpungri (a Chinyong front): near-exact name corroborated by its listed country; a PRC company banking in the PRC is no PRC-account flag"},
		{"VND-202", B, nil, "", "ofac_sdn:24978", "Yanbian Silverstar",
			"the DOJ's spelling of Volasys Silver Star, in Russia as listed; the built-in feed's match on its own would only review"},
		{"DEV-301", B, []screening.FlagCode{"crypto_salary"}, "paid in crypto", "ofac_sdn:43377", "Chinyong",
			"the wallet is listed for Chinyong's head: an exact identifier hit blocks"},
		{"DEV-401", R, []screening.FlagCode{"prc_bank_account"}, "PRC-based bank account (bank country CN) for a payee in US", "", "",
			"a US resident paid into a Bank of China account"},
		{"DEV-501", R, []screening.FlagCode{"bank_country_mismatch"}, "IBAN GB", "", "",
			"a US resident paid into a UK account"},
		{"EMP-601", R, []screening.FlagCode{"payout_changed"}, "account_number, email (values not shown)", "", "",
			"new account and e-mail since the previous run; the routing number and phone did not change"},
		{"EMP-701", C, nil, "", "", "", "a household of two shares an address: below the threshold of three"},
		{"EMP-702", C, nil, "", "", "", "'88 Oak St' is '88 Oak Street', still a household of two"},
		{"EMP-801", C, nil, "", "", "", "unchanged since the previous run, German bank for a German resident"},
		{"EMP-901", C, nil, "", "", "", "salary and bonus rows of one payee share everything with each other only"},
		{"EMP-901", C, nil, "", "", "", "second row of the same payee"},
		{"DEV-1001", R, []screening.FlagCode{"crypto_salary"}, "", "", "", "salary in bitcoin to an unlisted address"},
	}
	require.Len(t, got, len(wants), "one result per expected row")
	for i, w := range wants {
		rr := got[i]
		if !assert.NoError(t, rr.Err, "row %d (%s)", i+1, w.id) {
			continue
		}
		res := rr.Result
		require.Equal(t, w.id, res.PayeeID, "row %d", i+1)
		var red []screening.FlagCode
		var redDetails []string
		for _, f := range res.Flags {
			if slices.Contains(screening.RedFlagCodes, f.Code) {
				red = append(red, f.Code)
				redDetails = append(redDetails, f.Detail)
			}
		}
		bad := false
		if res.Decision != w.decision || !slices.Equal(red, w.flags) {
			bad = true
		}
		if w.detail != "" && (len(redDetails) == 0 || !strings.Contains(redDetails[0], w.detail)) {
			bad = true
		}
		top, net := "", ""
		if len(res.Matches) > 0 {
			m := res.Matches[0]
			top = m.Source.String() + ":" + m.EntityID
			for _, e := range m.Evidence {
				if e.Field == screening.FieldNetwork {
					net = e.Listed
				}
			}
		}
		if top != w.match || net != w.network {
			bad = true
		}
		if bad {
			t.Errorf("%s (row %d): decision %s flags %v top match %q network %q;\nwant %s %v %q %q, detail containing %q (%s)\n%s",
				w.id, i+1, res.Decision, red, top, net, w.decision, w.flags, w.match, w.network, w.detail, w.reason, res.Explain())
		}
	}
	// The feed's own hit on VND-202 names the feed as its source.
	var feedHit bool
	for _, m := range got[6].Result.Matches {
		feedHit = feedHit || m.Source.Feed == lists.BuiltinIndicatorFeed
	}
	assert.True(t, feedHit, "VND-202 has no match from the dprk_indicators feed:\n%s", got[6].Result.Explain())
	// Red flags never block on their own.
	for _, rr := range got {
		if rr.Result.Decision == screening.Block {
			assert.NotEmpty(t, rr.Result.Matches, "%s blocked without a match", rr.Result.PayeeID)
		}
	}
}
