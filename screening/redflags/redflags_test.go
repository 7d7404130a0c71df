package redflags

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowsOf serves rows from a slice; each call of open starts again.
func rowsOf(rows []screening.Row) func() (screening.RowReader, error) {
	return func() (screening.RowReader, error) { return &sliceReader{rows: rows}, nil }
}

func flagCodes(fs []screening.Flag) []screening.FlagCode {
	var out []screening.FlagCode
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// buildFlags indexes rows and returns each row's red flags.
func buildFlags(t *testing.T, p screening.RedFlagPolicy, prev *PreviousPayouts, rows []screening.Row) [][]screening.Flag {
	t.Helper()
	ix, err := Build(context.Background(), &sliceReader{rows: rows}, p, prev)
	require.NoError(t, err)
	out := make([][]screening.Flag, len(rows))
	for i, r := range rows {
		out[i], err = ix.Flags(i, r)
		require.NoError(t, err)
	}
	return out
}

func TestRedFlagKeys(t *testing.T) {
	acct := func(id, n, routing string) screening.Payee {
		return screening.Payee{ID: id, Bank: screening.BankAccount{AccountNumber: n, RoutingNumber: routing}}
	}
	tests := []struct {
		name   string
		a, b   screening.Payee
		want   screening.FlagCode // "" for no flag
		reason string
	}{
		{"same account", acct("A", "4820013377", "021000021"), acct("B", "48-2001-3377", "021000021"), screening.FlagSharedBankAccount,
			"hyphens and spaces do not make another account"},
		{"other bank", acct("A", "4820013377", "021000021"), acct("B", "4820013377", "111000025"), "",
			"one account number at two banks is two accounts"},
		{"same payee", acct("A", "4820013377", "021000021"), acct("A", "4820013377", "021000021"), "",
			"two rows of one payee (salary and bonus) share with no one"},
		{"same iban", screening.Payee{ID: "A", Bank: screening.BankAccount{IBAN: "GB82 WEST 1234 5698 7654 32"}}, screening.Payee{ID: "B", Bank: screening.BankAccount{IBAN: "gb82west12345698765432"}}, screening.FlagSharedBankAccount,
			"an IBAN in paper and electronic format"},
		{"same wallet other case", screening.Payee{ID: "A", Wallets: []screening.Wallet{{Address: "0xB6F5EC1A0A9CD1526536D3F0426C429529471F40"}}},
			screening.Payee{ID: "B", Wallets: []screening.Wallet{{Address: "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"}}}, screening.FlagSharedWallet,
			"EVM addresses compare without case"},
		{"email plus tag", screening.Payee{ID: "A", Email: "dev+job1@proton.me"}, screening.Payee{ID: "B", Email: "DEV+job2@Proton.me"}, screening.FlagSharedEmail,
			"a +tag reaches the same mailbox"},
		{"gmail dots", screening.Payee{ID: "A", Email: "john.smith.dev@gmail.com"}, screening.Payee{ID: "B", Email: "johnsmithdev@googlemail.com"}, screening.FlagSharedEmail,
			"Gmail ignores dots and googlemail.com is gmail.com"},
		{"dots elsewhere", screening.Payee{ID: "A", Email: "john.smith@outlook.com"}, screening.Payee{ID: "B", Email: "johnsmith@outlook.com"}, "",
			"other providers do not ignore dots"},
		{"phone formats", screening.Payee{ID: "A", Phone: "+1 (623) 555-0177"}, screening.Payee{ID: "B", Phone: "623.555.0177"}, screening.FlagSharedPhone,
			"with and without the country code"},
		{"placeholder phone", screening.Payee{ID: "A", Phone: "000-000-0000"}, screening.Payee{ID: "B", Phone: "0000000000"}, "",
			"a number of one repeated digit is a placeholder"},
		{"placeholder email", screening.Payee{ID: "A", Email: "none@company.example"}, screening.Payee{ID: "B", Email: "none@company.example"}, "",
			"none@ is a placeholder"},
		{"household", screening.Payee{ID: "A", Address: "88 Oak Street, Springfield"}, screening.Payee{ID: "B", Address: "88 oak st springfield"}, "",
			"two payees at one address are a household"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flags := buildFlags(t, screening.DefaultRedFlagPolicy(), nil, []screening.Row{{Line: 1, Payee: tt.a}, {Line: 2, Payee: tt.b}})
			for i, fs := range flags {
				// crypto_salary goes with every wallet; this table is about keys.
				got := slices.DeleteFunc(flagCodes(fs), func(c screening.FlagCode) bool { return c == screening.FlagCryptoSalary })
				if tt.want == "" {
					assert.Empty(t, got, "row %d flags (%s)", i+1, tt.reason)
				} else {
					assert.Equal(t, []screening.FlagCode{tt.want}, got, "row %d flags (%s)", i+1, tt.reason)
				}
			}
		})
	}
}

