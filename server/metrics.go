package server

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/payscreen/payscreen/lists"
)

// metrics are the server's Prometheus collectors.
type metrics struct {
	requests  *prometheus.CounterVec   // route, code, decision
	latency   *prometheus.HistogramVec // route
	batchRows *prometheus.CounterVec   // decision
	refreshes *prometheus.CounterVec   // result

	// series are the request series already resolved (see observe).
	series   atomic.Pointer[reqSeries]
	seriesMu sync.Mutex // one writer of series at a time
}

// reqKey is the labels of one series of requests.
type reqKey struct {
	route    string
	code     int
	decision string
}

// reqSeries holds the request counters and latency histograms resolved so
// far, so that a request finds its series in a map rather than hashing
// its label values: there are few (routes × codes × decisions), and the
// maps are copied on write, never changed once published.
type reqSeries struct {
	counters map[reqKey]prometheus.Counter
	latency  map[string]prometheus.Observer
}

// observe counts one request of route that answered code with decision
// (empty off /v1/screen) and took d.
func (m *metrics) observe(route string, code int, decision string, d time.Duration) {
	k := reqKey{route, code, decision}
	if cur := m.series.Load(); cur != nil {
		c, ok1 := cur.counters[k]
		o, ok2 := cur.latency[route]
		if ok1 && ok2 {
			c.Inc()
			o.Observe(d.Seconds())
			return
		}
	}
	c := m.requests.WithLabelValues(route, strconv.Itoa(code), decision)
	o := m.latency.WithLabelValues(route)
	c.Inc()
	o.Observe(d.Seconds())

	m.seriesMu.Lock()
	defer m.seriesMu.Unlock()
	next := &reqSeries{counters: map[reqKey]prometheus.Counter{k: c}, latency: map[string]prometheus.Observer{route: o}}
	if cur := m.series.Load(); cur != nil {
		for key, v := range cur.counters {
			next.counters[key] = v
		}
		for key, v := range cur.latency {
			next.latency[key] = v
		}
	}
	m.series.Store(next)
}

func prometheusGoCollectors() []prometheus.Collector {
	return []prometheus.Collector{
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	}
}

func newMetrics(reg prometheus.Registerer, s *Server) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "payscreen_requests_total",
			Help: "HTTP requests by route, status code and decision (the payee's decision on /v1/screen; empty elsewhere).",
		}, []string{"route", "code", "decision"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "payscreen_request_duration_seconds",
			Help:    "Time from a request's start to its handler's return, by route.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 120},
		}, []string{"route"}),
		batchRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "payscreen_batch_rows_total",
			Help: "Rows screened by /v1/screen/batch by decision (rows in error count as review).",
		}, []string{"decision"}),
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "payscreen_list_refreshes_total",
			Help: "List refreshes by result (ok, error).",
		}, []string{"result"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.batchRows, m.refreshes, listCollector{s}} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// listCollector reports the lists in use at scrape time.
type listCollector struct{ s *Server }

var (
	listAgeDesc = prometheus.NewDesc("payscreen_list_age_seconds",
		"Age of each list in use: time since its publication or its publisher's last confirmation.", []string{"source", "format"}, nil)
	listEntitiesDesc = prometheus.NewDesc("payscreen_list_entities",
		"Entities of each list in use.", []string{"source", "format"}, nil)
	readyDesc = prometheus.NewDesc("payscreen_lists_ready",
		"1 when lists are loaded and within the maximum list age, else 0 (screening answers 503).", nil, nil)
	freshUntilDesc = prometheus.NewDesc("payscreen_lists_fresh_until_seconds",
		"Unix time at which the oldest list in use passes the maximum list age (absent when none does).", nil, nil)
	loadedDesc = prometheus.NewDesc("payscreen_lists_loaded_timestamp_seconds",
		"Unix time at which the list set in use was loaded.", nil, nil)
)

func (c listCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- listAgeDesc
	ch <- listEntitiesDesc
	ch <- readyDesc
	ch <- freshUntilDesc
	ch <- loadedDesc
}

func (c listCollector) Collect(ch chan<- prometheus.Metric) {
	snap := c.s.cur.Load()
	now := c.s.cfg.Now()
	ready := 0.0
	if snap != nil && snap.fresh(now) {
		ready = 1
	}
	ch <- prometheus.MustNewConstMetric(readyDesc, prometheus.GaugeValue, ready)
	if snap == nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(loadedDesc, prometheus.GaugeValue, float64(snap.loadedAt.UnixNano())/1e9)
	if !snap.expires.IsZero() {
		ch <- prometheus.MustNewConstMetric(freshUntilDesc, prometheus.GaugeValue, float64(snap.expires.UnixNano())/1e9)
	}
	for _, l := range snap.set.Lists {
		name := sourceLabel(l)
		ch <- prometheus.MustNewConstMetric(listEntitiesDesc, prometheus.GaugeValue, float64(len(l.Entities)), name, l.Format.String())
		if asOf := listAsOf(l); !asOf.IsZero() {
			ch <- prometheus.MustNewConstMetric(listAgeDesc, prometheus.GaugeValue, now.Sub(asOf).Seconds(), name, l.Format.String())
		}
	}
}

// sourceLabel names a list in metrics: its source, or its feed's name.
func sourceLabel(l *lists.List) string {
	if l.Feed != "" {
		return l.Feed
	}
	return l.Source.String()
}
