package screening

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleScreener(tb testing.TB, p Policy) *Screener {
	tb.Helper()
	set, err := lists.Sample()
	require.NoError(tb, err)
	s, err := New(set, p, Options{})
	require.NoError(tb, err)
	return s
}

func TestScreenSample(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	tests := []struct {
		name   string
		payee  Payee
		want   Decision
		entity string // expected top match, "" for none
		reason string
	}{
		{"exact DPRK person corroborated", Payee{Name: "Ri Won Ho", Type: Person, DOB: "1964-07-17"}, Block, "KPi.033",
			"UN-listed name, same date of birth"},
		{"romanization variant corroborated", Payee{Name: "Sim Hyeon Seop", Type: Person, DOB: "1983-11-25", Country: "CN"}, Block, "42498",
			"Hyeon/Hyon and Seop/Sop are the same Korean syllables; DOB and country agree"},
		{"romanization variant alone", Payee{Name: "Han Cheol Man", Type: Person}, Review, "48267",
			"a near-exact name without corroboration is reviewed, not blocked"},
		{"dob excludes", Payee{Name: "Han Chol Man", Type: Person, DOB: "1999-01-01"}, Clear, "",
			"listed 1978-05-06: 21 years apart cannot be the listed person"},
		{"dob one year off prevents block", Payee{Name: "Han Chol Man", Type: Person, DOB: "1979-05-06"}, Review, "48267",
			"a year off is a weak contradiction: review, never block"},
		{"day and month swapped", Payee{Name: "Han Chol Man", Type: Person, DOB: "1978-06-05"}, Block, "48267",
			"06-05 is the listed 05-06 with day and month swapped"},
		{"person is not a bank", Payee{Name: "Kumgang Bank", Type: Person}, Clear, "",
			"a person cannot be a listed organization"},
		{"organization name variant", Payee{Name: "Korea Kwangson Banking Corporation", Type: Organization}, Review, "11581",
			"legal-form words differ; review"},
		{"listed BIC", Payee{Name: "Acme Payroll Ltd", Type: Organization, Bank: BankAccount{BIC: "KMBKKPPYXXX"}}, Block, "20571",
			"Kumgang Bank is listed by SWIFT/BIC KMBKKPPY; the XXX branch is its head office"},
		{"listed wallet, other case", Payee{Name: "J. Doe", Wallets: []Wallet{{Address: "0xB6F5EC1A0A9CD1526536D3F0426C429529471F40"}}}, Block, "43377",
			"EVM addresses compare case-insensitively"},
		{"listed wallet under another EVM tag", Payee{Name: "J. Doe", Wallets: []Wallet{{Address: "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c", Currency: "MATIC"}}}, Block, "42498",
			"one EVM address is the same account on every EVM chain"},
		{"ordinary payee", Payee{Name: "Anna Schmidt", Type: Person, DOB: "1988-04-12", Country: "DE"}, Clear, "",
			"no listed name or identifier"},
		{"single token", Payee{Name: "Kim", Type: Person}, Clear, "",
			"one common token is not a match"},
		{"payee in North Korea", Payee{Name: "Anna Schmidt", Country: "KP"}, Block, "",
			"policy blocks payees in the DPRK"},
		{"invalid IBAN", Payee{Name: "Anna Schmidt", Bank: BankAccount{IBAN: "DE89370400440532013001"}}, Review, "",
			"an invalid IBAN cannot be screened: review (policy)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.Screen(context.Background(), tt.payee)
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.Decision, "decision (%s)\n%s", tt.reason, r.Explain())
			top := ""
			if len(r.Matches) > 0 {
				top = r.Matches[0].EntityID
			}
			assert.Equal(t, tt.entity, top, "top match (%s)\n%s", tt.reason, r.Explain())
			assert.Len(t, r.Lists, 2, "list versions named by the result")
		})
	}
}

func TestScreenFlags(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	r, err := s.Screen(context.Background(), Payee{Name: "Anna Schmidt", DOB: "1988-13-01", Country: "Atlantis",
		Bank:    BankAccount{IBAN: "GB29NWBK6016133192681X", BIC: "A2CDBEB1", RoutingNumber: "021000022"},
		Wallets: []Wallet{{Address: "not-a-wallet"}, {Address: "TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM", Currency: "BTC"}}})
	require.NoError(t, err)
	want := []FlagCode{FlagSampleLists, FlagInvalidDOB, FlagInvalidCountry, FlagInvalidIBAN, FlagInvalidBIC, FlagInvalidRouting, FlagInvalidWallet, FlagWalletTag}
	var got []FlagCode
	for _, f := range r.Flags {
		got = append(got, f.Code)
		assert.NotContains(t, f.Detail, "NWBK6016", "flag %s leaks the account number", f.Code)
	}
	assert.Equal(t, flagStrings(want), flagStrings(got), "flags")
	assert.Equal(t, Review, r.Decision, "want review for invalid identifiers")
}