func TestRedFlagAddressThreshold(t *testing.T) {
	addrs := []string{"1423 Maple Ridge Drive, Litchfield Park AZ", "1423 MAPLE RIDGE DR LITCHFIELD PARK AZ", "1423 Maple Ridge Dr., Litchfield Park, AZ"}
	var rows []screening.Row
	for i, a := range addrs {
		rows = append(rows, screening.Row{Line: i + 1, Payee: screening.Payee{ID: fmt.Sprint("D", i), Address: a, Country: "US"}})
	}
	for _, tt := range []struct {
		threshold int
		want      bool
		reason    string
	}{
		{0, true, "three payees at one address reach the default threshold of three"},
		{4, false, "a policy may allow more payees per address"},
		{2, true, "a policy may flag households too"},
	} {
		p := screening.DefaultRedFlagPolicy()
		p.SharedAddressPayees = tt.threshold
		flags := buildFlags(t, p, nil, rows)
		assert.Equal(t, tt.want, slices.Equal(flagCodes(flags[0]), []screening.FlagCode{screening.FlagSharedAddress}), "threshold %d: shared_address alone in %v (%s)", tt.threshold, flags[0], tt.reason)
	}
}

func TestRedFlagDetailCapped(t *testing.T) {
	var rows []screening.Row
	for i := range 9 {
		rows = append(rows, screening.Row{Line: i + 1, Payee: screening.Payee{ID: fmt.Sprint("W-", i), Wallets: []screening.Wallet{{Address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}}}})
	}
	p := screening.DefaultRedFlagPolicy()
	p.MaxRowsNamed = 3
	flags := buildFlags(t, p, nil, rows)
	var d string
	for _, f := range flags[0] {
		if f.Code == screening.FlagSharedWallet {
			d = f.Detail
		}
	}
	assert.Equal(t, "same wallet as 8 other payee(s): rows 2, 3, 4 and 5 more (ids W-1, W-2, W-3)", d, "detail: the first rows named, the rest counted")
}

