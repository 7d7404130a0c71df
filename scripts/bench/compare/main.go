// Command compare measures the throughput of payscreen's own name
// matching and of a Moov Watchman server as its engine, over the same
// lists and payee files, and Watchman's latency one search at a time.
// It is the benchmark harness "payscreen compare" used to carry; the
// command keeps the comparison of decisions.
//
// Usage:
//
//	go run ./scripts/bench/compare --lists DIR... (--watchman-url URL | --watchman-bin PATH) [-j N] [--repeat N] PAYEES.csv|.jsonl ...
//
// Payee files are read as "payscreen screen" reads them
// (scripts/bench/genpayroll writes a realistic one). Both engines screen
// through [screening.Screener.ScreenBatch].
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman"
	"github.com/payscreen/payscreen/watchman/wmserver"
)

type dirsFlag []string

func (d *dirsFlag) String() string     { return strings.Join(*d, ",") }
func (d *dirsFlag) Set(v string) error { *d = append(*d, v); return nil }

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	var dirs dirsFlag
	fs.Var(&dirs, "lists", "read the official list files of `directory` (repeatable); both engines get exactly these")
	policyFile := fs.String("policy", "", "policy `file` (default: the built-in defaults; the list-age check is off)")
	wmURL := fs.String("watchman-url", "", "the Watchman server at `URL`, which must hold the same lists")
	wmBin := fs.String("watchman-bin", "", "start a Watchman server from this `binary` over the --lists files (scripts/watchman/build.sh prints its path)")
	details := fs.Bool("server-details", false, "take Watchman's score pieces from the server (debug=yes)")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "workers for the parallel throughput run")
	repeat := fs.Int("repeat", 3, "time each throughput run `n` times and keep the fastest (the machine may be busy)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case len(dirs) == 0:
		return errors.New("--lists is required: both engines must screen against the same list files")
	case (*wmURL == "") == (*wmBin == ""):
		return errors.New("give one of --watchman-url and --watchman-bin")
	case *workers < 1 || *repeat < 1:
		return errors.New("-j and --repeat want positive numbers")
	case fs.NArg() == 0:
		return errors.New("no payee files")
	}
	policy := screening.DefaultPolicy()
	if *policyFile != "" {
		p, err := screening.LoadPolicy(*policyFile)
		if err != nil {
			return err
		}
		policy = p
	}
	policy.MaxListAge = "0"
	set, err := lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	if err != nil {
		return err
	}
	var sets []payeeSet
	for _, name := range fs.Args() {
		ps, err := readPayees(name)
		if err != nil {
			return err
		}
		sets = append(sets, ps)
	}
	url := *wmURL
	var srvCPU func() (time.Duration, error)
	if *wmBin != "" {
		srv, err := wmserver.Start(ctx, wmserver.Config{Binary: *wmBin, Dirs: dirs})
		if err != nil {
			return err
		}
		defer srv.Close()
		url, srvCPU = srv.URL, srv.CPUTime
	}
	engine, err := watchman.New(url, watchman.Options{Lists: set, ServerDetails: *details, MaxConns: *workers * 2})
	if err != nil {
		return err
	}
	if _, err := engine.CheckLists(ctx, set); err != nil {
		return fmt.Errorf("the Watchman server does not screen against the loaded lists:\n%w", err)
	}
	own, err := screening.New(set, policy, screening.Options{})
	if err != nil {
		return err
	}
	wm, err := screening.New(set, policy, screening.Options{Engine: engine})
	if err != nil {
		return err
	}
	var thr []throughput
	facts := factsAcc{words: listedWords(set), srvCPU: srvCPU}
	for _, ps := range sets {
		raw := searchAll(ctx, engine, ps.payees, policy.Review, &facts)
		facts.sets = append(facts.sets, setFacts{name: ps.name, raw: raw})
		m := meter{srvCPU: srvCPU}
		thr = append(thr,
			m.best(*repeat, ps, "payscreen", 1, func() { screenAll(ctx, own, ps.payees, 1) }),
			m.best(*repeat, ps, "payscreen", *workers, func() { screenAll(ctx, own, ps.payees, *workers) }),
			m.best(*repeat, ps, "watchman (Screener)", 1, func() { screenAll(ctx, wm, ps.payees, 1) }),
			m.best(*repeat, ps, "watchman (Screener)", *workers, func() { screenAll(ctx, wm, ps.payees, *workers) }),
			m.best(*repeat, ps, "watchman (search only)", 1, func() { searchAll(ctx, engine, ps.payees, policy.Review, nil) }),
		)
	}
	reportThroughput(stdout, thr)
	facts.report(stdout)
	return nil
}

