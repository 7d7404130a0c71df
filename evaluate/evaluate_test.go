package evaluate

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// sampleLabels reads ../testdata/labels/sample_labels.csv.
func sampleLabels(tb testing.TB) *Labels {
	tb.Helper()
	f, err := os.Open("../testdata/labels/sample_labels.csv")
	require.NoError(tb, err)
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.csv", CSV)
	require.NoError(tb, err)
	return l
}

func sampleSet(tb testing.TB) *lists.Set {
	tb.Helper()
	set, err := lists.Sample()
	require.NoError(tb, err)
	return set
}

// sampleEval evaluates the fixture against the built-in sample lists.
func sampleEval(tb testing.TB, p screening.Policy, opts Options) *Evaluation {
	tb.Helper()
	ev, err := Evaluate(context.Background(), sampleSet(tb), p, sampleLabels(tb), opts)
	require.NoError(tb, err)
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
		assert.Equal(t, [2]int{c.num, c.den}, [2]int{c.got.Num, c.got.Den}, "%s num/den", c.name)
	}
	assert.Equal(t, 26, o.Rows, "rows")
	assert.Equal(t, 15, o.Positives, "positives")
	assert.Equal(t, 11, o.Negatives, "negatives")
	assert.Equal(t, 7, o.ExpectBlock, "expected block")
	assert.Equal(t, 2, o.FlagAlerts, "flag-only alerts")
	assert.Equal(t, [3][3]int{{7, 3, 1}, {1, 7, 0}, {0, 0, 7}}, o.Confusion, "confusion")
	require.Len(t, ev.Categories, 2, "categories: organizations and people")
	assert.Equal(t, "organizations", ev.Categories[0].Category, "categories sorted")
	assert.Equal(t, "people", ev.Categories[1].Category, "categories sorted")
	assert.Equal(t, o.Rows, ev.Categories[0].Rows+ev.Categories[1].Rows, "the categories cover every row")
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
		assert.Equal(t, r.decision, got.Decision, "%s decision (%s)", r.id, r.reason)
		assert.Equal(t, r.alerted, got.Alerted, "%s alerted (%s)", r.id, r.reason)
		assert.Equal(t, r.top, got.Top, "%s top match (%s)", r.id, r.reason)
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
			require.NoError(t, err)
			s, err := screening.New(set, tc.p, screening.Options{})
			require.NoError(t, err)
			diff := 0
			for i, c := range labels.Cases {
				r, err := s.Screen(ctx, c.Payee)
				require.NoError(t, err, "%s (line %d)", c.Payee.ID, c.Line)
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
	require.NoError(t, err)
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
	require.NoError(tb, err)
	// full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality
	rows, err := readCSVRecords(data)
	require.NoError(tb, err)
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
	require.Len(t, ts, 41, "thresholds 0.60, 0.61, ..., 1.00")
	require.Len(t, ev.Sweep, len(ts), "one sweep point per threshold")
	require.Equal(t, DefaultFloor, ts[0], "the sweep starts at the floor")
	require.Equal(t, 1.0, ts[len(ts)-1], "the sweep ends at 1")
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
	assert.Equal(t, ev.Overall.AlertRate.Num+1, ev.Sweep[0].AlertRate.Num,
		"alerts at %.2f: want one more than at the policy's %.2f", ts[0], ev.Policy.Review)
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
		assert.Equal(t, tt.want, p.ThresholdsFor(tt.src, tt.programs, tt.dprk),
			"ThresholdsFor(%s, %v, %v) (%s)", tt.src, tt.programs, tt.dprk, tt.reason)
	}
}

func TestBootstrap(t *testing.T) {
	a := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 7, Resamples: 300})
	b := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 7, Resamples: 300})
	c := sampleEval(t, screening.DefaultPolicy(), Options{Seed: 8, Resamples: 300})
	assert.Equal(t, a.Overall, b.Overall, "same seed, same overall intervals")
	assert.Equal(t, a.Categories, b.Categories, "same seed, same category intervals")
	assert.NotEqual(t, a.Overall, c.Overall, "seeds 7 and 8 gave the same intervals: the seed is not used")
	for _, e := range []Estimate{a.Overall.Recall, a.Overall.AlertRate, a.Overall.AlertPrecision, a.Overall.BlockPrecision} {
		assert.True(t, e.Low <= e.Value && e.Value <= e.High && e.Low >= 0 && e.High <= 1,
			"interval [%v, %v] does not hold %v within [0, 1]", e.Low, e.High, e.Value)
	}
	// 14 of 15: the interval must be wide on so few rows.
	r := a.Overall.Recall
	assert.GreaterOrEqual(t, r.High-r.Low, 0.05, "recall 14/15 interval [%v, %v]: want a wide one", r.Low, r.High)
	assert.Equal(t, 1.0, r.High, "recall 14/15 interval reaches 1")
	// Every expected-block row is blocked: every resample agrees.
	br := a.Overall.BlockRecall
	assert.Equal(t, [2]float64{1, 1}, [2]float64{br.Low, br.High}, "block recall 7/7 interval")
	off := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1}).Overall.Recall
	assert.Equal(t, [2]float64{off.Value, off.Value}, [2]float64{off.Low, off.High}, "intervals off: low = high = value")
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
			assert.ErrorIs(t, tt.run(), tt.want, tt.reason)
		})
	}
}

func TestMeasure(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1})
	p := screening.DefaultPolicy()
	p.Review = 0.5
	_, _, err := ev.Measure(p)
	assert.ErrorIs(t, err, ErrSweepScreener, "measuring a policy reviewing at 0.5 on a sweep from 0.60")
	p.Review, p.Block = 0.96, 0.96
	m, _, err := ev.Measure(p)
	require.NoError(t, err)
	var pt Point
	for _, x := range ev.Sweep {
		if x.Threshold == 0.96 {
			pt = x
		}
	}
	require.Equal(t, 0.96, pt.Threshold, "the sweep has a point at 0.96")
	assert.Equal(t, pt.Recall, m.Recall.Ratio, "Measure at 0.96: recall as the sweep says")
	assert.Equal(t, pt.BlockPrecision, m.BlockPrecision.Ratio, "Measure at 0.96: block precision as the sweep says")
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