func TestRedFlagCountries(t *testing.T) {
	tests := []struct {
		name   string
		p      screening.Payee
		want   []screening.FlagCode
		reason string
	}{
		{"PRC account, US payee", screening.Payee{ID: "a", Country: "US", Bank: screening.BankAccount{Country: "CN", AccountNumber: "6217850000001234567"}}, []screening.FlagCode{screening.FlagPRCBankAccount},
			"the advisory's PRC-based bank accounts; no second mismatch flag for the same account"},
		{"PRC account, no country", screening.Payee{ID: "a", Bank: screening.BankAccount{BIC: "BKCHCNBJ"}}, []screening.FlagCode{screening.FlagPRCBankAccount},
			"a PRC account for a payee whose country is unknown"},
		{"PRC payee", screening.Payee{ID: "a", Country: "CN", Bank: screening.BankAccount{Country: "CN"}}, nil,
			"a payee in the PRC banks there"},
		{"mismatch", screening.Payee{ID: "a", Country: "US", Bank: screening.BankAccount{IBAN: "GB82WEST12345698765432"}}, []screening.FlagCode{screening.FlagBankCountry},
			"a UK IBAN for a US payee"},
		{"same country", screening.Payee{ID: "a", Country: "DE", Bank: screening.BankAccount{IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX"}}, nil,
			"German IBAN and BIC for a German payee"},
		{"routing is US", screening.Payee{ID: "a", Country: "CA", Bank: screening.BankAccount{RoutingNumber: "021000021", AccountNumber: "12345678"}}, []screening.FlagCode{screening.FlagBankCountry},
			"an ABA routing number is a US bank"},
		{"unknown payee country", screening.Payee{ID: "a", Bank: screening.BankAccount{IBAN: "GB82WEST12345698765432"}}, nil,
			"no mismatch without the payee's country"},
		{"invalid iban ignored", screening.Payee{ID: "a", Country: "US", Bank: screening.BankAccount{IBAN: "GB00WEST12345698765432"}}, nil,
			"an invalid IBAN is the Screener's flag, not a country"},
		{"crypto", screening.Payee{ID: "a", Wallets: []screening.Wallet{{Address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Currency: "BTC"}}}, []screening.FlagCode{screening.FlagCryptoSalary},
			"salary asked in crypto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagCodes(buildFlags(t, screening.DefaultRedFlagPolicy(), nil, []screening.Row{{Line: 1, Payee: tt.p}})[0])
			assert.Equal(t, tt.want, got, "flags (%s)", tt.reason)
		})
	}
}

func TestRedFlagPayoutChanged(t *testing.T) {
	base := screening.Payee{ID: "E1", Email: "a@b.example", Phone: "+1 555 010 0001", Bank: screening.BankAccount{AccountNumber: "111222333", RoutingNumber: "021000021"}}
	prev, err := ReadPreviousPayouts(context.Background(), &sliceReader{rows: []screening.Row{{Payee: base}, {Err: errors.New("bad row")}}})
	require.NoError(t, err)
	assert.Equal(t, [2]int{2, 1}, [2]int{prev.Rows, prev.Skipped}, "previous rows and skipped rows")
	changed := base
	changed.Bank.AccountNumber = "999888777"
	changed.Wallets = []screening.Wallet{{Address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}}
	cased := base
	cased.Email = "A@B.EXAMPLE"
	newcomer := base
	newcomer.ID = "E2"
	tests := []struct {
		name   string
		p      screening.Payee
		detail string // "" for no flag
		reason string
	}{
		{"unchanged", base, "", "same details"},
		{"case only", cased, "", "e-mail case is no change"},
		{"changed", changed, "account_number, wallet (values not shown)", "new account and a wallet"},
		{"new payee", newcomer, "", "a payee the previous run did not have has nothing to compare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := buildFlags(t, screening.DefaultRedFlagPolicy(), prev, []screening.Row{{Line: 1, Payee: tt.p}})[0]
			var got string
			for _, f := range fs {
				if f.Code == screening.FlagPayoutChanged {
					got = f.Detail
				}
			}
			if tt.detail == "" {
				assert.Empty(t, got, "payout_changed (%s)", tt.reason)
			} else {
				assert.True(t, strings.HasSuffix(got, tt.detail), "payout_changed %q, want %q (%s)", got, tt.detail, tt.reason)
			}
			assert.NotContains(t, got, "999888777", "the detail shows an account number: personal data")
		})
	}
}

