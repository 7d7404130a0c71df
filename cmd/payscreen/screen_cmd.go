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
	"github.com/payscreen/payscreen/screening/redflags"
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

// screenArgs are the flags and input of "payscreen screen" once checked.
type screenArgs struct {
	lf             listFlags
	out, outFormat string
	format         payroll.Format
	workers        int
	threshold      screening.Decision // --fail-on; Clear: none
	redFlags       bool
	previous       string
	input          string // the FILE argument, "-" for standard input
	store          string // --store: the case store recording the run
}

// parseScreenArgs parses the flags of "payscreen screen"; ok is false
// with the exit status when they are wrong or -h was asked for.
func parseScreenArgs(args []string, stderr io.Writer) (a screenArgs, code int, ok bool) {
	fs := newFlagSet("payscreen screen", stderr)
	addListFlags(fs, &a.lf)
	addEngineFlags(fs, &a.lf)
	fs.StringVar(&a.out, "out", "", "write results to `file` (default: standard output)")
	inFormat := fs.String("in-format", "", "input `format`: csv or jsonl (default: by the file's extension; csv for standard input)")
	fs.StringVar(&a.outFormat, "out-format", "jsonl", "output `format`: jsonl (one object per row) or csv (one row per input row, top match only)")
	fs.IntVar(&a.workers, "j", 0, "screen with `n` workers (default: all cores)")
	failOn := fs.String("fail-on", "", "exit with status 3 when any row reaches `decision` review or block")
	redFlags := fs.String("red-flags", "on", "payroll red flags across the rows of the run (shared accounts, wallets, contacts; PRC accounts; crypto salary; changed payouts): `on` or off")
	fs.StringVar(&a.previous, "previous", "", "an earlier run's input `file`, to flag payees whose payout details changed")
	fs.StringVar(&a.store, "store", "", "record the run, its decisions and alerts in the case "+storeFlagUsage)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen screen [flags] FILE|-")
		fmt.Fprintln(stderr, "Screens every row of a payroll file (CSV with a header, or JSON Lines) and writes one result per row, in order.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return a, exitOK, false
		}
		return a, exitUsage, false
	}
	usage := func(format string, args ...any) (screenArgs, int, bool) {
		fmt.Fprintf(stderr, "payscreen screen: "+format+"\n", args...)
		return a, exitUsage, false
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "payscreen screen: want exactly one input FILE (or - for standard input)")
		fs.Usage()
		return a, exitUsage, false
	}
	a.input = fs.Arg(0)
	if *failOn != "" {
		d, err := screening.ParseDecision(*failOn)
		if err != nil || d == screening.Clear {
			return usage("--fail-on wants review or block, not %q", *failOn)
		}
		a.threshold = d
	}
	if *redFlags != "on" && *redFlags != "off" {
		return usage("--red-flags wants on or off, not %q", *redFlags)
	}
	a.redFlags = *redFlags == "on"
	if a.previous != "" && !a.redFlags {
		return usage("--previous needs --red-flags on")
	}
	if a.outFormat != "jsonl" && a.outFormat != "csv" {
		return usage("--out-format wants jsonl or csv, not %q", a.outFormat)
	}
	format, err := payroll.ParseFormat(*inFormat)
	if err != nil {
		return usage("--in-format wants csv or jsonl, not %q", *inFormat)
	}
	a.format = format.Resolve(a.input)
	return a, exitOK, true
}

// screenInput opens the input of a run, once per pass, and tracks the
// reader of the pass under way for the progress bar.
type screenInput struct {
	path    string // the file read: "stdin", a spooled copy of it, or the FILE argument
	display string // the name errors give it
	format  payroll.Format
	size    int64 // 0: unknown
	current atomic.Pointer[payroll.Reader]
}

// open opens path, named display in errors; count makes it the reader
// the progress bar follows.
func (in *screenInput) open(path, display string, count bool) (*payroll.Reader, error) {
	var r *payroll.Reader
	var err error
	switch {
	case path == "stdin":
		r, err = payroll.OpenReader(os.Stdin, display, in.format)
	case path != display:
		f, ferr := os.Open(path)
		if ferr != nil {
			return nil, ferr
		}
		r, err = payroll.OpenReader(f, display, in.format)
	default:
		r, err = payroll.Open(path, in.format)
	}
	if err == nil && count {
		in.current.Store(r)
	}
	return r, err
}

// bytesRead is how far the pass under way has read its input.
func (in *screenInput) bytesRead() int64 {
	if r := in.current.Load(); r != nil {
		return r.BytesRead()
	}
	return 0
}

// resultWriter writes results in the --out-format.
type resultWriter interface {
	Write(screening.RowResult) error
	Flush() error
}

