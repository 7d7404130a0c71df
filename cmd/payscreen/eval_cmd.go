package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/payscreen/payscreen/evaluate"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
)

// evalArgs are the flags of "payscreen eval" once checked.
type evalArgs struct {
	lf                        listFlags
	labels, reportDir         string
	format                    payroll.Format
	targetRecall, targetBlock float64
	writePolicy               string
	floor, step               float64
	resamples, workers        int
	seed                      uint64
	asJSON                    bool
}

// parseEvalArgs parses the flags of "payscreen eval"; ok is false with the
// exit status when they are wrong or -h was asked for.
func parseEvalArgs(args []string, stderr io.Writer) (a evalArgs, code int, ok bool) {
	fs := newFlagSet("payscreen eval", stderr)
	addListFlags(fs, &a.lf)
	fs.StringVar(&a.labels, "labels", "", "labelled rows: the screen input columns plus expect (clear, review, block) and optionally source, entity_id, category (`file`, CSV or JSON Lines)")
	inFormat := fs.String("in-format", "", "labels `format`: csv or jsonl (default: by the file's extension)")
	fs.StringVar(&a.reportDir, "report", "", "write the HTML report (index.html) and evaluation.json to `directory`")
	fs.Float64Var(&a.targetRecall, "target-recall", 0, "suggest the highest review threshold whose recall of true matches is at least `share` (e.g. 0.99)")
	fs.Float64Var(&a.targetBlock, "target-block-precision", 0, "suggest the lowest block threshold whose block precision is at least `share` (e.g. 0.99)")
	fs.StringVar(&a.writePolicy, "write-policy", "", "write the policy with the suggested thresholds to `file` (.json, .yaml or .yml)")
	fs.Float64Var(&a.floor, "floor", evaluate.DefaultFloor, "sweep thresholds from `score` up to 1.00")
	fs.Float64Var(&a.step, "step", evaluate.DefaultStep, "sweep in steps of `size`")
	fs.IntVar(&a.resamples, "resamples", evaluate.DefaultResamples, "bootstrap `n` resamples for the confidence intervals")
	fs.Uint64Var(&a.seed, "seed", evaluate.DefaultSeed, "bootstrap `seed`: the same seed gives the same intervals")
	fs.IntVar(&a.workers, "j", 0, "screen with `n` workers (default: all cores)")
	fs.BoolVar(&a.asJSON, "json", false, "print the evaluation as JSON instead of the text summary")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen eval --labels FILE [flags]")
		fmt.Fprintln(stderr, "Screens labelled rows and reports recall of true matches, alert rate on non-matches and block precision, with bootstrap intervals, per category and swept over thresholds; suggests thresholds for targets.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return a, exitOK, false
		}
		return a, exitUsage, false
	}
	usageErr := func(format string, args ...any) (evalArgs, int, bool) {
		fmt.Fprintf(stderr, "payscreen eval: "+format+"\n", args...)
		return a, exitUsage, false
	}
	if fs.NArg() != 0 {
		return usageErr("unexpected argument %q (the labels file goes after --labels)", fs.Arg(0))
	}
	if a.labels == "" {
		return usageErr("--labels FILE is required")
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"--target-recall", a.targetRecall}, {"--target-block-precision", a.targetBlock}} {
		if t.v < 0 || t.v > 1 {
			return usageErr("%s wants a share in [0,1], not %v", t.name, t.v)
		}
	}
	if a.writePolicy != "" && a.targetRecall == 0 && a.targetBlock == 0 {
		return usageErr("--write-policy needs a target: --target-recall or --target-block-precision")
	}
	if a.writePolicy != "" {
		if _, err := evaluate.EncodePolicy(a.writePolicy, screening.DefaultPolicy()); err != nil {
			return usageErr("--write-policy: want a .json, .yaml or .yml file, not %q", a.writePolicy)
		}
	}
	if a.floor <= 0 || a.floor >= 1 || a.step <= 0 || a.step > 0.5 {
		return usageErr("--floor wants a score in (0,1) and --step a size in (0,0.5]")
	}
	if a.resamples < 0 {
		return usageErr("--resamples wants a count ≥ 0")
	}
	format, err := payroll.ParseFormat(*inFormat)
	if err != nil {
		return usageErr("--in-format wants csv or jsonl, not %q", *inFormat)
	}
	a.format = format
	return a, exitOK, true
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseEvalArgs(args, stderr)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen eval: %v\n", err)
		return exitError
	}
	ev, sug, labelsSHA, err := evalRun(ctx, a)
	if err != nil {
		return fail(err)
	}
	if a.writePolicy != "" {
		if err := evaluate.WritePolicyFile(a.writePolicy, sug.Policy); err != nil {
			return fail(err)
		}
	}
	if a.reportDir != "" {
		info := evaluate.ReportInfo{
			Generated:    time.Now(),
			LabelsSHA256: labelsSHA,
			Command:      "payscreen eval " + strings.Join(evalQuoteArgs(args), " "),
		}
		if err := evaluate.WriteReport(a.reportDir, ev, sug, info); err != nil {
			return fail(err)
		}
	}
	if a.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Evaluation *evaluate.Evaluation `json:"evaluation"`
			Suggestion *evaluate.Suggestion `json:"suggestion,omitempty"`
		}{ev, sug}); err != nil {
			return fail(err)
		}
	} else {
		writeEvalSummary(stdout, ev, sug)
	}
	if a.writePolicy != "" {
		fmt.Fprintf(stderr, "payscreen eval: wrote the suggested policy to %s\n", a.writePolicy)
	}
	if a.reportDir != "" {
		fmt.Fprintf(stderr, "payscreen eval: wrote the report to %s\n", filepath.Join(a.reportDir, evaluate.ReportHTML))
	}
	return exitOK
}

