package evaluate

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// sampleLabels reads ../testdata/labels/sample_labels.csv.
func sampleLabels(tb testing.TB) *Labels {
	tb.Helper()
	f, err := os.Open("../testdata/labels/sample_labels.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.csv", CSV)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func sampleSet(tb testing.TB) *lists.Set {
	tb.Helper()
	set, err := lists.Sample()
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// sampleEval evaluates the fixture against the built-in sample lists.
func sampleEval(tb testing.TB, p screening.Policy, opts Options) *Evaluation {
	tb.Helper()
	ev, err := Evaluate(context.Background(), sampleSet(tb), p, sampleLabels(tb), opts)
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}

// evShared returns the path of a file under ../../shared; the test is
// skipped when it is absent, except in CI, where it fails.
func evShared(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared file %s is required in CI: %v", rel, err)
		}
		tb.Skipf("shared file %s not present: %v", rel, err)
	}
	return p
}

func TestEvaluateSample(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{})
	o := ev.Overall
	// The fixture's rows, screened under the default policy (review 0.80,
	// block 0.95): every true match but p11 (a name the lists do not hold)
	// alerts on its entry; n04 (Iran) and n11 (North Korea) alert on their
	// country alone, n06 ("Han Chol", two tokens of "HAN, Chol Man") and
	// n08 ("Korea Bank of Trade" against "FOREIGN TRADE BANK") on names;
	// n03 has a listed name but a date of birth 30 years off, which
	// dismisses the match; n11 is blocked by its country.
	checks := []struct {
		name     string
		got      Ratio
		num, den int
	}{
		{"recall", o.Recall.Ratio, 14, 15},
		{"alert rate", o.AlertRate.Ratio, 4, 11},
		{"alert precision", o.AlertPrecision.Ratio, 14, 18},
		{"block precision", o.BlockPrecision.Ratio, 7, 8},
		{"block recall", o.BlockRecall.Ratio, 7, 7},
	}
	for _, c := range checks {
		if c.got.Num != c.num || c.got.Den != c.den {
			t.Errorf("%s %d/%d, want %d/%d", c.name, c.got.Num, c.got.Den, c.num, c.den)
		}
	}
	if o.Rows != 26 || o.Positives != 15 || o.Negatives != 11 || o.ExpectBlock != 7 || o.FlagAlerts != 2 {
		t.Errorf("overall %+v: want 26 rows, 15 positives, 11 negatives, 7 expected block, 2 flag-only alerts", o)
	}
	wantConf := [3][3]int{{7, 3, 1}, {1, 7, 0}, {0, 0, 7}}
	if o.Confusion != wantConf {
		t.Errorf("confusion %v, want %v", o.Confusion, wantConf)
	}
	if len(ev.Categories) != 2 || ev.Categories[0].Category != "organizations" || ev.Categories[1].Category != "people" ||
		ev.Categories[0].Rows+ev.Categories[1].Rows != o.Rows {
		t.Errorf("categories %+v: want organizations and people, sorted, covering every row", ev.Categories)
	}
	byID := map[string]RowOutcome{}
	for _, r := range ev.Rows {
		byID[r.PayeeID] = r
	}
	rows := []struct {
		id       string
		decision screening.Decision
		alerted  bool
		top      string
		reason   string
	}{
		{"p01", screening.Block, true, "ofac_sdn:42498", "listed name corroborated by the date of birth"},
		{"o01", screening.Block, true, "ofac_sdn:12312", "a listed BIC blocks"},
		{"p11", screening.Clear, false, "", "a name on no list is a miss"},
		{"n03", screening.Clear, false, "", "a date of birth 30 years off dismisses the name"},
		{"n04", screening.Review, true, "", "Iran is reviewed by the default policy: an alert with no match"},
		{"n11", screening.Block, true, "", "North Korea is blocked by the default policy"},
	}
	for _, r := range rows {
		got := byID[r.id]
		if got.Decision != r.decision || got.Alerted != r.alerted || got.Top != r.top {
			t.Errorf("%s: decision %s alerted %v top %q, want %s %v %q (%s)", r.id, got.Decision, got.Alerted, got.Top, r.decision, r.alerted, r.top, r.reason)
		}
	}
}

// TestRederivedDecisions checks the sweep's premise: the decision
// re-derived from a row screened down to the bottom of the sweep is the
// decision screening the row with the policy itself gives, for policies
// across the sweep and with overrides.
func TestRederivedDecisions(t *testing.T) {
	set := sampleSet(t)
	labels := sampleLabels(t)
	rederiveCheck(t, set, labels, testPolicies())
}

