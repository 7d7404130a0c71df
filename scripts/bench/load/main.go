// Command load is a bounded load generator for payscreen serve and a Moov
// Watchman server on loopback: payroll-like single-payee requests, the
// same payees for both, interleaved rounds, requests/s and latency
// percentiles. It stops by itself: each round is bounded in requests and
// in time.
//
// Usage:
//
//	go run ./scripts/bench/load -payroll payroll.csv -payscreen http://127.0.0.1:8080 \
//	    -watchman http://127.0.0.1:PORT [-mode throughput|rate|soak] [-c 64] [-n 20000] [-rounds 3] [-rate 10000]
//
// Modes:
//
//   - throughput: for each round, for each target in turn, -n requests
//     from -c concurrent clients (one connection each), at most -max-time.
//     Targets: payscreen POST /v1/screen (the payee's fields as JSON),
//     payscreen GET /v2/search and Watchman GET /v2/search (name and type,
//     Watchman's default limit), the same payees in the same order.
//   - rate: the same targets, open loop: -n requests per round sent at a
//     fixed -rate whatever the answers' pace, over at most -c connections,
//     latency measured from each request's scheduled start. This is the
//     test of a rate target ("10,000 req/s with p99 under 20 ms"): a
//     closed loop lowers its rate when the server slows, an open loop
//     does not, so queueing shows in the latency.
//   - soak: payscreen POST /v1/screen at -rate requests/s for -soak,
//     sampling the server's /metrics every -sample: resident memory, Go
//     heap in use, list refreshes, requests and errors.
//
// Only loopback URLs are accepted.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type request struct {
	method, url, ctype string
	body               []byte
	raw                []byte // the whole request, written out (the raw client)
}

type target struct {
	name string
	reqs []request
	pid  int // the server's process, for its processor time
	mk   func() sender
}

var psPID, wmPID int

// cpuTime returns the processor time (user and system) a process has
// used, from /proc; zero when unknown.
func cpuTime(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

// selfCPU returns the processor time this driver has used.
func selfCPU() time.Duration { return cpuTime(os.Getpid()) }

func main() {
	payrollFile := flag.String("payroll", "", "payroll CSV (scripts/bench/genpayroll) whose rows are the payees")
	ps := flag.String("payscreen", "", "payscreen serve base URL (loopback)")
	wm := flag.String("watchman", "", "Watchman base URL (loopback); empty skips Watchman")
	key := flag.String("key", "", "API key for payscreen")
	mode := flag.String("mode", "throughput", "throughput (closed loop), rate (open loop at -rate) or soak")
	conc := flag.Int("c", 64, "concurrent clients (one connection each)")
	clientKind := flag.String("client", "raw", "HTTP client: raw (HTTP/1.1 written and read by this driver, one keep-alive connection per client) or net (net/http's client)")
	n := flag.Int("n", 20000, "requests per target per round")
	rounds := flag.Int("rounds", 3, "interleaved rounds")
	maxTime := flag.Duration("max-time", 60*time.Second, "bound on each target's round")
	targets := flag.String("targets", "ps-screen,ps-search,wm-search", "targets to run: ps-screen, ps-search, wm-search")
	soak := flag.Duration("soak", 5*time.Minute, "soak duration")
	rate := flag.Int("rate", 1000, "request rate per second of the rate and soak modes")
	sample := flag.Duration("sample", 10*time.Second, "soak sampling interval")
	flag.IntVar(&psPID, "ps-pid", 0, "process ID of payscreen serve, to measure its processor time per request")
	flag.IntVar(&wmPID, "wm-pid", 0, "process ID of the Watchman server, to measure its processor time per request")
	flag.Parse()
	if err := run(*payrollFile, *ps, *wm, *key, *mode, *clientKind, *conc, *n, *rounds, *maxTime, *targets, *soak, *rate, *sample); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	ip := net.ParseIP(u.Hostname())
	if u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address: this driver runs on loopback only", raw)
	}
	return nil
}

// readPayees reads the payroll CSV into one JSON object per row (its
// non-empty fields) and the row's name and type.
func readPayees(path string) (bodies [][]byte, names, types []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	header, err := r.Read()
	if err != nil {
		return nil, nil, nil, err
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, nil, err
		}
		obj := map[string]string{}
		for i, h := range header {
			if rec[i] != "" {
				obj[h] = rec[i]
			}
		}
		b, _ := json.Marshal(obj)
		bodies = append(bodies, b)
		names = append(names, obj["name"])
		types = append(types, obj["type"])
	}
	if len(bodies) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: no rows", path)
	}
	return bodies, names, types, nil
}

