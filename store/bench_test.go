package store

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/require"
)

// BenchmarkRecordBatch measures storing one batch of screened rows in
// SQLite (payees, screenings; no matches): the store's cost per row of a
// screen --store run.
func BenchmarkRecordBatch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	require.NoError(b, err)
	defer s.Close()
	run, err := s.BeginRun(ctx, "screen", sampleScreener(b))
	require.NoError(b, err)
	batch := make([]screening.RowResult, recordBatchSize)
	n := 0
	c0 := cpuTime()
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			n++
			batch[i] = screening.RowResult{Row: screening.Row{Line: n, Payee: screening.Payee{
				ID: fmt.Sprintf("EMP-%08d", n), Name: fmt.Sprintf("Payee Number %d", n), DOB: "1980-01-02", Country: "DE",
				Email: "someone@example.com", Phone: "+49 30 1234567",
				Bank: screening.BankAccount{IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX", Country: "DE"},
			}}}
		}
		if _, err := run.recordBatch(ctx, batch, recordMode{scope: "full", upsert: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/row")
	// The machine is shared: CPU time says more than wall time.
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/row")
}

// cpuTime is the process's user and system time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