func testPolicies() []struct {
	name string
	p    screening.Policy
} {
	with := func(f func(p *screening.Policy)) screening.Policy {
		p := screening.DefaultPolicy()
		f(&p)
		return p
	}
	return []struct {
		name string
		p    screening.Policy
	}{
		{"default", screening.DefaultPolicy()},
		{"low", with(func(p *screening.Policy) { p.Review, p.Block = 0.65, 0.85 })},
		{"high", with(func(p *screening.Policy) { p.Review, p.Block = 0.93, 0.99 })},
		{"equal", with(func(p *screening.Policy) { p.Review, p.Block = 0.9, 0.9 })},
		{"source override", with(func(p *screening.Policy) {
			p.Sources = map[lists.ListID]screening.Thresholds{{Source: lists.UN}: {Review: 0.9, Block: 0.97}}
		})},
		{"program override", with(func(p *screening.Policy) {
			p.Programs = map[string]screening.Thresholds{"DPRK": {Review: 0.7}, "DPRK3": {Block: 0.9}}
		})},
	}
}

func rederiveCheck(t *testing.T, set *lists.Set, labels *Labels, policies []struct {
	name string
	p    screening.Policy
}) {
	t.Helper()
	ctx := context.Background()
	for _, tc := range policies {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := Evaluate(ctx, set, tc.p, labels, Options{Resamples: -1})
			if err != nil {
				t.Fatal(err)
			}
			s, err := screening.New(set, tc.p, screening.Options{})
			if err != nil {
				t.Fatal(err)
			}
			diff := 0
			for i, c := range labels.Cases {
				r, err := s.Screen(ctx, c.Payee)
				if err != nil {
					t.Fatal(err)
				}
				got := ev.Rows[i]
				wantAlert := r.Decision >= screening.Review
				if c.Label.Source != "" || c.Label.EntityID != "" {
					wantAlert = false
					for _, m := range r.Matches {
						f := factsOf(&screening.Result{Matches: []screening.Match{m}})
						if f.matches[0].wants(&c.Label) {
							wantAlert = true
						}
					}
				}
				if got.Decision != r.Decision || got.Alerted != wantAlert {
					diff++
					if diff <= 5 {
						t.Errorf("%s (line %d): re-derived %s alerted %v, screened %s alerted %v", c.Payee.ID, c.Line, got.Decision, got.Alerted, r.Decision, wantAlert)
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d of %d rows differ", diff, len(labels.Cases))
			}
		})
	}
}

// TestRederivedDecisionsShared runs the same check on the UN positives and
// the synthetic negatives against the real UN list.
func TestRederivedDecisionsShared(t *testing.T) {
	if testing.Short() {
		t.Skip("screens a thousand rows per policy")
	}
	dir := evShared(t, "lists/un/2026-02")
	set, err := lists.LoadDir(context.Background(), dir, lists.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var cases []Case
	for _, f := range []struct {
		file   string
		expect screening.Decision
	}{{"positives_un_treated.csv", screening.Review}, {"negatives_global.csv", screening.Clear}} {
		cases = append(cases, yenteCases(t, evShared(t, "eval-public/"+f.file), f.expect, 500)...)
	}
	policies := testPolicies()
	for i := range policies {
		policies[i].p.MaxListAge = "0"
	}
	rederiveCheck(t, set, &Labels{Name: "yente", Cases: cases}, policies[:4])
}

// yenteCases reads up to n rows of a yente fixture as cases.
func yenteCases(tb testing.TB, path string, expect screening.Decision, n int) []Case {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	// full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality
	rows, err := readCSVRecords(data)
	if err != nil {
		tb.Fatal(err)
	}
	var out []Case
	for i, r := range rows[1:] {
		if i == n {
			break
		}
		country := r[7]
		if code, ok := lists.CountryCode(country); ok {
			country = code
		}
		out = append(out, Case{Line: i + 2, Payee: screening.Payee{ID: fmt.Sprint(i + 1), Name: r[0], Type: screening.Person, DOB: r[5], Country: country},
			Label: Label{Expect: expect}})
	}
	return out
}

func TestSweep(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1})
	ts := ev.Thresholds()
	if len(ev.Sweep) != len(ts) || ts[0] != DefaultFloor || ts[len(ts)-1] != 1 || len(ts) != 41 {
		t.Fatalf("sweep of %d points over %v: want 0.60, 0.61, ..., 1.00", len(ev.Sweep), ts)
	}
	for i := 1; i < len(ev.Sweep); i++ {
		a, b := ev.Sweep[i-1], ev.Sweep[i]
		if b.Recall.Num > a.Recall.Num || b.AlertRate.Num > a.AlertRate.Num || b.BlockRecall.Num > a.BlockRecall.Num {
			t.Errorf("threshold %.2f -> %.2f: recall %d -> %d, alerts %d -> %d, block recall %d -> %d; a higher threshold never adds alerts or blocks",
				a.Threshold, b.Threshold, a.Recall.Num, b.Recall.Num, a.AlertRate.Num, b.AlertRate.Num, a.BlockRecall.Num, b.BlockRecall.Num)
		}
	}
	// The point at the policy's review threshold holds the overall alert
	// figures; the one at its block threshold the block figures.
	for _, p := range ev.Sweep {
		if p.Threshold == ev.Policy.Review && (p.Recall != ev.Overall.Recall.Ratio || p.AlertRate != ev.Overall.AlertRate.Ratio) {
			t.Errorf("at review %.2f: recall %+v alert rate %+v, overall %+v %+v", p.Threshold, p.Recall, p.AlertRate, ev.Overall.Recall.Ratio, ev.Overall.AlertRate.Ratio)
		}
		if p.Threshold == ev.Policy.Block && (p.BlockPrecision != ev.Overall.BlockPrecision.Ratio || p.BlockRecall != ev.Overall.BlockRecall.Ratio) {
			t.Errorf("at block %.2f: %+v %+v, overall %+v %+v", p.Threshold, p.BlockPrecision, p.BlockRecall, ev.Overall.BlockPrecision.Ratio, ev.Overall.BlockRecall.Ratio)
		}
	}
	// Below the policy's review threshold n09 ("Silver Star Consulting",
	// 0.62 against "VOLASYS SILVER STAR") alerts too.
	if got := ev.Sweep[0].AlertRate.Num; got != ev.Overall.AlertRate.Num+1 {
		t.Errorf("alerts at %.2f: %d, want one more than at the policy's %.2f (%d)", ts[0], got, ev.Policy.Review, ev.Overall.AlertRate.Num)
	}
}

