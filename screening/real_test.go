package screening

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func hasMatch(r Result, entityID string, atLeast Decision) bool {
	for _, m := range r.Matches {
		if m.EntityID == entityID && m.Decision >= atLeast {
			return true
		}
	}
	return false
}

// TestRealRomanizationVariants screens the UN-listed DPRK individuals under
// other romanizations of their names (Ri→Lee, Pak→Park, Chol→Cheol…) with
// their listed date of birth: every one must be found.
func TestRealRomanizationVariants(t *testing.T) {
	set, s := realLists(t)
	// Whole-token respellings: Revised Romanization and common spellings
	// of the lists' McCune–Reischauer-style DPRK names.
	respell := map[string]string{
		"RI": "LEE", "PAK": "PARK", "CHOL": "CHEOL", "JONG": "JEONG", "KIM": "GIM", "CHOE": "CHOI",
		"HYOK": "HYEOK", "SONG": "SEONG", "YONG": "YEONG", "MYONG": "MYEONG", "HYON": "HYEON", "O": "OH",
		"UN": "EUN", "KANG": "GANG", "KWANG": "GWANG", "JO": "CHO", "RYU": "YOO", "SOK": "SEOK", "CHON": "JEON",
	}
	swap := func(name string) string {
		f := strings.Fields(name)
		for i, w := range f {
			if v, ok := respell[w]; ok {
				f[i] = v
			}
		}
		return strings.Join(f, " ")
	}
	tried, found, blocked := 0, 0, 0
	for _, l := range set.Lists {
		if l.Source != lists.UN {
			continue
		}
		for i := range l.Entities {
			e := &l.Entities[i]
			if !strings.HasPrefix(e.ID, "KPi.") || len(e.BirthDates) == 0 || e.BirthDates[0].From.Day == 0 {
				continue
			}
			variant := swap(e.Names[0].Full)
			if variant == e.Names[0].Full {
				continue
			}
			tried++
			r, err := s.Screen(context.Background(), Payee{Name: variant, Type: Person, DOB: e.BirthDates[0].From.String()})
			require.NoError(t, err)
			switch {
			case hasMatch(r, e.ID, Block):
				found++
				blocked++
			case hasMatch(r, e.ID, Review):
				found++
			default:
				t.Errorf("%s %q as %q: not found\n%s", e.ID, e.Names[0].Full, variant, r.Explain())
			}
		}
	}
	require.GreaterOrEqual(t, tried, 30, "DPRK individuals with a listed date of birth and a variant spelling")
	t.Logf("%d romanization variants: %d found (%d blocked: name near-exact and DOB corroborates)", tried, found, blocked)
}

// TestRealDPRKBanksByBIC screens a payee paid through each SWIFT/BIC that
// OFAC lists on a DPRK entry: each must block on that entry.
func TestRealDPRKBanksByBIC(t *testing.T) {
	set, s := realLists(t)
	n := 0
	for _, l := range set.Lists {
		if l.Source != lists.OFACSDN {
			continue
		}
		for i := range l.Entities {
			e := &l.Entities[i]
			if !e.DPRK {
				continue
			}
			for _, id := range e.Identifiers {
				if id.Type != lists.IDSWIFTBIC {
					continue
				}
				n++
				r, err := s.Screen(context.Background(), Payee{Name: "Northwind Consulting Ltd", Type: Organization, Bank: BankAccount{BIC: strings.ToLower(id.Value)}})
				require.NoError(t, err)
				assert.True(t, hasMatch(r, e.ID, Block) && r.Decision == Block, "BIC %s of %s %s: decision %s\n%s", id.Value, e.ID, e.PrimaryName(), r.Decision, r.Explain())
			}
		}
	}
	require.GreaterOrEqual(t, n, 10, "SWIFT/BIC codes on DPRK entries")
	t.Logf("%d listed DPRK SWIFT/BIC codes: all block", n)
}