func searchURL(base, name, typ string) string {
	q := url.Values{"name": {name}}
	switch typ {
	case "person":
		q.Set("type", "person")
	case "organization":
		q.Set("type", "business")
	}
	return base + "/v2/search?" + q.Encode()
}

func run(payrollFile, ps, wm, key, mode, clientKind string, conc, n, rounds int, maxTime time.Duration, targetList string, soak time.Duration, rate int, sample time.Duration) error {
	if payrollFile == "" || ps == "" {
		return errors.New("-payroll and -payscreen are required")
	}
	for _, u := range []string{ps, wm} {
		if u != "" {
			if err := loopback(u); err != nil {
				return err
			}
		}
	}
	bodies, names, types, err := readPayees(payrollFile)
	if err != nil {
		return err
	}
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConns:        conc + 16,
			MaxIdleConnsPerHost: conc + 16,
			MaxConnsPerHost:     conc + 16,
			DisableCompression:  true,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	var screen []request
	for _, b := range bodies {
		screen = append(screen, request{method: "POST", url: ps + "/v1/screen", ctype: "application/json", body: b})
	}
	if mode == "soak" {
		mk, err := senders(clientKind, client, key, screen)
		if err != nil {
			return err
		}
		return runSoak(client, mk, screen, ps, key, conc, soak, rate, sample)
	}
	var all []target
	for _, t := range strings.Split(targetList, ",") {
		switch strings.TrimSpace(t) {
		case "ps-screen":
			all = append(all, target{name: "payscreen POST /v1/screen", reqs: screen, pid: psPID})
		case "ps-search":
			var rs []request
			for i := range names {
				rs = append(rs, request{method: "GET", url: searchURL(ps, names[i], types[i])})
			}
			all = append(all, target{name: "payscreen GET /v2/search", reqs: rs, pid: psPID})
		case "wm-search":
			if wm == "" {
				continue
			}
			var rs []request
			for i := range names {
				rs = append(rs, request{method: "GET", url: searchURL(wm, names[i], types[i])})
			}
			all = append(all, target{name: "watchman GET /v2/search", reqs: rs, pid: wmPID})
		default:
			return fmt.Errorf("unknown target %q", t)
		}
	}
	for i := range all {
		if all[i].mk, err = senders(clientKind, client, key, all[i].reqs); err != nil {
			return err
		}
	}
	switch mode {
	case "throughput":
		fmt.Printf("payees: %d rows of %s; %d clients; %d requests per target per round, at most %s; %d interleaved rounds\n",
			len(bodies), payrollFile, conc, n, maxTime, rounds)
	case "rate":
		fmt.Printf("payees: %d rows of %s; open loop: %d requests per target per round sent at %d req/s (%s) over up to %d connections, at most %s; %d interleaved rounds;\n"+
			"latency is measured from each request's scheduled start, so time spent waiting for a free connection counts\n",
			len(bodies), payrollFile, n, rate, time.Duration(n)*time.Second/time.Duration(rate), conc, maxTime, rounds)
	default:
		return fmt.Errorf("unknown mode %q: throughput, rate or soak", mode)
	}
	results := map[string][]stats{}
	for r := 1; r <= rounds; r++ {
		for _, t := range all {
			// Each round starts at another offset in the payroll.
			srv0, cli0 := cpuTime(t.pid), selfCPU()
			var st stats
			if mode == "rate" {
				st = openLoop(t.mk, t.reqs, conc, n, rate, maxTime, (r-1)*n)
			} else {
				st = closedLoop(t.mk, t.reqs, conc, n, maxTime, (r-1)*n)
			}
			st.serverCPU, st.clientCPU = cpuTime(t.pid)-srv0, selfCPU()-cli0
			results[t.name] = append(results[t.name], st)
			fmt.Printf("round %d  %-26s %s\n", r, t.name, st)
		}
	}
	// The median round: by requests/s in a closed loop, where the rate is
	// the outcome; by p99 in an open loop, where the rate is set.
	by, sortKey := "requests/s", func(s stats) float64 { return s.rps() }
	if mode == "rate" {
		by, sortKey = "p99", func(s stats) float64 { return float64(s.p(99)) }
	}
	fmt.Printf("\nmedian of the rounds (by %s):\n", by)
	med := map[string]stats{}
	for _, t := range all {
		rs := slices.Clone(results[t.name])
		slices.SortFunc(rs, func(a, b stats) int { return cmpFloat(sortKey(a), sortKey(b)) })
		med[t.name] = rs[len(rs)/2]
		fmt.Printf("  %-26s %s\n", t.name, med[t.name])
	}
	fmt.Println("\nprocessor time per request (median round), and what 2 dedicated cores would sustain at that cost:")
	for _, t := range all {
		m := med[t.name]
		if m.serverCPU == 0 {
			continue
		}
		srv, cli := perReq(m.serverCPU, m), perReq(m.clientCPU, m)
		fmt.Printf("  %-26s server %6.0fµs, driver %4.0fµs: 2 cores ≈ %6.0f req/s for the server alone, %6.0f req/s with this driver on the same cores\n",
			t.name, srv*1e6, cli*1e6, 2/srv, 2/(srv+cli))
	}
	if w, ok := med["watchman GET /v2/search"]; ok && w.rps() > 0 {
		for _, name := range []string{"payscreen POST /v1/screen", "payscreen GET /v2/search"} {
			if p, ok := med[name]; ok {
				fmt.Printf("  %s vs Watchman: %.2fx requests/s, p50 %.2fx, p99 %.2fx (lower latency ratio is better)",
					name, p.rps()/w.rps(), ratio(p.p(50), w.p(50)), ratio(p.p(99), w.p(99)))
				if p.serverCPU > 0 && w.serverCPU > 0 {
					fmt.Printf(", server CPU per request %.3fx", perReq(p.serverCPU, p)/perReq(w.serverCPU, w))
				}
				fmt.Println()
			}
		}
	}
	return nil
}