func TestThresholdsFor(t *testing.T) {
	p := screening.DefaultPolicy()
	p.Sources = map[lists.ListID]screening.Thresholds{{Source: lists.UN}: {Review: 0.85}}
	p.Programs = map[string]screening.Thresholds{"DPRK": {Review: 0.7}, "SDGT": {Block: 0.9}, "IRGC": {Review: 0.75, Block: 0.97}}
	tests := []struct {
		src      lists.ListID
		programs []string
		dprk     bool
		want     screening.Thresholds
		reason   string
	}{
		{lists.ListID{Source: lists.OFACSDN}, nil, false, screening.Thresholds{Review: 0.8, Block: 0.95}, "the overall thresholds"},
		{lists.ListID{Source: lists.UN}, nil, false, screening.Thresholds{Review: 0.85, Block: 0.95}, "the source's review, the overall block"},
		{lists.ListID{Source: lists.UN}, nil, true, screening.Thresholds{Review: 0.7, Block: 0.95}, "the DPRK key over the source"},
		{lists.ListID{Source: lists.OFACSDN}, []string{"SDGT", "IRGC"}, false, screening.Thresholds{Review: 0.75, Block: 0.9}, "the lowest of several programs"},
	}
	for _, tt := range tests {
		if got := p.ThresholdsFor(tt.src, tt.programs, tt.dprk); got != tt.want {
			t.Errorf("ThresholdsFor(%s, %v, %v) = %+v, want %+v (%s)", tt.src, tt.programs, tt.dprk, got, tt.want, tt.reason)
		}
	}
}

func TestBootstrap(t *testing.T) {
	a := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 7, Resamples: 300})
	b := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 7, Resamples: 300})
	c := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 8, Resamples: 300})
	if !reflect.DeepEqual(a.Overall, b.Overall) || !reflect.DeepEqual(a.Categories, b.Categories) {
		t.Errorf("same seed, different intervals:\n%+v\n%+v", a.Overall, b.Overall)
	}
	if reflect.DeepEqual(a.Overall, c.Overall) {
		t.Errorf("seeds 7 and 8 gave the same intervals %+v: the seed is not used", a.Overall)
	}
	for _, e := range []Estimate{a.Overall.Recall, a.Overall.AlertRate, a.Overall.AlertPrecision, a.Overall.BlockPrecision} {
		if !(e.Low <= e.Value && e.Value <= e.High) || e.Low < 0 || e.High > 1 {
			t.Errorf("interval [%v, %v] does not hold %v", e.Low, e.High, e.Value)
		}
	}
	// 14 of 15: the interval must be wide on so few rows.
	if r := a.Overall.Recall; r.High-r.Low < 0.05 || r.High != 1 {
		t.Errorf("recall 14/15 interval [%v, %v]: want a wide one reaching 1", r.Low, r.High)
	}
	// Every expected-block row is blocked: every resample agrees.
	if r := a.Overall.BlockRecall; r.Low != 1 || r.High != 1 {
		t.Errorf("block recall 7/7 interval [%v, %v], want [1, 1]", r.Low, r.High)
	}
	off := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1})
	if r := off.Overall.Recall; r.Low != r.Value || r.High != r.Value {
		t.Errorf("intervals off: recall %+v, want low = high = value", r)
	}
}

