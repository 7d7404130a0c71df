package benchtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestProcessCPU checks that busy work shows in the processor time.
func TestProcessCPU(t *testing.T) {
	t0 := ProcessCPU(t)
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	assert.Greater(t, x, 0)
	assert.GreaterOrEqual(t, ProcessCPU(t)-t0, 20*time.Millisecond, "50 ms of spinning uses processor time")
}