func perReq(d time.Duration, s stats) float64 { return d.Seconds() / float64(s.ok+s.errs) }

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// stats are the outcome of one run of requests.
type stats struct {
	// serverCPU and clientCPU are the processor time the server and this
	// driver used for the run (zero when unknown).
	serverCPU, clientCPU time.Duration
	ok, errs             int
	elapsed              time.Duration
	lat                  []time.Duration // sorted
	errKinds             map[string]int
}

func (s stats) rps() float64 { return float64(s.ok+s.errs) / s.elapsed.Seconds() }

func (s stats) p(q float64) time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	i := int(float64(len(s.lat))*q/100+0.5) - 1
	return s.lat[max(0, min(i, len(s.lat)-1))]
}

func (s stats) String() string {
	out := fmt.Sprintf("%7d req in %6.2fs  %8.0f req/s  p50 %7.2fms  p90 %7.2fms  p99 %7.2fms  max %7.2fms  errors %d",
		s.ok+s.errs, s.elapsed.Seconds(), s.rps(), ms(s.p(50)), ms(s.p(90)), ms(s.p(99)), ms(s.p(100)), s.errs)
	if len(s.errKinds) > 0 {
		out += fmt.Sprintf(" %v", s.errKinds)
	}
	if n := s.ok + s.errs; s.serverCPU > 0 && n > 0 {
		out += fmt.Sprintf("  server CPU %5.0fµs/req, driver CPU %4.0fµs/req", float64(s.serverCPU.Microseconds())/float64(n), float64(s.clientCPU.Microseconds())/float64(n))
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// do sends one request and reads its answer; it returns an error kind
// or "".
func do(client *http.Client, r request, key string) string {
	req, err := http.NewRequest(r.method, r.url, bytes.NewReader(r.body))
	if err != nil {
		return "request"
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return errKind(err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return "read"
	}
	if resp.StatusCode != http.StatusOK {
		return "status " + strconv.Itoa(resp.StatusCode)
	}
	return ""
}

// closedLoop sends n requests (cycling through reqs from offset) from
// conc clients, each sending its next request when its last is answered;
// it stops after n requests or maxTime.
func closedLoop(mk func() sender, reqs []request, conc, n int, maxTime time.Duration, offset int) stats {
	var next atomic.Int64
	deadline := time.Now().Add(maxTime)
	lats := make([][]time.Duration, conc)
	errKinds := make([]map[string]int, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errKinds[w] = map[string]int{}
			lats[w] = make([]time.Duration, 0, n/conc+1)
			snd := mk()
			defer snd.close()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || time.Now().After(deadline) {
					return
				}
				t0 := time.Now()
				kind := snd.send(&reqs[(offset+i)%len(reqs)])
				d := time.Since(t0)
				if kind != "" {
					errKinds[w][kind]++
					continue
				}
				lats[w] = append(lats[w], d)
			}
		}()
	}
	wg.Wait()
	return collect(time.Since(start), lats, errKinds)
}

// collect merges the latencies and errors of a run's clients.
func collect(elapsed time.Duration, lats [][]time.Duration, errKinds []map[string]int) stats {
	st := stats{elapsed: elapsed, errKinds: map[string]int{}}
	for w := range lats {
		st.lat = append(st.lat, lats[w]...)
		for k, v := range errKinds[w] {
			st.errKinds[k] += v
			st.errs += v
		}
	}
	st.ok = len(st.lat)
	slices.Sort(st.lat)
	return st
}

// openLoop sends n requests (cycling through reqs from offset) at a fixed
// rate per second, whatever the answers' pace, over at most conc
// connections; it stops after n requests or maxTime. Request i is due at
// start + i/rate, and its latency runs from then to its answer's end: a
// request that waits for a free connection, or a pacer that wakes late,
// adds to the latency rather than lowering the rate sent (no coordinated
// omission).
func openLoop(mk func() sender, reqs []request, conc, n, rate int, maxTime time.Duration, offset int) stats {
	interval := time.Second / time.Duration(rate)
	due := make(chan int, n)
	start := time.Now()
	deadline := start.Add(maxTime)
	go func() {
		defer close(due)
		for sent := 0; sent < n; {
			now := time.Now()
			if now.After(deadline) {
				return
			}
			for k := min(n, int(now.Sub(start)/interval)+1); sent < k; sent++ {
				due <- sent
			}
			time.Sleep(interval)
		}
	}()
	lats := make([][]time.Duration, conc)
	errKinds := make([]map[string]int, conc)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errKinds[w] = map[string]int{}
			snd := mk()
			defer snd.close()
			for i := range due {
				if time.Now().After(deadline) {
					errKinds[w]["not sent by the deadline"]++
					continue
				}
				kind := snd.send(&reqs[(offset+i)%len(reqs)])
				if kind != "" {
					errKinds[w][kind]++
					continue
				}
				lats[w] = append(lats[w], time.Since(start.Add(time.Duration(i)*interval)))
			}
		}()
	}
	wg.Wait()
	return collect(time.Since(start), lats, errKinds)
}