// openResults returns the writer of results in the --out-format, to the
// --out file (returned, to close) or to stdout.
func openResults(a screenArgs, stdout io.Writer) (resultWriter, *os.File, error) {
	w := stdout
	var outFile *os.File
	if a.out != "" {
		var err error
		if outFile, err = os.Create(a.out); err != nil {
			return nil, nil, err
		}
		w = outFile
	}
	if a.outFormat == "csv" {
		return payroll.NewCSVWriter(w), outFile, nil
	}
	return payroll.NewJSONLWriter(w), outFile, nil
}

func runScreen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseScreenArgs(args, stderr)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen screen: %v\n", err)
		return exitError
	}
	s, err := a.lf.screener(ctx)
	if err != nil {
		return fail(err)
	}
	in, prev, cleanup, err := prepareScreenInput(ctx, a)
	defer cleanup()
	if err != nil {
		return fail(err)
	}

	rw, outFile, err := openResults(a, stdout)
	if err != nil {
		return fail(err)
	}
	summary := screening.Summary{Lists: s.Versions()}
	var sr *storeRun
	if a.store != "" {
		sr, err = startStoreRun(ctx, a.store, s, func(r screening.RowResult, alerts []*payroll.AlertRef) error {
			if j, ok := rw.(*payroll.JSONLWriter); ok {
				return j.WriteAlerts(r, alerts)
			}
			return rw.Write(r)
		})
		if err != nil {
			return fail(err)
		}
	}
	reached, err := screenRun(ctx, s, a, in, prev, stderr, func(r screening.RowResult) error {
		summary.Add(r)
		if sr != nil {
			return sr.rec.Add(r)
		}
		return rw.Write(r)
	})
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

// prepareScreenInput sets up the input of a run: standard input spooled
// to a temporary file when the red flags need two passes (cleanup, never
// nil, removes it), the previous payouts read, and the input opened once
// so that an unreadable file or a bad header stops the run before any
// output.
func prepareScreenInput(ctx context.Context, a screenArgs) (in *screenInput, prev *redflags.PreviousPayouts, cleanup func(), err error) {
	cleanup = func() {}
	in = &screenInput{path: a.input, display: a.input, format: a.format}
	if a.input == "-" {
		in.path, in.display = "stdin", "stdin"
		// The red flags read the input twice: standard input is spooled
		// to a temporary file first.
		if a.redFlags {
			tmp, err := spool(os.Stdin)
			if err != nil {
				return nil, nil, cleanup, err
			}
			cleanup = func() { os.Remove(tmp) }
			in.path = tmp
		}
	}
	if st, err := os.Stat(in.path); err == nil {
		in.size = st.Size()
	}
	if a.previous != "" {
		r, err := in.open(a.previous, a.previous, false)
		if err != nil {
			return nil, nil, cleanup, err
		}
		prev, err = redflags.ReadPreviousPayouts(ctx, r)
		r.Close()
		if err != nil {
			return nil, nil, cleanup, err
		}
	}
	probe, err := in.open(in.path, in.display, false)
	if err != nil {
		return nil, nil, cleanup, err
	}
	probe.Close()
	return in, prev, cleanup, nil
}

// screenRun screens every row of in, with the red flags if asked, under
// a progress bar; reached reports whether a row reached --fail-on.
func screenRun(ctx context.Context, s *screening.Screener, a screenArgs, in *screenInput, prev *redflags.PreviousPayouts,
	stderr io.Writer, write func(screening.RowResult) error) (reached bool, err error) {
	var done atomic.Int64
	stopProgress := startProgress(stderr, &done, in.bytesRead, in.size)
	defer stopProgress()
	emit := func(r screening.RowResult) error {
		done.Add(1)
		if a.threshold != screening.Clear && payroll.Outcome(r) >= a.threshold {
			reached = true
		}
		return write(r)
	}
	batch := screening.BatchOptions{Workers: a.workers}
	if a.redFlags {
		err = redflags.ScreenBatch(ctx, s, func() (screening.RowReader, error) { return in.open(in.path, in.display, true) },
			redflags.Options{Policy: s.Policy().RedFlags, Previous: prev}, batch, emit)
		return reached, err
	}
	rows, err := in.open(in.path, in.display, true)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	return reached, s.ScreenBatch(ctx, rows, batch, emit)
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

// startProgress draws a progress line on stderr while rows are screened,
// when stderr is a terminal; the returned function stops it.
func startProgress(stderr io.Writer, done *atomic.Int64, read func() int64, size int64) func() {
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
					pct := 100 * float64(read()) / float64(size)
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