func TestEvaluateErrors(t *testing.T) {
	ctx := context.Background()
	set := sampleSet(t)
	labels := sampleLabels(t)
	p := screening.DefaultPolicy()
	tests := []struct {
		name   string
		run    func() error
		want   error
		reason string
	}{
		{"thresholds not increasing", func() error {
			_, err := Evaluate(ctx, set, p, labels, Options{Thresholds: []float64{0.8, 0.7}})
			return err
		}, ErrOptions, "a sweep goes up"},
		{"threshold above 1", func() error {
			_, err := Evaluate(ctx, set, p, labels, Options{Thresholds: []float64{0.8, 1.2}})
			return err
		}, ErrOptions, "scores are at most 1"},
		{"confidence", func() error {
			_, err := Evaluate(ctx, set, p, labels, Options{Confidence: 1.5})
			return err
		}, ErrOptions, "a confidence level is below 1"},
		{"screener not swept", func() error {
			s, err := screening.New(set, p, screening.Options{})
			if err != nil {
				return err
			}
			_, err = Run(ctx, s, p, labels, Options{})
			return err
		}, ErrSweepScreener, "a screener at the policy's own thresholds misses what a lower one would find"},
		{"no labels", func() error {
			_, err := Evaluate(ctx, set, p, &Labels{}, Options{})
			return err
		}, ErrNoLabels, "nothing to measure"},
		{"cancelled", func() error {
			c, cancel := context.WithCancel(ctx)
			cancel()
			_, err := Evaluate(c, set, p, labels, Options{})
			return err
		}, context.Canceled, "a cancelled run is an error, never partial figures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v (%s)", err, tt.want, tt.reason)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1})
	p := screening.DefaultPolicy()
	p.Review = 0.5
	if _, _, err := ev.Measure(p); !errors.Is(err, ErrSweepScreener) {
		t.Errorf("measuring a policy reviewing at 0.5 on a sweep from 0.60: error %v, want ErrSweepScreener", err)
	}
	p.Review, p.Block = 0.96, 0.96
	m, _, err := ev.Measure(p)
	if err != nil {
		t.Fatal(err)
	}
	var pt Point
	for _, x := range ev.Sweep {
		if x.Threshold == 0.96 {
			pt = x
		}
	}
	if m.Recall.Ratio != pt.Recall || m.BlockPrecision.Ratio != pt.BlockPrecision {
		t.Errorf("Measure at 0.96: recall %+v block precision %+v; the sweep says %+v %+v", m.Recall.Ratio, m.BlockPrecision.Ratio, pt.Recall, pt.BlockPrecision)
	}
}

func BenchmarkEvaluateSample(b *testing.B) {
	set := sampleSet(b)
	labels := sampleLabels(b)
	ctx := context.Background()
	p := screening.DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(ctx, set, p, labels, Options{Resamples: 200}); err != nil {
			b.Fatal(err)
		}
	}
}

func readCSVRecords(data []byte) ([][]string, error) {
	return csv.NewReader(bytes.NewReader(data)).ReadAll()
}

// BenchmarkSweepShared measures what an evaluation adds to screening: the
// sweep and the bootstrap over 1,000 rows (500 UN positives, 500
// negatives) screened against the real UN list.
func BenchmarkSweepShared(b *testing.B) {
	dir := evShared(b, "lists/un/2026-02")
	set, err := lists.LoadDir(context.Background(), dir, lists.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	cases := yenteCases(b, evShared(b, "eval-public/positives_un_treated.csv"), screening.Review, 500)
	cases = append(cases, yenteCases(b, evShared(b, "eval-public/negatives_global.csv"), screening.Clear, 500)...)
	p := screening.DefaultPolicy()
	p.MaxListAge = "0"
	ev, err := Evaluate(context.Background(), set, p, &Labels{Name: "yente", Cases: cases}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ev.sweep()
		ev.measure(&p)
	}
}