// senders returns a maker of the senders of reqs (all to one host) for
// the client kind; for the raw client, it writes out every request.
func senders(kind string, client *http.Client, key string, reqs []request) (func() sender, error) {
	switch kind {
	case "net":
		return func() sender { return netSender{client, key} }, nil
	case "raw":
		host := ""
		for i := range reqs {
			raw, h, err := rawRequest(reqs[i], key)
			if err != nil {
				return nil, err
			}
			if host != "" && h != host {
				return nil, fmt.Errorf("requests to %s and %s in one target", host, h)
			}
			reqs[i].raw, host = raw, h
		}
		return func() sender { return newRawSender(host, client.Timeout) }, nil
	}
	return nil, fmt.Errorf("-client %q: raw or net", kind)
}

// scrape reads some gauges and counters of a Prometheus text answer.
func scrape(client *http.Client, base, key string) (map[string]float64, error) {
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, name := range []string{"process_resident_memory_bytes", "go_memstats_heap_inuse_bytes", "go_goroutines",
			`payscreen_list_refreshes_total{result="ok"}`, `payscreen_list_refreshes_total{result="error"}`, "payscreen_lists_ready"} {
			if strings.HasPrefix(line, name+" ") {
				v, _ := strconv.ParseFloat(strings.TrimSpace(line[len(name):]), 64)
				out[name] = v
			}
		}
	}
	return out, sc.Err()
}