// evalRun reads the labels, screens them once under the sweep policy and
// measures the policy; it suggests thresholds when a target is set. It
// also returns the labels file's sha256, for the report.
func evalRun(ctx context.Context, a evalArgs) (*evaluate.Evaluation, *evaluate.Suggestion, string, error) {
	data, err := os.ReadFile(a.labels)
	if err != nil {
		return nil, nil, "", err
	}
	labels, err := evaluate.ReadLabels(strings.NewReader(string(data)), a.labels, a.format)
	if err != nil {
		return nil, nil, "", err
	}
	sum := sha256.Sum256(data)
	policy, err := a.lf.loadPolicy()
	if err != nil {
		return nil, nil, "", err
	}
	opts := evaluate.Options{
		Thresholds: sweepThresholds(a.floor, a.step),
		Resamples:  a.resamples,
		Seed:       a.seed,
		Batch:      screening.BatchOptions{Workers: a.workers},
	}
	if a.resamples == 0 {
		opts.Resamples = -1
	}
	s, err := a.lf.screenerWith(ctx, evaluate.SweepPolicy(policy, opts.Thresholds[0]))
	if err != nil {
		return nil, nil, "", err
	}
	ev, err := evaluate.Run(ctx, s, policy, labels, opts)
	if err != nil {
		return nil, nil, "", err
	}
	var sug *evaluate.Suggestion
	if a.targetRecall > 0 || a.targetBlock > 0 {
		sug, err = ev.Suggest(evaluate.Targets{Recall: a.targetRecall, BlockPrecision: a.targetBlock})
		if err != nil {
			return nil, nil, "", err
		}
	}
	return ev, sug, hex.EncodeToString(sum[:]), nil
}

// sweepThresholds returns floor, floor+step, ... up to 1.
func sweepThresholds(floor, step float64) []float64 {
	var ts []float64
	for i := 0; ; i++ {
		t := float64(int64((floor+float64(i)*step)*1e4+0.5)) / 1e4
		if t > 1 {
			break
		}
		ts = append(ts, t)
	}
	if ts[len(ts)-1] < 1 {
		ts = append(ts, 1)
	}
	return ts
}