// TestRealDPRKWallets screens every digital currency address OFAC lists on
// DPRK-related entries, in the case variants a payee could type: each must
// block on the entry that lists it.
func TestRealDPRKWallets(t *testing.T) {
	_, s := realLists(t)
	f, err := os.Open(sharedPath(t, "dprk/ofac_dprk_crypto_addresses.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	checked := 0
	for _, row := range rows[1:] {
		tag, addr, uid := row[0], row[1], row[2]
		variants := []string{addr, " " + addr + " "}
		switch {
		case strings.HasPrefix(addr, "0x"):
			variants = append(variants, strings.ToLower(addr), "0x"+strings.ToUpper(addr[2:]))
		case strings.HasPrefix(addr, "bc1"):
			variants = append(variants, strings.ToUpper(addr))
		}
		for _, v := range variants {
			checked++
			r, err := s.Screen(context.Background(), Payee{Name: "Alex Morgan", Wallets: []Wallet{{Address: v, Currency: tag}}})
			require.NoError(t, err)
			assert.True(t, hasMatch(r, uid, Block), "%s %q (listed %s on %s): decision %s\n%s", tag, v, addr, uid, r.Decision, r.Explain())
		}
	}
	t.Logf("%d listed addresses in %d case variants: all block", len(rows)-1, checked)
}

// TestRealOrdinaryPayees screens payees on no list: they must come out
// clear.
func TestRealOrdinaryPayees(t *testing.T) {
	_, s := realLists(t)
	for _, p := range []Payee{
		{Name: "Anna Schmidt", Type: Person, DOB: "1988-04-12", Country: "DE", Bank: BankAccount{IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX"}},
		{Name: "Lukas Novak", Type: Person, DOB: "1991-09-30", Country: "CZ"},
		{Name: "Sofia Rossi", Type: Person, DOB: "1993-01-22", Country: "IT"},
		{Name: "Emma Johansson", Type: Person, DOB: "1990-11-17", Country: "SE"},
		{Name: "Pieter de Vries", Type: Person, DOB: "1982-02-28", Country: "NL"},
		{Name: "Marta Kowalska", Type: Person, DOB: "1994-07-08", Country: "PL"},
		{Name: "Priya Natarajan", Type: Person, DOB: "1990-06-11", Country: "GB"},
		{Name: "Lee Seo-yeon", Type: Person, DOB: "1998-12-24", Country: "KR"},
		{Name: "Nordlicht Software GmbH", Type: Organization, Country: "DE"},
		{Name: "Baltic Code OU", Type: Organization, Country: "EE"},
	} {
		r, err := s.Screen(context.Background(), p)
		require.NoError(t, err)
		assert.Equal(t, Clear, r.Decision, "%s\n%s", p.Name, r.Explain())
	}
}

// TestRealGolden pins whole results against the real lists. Run with
// -update to rewrite testdata/golden after a deliberate change.
func TestRealGolden(t *testing.T) {
	_, s := realLists(t)
	cases := []struct {
		file  string
		payee Payee
	}{
		{"dprk_person_variant", Payee{ID: "G1", Name: "Sim Hyeon Seop", Type: Person, DOB: "1983-11-25", Country: "CN"}},
		{"dprk_listed_wallet", Payee{ID: "G2", Name: "Kim Sang-man", Type: Person, Wallets: []Wallet{{Address: "0xB6F5EC1A0A9CD1526536D3F0426C429529471F40", Currency: "USDT"}}}},
		{"dprk_bank_bic", Payee{ID: "G3", Name: "Acme Payroll Ltd", Type: Organization, Bank: BankAccount{BIC: "KKBCKPPY"}}},
		{"it_front_company", Payee{ID: "G4", Name: "Yanbian Silver Star Network Technology", Type: Organization, Country: "CN"}},
		{"ordinary_person", Payee{ID: "G5", Name: "Anna Schmidt", Type: Person, DOB: "1988-04-12", Country: "DE", Bank: BankAccount{IBAN: "DE89370400440532013000"}}},
		{"un_dprk_exact", Payee{ID: "G6", Name: "Ri Won Ho", Type: Person, DOB: "1964-07-17", Country: "KP"}},
		{"person_vs_org", Payee{ID: "G7", Name: "Korea Kwangson Banking Corp", Type: Person}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := s.Screen(context.Background(), tc.payee)
			require.NoError(t, err)
			r.Lists = nil // pinned separately: the golden files must not change with list hashes alone
			got, err := json.MarshalIndent(r, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", tc.file+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestRealGolden -update")
			assert.Equal(t, string(want), string(got), "result differs from %s (rerun with -update if the change is intended)", path)
		})
	}
}

func BenchmarkScreenReal(b *testing.B) {
	_, s := realLists(b)
	payees := []Payee{
		{Name: "Anna Schmidt", Type: Person, DOB: "1988-04-12", Country: "DE"},
		{Name: "Mohammed Al Amin", Type: Person, Country: "AE"},
		{Name: "Sim Hyeon Seop", Type: Person, DOB: "1983-11-25"},
		{Name: "Nordlicht Software GmbH", Type: Organization},
	}
	for _, p := range payees {
		b.Run(strings.ReplaceAll(p.Name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Screen(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ExampleScreener_Screen() {
	set, _ := lists.Sample()
	s, _ := New(set, DefaultPolicy(), Options{})
	r, _ := s.Screen(context.Background(), Payee{ID: "EMP-1", Name: "Sim Hyeon Seop", Type: Person, DOB: "1983-11-25"})
	fmt.Println(r.Decision, r.Matches[0].Source, r.Matches[0].EntityID, r.Matches[0].Name)
	for _, e := range r.Matches[0].Evidence {
		fmt.Println(e.Field, e.Effect)
	}
	// Output:
	// block ofac_sdn 42498 SIM, Hyon Sop
	// name matches
	// type neutral
	// dob corroborates
	// network neutral
}

func ExampleScreener_Screen_company() {
	set, _ := lists.Sample()
	s, _ := New(set, DefaultPolicy(), Options{})
	r, _ := s.Screen(context.Background(), Payee{ID: "V-9", Name: "Korea Kwangson Banking Corporation", Type: Organization})
	fmt.Println(r.Decision, r.Matches[0].EntityID, r.Matches[0].Name, r.Matches[0].DPRK)
	// Output: review 11581 KOREA KWANGSON BANKING CORP true
}

func ExampleScreener_Screen_iban() {
	set, _ := lists.Sample()
	s, _ := New(set, DefaultPolicy(), Options{})
	r, _ := s.Screen(context.Background(), Payee{ID: "EMP-3", Name: "Anna Schmidt", Bank: BankAccount{IBAN: "DE89370400440532013001"}})
	fmt.Println(r.Decision)
	for _, f := range r.Flags[1:] { // the first flag says the lists are the sample
		fmt.Println(f.Code, f.Detail)
	}
	// Output:
	// review
	// invalid_iban invalid IBAN: checksum mismatch: mod-97 check failed
}

func ExampleScreener_Screen_wallet() {
	set, _ := lists.Sample()
	s, _ := New(set, DefaultPolicy(), Options{})
	r, _ := s.Screen(context.Background(), Payee{ID: "CTR-1", Name: "Alex Morgan",
		Wallets: []Wallet{{Address: "0X4F47BC496083C727C5FBE3CE9CDF2B0F6496270C", Currency: "USDT"}}})
	m := r.Matches[0]
	fmt.Println(r.Decision, m.EntityID, m.Name)
	fmt.Println(m.Evidence[0].Field, m.Evidence[0].Effect, m.Evidence[0].Listed)
	// Output:
	// block 42498 SIM, Hyon Sop
	// wallet blocks ETH 0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c
}