// runSoak sends requests at rate per second for d and samples the
// server's memory every sample.
func runSoak(client *http.Client, mk func() sender, reqs []request, base, key string, conc int, d time.Duration, rate int, sample time.Duration) error {
	fmt.Printf("soak: %s at %d req/s from %d clients, sampling every %s\n", d, rate, conc, sample)
	tokens := make(chan int, conc)
	stop := make(chan struct{})
	go func() {
		defer close(tokens)
		interval := time.Second / time.Duration(rate)
		t := time.NewTicker(interval)
		defer t.Stop()
		end := time.After(d)
		i := 0
		for {
			select {
			case <-end:
				return
			case <-stop:
				return
			case <-t.C:
				select {
				case tokens <- i:
					i++
				default: // the server is behind: the request is not sent (counted as dropped)
					dropped.Add(1)
				}
			}
		}
	}()
	var mu sync.Mutex
	var lat []time.Duration
	errs := map[string]int{}
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snd := mk()
			defer snd.close()
			for i := range tokens {
				t0 := time.Now()
				kind := snd.send(&reqs[i%len(reqs)])
				dd := time.Since(t0)
				mu.Lock()
				if kind != "" {
					errs[kind]++
				} else {
					lat = append(lat, dd)
				}
				mu.Unlock()
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	start := time.Now()
	tick := time.NewTicker(sample)
	defer tick.Stop()
	var rss, heap []float64
	report := func() {
		m, err := scrape(client, base, key)
		if err != nil {
			fmt.Printf("  %6.0fs  metrics: %v\n", time.Since(start).Seconds(), err)
			return
		}
		mu.Lock()
		cur := slices.Clone(lat)
		lat = lat[:0]
		nerr := 0
		for _, v := range errs {
			nerr += v
		}
		mu.Unlock()
		slices.Sort(cur)
		s := stats{lat: cur}
		rss = append(rss, m["process_resident_memory_bytes"])
		heap = append(heap, m["go_memstats_heap_inuse_bytes"])
		fmt.Printf("  %6.0fs  RSS %6.1f MB  heap in use %6.1f MB  goroutines %4.0f  refreshes ok %4.0f error %2.0f  ready %.0f  %5d ok  p50 %6.2fms  p99 %6.2fms  errors so far %d  dropped %d\n",
			time.Since(start).Seconds(), m["process_resident_memory_bytes"]/1e6, m["go_memstats_heap_inuse_bytes"]/1e6, m["go_goroutines"],
			m[`payscreen_list_refreshes_total{result="ok"}`], m[`payscreen_list_refreshes_total{result="error"}`], m["payscreen_lists_ready"],
			len(cur), ms(s.p(50)), ms(s.p(99)), nerr, dropped.Load())
	}
	report()
loop:
	for {
		select {
		case <-tick.C:
			report()
		case <-done:
			break loop
		}
	}
	report()
	close(stop)
	// Warm-up: the samples of the first 30 s (the first refreshes double
	// the heap for a moment).
	w := min(int(30*time.Second/sample), len(rss)-1)
	if len(rss)-w >= 3 {
		fmt.Printf("after warm-up (%s): RSS %.1f MB first, %.1f MB last, %.1f–%.1f MB; heap in use %.1f MB first, %.1f MB last, %.1f–%.1f MB\n",
			time.Duration(w)*sample, rss[w]/1e6, rss[len(rss)-1]/1e6, slices.Min(rss[w:])/1e6, slices.Max(rss[w:])/1e6,
			heap[w]/1e6, heap[len(heap)-1]/1e6, slices.Min(heap[w:])/1e6, slices.Max(heap[w:])/1e6)
		per := max(1, int(time.Minute/sample))
		for a := w; a < len(rss); a += per {
			b := min(a+per, len(rss))
			fmt.Printf("  %4.0f–%4.0fs: mean RSS %6.1f MB, mean heap in use %6.1f MB\n",
				(time.Duration(a) * sample).Seconds(), (time.Duration(b) * sample).Seconds(), mean(rss[a:b])/1e6, mean(heap[a:b])/1e6)
		}
		fmt.Printf("trend (least squares after warm-up): RSS %+.2f MB per minute, heap in use %+.2f MB per minute\n",
			slope(rss[w:], sample)/1e6, slope(heap[w:], sample)/1e6)
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Printf("errors: %v\n", errs)
	return nil
}

var dropped atomic.Int64

func mean(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

// slope is the least-squares slope of ys sampled every step, per minute.
func slope(ys []float64, step time.Duration) float64 {
	n := float64(len(ys))
	var sx, sy, sxx, sxy float64
	for i, y := range ys {
		x := float64(i) * step.Minutes()
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / den
}
