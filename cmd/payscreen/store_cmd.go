package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/payscreen/payscreen/evaluate"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/store"
)

// storeFlagUsage documents --store for every command that takes it.
const storeFlagUsage = "case store: a SQLite `file` (created 0600 if missing) or a postgres:// URL"

// storeRun records a screen run in the case store while it runs.
type storeRun struct {
	st    *store.Store
	run   *store.Run
	rec   *store.Recorder
	stats *store.RunStats
}

// startStoreRun opens the store and begins recording a screening with s;
// write gets each result in order with the alerts of its matches.
func startStoreRun(ctx context.Context, target string, s *screening.Screener, write func(screening.RowResult, []*payroll.AlertRef) error) (*storeRun, error) {
	st, err := store.Open(ctx, target)
	if err != nil {
		return nil, err
	}
	run, err := st.BeginRun(ctx, "screen", s)
	if err != nil {
		st.Close()
		return nil, err
	}
	rec := run.Recorder(ctx, func(r screening.RowResult, refs []store.AlertRef) error {
		var out []*payroll.AlertRef
		for _, a := range refs {
			out = append(out, &payroll.AlertRef{ID: a.ID, Status: a.Status})
		}
		return write(r, out)
	})
	return &storeRun{st: st, run: run, rec: rec}, nil
}

// finish waits for the last results, records the end of the run and
// closes the store.
func (r *storeRun) finish(ctx context.Context) error {
	defer r.st.Close()
	if err := r.rec.Close(); err != nil {
		return err
	}
	stats, err := r.run.Finish(ctx)
	if err != nil {
		return err
	}
	r.stats = &stats
	return nil
}

// writeSummary prints the alert counts of a finished run: the summary
// line of the store.
func (r *storeRun) writeSummary(stderr io.Writer) {
	if r == nil || r.stats == nil {
		return
	}
	stats := r.stats
	fmt.Fprintf(stderr, "alerts: %d new, %d re-opened, %d open, %d suppressed; %d rows recorded as run %d in %s",
		stats.NewAlerts, stats.Reopened, stats.Open, stats.Suppressed, stats.Recorded, stats.Run, r.st)
	if n := stats.Rows - stats.Recorded; n > 0 {
		fmt.Fprintf(stderr, " (%d rows in error or without an id not recorded)", n)
	}
	fmt.Fprintln(stderr)
}

