package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman"
)

// exitFailOn is the exit status when a row reaches the --fail-on decision.
const exitFailOn = 3

// listFlags are the flags every screening command shares.
type listFlags struct {
	lists  stringsFlag
	policy string
	maxAge durationFlag
	setAge bool
	// engine is "payscreen" (the built-in index) or "watchman".
	engine      string
	watchmanURL string
	// indicators are the user's indicator feeds, as FILE or FILE=name.
	indicators stringsFlag
}

// addEngineFlags registers the name-matching engine flags.
func addEngineFlags(fs *flag.FlagSet, lf *listFlags) {
	fs.StringVar(&lf.engine, "engine", "payscreen", "name-matching `engine`: payscreen (built in) or watchman (a Moov Watchman server holding the same lists)")
	fs.StringVar(&lf.watchmanURL, "watchman-url", "", "base `URL` of the Watchman server, with --engine watchman")
}

func addListFlags(fs *flag.FlagSet, lf *listFlags) {
	fs.Var(&lf.lists, "lists", "read the official list files of `directory` (repeatable), or \"sample\" for the built-in SAMPLE lists (default: the cache `payscreen lists update` fills)")
	fs.StringVar(&lf.policy, "policy", "", "policy `file` (JSON or YAML; default: the built-in defaults)")
	fs.Var(&lf.indicators, "indicators", "also screen against the indicator feed `FILE[=name]` (JSON Lines, see lists/indicators/README.md; repeatable); the built-in dprk_indicators feed is always used")
	fs.Func("max-age", "refuse lists older than this duration (e.g. 72h, 7d; 0 disables; default: the policy's max_list_age, 7d)",
		func(v string) error { lf.setAge = true; return lf.maxAge.Set(v) })
}

// loadPolicy returns the policy of --policy (the defaults without it),
// with --max-age applied.
func (lf *listFlags) loadPolicy() (screening.Policy, error) {
	policy := screening.DefaultPolicy()
	if lf.policy != "" {
		p, err := screening.LoadPolicy(lf.policy)
		if err != nil {
			return screening.Policy{}, err
		}
		policy = p
	}
	if lf.setAge {
		policy.MaxListAge = time.Duration(lf.maxAge).String()
	}
	return policy, nil
}

// loadLists loads the lists --lists selects — the built-in sample, list
// directories, or the cache — and the indicator feeds: the built-in
// dprk_indicators feed and any --indicators. Every failure is an error:
// screening never runs against missing lists.
func (lf *listFlags) loadLists(ctx context.Context) (*lists.Set, error) {
	set, err := lf.loadOfficial(ctx)
	if err != nil {
		return nil, err
	}
	if lf.engine == "watchman" {
		// The Watchman server holds the official lists only; payscreen
		// refuses to screen lists the engine cannot match names on.
		if len(lf.indicators) > 0 {
			return nil, errors.New("--indicators cannot be used with --engine watchman")
		}
		return set, nil
	}
	builtin, err := lists.BuiltinIndicators()
	if err != nil {
		return nil, err
	}
	set.Lists = append(set.Lists, builtin)
	for _, arg := range lf.indicators {
		path, name, _ := strings.Cut(arg, "=")
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		l, err := lists.ParseIndicators(name, lists.File{Name: filepath.Base(path), R: f})
		f.Close()
		if err != nil {
			return nil, err
		}
		set.Lists = append(set.Lists, l)
	}
	return set, nil
}

// loadOfficial loads the official lists (or the sample).
func (lf *listFlags) loadOfficial(ctx context.Context) (*lists.Set, error) {
	switch {
	case len(lf.lists) == 1 && lf.lists[0] == "sample":
		return lists.Sample()
	case len(lf.lists) > 0:
		for _, d := range lf.lists {
			if d == "sample" {
				return nil, errors.New("--lists sample cannot be combined with list directories")
			}
		}
		return lists.LoadDirs(ctx, lf.lists, lists.LoadOptions{})
	}
	dir, err := lists.DefaultCacheDir()
	if err != nil {
		return nil, err
	}
	set, err := lists.LoadCache(ctx, dir, lists.LoadOptions{})
	if err != nil {
		return nil, fmt.Errorf("%w (run \"payscreen lists update\" first, or pass --lists)", err)
	}
	return set, nil
}

// screener loads the lists and the policy and builds a Screener; the
// Screener refuses lists older than the policy's maximum age.
func (lf *listFlags) screener(ctx context.Context) (*screening.Screener, error) {
	policy, err := lf.loadPolicy()
	if err != nil {
		return nil, err
	}
	return lf.screenerWith(ctx, policy)
}