func TestRedFlagPolicy(t *testing.T) {
	tests := []struct {
		name   string
		p      screening.RedFlagPolicy
		ok     bool
		reason string
	}{
		{"default", screening.DefaultRedFlagPolicy(), true, "the defaults are valid"},
		{"zero", screening.RedFlagPolicy{}, true, "the zero value applies no flag"},
		{"unknown flag", screening.RedFlagPolicy{Flags: []screening.FlagCode{"shared_lunch"}}, false, "a misspelt flag must not be ignored"},
		{"threshold one", screening.RedFlagPolicy{SharedAddressPayees: 1}, false, "one payee alone shares nothing"},
		{"bad country", screening.RedFlagPolicy{PRCCountries: []string{"China"}}, false, "ISO codes only"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if tt.ok {
			assert.NoError(t, err, "%s (%s)", tt.name, tt.reason)
		} else {
			assert.ErrorIs(t, err, screening.ErrPolicy, "%s (%s)", tt.name, tt.reason)
		}
	}
	// Only the flags a policy lists apply.
	p := screening.RedFlagPolicy{Flags: []screening.FlagCode{screening.FlagCryptoSalary}}
	rows := []screening.Row{
		{Payee: screening.Payee{ID: "A", Phone: "+1 555 010 0001", Wallets: []screening.Wallet{{Address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}}}},
		{Payee: screening.Payee{ID: "B", Phone: "+1 555 010 0001"}},
	}
	flags := buildFlags(t, p, nil, rows)
	assert.Equal(t, []screening.FlagCode{screening.FlagCryptoSalary}, flagCodes(flags[0]), "want only crypto_salary: shared_phone is not in the policy")
	assert.Empty(t, flags[1], "shared_phone is not in the policy")
}

func TestScreenBatch(t *testing.T) {
	s := sampleScreener(t, screening.DefaultPolicy())
	rows := []screening.Row{
		{Line: 1, Payee: screening.Payee{ID: "A", Name: "Anna Schmidt", Bank: screening.BankAccount{AccountNumber: "4820013377", RoutingNumber: "021000021"}}},
		{Line: 2, Err: errors.New("unreadable")},
		{Line: 3, Payee: screening.Payee{ID: "B", Name: "Ri Won Ho", Type: screening.Person, DOB: "1964-07-17", Bank: screening.BankAccount{AccountNumber: "4820013377", RoutingNumber: "021000021"}}},
	}
	var got []screening.RowResult
	err := ScreenBatch(context.Background(), s, rowsOf(rows), Options{Policy: screening.DefaultRedFlagPolicy()}, screening.BatchOptions{Workers: 2},
		func(rr screening.RowResult) error { got = append(got, rr); return nil })
	require.NoError(t, err)
	if len(got) != 3 || got[0].Result.Decision != screening.Review || got[1].Err == nil || got[2].Result.Decision != screening.Block {
		t.Fatalf("decisions: %s, err %v, %s; want review (shared account), the row error, block (listed person: a red flag does not lower it)",
			got[0].Result.Decision, got[1].Err, got[2].Result.Decision)
	}
	assert.Contains(t, flagCodes(got[2].Result.Flags), screening.FlagSharedBankAccount, "blocked row lacks its red flag")

	// A second pass that differs from the first is an error.
	calls := 0
	open := func() (screening.RowReader, error) {
		calls++
		if calls == 2 {
			return &sliceReader{rows: rows[:2]}, nil
		}
		return &sliceReader{rows: rows}, nil
	}
	err = ScreenBatch(context.Background(), s, open, Options{Policy: screening.DefaultRedFlagPolicy()}, screening.BatchOptions{}, func(screening.RowResult) error { return nil })
	assert.ErrorIs(t, err, ErrInputChanged, "shorter second pass")
	swapped := slices.Clone(rows)
	swapped[0], swapped[2] = swapped[2], swapped[0]
	calls = 0
	open = func() (screening.RowReader, error) {
		calls++
		if calls == 2 {
			return &sliceReader{rows: swapped}, nil
		}
		return &sliceReader{rows: rows}, nil
	}
	err = ScreenBatch(context.Background(), s, open, Options{Policy: screening.DefaultRedFlagPolicy()}, screening.BatchOptions{}, func(screening.RowResult) error { return nil })
	assert.ErrorIs(t, err, ErrInputChanged, "reordered second pass")
}

func FuzzRedFlagKeys(f *testing.F) {
	f.Add("dev+x@gmail.com", "+1 (623) 555-0177", "1423 Maple Ridge Dr", "4820013377", "GB82WEST12345698765432", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40")
	f.Add("@", "0", "", "", "", "")
	f.Fuzz(func(t *testing.T, email, phone, addr, acct, iban, wallet string) {
		p := screening.Payee{ID: "x", Email: email, Phone: phone, Address: addr, Country: "US",
			Bank: screening.BankAccount{AccountNumber: acct, IBAN: iban, BIC: acct, Country: phone}, Wallets: []screening.Wallet{{Address: wallet}}}
		q := p
		q.ID = "y"
		rows := []screening.Row{{Payee: p}, {Payee: q}}
		ix, err := Build(context.Background(), &sliceReader{rows: rows}, screening.DefaultRedFlagPolicy(), nil)
		require.NoError(t, err)
		for i, r := range rows {
			fs, err := ix.Flags(i, r)
			require.NoError(t, err)
			for _, f := range fs {
				require.Equal(t, screening.Review, f.Decision, "flag %s: red flags only review", f.Code)
			}
		}
	})
}

// genRows generates n payroll rows: ordinary payees with their own
// accounts, contacts and addresses, and every 1000th row one of a group
// of five sharing an account and an address (a facilitator).
type genRows struct {
	n, i  int
	names []string
}

func newGenRows(n int) *genRows {
	return &genRows{n: n, names: []string{"Anna Schmidt", "John Miller", "Maria Garcia", "Wei Zhang", "Olivia Brown", "Lucas Martin", "Sofia Rossi"}}
}

func (g *genRows) Read() (screening.Row, error) {
	if g.i >= g.n {
		return screening.Row{}, io.EOF
	}
	i := g.i
	g.i++
	acct, addr := fmt.Sprintf("%010d", 1000000+i), fmt.Sprintf("%d Main Street, Springfield", i)
	if i%1000 < 5 {
		acct, addr = fmt.Sprintf("%010d", 9000000+i/1000), fmt.Sprintf("%d Farm Road, Litchfield Park", i/1000)
	}
	p := screening.Payee{
		ID: fmt.Sprintf("EMP-%07d", i), Name: g.names[i%len(g.names)], Type: screening.Person, Country: "US",
		Address: addr, Email: fmt.Sprintf("emp%d@corp.example", i), Phone: fmt.Sprintf("+1 555 %07d", i),
		Bank: screening.BankAccount{AccountNumber: acct, RoutingNumber: "021000021", Country: "US"},
	}
	return screening.Row{Line: i + 1, Payee: p}, nil
}

// BenchmarkBatch1M screens 1,000,000 generated rows against the sample
// lists with the red-flag pass off and on.
func BenchmarkBatch1M(b *testing.B) {
	const n = 1_000_000
	s := sampleScreener(b, screening.DefaultPolicy())
	ctx := context.Background()
	b.Run("red_flags=off", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rows := 0
			if err := s.ScreenBatch(ctx, newGenRows(n), screening.BatchOptions{}, func(screening.RowResult) error { rows++; return nil }); err != nil || rows != n {
				b.Fatal(err, rows)
			}
		}
	})
	b.Run("red_flags=on", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rows, flagged := 0, 0
			err := ScreenBatch(ctx, s, func() (screening.RowReader, error) { return newGenRows(n), nil }, Options{Policy: screening.DefaultRedFlagPolicy()}, screening.BatchOptions{},
				func(rr screening.RowResult) error {
					rows++
					if rr.Result.Decision == screening.Review {
						flagged++
					}
					return nil
				})
			if err != nil || rows != n || flagged != n/1000*5 {
				b.Fatal(err, rows, flagged)
			}
		}
	})
}