func flagStrings(f []FlagCode) []string {
	s := make([]string, len(f))
	for i, c := range f {
		s[i] = string(c)
	}
	return s
}

func TestAllowList(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	payee := Payee{ID: "EMP-7", Name: "Han Cheol Man", Type: Person}
	r, _ := s.Screen(context.Background(), payee)
	require.Equal(t, Review, r.Decision, "want a review match to allow-list, got\n%s", r.Explain())
	require.NotEmpty(t, r.Matches, "want a review match to allow-list")
	m := r.Matches[0]
	p := DefaultPolicy()
	p.AllowList = []AllowEntry{{PayeeID: "EMP-7", Source: m.Source, EntityID: m.EntityID, Fingerprint: m.Fingerprint, Reason: "different person, checked passport"}}
	r2, _ := sampleScreener(t, p).Screen(context.Background(), payee)
	assert.Equal(t, Clear, r2.Decision, "allow-listed match still decides:\n%s", r2.Explain())
	assert.Empty(t, r2.Matches, "allow-listed match still shown")
	assert.True(t, hasFlag(r2.Flags, FlagAllowListed), "allow_listed flag missing: %+v", r2.Flags)
	// Another payee with the same name is not covered by the entry.
	r3, _ := sampleScreener(t, p).Screen(context.Background(), Payee{ID: "EMP-8", Name: "Han Cheol Man", Type: Person})
	assert.Equal(t, Review, r3.Decision, "allow-list entry for EMP-7 suppressed EMP-8's match")
	// A stale fingerprint (the listed entry changed) no longer suppresses.
	p.AllowList[0].Fingerprint = strings.Repeat("0", 64)
	r4, _ := sampleScreener(t, p).Screen(context.Background(), payee)
	assert.Equal(t, Review, r4.Decision, "allow-list entry with a stale fingerprint still suppresses:\n%s", r4.Explain())
}

func hasFlag(fs []Flag, c FlagCode) bool {
	for _, f := range fs {
		if f.Code == c {
			return true
		}
	}
	return false
}

func TestNewFailsClosed(t *testing.T) {
	set, err := lists.Sample()
	require.NoError(t, err)
	_, err = New(&lists.Set{}, DefaultPolicy(), Options{})
	assert.Error(t, err, "New with no lists must fail")
	stale := &lists.Set{Lists: []*lists.List{{Source: lists.UN, Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Entities: set.Lists[1].Entities}}}
	_, err = New(stale, DefaultPolicy(), Options{})
	assert.ErrorIs(t, err, lists.ErrStale, "New with a list from 2020 and the default 7-day limit")
	bad := DefaultPolicy()
	bad.Review = 0.99
	_, err = New(set, bad, Options{})
	assert.ErrorIs(t, err, ErrPolicy, "review above block")
}

func TestScreenDeterministic(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	p := Payee{Name: "Kim Sang Man", Type: Person, Country: "RU"}
	a, _ := s.Screen(context.Background(), p)
	for range 20 {
		b, _ := s.Screen(context.Background(), p)
		require.Equal(t, a.Explain(), b.Explain(), "results differ between runs")
	}
}

func TestScreenCancelled(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Screen(ctx, Payee{Name: "Ri Won Ho"})
	assert.ErrorIs(t, err, context.Canceled)
}

func FuzzScreen(f *testing.F) {
	f.Add("Ri Won Ho", "1964-07-17", "KP", "DE89370400440532013000", "KMBKKPPY", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40")
	f.Add("", "", "", "", "", "")
	f.Add("Ч'ол ♥ 김", "19xx", "??", "GB29 NWBK", "A2CD", "bc1q")
	s := sampleScreener(f, DefaultPolicy())
	f.Fuzz(func(t *testing.T, name, dob, country, iban, bic, wallet string) {
		r, err := s.Screen(context.Background(), Payee{Name: name, DOB: dob, Country: country,
			Bank: BankAccount{IBAN: iban, BIC: bic}, Wallets: []Wallet{{Address: wallet}}})
		require.NoError(t, err)
		if r.Decision > Block || r.Score < 0 || r.Score > 1 {
			t.Fatalf("bad result %v %v", r.Decision, r.Score)
		}
		for _, m := range r.Matches {
			if m.Decision < Review || m.EntityID == "" {
				t.Fatalf("match without decision or entity: %+v", m)
			}
		}
	})
}