// screenerWith builds a Screener over the selected lists with policy p.
func (lf *listFlags) screenerWith(ctx context.Context, p screening.Policy) (*screening.Screener, error) {
	set, err := lf.loadLists(ctx)
	if err != nil {
		return nil, err
	}
	var opts screening.Options
	switch lf.engine {
	case "", "payscreen":
	case "watchman":
		if lf.watchmanURL == "" {
			return nil, errors.New("--engine watchman needs --watchman-url")
		}
		e, _, err := watchmanEngine(ctx, lf.watchmanURL, set, watchman.Options{})
		if err != nil {
			return nil, err
		}
		opts.Engine = e
	default:
		return nil, fmt.Errorf("unknown --engine %q: want payscreen or watchman", lf.engine)
	}
	return screening.New(set, p, opts)
}

func runScreen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen screen", stderr)
	var lf listFlags
	addListFlags(fs, &lf)
	addEngineFlags(fs, &lf)
	out := fs.String("out", "", "write results to `file` (default: standard output)")
	inFormat := fs.String("in-format", "", "input `format`: csv or jsonl (default: by the file's extension; csv for standard input)")
	outFormat := fs.String("out-format", "jsonl", "output `format`: jsonl (one object per row) or csv (one row per input row, top match only)")
	workers := fs.Int("j", 0, "screen with `n` workers (default: all cores)")
	failOn := fs.String("fail-on", "", "exit with status 3 when any row reaches `decision` review or block")
	redFlags := fs.String("red-flags", "on", "payroll red flags across the rows of the run (shared accounts, wallets, contacts; PRC accounts; crypto salary; changed payouts): `on` or off")
	previous := fs.String("previous", "", "an earlier run's input `file`, to flag payees whose payout details changed")
	storeTarget := fs.String("store", "", "record the run, its decisions and alerts in the case "+storeFlagUsage)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen screen [flags] FILE|-")
		fmt.Fprintln(stderr, "Screens every row of a payroll file (CSV with a header, or JSON Lines) and writes one result per row, in order.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "payscreen screen: want exactly one input FILE (or - for standard input)")
		fs.Usage()
		return exitUsage
	}
	var threshold screening.Decision
	if *failOn != "" {
		d, err := screening.ParseDecision(*failOn)
		if err != nil || d == screening.Clear {
			fmt.Fprintf(stderr, "payscreen screen: --fail-on wants review or block, not %q\n", *failOn)
			return exitUsage
		}
		threshold = d
	}
	if *redFlags != "on" && *redFlags != "off" {
		fmt.Fprintf(stderr, "payscreen screen: --red-flags wants on or off, not %q\n", *redFlags)
		return exitUsage
	}
	if *previous != "" && *redFlags == "off" {
		fmt.Fprintln(stderr, "payscreen screen: --previous needs --red-flags on")
		return exitUsage
	}
	if *outFormat != "jsonl" && *outFormat != "csv" {
		fmt.Fprintf(stderr, "payscreen screen: --out-format wants jsonl or csv, not %q\n", *outFormat)
		return exitUsage
	}
	name := fs.Arg(0)
	format := strings.ToLower(*inFormat)
	if format == "" {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jsonl", ".ndjson", ".json":
			format = "jsonl"
		default:
			format = "csv"
		}
	}
	if format != "csv" && format != "jsonl" {
		fmt.Fprintf(stderr, "payscreen screen: --in-format wants csv or jsonl, not %q\n", *inFormat)
		return exitUsage
	}

	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen screen: %v\n", err)
		return exitError
	}
	s, err := lf.screener(ctx)
	if err != nil {
		return fail(err)
	}

	policy := s.Policy()
	// The red flags read the input twice: standard input is spooled to a
	// temporary file first.
	if name == "-" {
		name = "stdin"
		if *redFlags == "on" {
			tmp, err := spool(os.Stdin)
			if err != nil {
				return fail(err)
			}
			defer os.Remove(tmp)
			name = tmp
		}
	}
	var size int64
	if st, err := os.Stat(name); err == nil {
		size = st.Size()
	}
	counter := &countingReader{}
	open := func(path, display string, count bool) (screening.RowReader, error) {
		var in io.ReadCloser = os.Stdin
		if path != "stdin" {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			in = f
		}
		var r io.Reader = in
		if count {
			counter.n.Store(0)
			counter.r = in
			r = counter
		}
		if format == "csv" {
			cr, err := payroll.NewCSVReader(r, display)
			if err != nil {
				in.Close()
				return nil, err
			}
			return closingReader{cr, in}, nil
		}
		return closingReader{payroll.NewJSONLReader(r, display), in}, nil
	}
	display := fs.Arg(0)
	if display == "-" {
		display = "stdin"
	}
	var prev *screening.PreviousPayouts
	if *previous != "" {
		r, err := open(*previous, *previous, false)
		if err != nil {
			return fail(err)
		}
		prev, err = screening.ReadPreviousPayouts(ctx, r)
		r.(io.Closer).Close()
		if err != nil {
			return fail(err)
		}
	}
	// Open the input once before the run, so that an unreadable file or a
	// bad header stops the run before any output.
	probe, err := open(name, display, false)
	if err != nil {
		return fail(err)
	}
	probe.(io.Closer).Close()

	var w io.Writer = stdout
	var outFile *os.File
	if *out != "" {
		outFile, err = os.Create(*out)
		if err != nil {
			return fail(err)
		}
		w = outFile
	}
	type resultWriter interface {
		Write(screening.RowResult) error
		Flush() error
	}
	var rw resultWriter
	if *outFormat == "csv" {
		rw = payroll.NewCSVWriter(w)
	} else {
		rw = payroll.NewJSONLWriter(w)
	}

	summary := screening.Summary{Lists: s.Versions()}
	var sr *storeRun
	if *storeTarget != "" {
		sr, err = startStoreRun(ctx, *storeTarget, s, func(r screening.RowResult, alerts []*payroll.AlertRef) error {
			if j, ok := rw.(*payroll.JSONLWriter); ok {
				return j.WriteAlerts(r, alerts)
			}
			return rw.Write(r)
		})
		if err != nil {
			return fail(err)
		}
	}
	var done atomic.Int64
	stopProgress := startProgress(stderr, &done, counter, size)
	reached := false
	emit := func(r screening.RowResult) error {
		summary.Add(r)
		done.Add(1)
		if threshold != screening.Clear && payroll.Outcome(r) >= threshold {
			reached = true
		}
		if sr != nil {
			return sr.rec.Add(r)
		}
		return rw.Write(r)
	}
	batch := screening.BatchOptions{Workers: *workers}
	if *redFlags == "on" {
		err = s.ScreenBatchRedFlags(ctx, func() (screening.RowReader, error) { return open(name, display, true) },
			screening.RedFlagOptions{Policy: policy.RedFlags, Previous: prev}, batch, emit)
	} else {
		var rows screening.RowReader
		if rows, err = open(name, display, true); err == nil {
			err = s.ScreenBatch(ctx, rows, batch, emit)
			rows.(io.Closer).Close()
		}
	}
	stopProgress()
	if sr != nil {
		if serr := sr.finish(ctx); err == nil {
			err = serr
		}
	}
	if ferr := rw.Flush(); err == nil {
		err = ferr
	}
	if outFile != nil {
		if cerr := outFile.Close(); err == nil {
			err = cerr
		}
	}
	summary.WriteTo(stderr)
	sr.writeSummary(stderr)
	if err != nil {
		return fail(err)
	}
	if reached {
		return exitFailOn
	}
	return exitOK
}

// closingReader is a row reader that closes its file after its pass.
type closingReader struct {
	screening.RowReader
	io.Closer
}

// spool copies r into a temporary file and returns its name.
func spool(r io.Reader) (string, error) {
	f, err := os.CreateTemp("", "payscreen-stdin-*")
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

// countingReader counts the bytes read through it, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// startProgress draws a progress line on stderr while rows are screened,
// when stderr is a terminal; the returned function stops it.
func startProgress(stderr io.Writer, done *atomic.Int64, in *countingReader, size int64) func() {
	f, ok := stderr.(*os.File)
	if !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	stop := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-t.C:
				n := done.Load()
				rate := float64(n) / time.Since(start).Seconds()
				if size > 0 {
					pct := 100 * float64(in.n.Load()) / float64(size)
					width := 30
					fill := int(pct / 100 * float64(width))
					fmt.Fprintf(f, "\r[%s%s] %5.1f%%  %d rows  %.0f rows/s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), pct, n, rate)
				} else {
					fmt.Fprintf(f, "\r%d rows  %.0f rows/s", n, rate)
				}
			}
		}
	}()
	return func() {
		close(stop)
		<-finished
	}
}
