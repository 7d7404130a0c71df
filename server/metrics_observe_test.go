package server

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestObserveConcurrent counts requests from many goroutines into series
// resolved on the way: every request is counted once, in its own series.
func TestObserveConcurrent(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := newMetrics(reg, &Server{cfg: Config{}.withDefaults()})
	require.NoError(t, err)
	routes := []string{"POST /v1/screen", "GET /v2/search", "unmatched"}
	codes := []int{200, 400, 503}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 300 {
				r, c := routes[(g+i)%3], codes[i%3]
				m.observe(r, c, fmt.Sprint("d", c), time.Millisecond)
			}
		})
	}
	wg.Wait()
	fams, err := reg.Gather()
	require.NoError(t, err)
	counts := map[string]float64{}
	series := map[string]int{}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			series[f.GetName()]++
			labels := ""
			for _, l := range m.GetLabel() {
				labels += l.GetName() + "=" + l.GetValue() + " "
			}
			switch f.GetName() {
			case "payscreen_requests_total":
				counts[labels] = m.GetCounter().GetValue()
			case "payscreen_request_duration_seconds":
				counts[labels] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	assert.Equal(t, 9, series["payscreen_requests_total"], "one series per route and code")
	assert.Equal(t, 3, series["payscreen_request_duration_seconds"], "one histogram per route")
	total, timed := 0.0, 0.0
	for _, r := range routes {
		for _, c := range codes {
			n := counts[fmt.Sprintf("code=%d decision=d%d route=%s ", c, c, r)]
			assert.Positive(t, n, "route %s code %d: every combination occurs", r, c)
			total += n
		}
		timed += counts["route="+r+" "]
	}
	assert.Equal(t, 8*300.0, total, "each request counted once")
	assert.Equal(t, 8*300.0, timed, "each request timed once")
}
