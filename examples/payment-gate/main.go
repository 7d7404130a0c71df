// Command payment-gate holds payments at a screening gate before release:
// a blocked payment is stopped, a payment for review is parked until a person
// decides, and only a clear one is released. Each decision is logged with its
// evidence for the audit trail — which list entries, which payee fields, what
// effect — without account numbers or wallet addresses.
//
//	go run ./examples/payment-gate
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/shopspring/decimal"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// ErrBlocked is returned for a payment the gate stops.
var ErrBlocked = errors.New("payment blocked by sanctions screening")

// Gate screens payments before they are released. It is safe for
// concurrent use only if release and the logger are.
type Gate struct {
	screener *screening.Screener
	log      *slog.Logger
	// release sends a cleared payment on (to the bank, the payout API).
	release func(screening.Payment) error
	// Parked holds the payments waiting for a person's review.
	Parked []screening.Payment
}

// Submit screens p and releases, parks or stops it. It returns ErrBlocked
// for a blocked payment; a payment that could not be screened is an error
// and is neither released nor parked.
func (g *Gate) Submit(ctx context.Context, p screening.Payment) error {
	res, err := g.screener.ScreenPayment(ctx, p)
	if err != nil {
		return fmt.Errorf("payment %s not screened: %w", p.Reference, err)
	}
	g.logResult(p, res)
	switch res.Decision {
	case screening.Block:
		return fmt.Errorf("payment %s: %w", p.Reference, ErrBlocked)
	case screening.Review:
		g.Parked = append(g.Parked, p)
		return nil
	default:
		return g.release(p)
	}
}

// accountFields are the evidence fields whose values are account numbers
// or wallet addresses: they never reach the log.
var accountFields = map[screening.Field]bool{screening.FieldIBAN: true, screening.FieldAccountNumber: true, screening.FieldWallet: true}

// logResult writes the decision and its evidence. It logs the payee's ID,
// the listed entries and what each payee field did, but not the payee's own
// values (name, date of birth, accounts): the log is not the place for
// personal data, and the listed value is enough to audit the match.
func (g *Gate) logResult(p screening.Payment, res screening.Result) {
	g.log.Info("screened", "payment", p.Reference, "payee", p.Payee.ID,
		"amount", p.Amount.StringFixed(2), "currency", p.Currency, "decision", res.Decision)
	for _, m := range res.Matches {
		for _, e := range m.Evidence {
			listed := e.Listed
			if accountFields[e.Field] {
				listed = mask(listed)
			}
			g.log.Info("evidence", "payment", p.Reference, "source", m.Source, "entity", m.EntityID,
				"field", e.Field, "listed", listed, "score", fmt.Sprintf("%.2f", e.Score), "effect", e.Effect)
		}
	}
	for _, f := range res.Flags {
		if f.Code != screening.FlagSampleLists {
			g.log.Info("flag", "payment", p.Reference, "code", f.Code) // Detail may quote the account
		}
	}
}

// mask keeps the last four characters of an account number or address.
func mask(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		return "****"
	}
	return "****" + string(r[len(r)-4:])
}

func main() {
	var dirs []string
	flag.Func("lists", "load the official list files of `DIR` (repeatable; default: the built-in SAMPLE lists)", func(d string) error {
		dirs = append(dirs, d)
		return nil
	})
	flag.Parse()
	if err := run(context.Background(), dirs); err != nil {
		fmt.Fprintln(os.Stderr, "payment-gate:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dirs []string) error {
	var set *lists.Set
	var err error
	if len(dirs) == 0 {
		set, err = lists.Sample()
	} else {
		set, err = lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	}
	if err != nil {
		return err
	}
	s, err := screening.New(set, screening.DefaultPolicy(), screening.Options{})
	if err != nil {
		return err
	}

	// A log without timestamps, so that the output of this example is the
	// same on every run; a real gate keeps them.
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	g := &Gate{screener: s, log: log, release: func(p screening.Payment) error {
		log.Info("released", "payment", p.Reference)
		return nil
	}}

	payments := []screening.Payment{
		{
			Reference: "PAY-001", Amount: decimal.RequireFromString("5200.00"), Currency: "EUR",
			Payee: screening.Payee{ID: "EMP-1001", Name: "Anna Schmidt", Type: screening.Person,
				Country: "DE", Bank: screening.BankAccount{IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX"}},
		},
		{
			// A contractor paid in bitcoin to an address on the OFAC SDN list:
			// the exact identifier hit blocks whatever the name.
			Reference: "PAY-002", Amount: decimal.RequireFromString("5000.00"), Currency: "USD",
			Payee: screening.Payee{ID: "CTR-3001", Name: "J. Lee", Type: screening.Person,
				Wallets: []screening.Wallet{{Address: "1986rYHckYbJpGQJy6ornuMyD2N5MTqwDt", Currency: "BTC"}}},
		},
		{
			// A company whose name is close to a listed DPRK front company,
			// with nothing to corroborate it: a person has to look.
			Reference: "PAY-003", Amount: decimal.RequireFromString("20000.00"), Currency: "USD",
			Payee: screening.Payee{ID: "CTR-3002", Name: "Korea Mangyongdae Computer Tech Corp",
				Type: screening.Organization, Country: "CN",
				Bank: screening.BankAccount{IBAN: "GB33BUKB20201555555555", BIC: "BUKBGB22"}},
		},
	}
	for _, p := range payments {
		if err := g.Submit(ctx, p); err != nil {
			if !errors.Is(err, ErrBlocked) {
				return err
			}
			log.Warn("stopped", "payment", p.Reference, "err", err)
		}
	}
	for _, p := range g.Parked {
		log.Info("parked for review", "payment", p.Reference)
	}
	return nil
}