// parseInterspersed parses flags that may come before and after
// positional arguments ("decide 12 --as …" as well as "decide --as … 12")
// and returns the positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runAlerts(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen alerts", stderr)
	target := fs.String("store", "", storeFlagUsage)
	status := fs.String("status", "", "only alerts of `status`: "+strings.Join(store.Statuses, ", ")+" (default: all)")
	format := fs.String("format", "table", "output `format`: table, jsonl or csv")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen alerts --store S [--status STATUS] [--format table|jsonl|csv]")
		fmt.Fprintln(stderr, "Lists the alerts of the case store.")
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if *target == "" {
		fmt.Fprintln(stderr, "payscreen alerts: --store is required")
		return exitUsage
	}
	if *status != "" && !containsStr(store.Statuses, *status) {
		fmt.Fprintf(stderr, "payscreen alerts: --status wants one of %s, not %q\n", strings.Join(store.Statuses, ", "), *status)
		return exitUsage
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(stderr, "payscreen alerts: --format wants table, jsonl or csv, not %q\n", *format)
		return exitUsage
	}
	st, err := store.OpenExisting(ctx, *target)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen alerts: %v\n", err)
		return exitError
	}
	defer st.Close()
	cols := []string{"id", "payee_id", "source", "entity_id", "status", "decision", "score", "identifier", "changed", "created_run", "seen_run"}
	fields := func(a store.Alert) []string {
		return []string{strconv.FormatInt(a.ID, 10), a.PayeeID, a.Source, a.EntityID, a.Status, a.Decision,
			strconv.FormatFloat(a.Score, 'f', -1, 64), a.Identifier, a.Changed, strconv.FormatInt(a.CreatedRun, 10), strconv.FormatInt(a.SeenRun, 10)}
	}
	var each func(store.Alert) error
	var flush func() error
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(stdout)
		each, flush = func(a store.Alert) error { return enc.Encode(a) }, func() error { return nil }
	case "csv":
		w := csv.NewWriter(stdout)
		w.Write(cols)
		each = func(a store.Alert) error { return w.Write(fields(a)) }
		flush = func() error { w.Flush(); return w.Error() }
	default:
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, strings.ToUpper(strings.Join(cols, "\t")))
		each = func(a store.Alert) error {
			_, err := fmt.Fprintln(w, strings.Join(fields(a), "\t"))
			return err
		}
		flush = w.Flush
	}
	err = st.Alerts(ctx, *status, each)
	if ferr := flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "payscreen alerts: %v\n", err)
		return exitError
	}
	return exitOK
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func runDecide(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen decide", stderr)
	target := fs.String("store", "", storeFlagUsage)
	as := fs.String("as", "", "the disposition: "+strings.Join(store.Dispositions, ", "))
	by := fs.String("by", "", "`name` of who decides")
	reason := fs.String("reason", "", "why (`text`), kept in the audit log")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen decide --store S ALERT_ID --as false_positive|true_match|escalated --by NAME --reason TEXT")
		fmt.Fprintln(stderr, "Records a disposition of an alert in the append-only audit log. A false positive stays suppressed until the payee's screened fields or the listed entry change; identifier hits (wallet, BIC, IBAN, account, document) cannot be false positives.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "payscreen decide: "+format+"\n", a...)
		return exitUsage
	}
	switch {
	case len(pos) != 1:
		return usageErr("want exactly one ALERT_ID")
	case *target == "":
		return usageErr("--store is required")
	case !containsStr(store.Dispositions, *as):
		return usageErr("--as wants one of %s, not %q", strings.Join(store.Dispositions, ", "), *as)
	case strings.TrimSpace(*by) == "":
		return usageErr("--by NAME is required")
	case strings.TrimSpace(*reason) == "":
		return usageErr("--reason TEXT is required")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErr("ALERT_ID wants a positive number, not %q", pos[0])
	}
	st, err := store.OpenExisting(ctx, *target)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen decide: %v\n", err)
		return exitError
	}
	defer st.Close()
	a, err := st.Decide(ctx, store.Decision{Alert: id, As: *as, By: *by, Reason: *reason})
	if err != nil {
		fmt.Fprintf(stderr, "payscreen decide: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "alert %d (%s %s) is now %s\n", a.ID, a.Source, a.EntityID, a.Status)
	return exitOK
}

// rescreenLine is one alert a re-screening raised or re-opened.
type rescreenLine struct {
	Alert       int64    `json:"alert"`
	Status      string   `json:"status"`
	Reopened    bool     `json:"reopened,omitempty"`
	Changed     []string `json:"changed,omitempty"`
	PayeeID     string   `json:"payee_id"`
	Source      string   `json:"source"`
	EntityID    string   `json:"entity_id"`
	Name        string   `json:"name"`
	MatchedName string   `json:"matched_name,omitempty"`
	Decision    string   `json:"decision"`
	Score       float64  `json:"score"`
}

func runRescreen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen rescreen", stderr)
	var lf listFlags
	addListFlags(fs, &lf)
	target := fs.String("store", "", storeFlagUsage)
	full := fs.Bool("full", false, "screen every stored payee against all the lists, not only against the entries added or changed since it was last screened")
	workers := fs.Int("j", 0, "screen with `n` workers (default: all cores)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen rescreen --store S [--lists DIR]... [flags]")
		fmt.Fprintln(stderr, "Re-screens the payees of the case store against the current lists — each against the entries added or changed since the lists it was last screened against — and writes the alerts raised or re-opened, one JSON object per line.")
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if *target == "" {
		fmt.Fprintln(stderr, "payscreen rescreen: --store is required")
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen rescreen: %v\n", err)
		return exitError
	}
	s, err := lf.screener(ctx)
	if err != nil {
		return fail(err)
	}
	st, err := store.OpenExisting(ctx, *target)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	stats, err := st.Rescreen(ctx, s, store.RescreenOptions{Full: *full, Batch: screening.BatchOptions{Workers: *workers}},
		func(payee string, m *screening.Match, a store.AlertRef) error {
			return enc.Encode(rescreenLine{Alert: a.ID, Status: a.Status, Reopened: a.Reopened, Changed: a.Changed, PayeeID: payee,
				Source: m.Source.String(), EntityID: m.EntityID, Name: m.Name, MatchedName: m.MatchedName, Decision: m.Decision.String(), Score: m.Score})
		})
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "rescreen: %d stored payees, %d screened against %d added or changed entries (%d baselines, %d against all the lists): %d new alerts, %d re-opened; run %d\n",
		stats.Payees, stats.Recorded, stats.DeltaEntries, stats.Groups, stats.FullGroups, stats.NewAlerts, stats.Reopened, stats.Run)
	if n := stats.Rows - stats.Recorded; n > 0 {
		fmt.Fprintf(stderr, "payscreen rescreen: %d stored payees could not be screened\n", n)
		return exitError
	}
	return exitOK
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen audit", stderr)
	target := fs.String("store", "", storeFlagUsage)
	payee := fs.String("payee", "", "the payee's `id`")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen audit --store S --payee ID [--format json]")
		fmt.Fprintln(stderr, "Shows every screening of a payee (when, list versions, policy hash, decision) and every alert and disposition (who, when, why).")
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	switch {
	case *target == "" || *payee == "":
		fmt.Fprintln(stderr, "payscreen audit: --store and --payee are required")
		return exitUsage
	case *format != "text" && *format != "json":
		fmt.Fprintf(stderr, "payscreen audit: --format wants text or json, not %q\n", *format)
		return exitUsage
	}
	st, err := store.OpenExisting(ctx, *target)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen audit: %v\n", err)
		return exitError
	}
	defer st.Close()
	au, err := st.Audit(ctx, *payee)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen audit: %v\n", err)
		return exitError
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(au); err != nil {
			fmt.Fprintf(stderr, "payscreen audit: %v\n", err)
			return exitError
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "Payee %s\n\nScreenings:\n", au.PayeeID)
	for _, sc := range au.Screenings {
		fmt.Fprintf(stdout, "  %s  run %d (%s, %s)  decision %s  policy %s\n", sc.At, sc.Run, sc.Kind, sc.Scope, sc.Decision, shortHex(sc.PolicyHash))
		for _, v := range sc.Lists {
			sample := ""
			if v.Sample {
				sample = " [SAMPLE]"
			}
			fmt.Fprintf(stdout, "      %-16s %-18s published %s  sha256 %s%s\n", v.Source, v.Format, v.Published, shortHex(v.SHA256), sample)
		}
	}
	fmt.Fprintln(stdout, "\nAlerts:")
	for _, a := range au.Alerts {
		fmt.Fprintf(stdout, "  %d  %s %s  %s (%s, score %v)", a.ID, a.Source, a.EntityID, a.Status, a.Decision, a.Score)
		if a.Identifier != "" {
			fmt.Fprintf(stdout, "  identifier hit: %s", a.Identifier)
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintln(stdout, "\nLog:")
	for _, e := range au.Events {
		fmt.Fprintf(stdout, "  %s  alert %d  %s", e.At, e.Alert, e.Event)
		if e.Run != 0 {
			fmt.Fprintf(stdout, " in run %d", e.Run)
		}
		if e.Disposition != "" {
			fmt.Fprintf(stdout, " as %s by %s: %s", e.Disposition, e.By, e.Reason)
		}
		if e.Changed != "" {
			fmt.Fprintf(stdout, " (changed: %s)", e.Changed)
		}
		fmt.Fprintln(stdout)
	}
	return exitOK
}

func shortHex(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// storeLabels reads the labels of eval --from-store: the dispositions of
// the store's alerts, and their sha256 (over their JSON form) for the
// report.
func storeLabels(ctx context.Context, target string) (*evaluate.Labels, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	st, err := store.OpenExisting(ctx, target)
	if err != nil {
		return nil, sum, err
	}
	defer st.Close()
	labels, err := st.Labels(ctx)
	if err != nil {
		return nil, sum, err
	}
	if len(labels.Cases) == 0 {
		return nil, sum, fmt.Errorf("store %s holds no alert decided true_match or false_positive: nothing to evaluate", st)
	}
	b, err := json.Marshal(labels.Cases)
	if err != nil {
		return nil, sum, err
	}
	return labels, sha256.Sum256(b), nil
}
