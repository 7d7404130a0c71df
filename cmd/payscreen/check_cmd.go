package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/payscreen/payscreen/screening"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen check", stderr)
	var lf listFlags
	addListFlags(fs, &lf)
	dob := fs.String("dob", "", "date of birth, `YYYY-MM-DD`, YYYY-MM or YYYY")
	country := fs.String("country", "", "nationality or residence, ISO 3166 alpha-2 `code`")
	typ := fs.String("type", "", "`type`: person, organization or unknown")
	id := fs.String("id", "", "the payee's `id` (for the policy's allow-list)")
	iban := fs.String("iban", "", "bank account `IBAN`")
	bic := fs.String("bic", "", "bank `BIC`")
	wallet := fs.String("wallet", "", "crypto wallet `address`")
	asJSON := fs.Bool("json", false, "print the result as JSON instead of the explanation")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen check [flags] NAME")
		fmt.Fprintln(stderr, "Screens one payee and explains the decision. Flags go before NAME.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	name := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(name) == "" && *wallet == "" && *bic == "" && *iban == "" {
		fmt.Fprintln(stderr, "payscreen check: want a NAME (or an identifier flag)")
		fs.Usage()
		return exitUsage
	}
	t, err := screening.ParsePayeeType(*typ)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen check: --type: %v\n", err)
		return exitUsage
	}
	s, err := lf.screener(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen check: %v\n", err)
		return exitError
	}
	p := screening.Payee{ID: *id, Name: name, Type: t, DOB: *dob, Country: *country,
		Bank: screening.BankAccount{IBAN: *iban, BIC: *bic}}
	if *wallet != "" {
		p.Wallets = []screening.Wallet{{Address: *wallet}}
	}
	r, err := s.Screen(ctx, p)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen check: %v\n", err)
		return exitError
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(stderr, "payscreen check: %v\n", err)
			return exitError
		}
		return exitOK
	}
	fmt.Fprint(stdout, r.Explain())
	return exitOK
}
