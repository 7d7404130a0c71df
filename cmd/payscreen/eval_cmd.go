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
	"github.com/payscreen/payscreen/screening"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen eval", stderr)
	var lf listFlags
	addListFlags(fs, &lf)
	fromStore := fs.String("from-store", "", "take the labels from the dispositions of a case `store` (true_match: a true match of the entry, false_positive: not a match of it) instead of --labels")
	labelsPath := fs.String("labels", "", "labelled rows: the screen input columns plus expect (clear, review, block) and optionally source, entity_id, category (`file`, CSV or JSON Lines)")
	inFormat := fs.String("in-format", "", "labels `format`: csv or jsonl (default: by the file's extension)")
	reportDir := fs.String("report", "", "write the HTML report (index.html) and evaluation.json to `directory`")
	targetRecall := fs.Float64("target-recall", 0, "suggest the highest review threshold whose recall of true matches is at least `share` (e.g. 0.99)")
	targetBlock := fs.Float64("target-block-precision", 0, "suggest the lowest block threshold whose block precision is at least `share` (e.g. 0.99)")
	writePolicy := fs.String("write-policy", "", "write the policy with the suggested thresholds to `file` (.json, .yaml or .yml)")
	floor := fs.Float64("floor", evaluate.DefaultFloor, "sweep thresholds from `score` up to 1.00")
	step := fs.Float64("step", evaluate.DefaultStep, "sweep in steps of `size`")
	resamples := fs.Int("resamples", evaluate.DefaultResamples, "bootstrap `n` resamples for the confidence intervals")
	seed := fs.Uint64("seed", evaluate.DefaultSeed, "bootstrap `seed`: the same seed gives the same intervals")
	workers := fs.Int("j", 0, "screen with `n` workers (default: all cores)")
	asJSON := fs.Bool("json", false, "print the evaluation as JSON instead of the text summary")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen eval --labels FILE [flags]")
		fmt.Fprintln(stderr, "Screens labelled rows and reports recall of true matches, alert rate on non-matches and block precision, with bootstrap intervals, per category and swept over thresholds; suggests thresholds for targets.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "payscreen eval: "+format+"\n", a...)
		return exitUsage
	}
	if fs.NArg() != 0 {
		return usageErr("unexpected argument %q (the labels file goes after --labels)", fs.Arg(0))
	}
	if *labelsPath == "" && *fromStore == "" {
		return usageErr("--labels FILE is required (or --from-store S)")
	}
	if *labelsPath != "" && *fromStore != "" {
		return usageErr("--labels and --from-store cannot be used together")
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"--target-recall", *targetRecall}, {"--target-block-precision", *targetBlock}} {
		if t.v < 0 || t.v > 1 {
			return usageErr("%s wants a share in [0,1], not %v", t.name, t.v)
		}
	}
	if *writePolicy != "" && *targetRecall == 0 && *targetBlock == 0 {
		return usageErr("--write-policy needs a target: --target-recall or --target-block-precision")
	}
	if *writePolicy != "" {
		if _, err := evaluate.EncodePolicy(*writePolicy, screening.DefaultPolicy()); err != nil {
			return usageErr("--write-policy: want a .json, .yaml or .yml file, not %q", *writePolicy)
		}
	}
	if *floor <= 0 || *floor >= 1 || *step <= 0 || *step > 0.5 {
		return usageErr("--floor wants a score in (0,1) and --step a size in (0,0.5]")
	}
	if *resamples < 0 {
		return usageErr("--resamples wants a count ≥ 0")
	}
	format := evaluate.CSV
	switch f := strings.ToLower(*inFormat); {
	case f == "jsonl" || f == "" && evalIsJSONL(*labelsPath):
		format = evaluate.JSONL
	case f == "csv" || f == "":
	default:
		return usageErr("--in-format wants csv or jsonl, not %q", *inFormat)
	}

	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen eval: %v\n", err)
		return exitError
	}
	var labels *evaluate.Labels
	var sum [sha256.Size]byte
	var err error
	if *fromStore != "" {
		if labels, sum, err = storeLabels(ctx, *fromStore); err != nil {
			return fail(err)
		}
	} else {
		var data []byte
		if data, err = os.ReadFile(*labelsPath); err != nil {
			return fail(err)
		}
		labels, err = evaluate.ReadLabels(strings.NewReader(string(data)), *labelsPath, format)
		if err != nil {
			return fail(err)
		}
		sum = sha256.Sum256(data)
	}

	policy, err := lf.loadPolicy()
	if err != nil {
		return fail(err)
	}
	opts := evaluate.Options{
		Thresholds: sweepThresholds(*floor, *step),
		Resamples:  *resamples,
		Seed:       *seed,
		Batch:      screening.BatchOptions{Workers: *workers},
	}
	if *resamples == 0 {
		opts.Resamples = -1
	}
	s, err := lf.screenerWith(ctx, evaluate.SweepPolicy(policy, opts.Thresholds[0]))
	if err != nil {
		return fail(err)
	}
	ev, err := evaluate.Run(ctx, s, policy, labels, opts)
	if err != nil {
		return fail(err)
	}
	var sug *evaluate.Suggestion
	if *targetRecall > 0 || *targetBlock > 0 {
		sug, err = ev.Suggest(evaluate.Targets{Recall: *targetRecall, BlockPrecision: *targetBlock})
		if err != nil {
			return fail(err)
		}
	}
	if *writePolicy != "" {
		if err := evaluate.WritePolicyFile(*writePolicy, sug.Policy); err != nil {
			return fail(err)
		}
	}
	if *reportDir != "" {
		info := evaluate.ReportInfo{
			Generated:    time.Now(),
			LabelsSHA256: hex.EncodeToString(sum[:]),
			Command:      "payscreen eval " + strings.Join(evalQuoteArgs(args), " "),
		}
		if err := evaluate.WriteReport(*reportDir, ev, sug, info); err != nil {
			return fail(err)
		}
	}
	if *asJSON {
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
	if *writePolicy != "" {
		fmt.Fprintf(stderr, "payscreen eval: wrote the suggested policy to %s\n", *writePolicy)
	}
	if *reportDir != "" {
		fmt.Fprintf(stderr, "payscreen eval: wrote the report to %s\n", filepath.Join(*reportDir, evaluate.ReportHTML))
	}
	return exitOK
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

func evalIsJSONL(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
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