// BenchmarkRedFlagPass1M is the red-flag work alone on 1,000,000 rows:
// the indexing pass and each row's lookup, without screening; it reports
// the heap the index holds.
func BenchmarkRedFlagPass1M(b *testing.B) {
	const n = 1_000_000
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(context.Background(), newGenRows(n), screening.DefaultRedFlagPolicy(), nil)
		require.NoError(b, err)
		g := newGenRows(n)
		flagged := 0
		for i := range n {
			row, _ := g.Read()
			fs, err := ix.Flags(i, row)
			require.NoError(b, err)
			if len(fs) > 0 {
				flagged++
			}
		}
		if flagged != n/1000*5 {
			b.Fatal(flagged)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		runtime.KeepAlive(ix)
	}
}

// BenchmarkGenRows1M is the cost of generating the 1,000,000 rows the
// benchmarks above read (once per pass), to subtract from them.
func BenchmarkGenRows1M(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		g := newGenRows(1_000_000)
		for {
			if _, err := g.Read(); err != nil {
				break
			}
		}
	}
}

func TestRfRadixSort(t *testing.T) {
	// 5000 keys, many repeated, each repeat on a later row: the radix sort
	// must order by hash and keep rows in order within a hash, as the
	// stable comparison sort does.
	var in []rfEntry
	h := uint64(1)
	for i := range 5000 {
		h = h*6364136223846793005 + 1442695040888963407
		in = append(in, rfEntry{hash: h%1500<<50 | h%7, row: int32(i), kind: rfPhone})
	}
	want := slices.Clone(in)
	slices.SortStableFunc(want, func(a, b rfEntry) int { return cmp.Compare(a.hash, b.hash) })
	got := rfRadixSort(slices.Clone(in), make([]rfEntry, len(in)))
	assert.Equal(t, want, got, "radix sort differs from the stable comparison sort")
}

// BenchmarkBatch1MReal screens 1,000,000 generated rows against the real
// lists of ../shared/lists with the red-flag pass off and on.
func BenchmarkBatch1MReal(b *testing.B) {
	const n = 1_000_000
	s := realLists(b)
	ctx := context.Background()
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("red_flags=%v", map[bool]string{false: "off", true: "on"}[on]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rows := 0
				emit := func(screening.RowResult) error { rows++; return nil }
				var err error
				if on {
					err = ScreenBatch(ctx, s, func() (screening.RowReader, error) { return newGenRows(n), nil }, Options{Policy: screening.DefaultRedFlagPolicy()}, screening.BatchOptions{}, emit)
				} else {
					err = s.ScreenBatch(ctx, newGenRows(n), screening.BatchOptions{}, emit)
				}
				if err != nil || rows != n {
					b.Fatal(err, rows)
				}
			}
		})
	}
}
