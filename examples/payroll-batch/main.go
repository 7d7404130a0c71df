// Command payroll-batch screens a payroll CSV file with the streaming batch
// API: rows are read one at a time, screened on all cores, and their results
// come back in input order through a callback that also reports progress. It
// totals the amounts per decision and currency with shopspring/decimal (money
// is never a float) and exits with status 3 when any payee is blocked, so that
// a payment run can stop on it.
//
//	go run ./examples/payroll-batch examples/payroll/payees.csv
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
)

// exitBlocked is the exit status when a payee is blocked.
const exitBlocked = 3

func main() {
	var dirs []string
	flag.Func("lists", "load the official list files of `DIR` (repeatable; default: the built-in SAMPLE lists)", func(d string) error {
		dirs = append(dirs, d)
		return nil
	})
	every := flag.Int("progress", 10, "report progress every `n` rows (0: never)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: payroll-batch [-lists DIR] [-progress N] FILE.csv")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	blocked, err := run(context.Background(), dirs, flag.Arg(0), *every)
	if err != nil {
		fmt.Fprintln(os.Stderr, "payroll-batch:", err)
		os.Exit(1)
	}
	if blocked > 0 {
		fmt.Fprintf(os.Stderr, "payroll-batch: %d payees blocked: stop the payment run\n", blocked)
		os.Exit(exitBlocked)
	}
}

// totals holds the payment amounts per decision and currency.
type totals map[screening.Decision]map[string]decimal.Decimal

func (t totals) add(d screening.Decision, currency string, amount decimal.Decimal) {
	if t[d] == nil {
		t[d] = map[string]decimal.Decimal{}
	}
	t[d][currency] = t[d][currency].Add(amount)
}

// run screens the payroll file and returns the number of blocked rows.
func run(ctx context.Context, dirs []string, path string, every int) (int, error) {
	var set *lists.Set
	var err error
	if len(dirs) == 0 {
		set, err = lists.Sample()
	} else {
		set, err = lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	}
	if err != nil {
		return 0, err
	}
	s, err := screening.New(set, screening.DefaultPolicy(), screening.Options{})
	if err != nil {
		return 0, err
	}

	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	// The reader streams the file: memory stays bounded whatever its size.
	// A row it cannot read comes back with Row.Err set (naming file, line
	// and field) and still gets its one result.
	rows, err := payroll.NewCSVReader(f, path)
	if err != nil {
		return 0, err
	}

	// progress is the callback a payroll system would hook a progress bar
	// or a heartbeat to.
	progress := func(done int) {
		if every > 0 && done%every == 0 {
			fmt.Fprintf(os.Stderr, "progress: %d rows screened\n", done)
		}
	}

	sums := totals{}
	var counts [3]int
	done := 0
	err = s.ScreenBatch(ctx, rows, screening.BatchOptions{}, func(rr screening.RowResult) error {
		// emit is called once per row, in input order, never concurrently.
		done++
		d := payroll.Outcome(rr) // a row in error counts as review: nobody screened it
		counts[d]++
		if rr.Row.HasAmount {
			sums.add(d, rr.Row.Currency, rr.Row.Amount)
		}
		switch {
		case rr.Err != nil:
			fmt.Printf("row %d: %s: %v\n", rr.Row.Line, d, rr.Err)
		case d != screening.Clear:
			// The payee ID and the listed entries, not the payee's data.
			fmt.Printf("row %d: %s %s", rr.Row.Line, rr.Result.PayeeID, d)
			for _, m := range rr.Result.Matches {
				fmt.Printf(" [%s %s]", m.Source, m.EntityID)
			}
			for _, fl := range rr.Result.Flags {
				if fl.Code != screening.FlagSampleLists {
					fmt.Printf(" (%s)", fl.Code)
				}
			}
			fmt.Println()
		}
		progress(done)
		return nil
	})
	if err != nil {
		return 0, err
	}

	fmt.Printf("\n%d rows: %d clear, %d review, %d block\n", done,
		counts[screening.Clear], counts[screening.Review], counts[screening.Block])
	for _, d := range []screening.Decision{screening.Clear, screening.Review, screening.Block} {
		currencies := make([]string, 0, len(sums[d]))
		for c := range sums[d] {
			currencies = append(currencies, c)
		}
		slices.Sort(currencies)
		for _, c := range currencies {
			label := c
			if label == "" {
				label = "(no currency)"
			}
			fmt.Printf("  %-6s %14s %s\n", d, sums[d][c].StringFixed(2), label)
		}
	}
	return counts[screening.Block], nil
}
