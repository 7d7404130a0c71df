// Package benchtest holds what the benchmarks of several packages share.
package benchtest

import (
	"syscall"
	"testing"
	"time"
)

// ProcessCPU returns the processor time (user and system) the process has
// used so far.
func ProcessCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportCPU starts measuring the process's processor time; the function it
// returns, called after b's loop, reports it per iteration as cpu-ns/op.
// Unlike ns/op, it counts the time of every goroutine the benchmark starts
// and not the time the process waits, so it holds on a busy machine.
func ReportCPU(b *testing.B) (report func()) {
	cpu0 := ProcessCPU(b)
	return func() {
		b.ReportMetric(float64(ProcessCPU(b)-cpu0)/float64(b.N), "cpu-ns/op")
	}
}
