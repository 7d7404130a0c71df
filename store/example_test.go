package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/store"
)

// Screening the same payee twice into a store: the match raises an alert
// once; the second run meets it open.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "payscreen-example")
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "payscreen.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	set, _ := lists.Sample()
	policy := screening.DefaultPolicy()
	policy.MaxListAge = "0"
	s, _ := screening.New(set, policy, screening.Options{})
	payee := screening.Payee{ID: "EMP-1", Name: "Kim Sang Man", DOB: "1965-04-25"}

	for range 2 {
		run, err := st.BeginRun(ctx, "screen", s)
		if err != nil {
			fmt.Println(err)
			return
		}
		rec := run.Recorder(ctx, func(r screening.RowResult, alerts []store.AlertRef) error {
			for i, a := range alerts {
				fmt.Printf("%s %s %s: alert %d %s\n", r.Row.Payee.ID, r.Result.Matches[i].Source.String(), r.Result.Matches[i].EntityID, a.ID, a.Status)
			}
			return nil
		})
		res, err := s.Screen(ctx, payee)
		if err != nil {
			fmt.Println(err)
			return
		}
		rec.Add(screening.RowResult{Row: screening.Row{Line: 1, Payee: payee}, Result: res})
		if err := rec.Close(); err != nil {
			fmt.Println(err)
			return
		}
		stats, _ := run.Finish(ctx)
		fmt.Printf("run %d: %d new alerts\n", stats.Run, stats.NewAlerts)
	}
	// Output:
	// EMP-1 ofac_sdn 43377: alert 1 new
	// run 1: 1 new alerts
	// EMP-1 ofac_sdn 43377: alert 1 open
	// run 2: 0 new alerts
}