// evalQuoteArgs quotes the arguments that a shell would split.
func evalQuoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}

// writeEvalSummary prints the figures for a person at a terminal.
func writeEvalSummary(w io.Writer, ev *evaluate.Evaluation, sug *evaluate.Suggestion) {
	if ev.Sample {
		fmt.Fprintln(w, "WARNING: screened against the built-in SAMPLE lists: these figures say nothing about real screening.")
	}
	fmt.Fprintf(w, "%s: %d rows (%d true matches, %d non-matches); policy review %.2f, block %.2f\n",
		ev.Labels, ev.Overall.Rows, ev.Overall.Positives, ev.Overall.Negatives, ev.Policy.Review, ev.Policy.Block)
	fmt.Fprintf(w, "%.0f%% bootstrap intervals, %d resamples, seed %d\n\n", 100*ev.Confidence, ev.Resamples, ev.Seed)
	table := func(groups []evaluate.CategoryMetrics) {
		fmt.Fprintf(w, "%-16s %6s  %-30s %-30s %-30s %-30s\n", "category", "rows", "recall", "alert rate", "block precision", "block recall")
		for _, g := range groups {
			fmt.Fprintf(w, "%-16s %6d  %-30s %-30s %-30s %-30s\n", g.Category, g.Rows,
				evalFmtEstimate(g.Recall), evalFmtEstimate(g.AlertRate), evalFmtEstimate(g.BlockPrecision), evalFmtEstimate(g.BlockRecall))
		}
	}
	groups := append([]evaluate.CategoryMetrics{{Category: "all", Metrics: ev.Overall}}, ev.Categories...)
	table(groups)
	if ev.Overall.FlagAlerts > 0 {
		fmt.Fprintf(w, "(%d alerts on non-matches come from flags alone — sanctioned countries, invalid identifiers — and no threshold moves them)\n", ev.Overall.FlagAlerts)
	}
	fmt.Fprintf(w, "\n%-9s  %-8s %-10s %-10s %-15s %-12s\n", "threshold", "recall", "alert rate", "alert prec", "block precision", "block recall")
	for _, p := range ev.Sweep {
		fmt.Fprintf(w, "%-9.2f  %-8s %-10s %-10s %-15s %-12s\n", p.Threshold, evalFmtRatio(p.Recall), evalFmtRatio(p.AlertRate),
			evalFmtRatio(p.AlertPrecision), evalFmtRatio(p.BlockPrecision), evalFmtRatio(p.BlockRecall))
	}
	if sug == nil {
		return
	}
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT MET (closest suggested)"
	}
	fmt.Fprintf(w, "\nSuggested: review %.2f, block %.2f\n", sug.Review, sug.Block)
	if sug.Targets.Recall > 0 {
		fmt.Fprintf(w, "  recall ≥ %.4f: %s, %s\n", sug.Targets.Recall, met(sug.RecallMet), evalFmtEstimate(sug.Overall.Recall))
	}
	if sug.Targets.BlockPrecision > 0 {
		fmt.Fprintf(w, "  block precision ≥ %.4f: %s, %s\n", sug.Targets.BlockPrecision, met(sug.BlockPrecisionMet), evalFmtEstimate(sug.Overall.BlockPrecision))
	}
	fmt.Fprintf(w, "  alert rate on non-matches: %s\n", evalFmtEstimate(sug.Overall.AlertRate))
}

func evalFmtRatio(r evaluate.Ratio) string {
	if !r.Defined() {
		return "n/a"
	}
	return fmt.Sprintf("%.4f", r.Value)
}

func evalFmtEstimate(e evaluate.Estimate) string {
	if !e.Defined() {
		return "n/a"
	}
	return fmt.Sprintf("%.4f [%.4f,%.4f] %d/%d", e.Value, e.Low, e.High, e.Num, e.Den)
}