// payeeSet is a named list of payees screened by both engines.
type payeeSet struct {
	name   string
	payees []screening.Payee
}

func readPayees(name string) (payeeSet, error) {
	payees, err := payroll.ReadPayees(name, payroll.FormatAuto)
	return payeeSet{name: filepath.Base(name), payees: payees}, err
}

// screenAll screens payees through ScreenBatch with workers goroutines.
func screenAll(ctx context.Context, s *screening.Screener, payees []screening.Payee, workers int) {
	s.ScreenBatch(ctx, screening.PayeeRows(payees), screening.BatchOptions{Workers: workers}, func(screening.RowResult) error { return nil })
}

// rawRun is Watchman's own share: one search per payee, one connection.
type rawRun struct {
	total   time.Duration
	lat     []time.Duration // every search
	latNone []time.Duration // searches with no result at all
	// By whether the name shares a word with a listed name: Watchman
	// v0.65.1 scores only the entries sharing a word with the query, and
	// every entry when none does.
	byWords [2]wordClass
}

type wordClass struct {
	lat    []time.Duration
	srvCPU time.Duration // -1: unknown
}

// searchAll sends one search per payee, one after the other, and records
// the facts the comparison checks.
func searchAll(ctx context.Context, e *watchman.Engine, payees []screening.Payee, threshold float64, f *factsAcc) rawRun {
	r := rawRun{byWords: [2]wordClass{{srvCPU: -1}, {srvCPU: -1}}}
	start := time.Now()
	for _, p := range payees {
		var cpu0 time.Duration
		cpuOK := f != nil && f.srvCPU != nil
		if cpuOK {
			var err error
			cpu0, err = f.srvCPU()
			cpuOK = err == nil
		}
		t := time.Now()
		hits, err := e.Search(ctx, p, threshold)
		d := time.Since(t)
		r.lat = append(r.lat, d)
		if err == nil && len(hits) == 0 {
			r.latNone = append(r.latNone, d)
		}
		if f != nil {
			f.add(p, hits, err)
			c := &r.byWords[btoi(f.words.shares(p.Name))]
			c.lat = append(c.lat, d)
			if cpuOK {
				if cpu1, err := f.srvCPU(); err == nil {
					c.srvCPU = max(c.srvCPU, 0) + cpu1 - cpu0
				}
			}
		}
	}
	r.total = time.Since(start)
	return r
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wordSet holds the lower-case words of every listed name.
type wordSet map[string]bool

func listedWords(set *lists.Set) wordSet {
	w := wordSet{}
	for _, l := range set.Lists {
		for i := range l.Entities {
			for _, n := range l.Entities[i].Names {
				for _, x := range nameWords(n.Full) {
					w[x] = true
				}
			}
		}
	}
	return w
}

func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// shares reports whether name has a word some listed name has.
func (w wordSet) shares(name string) bool {
	for _, x := range nameWords(name) {
		if w[x] {
			return true
		}
	}
	return false
}

// factsAcc gathers what the comparison measures of Watchman itself.
type factsAcc struct {
	words        wordSet
	srvCPU       func() (time.Duration, error)
	exactOverall []float64 // overall score of each match whose name scored 1
	searches     int
	errs         map[string]int
	sets         []setFacts
}

// setFacts is Watchman's latency over one payee set, one search at a time.
type setFacts struct {
	name string
	raw  rawRun
}

func (f *factsAcc) add(p screening.Payee, hits []watchman.Hit, err error) {
	f.searches++
	if err != nil {
		if f.errs == nil {
			f.errs = map[string]int{}
		}
		f.errs[watchman.ErrorKind(err)]++
		return
	}
	for _, h := range hits {
		if h.Score == 1 {
			f.exactOverall = append(f.exactOverall, h.Overall)
		}
	}
}

func (f *factsAcc) report(w io.Writer) {
	fmt.Fprintln(w, "\n== Watchman's latency, one search at a time on one connection (first pass)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tnames\tsearches\tsearches/s\tmedian ms\tmean ms\tp95 ms\twatchman cpu ms/search\t")
	for _, sf := range f.sets {
		r := sf.raw
		fmt.Fprintf(tw, "%s\tall\t%d\t%.1f\t%s\t%s\t%s\t\t\n", sf.name, len(r.lat), rate(len(r.lat), r.total), msq(r.lat, 0.5), ms(mean(r.lat)), msq(r.lat, 0.95))
		if len(r.latNone) > 0 {
			fmt.Fprintf(tw, "\twith no result\t%d\t%.1f\t%s\t%s\t%s\t\t\n", len(r.latNone), rate(len(r.latNone), sum(r.latNone)), msq(r.latNone, 0.5), ms(mean(r.latNone)), msq(r.latNone, 0.95))
		}
		for i, label := range []string{"sharing no listed word", "sharing a listed word"} {
			c := r.byWords[i]
			if len(c.lat) == 0 {
				continue
			}
			cpu := "-"
			if c.srvCPU >= 0 {
				cpu = fmt.Sprintf("%.1f", perPayee(c.srvCPU, len(c.lat)))
			}
			fmt.Fprintf(tw, "\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t\n", label, len(c.lat), rate(len(c.lat), sum(c.lat)), msq(c.lat, 0.5), ms(mean(c.lat)), msq(c.lat, 0.95), cpu)
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "(searches/s = searches / their summed latency. Watchman v0.65.1 scores only the entries sharing a word with the name, and every")
	fmt.Fprintln(w, " entry of the type when none does or when the shared words are too common: such a search is a full scan. Words here are")
	fmt.Fprintln(w, " compared in lower case without Watchman's stop-word removal, so the split is approximate.)")

	fmt.Fprintln(w, "\n== Watchman's overall score of matches whose name scored 1 (name-only searches)")
	if len(f.exactOverall) == 0 {
		fmt.Fprintln(w, "no such match seen")
	} else {
		s := slices.Clone(f.exactOverall)
		slices.Sort(s)
		hist := map[string]int{}
		for _, v := range s {
			hist[fmt.Sprintf("%.4f", v)]++
		}
		fmt.Fprintf(w, "%d matches: overall min %.4f, max %.4f; by value:", len(s), s[0], s[len(s)-1])
		for _, k := range slices.Sorted(maps.Keys(hist)) {
			fmt.Fprintf(w, " %s×%d", k, hist[k])
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "(Watchman v0.65.1 scales a name-only result by 0.95 × 0.90 × 0.95 = 0.81225, or by 0.855 when the entry has few fields)")
	}
	if len(f.errs) > 0 {
		fmt.Fprintf(w, "search errors out of %d searches:", f.searches)
		for _, k := range slices.Sorted(maps.Keys(f.errs)) {
			fmt.Fprintf(w, " %s×%d", k, f.errs[k])
		}
		fmt.Fprintln(w)
	}
}

// throughput is one engine's fastest run over one payee set.
type throughput struct {
	set, engine string
	workers, n  int
	wall        time.Duration
	cpu, srvCPU time.Duration // this process's and the server's; srvCPU < 0: unknown
}

// meter times runs, with the processor time of this process and of the
// Watchman server when it is known.
type meter struct {
	srvCPU func() (time.Duration, error)
}

// best runs run repeat times and keeps the fastest.
func (m meter) best(repeat int, ps payeeSet, engine string, workers int, run func()) throughput {
	out := throughput{set: ps.name, engine: engine, workers: workers, n: len(ps.payees), srvCPU: -1}
	for i := range repeat {
		cpu0, srv0, srvOK := processCPU(), time.Duration(0), false
		if m.srvCPU != nil {
			var err error
			srv0, err = m.srvCPU()
			srvOK = err == nil
		}
		start := time.Now()
		run()
		wall := time.Since(start)
		if i == 0 || wall < out.wall {
			out.wall, out.cpu, out.srvCPU = wall, processCPU()-cpu0, -1
			if srvOK {
				if srv1, err := m.srvCPU(); err == nil {
					out.srvCPU = srv1 - srv0
				}
			}
		}
	}
	return out
}

// processCPU is the processor time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportThroughput(w io.Writer, ts []throughput) {
	fmt.Fprintln(w, "\n== Throughput: payees screened per second (fastest of --repeat runs) and processor time per payee")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tengine\tworkers\tpayees\tpayees/s\tpayscreen cpu ms/payee\twatchman cpu ms/payee\t")
	for _, t := range ts {
		srv := "-"
		if t.srvCPU >= 0 && strings.HasPrefix(t.engine, "watchman") {
			srv = fmt.Sprintf("%.2f", perPayee(t.srvCPU, t.n))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.2f\t%s\t\n", t.set, t.engine, t.workers, t.n, rate(t.n, t.wall), perPayee(t.cpu, t.n), srv)
	}
	tw.Flush()
	fmt.Fprintln(w, "(\"watchman (search only)\" is one search per payee on one connection with the client's scoring, without payscreen's policy.")
	fmt.Fprintln(w, " Processor times count every thread; the server's is read from /proc, at 10 ms resolution, when compare started it.)")
}

func perPayee(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d) / float64(time.Millisecond) / float64(n)
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return math.Inf(1)
	}
	return float64(n) / d.Seconds()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func msq(ds []time.Duration, q float64) string {
	if len(ds) == 0 {
		return "-"
	}
	return ms(quantile(ds, q))
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t / time.Duration(len(ds))
}

func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
