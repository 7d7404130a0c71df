package evaluate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// Defaults of [Options].
const (
	DefaultFloor      = 0.60 // the lowest swept threshold
	DefaultStep       = 0.01 // the sweep's step
	DefaultResamples  = 1000 // bootstrap resamples
	DefaultSeed       = 1    // bootstrap seed
	DefaultConfidence = 0.95 // confidence level of the intervals
)

// Options configure an evaluation. The zero value uses the defaults.
type Options struct {
	// Thresholds are the name-score thresholds swept, in increasing order;
	// nil means DefaultFloor to 1.00 by DefaultStep.
	Thresholds []float64
	// Resamples is the number of bootstrap resamples (0: DefaultResamples;
	// negative: no intervals).
	Resamples int
	// Seed seeds the bootstrap's random numbers (0: DefaultSeed). The same
	// seed and inputs give the same intervals.
	Seed uint64
	// Confidence is the level of the intervals (0: DefaultConfidence).
	Confidence float64
	// Batch configures the screening run.
	Batch screening.BatchOptions
	// Screening configures the Screener that [Evaluate] builds.
	Screening screening.Options
}

func (o *Options) fill() error {
	if o.Thresholds == nil {
		n := int(math.Round((1-DefaultFloor)/DefaultStep)) + 1
		o.Thresholds = make([]float64, n)
		for i := range n {
			o.Thresholds[i] = math.Round((DefaultFloor+float64(i)*DefaultStep)*1e4) / 1e4
		}
	}
	if len(o.Thresholds) == 0 {
		return fmt.Errorf("%w: no thresholds to sweep", ErrOptions)
	}
	for i, t := range o.Thresholds {
		if t <= 0 || t > 1 || (i > 0 && t <= o.Thresholds[i-1]) {
			return fmt.Errorf("%w: thresholds must increase within (0,1], got %v", ErrOptions, o.Thresholds)
		}
	}
	if o.Resamples == 0 {
		o.Resamples = DefaultResamples
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Confidence == 0 {
		o.Confidence = DefaultConfidence
	}
	if o.Confidence <= 0 || o.Confidence >= 1 {
		return fmt.Errorf("%w: confidence must be in (0,1), got %v", ErrOptions, o.Confidence)
	}
	return nil
}

// Errors of an evaluation.
var (
	// ErrOptions: the options are invalid.
	ErrOptions = errors.New("invalid evaluation options")
	// ErrSweepScreener: the Screener given to [Run] was not built with
	// the sweep policy.
	ErrSweepScreener = errors.New("screener does not screen down to the bottom of the sweep")
	// ErrRow: a labelled row could not be screened.
	ErrRow = errors.New("row could not be screened")
)

// Ratio is a share: Num of Den. Value is 0 when Den is 0 (undefined).
type Ratio struct {
	Value float64 `json:"value"`
	Num   int     `json:"num"`
	Den   int     `json:"den"`
}

func ratio(num, den int) Ratio {
	r := Ratio{Num: num, Den: den}
	if den > 0 {
		r.Value = float64(num) / float64(den)
	}
	return r
}

// Defined reports whether the share has a denominator.
func (r Ratio) Defined() bool { return r.Den > 0 }

// Estimate is a share with its bootstrap percentile confidence interval
// [Low, High] (equal to Value when intervals are off or undefined).
type Estimate struct {
	Ratio
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Metrics are the figures of a set of labelled rows under one policy.
type Metrics struct {
	Rows        int `json:"rows"`
	Positives   int `json:"positives"`    // rows expected review or block
	Negatives   int `json:"negatives"`    // rows expected clear
	ExpectBlock int `json:"expect_block"` // rows expected block
	// Recall: of the positives, the share that alerted (on the source or
	// entity the label names, if it names one).
	Recall Estimate `json:"recall"`
	// AlertRate: of the negatives, the share that alerted.
	AlertRate Estimate `json:"alert_rate"`
	// AlertPrecision: of the rows that alerted, the share of positives.
	AlertPrecision Estimate `json:"alert_precision"`
	// BlockPrecision: of the rows decided block, the share expected block.
	BlockPrecision Estimate `json:"block_precision"`
	// BlockRecall: of the rows expected block, the share decided block.
	BlockRecall Estimate `json:"block_recall"`
	// FlagAlerts counts the negatives that alerted on flags alone (a
	// sanctioned country, an invalid identifier) with no match: no
	// threshold changes them.
	FlagAlerts int `json:"flag_alerts"`
	// Confusion counts rows by expected (first index) and decided (second
	// index) decision: Clear, Review, Block.
	Confusion [3][3]int `json:"confusion"`
}

// CategoryMetrics are the figures of one category.
type CategoryMetrics struct {
	Category string `json:"category"`
	Metrics
}

// Point is the figures at one threshold of the sweep: the alert figures
// with the review threshold at Threshold, the block figures with the
// block threshold at Threshold.
type Point struct {
	Threshold      float64 `json:"threshold"`
	Recall         Ratio   `json:"recall"`
	AlertRate      Ratio   `json:"alert_rate"`
	AlertPrecision Ratio   `json:"alert_precision"`
	BlockPrecision Ratio   `json:"block_precision"`
	BlockRecall    Ratio   `json:"block_recall"`
}

// RowOutcome is one labelled row's outcome under the evaluated policy.
type RowOutcome struct {
	Line     int                `json:"line"`
	PayeeID  string             `json:"payee_id"`
	Label    Label              `json:"label"`
	Decision screening.Decision `json:"decision"`
	// Alerted: the row counts as an alert (see [Metrics.Recall]).
	Alerted bool `json:"alerted"`
	// Score is the best name score of the matches the label asks for (all
	// matches if it names none) down to the bottom of the sweep; 0 when
	// no name scored that high.
	Score float64 `json:"score"`
	// Top is the top match under the policy as "source:entity_id", empty
	// without one.
	Top string `json:"top,omitempty"`
}

// Correct reports whether the row's outcome agrees with its label: an
// alert for a positive, none for a negative.
func (o *RowOutcome) Correct() bool { return o.Alerted == o.Label.Positive() }

// Evaluation is the outcome of screening a labels file under a policy.
// It is not safe for concurrent use.
type Evaluation struct {
	Labels      string            `json:"labels"`
	HasCategory bool              `json:"has_category"`
	Policy      screening.Policy  `json:"policy"`
	Lists       []lists.Version   `json:"lists"`
	Sample      bool              `json:"sample"` // the lists are the built-in SAMPLE lists
	Resamples   int               `json:"resamples"`
	Seed        uint64            `json:"seed"`
	Confidence  float64           `json:"confidence"`
	Overall     Metrics           `json:"overall"`
	Categories  []CategoryMetrics `json:"categories,omitempty"`
	Sweep       []Point           `json:"sweep"`
	Rows        []RowOutcome      `json:"rows"`
	cases       []Case
	facts       []rowFacts
	opts        Options
}

// SweepPolicy returns p with every review threshold lowered to floor (if
// above it): a Screener built with it reports every match that a review
// threshold at or above floor could produce.
func SweepPolicy(p screening.Policy, floor float64) screening.Policy {
	q := p
	q.Review = min(p.Review, floor)
	q.Sources = lowerReview(p.Sources, floor)
	q.Programs = lowerReview(p.Programs, floor)
	return q
}

// lowerReview returns a copy of m with every review threshold set lowered
// to floor.
func lowerReview[K comparable](m map[K]screening.Thresholds, floor float64) map[K]screening.Thresholds {
	if m == nil {
		return nil
	}
	out := make(map[K]screening.Thresholds, len(m))
	for k, t := range m {
		if t.Review > 0 {
			t.Review = min(t.Review, floor)
		}
		out[k] = t
	}
	return out
}

// Evaluate screens every labelled row against set once, under
// [SweepPolicy] of p, and measures p and the sweep. See [Run].
func Evaluate(ctx context.Context, set *lists.Set, p screening.Policy, labels *Labels, opts Options) (*Evaluation, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s, err := screening.New(set, SweepPolicy(p, opts.Thresholds[0]), opts.Screening)
	if err != nil {
		return nil, err
	}
	return Run(ctx, s, p, labels, opts)
}

// Run screens every labelled row with s and measures policy p: the
// figures at p's thresholds overall and per category with their intervals,
// and the sweep. s must have been built with SweepPolicy(p, floor) for a
// floor at or below the lowest swept threshold, over the lists p is meant
// for; otherwise the error wraps [ErrSweepScreener]. A row that cannot be
// screened is an error wrapping [ErrRow].
func Run(ctx context.Context, s *screening.Screener, p screening.Policy, labels *Labels, opts Options) (*Evaluation, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if labels == nil || len(labels.Cases) == 0 {
		return nil, ErrNoLabels
	}
	sp := s.Policy()
	floor := min(opts.Thresholds[0], minReview(&p))
	if minReview(&sp) > floor || sp.Block != p.Block {
		return nil, fmt.Errorf("%w: its review threshold is %v, the sweep starts at %v", ErrSweepScreener, minReview(&sp), floor)
	}
	ev := &Evaluation{
		Labels:      labels.Name,
		HasCategory: labels.HasCategory,
		Policy:      p,
		Lists:       s.Versions(),
		Resamples:   max(opts.Resamples, 0),
		Seed:        opts.Seed,
		Confidence:  opts.Confidence,
		cases:       labels.Cases,
		facts:       make([]rowFacts, len(labels.Cases)),
		opts:        opts,
	}
	for _, v := range ev.Lists {
		ev.Sample = ev.Sample || v.Sample
	}
	rr := &caseReader{cases: labels.Cases}
	err := s.ScreenBatch(ctx, rr, opts.Batch, func(r screening.RowResult) error {
		i := r.Row.Line - 1
		if r.Err != nil {
			return fmt.Errorf("%s:%d: %w: %w", labels.Name, labels.Cases[i].Line, ErrRow, r.Err)
		}
		ev.facts[i] = factsOf(&r.Result)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev.Overall, ev.Categories = ev.measure(&p)
	ev.Rows = ev.outcomes(&p)
	ev.Sweep = ev.sweep()
	return ev, nil
}

// minReview is the lowest review threshold of p over every override.
func minReview(p *screening.Policy) float64 {
	t := p.Review
	for _, o := range p.Sources {
		if o.Review > 0 {
			t = min(t, o.Review)
		}
	}
	for _, o := range p.Programs {
		if o.Review > 0 {
			t = min(t, o.Review)
		}
	}
	return t
}

// caseReader feeds the cases to a batch; Row.Line is the case's index + 1.
type caseReader struct {
	cases []Case
	next  int
}

func (c *caseReader) Read() (screening.Row, error) {
	if c.next >= len(c.cases) {
		return screening.Row{}, io.EOF
	}
	c.next++
	return screening.Row{Line: c.next, Payee: c.cases[c.next-1].Payee}, nil
}

// Measure returns the figures of policy p, overall and per category, by
// re-deriving the decisions from the screened rows. p must not review
// below the bottom of the evaluation's sweep (the error wraps
// [ErrSweepScreener]).
func (e *Evaluation) Measure(p screening.Policy) (Metrics, []CategoryMetrics, error) {
	if err := p.Validate(); err != nil {
		return Metrics{}, nil, err
	}
	if minReview(&p) < min(e.opts.Thresholds[0], minReview(&e.Policy)) {
		return Metrics{}, nil, fmt.Errorf("%w: policy reviews at %v", ErrSweepScreener, minReview(&p))
	}
	o, c := e.measure(&p)
	return o, c, nil
}

// obs is one row's outcome as the metrics count it.
type obs uint8

const (
	obsPos obs = 1 << iota
	obsNeg
	obsExpBlock
	obsAlerted
	obsBlocked
	obsFlagOnly
)

func (e *Evaluation) observe(p *screening.Policy) ([]obs, []verdict) {
	out := make([]obs, len(e.cases))
	vs := make([]verdict, len(e.cases))
	for i := range e.cases {
		l := &e.cases[i].Label
		v := e.facts[i].judge(p, l)
		vs[i] = v
		var o obs
		if l.Positive() {
			o |= obsPos
		} else {
			o |= obsNeg
		}
		if l.Expect == screening.Block {
			o |= obsExpBlock
		}
		if v.alerted(l) {
			o |= obsAlerted
			if !v.matched {
				o |= obsFlagOnly
			}
		}
		if v.decision == screening.Block {
			o |= obsBlocked
		}
		out[i] = o
	}
	return out, vs
}

// counts are the tallies behind the ratios.
type counts struct {
	rows, pos, neg, expBlock, recalled, negAlerts, alerts, blocked, blockedRight, flagOnly int
}

func (c *counts) add(o obs) {
	c.rows++
	has := func(f obs) bool { return o&f != 0 }
	switch {
	case has(obsPos):
		c.pos++
		if has(obsAlerted) {
			c.recalled++
		}
	case has(obsNeg):
		c.neg++
		if has(obsAlerted) {
			c.negAlerts++
			if has(obsFlagOnly) {
				c.flagOnly++
			}
		}
	}
	if has(obsAlerted) {
		c.alerts++
	}
	if has(obsExpBlock) {
		c.expBlock++
	}
	if has(obsBlocked) {
		c.blocked++
		if has(obsExpBlock) {
			c.blockedRight++
		}
	}
}

// ratios returns recall, alert rate, alert precision, block precision and
// block recall, in that order.
func (c *counts) ratios() [5]Ratio {
	return [5]Ratio{
		ratio(c.recalled, c.pos),
		ratio(c.negAlerts, c.neg),
		ratio(c.recalled, c.alerts),
		ratio(c.blockedRight, c.blocked),
		ratio(c.blockedRight, c.expBlock),
	}
}

func (e *Evaluation) measure(p *screening.Policy) (Metrics, []CategoryMetrics) {
	ob, vs := e.observe(p)
	all := make([]int, len(ob))
	byCat := map[string][]int{}
	for i := range ob {
		all[i] = i
		if e.HasCategory {
			c := e.cases[i].Label.Category
			byCat[c] = append(byCat[c], i)
		}
	}
	group := func(idx []int, stream uint64) Metrics {
		var c counts
		var m Metrics
		for _, i := range idx {
			c.add(ob[i])
			m.Confusion[e.cases[i].Label.Expect][vs[i].decision]++
		}
		m.Rows, m.Positives, m.Negatives, m.ExpectBlock, m.FlagAlerts = c.rows, c.pos, c.neg, c.expBlock, c.flagOnly
		est := bootstrap(ob, idx, c.ratios(), e.Resamples, e.Seed, stream, e.Confidence)
		m.Recall, m.AlertRate, m.AlertPrecision, m.BlockPrecision, m.BlockRecall = est[0], est[1], est[2], est[3], est[4]
		return m
	}
	overall := group(all, 0)
	var cats []CategoryMetrics
	for k, name := range slices.Sorted(maps.Keys(byCat)) {
		cats = append(cats, CategoryMetrics{Category: name, Metrics: group(byCat[name], uint64(k+1))})
	}
	return overall, cats
}

func (e *Evaluation) outcomes(p *screening.Policy) []RowOutcome {
	_, vs := e.observe(p)
	out := make([]RowOutcome, len(e.cases))
	for i := range e.cases {
		c := &e.cases[i]
		f := &e.facts[i]
		out[i] = RowOutcome{
			Line:     c.Line,
			PayeeID:  c.Payee.ID,
			Label:    c.Label,
			Decision: vs[i].decision,
			Alerted:  vs[i].alerted(&c.Label),
			Score:    f.bestScore(&c.Label),
			Top:      vs[i].top,
		}
	}
	return out
}

// sweep computes the figures at every swept threshold.
func (e *Evaluation) sweep() []Point {
	pts := make([]Point, len(e.opts.Thresholds))
	for i, t := range e.opts.Thresholds {
		pr := e.Policy
		pr.Review, pr.Block = t, max(e.Policy.Block, t)
		ob, _ := e.observe(&pr)
		var c counts
		for _, o := range ob {
			c.add(o)
		}
		r := c.ratios()
		pb := e.Policy
		pb.Review, pb.Block = min(e.Policy.Review, t), t
		ob, _ = e.observe(&pb)
		var cb counts
		for _, o := range ob {
			cb.add(o)
		}
		rb := cb.ratios()
		pts[i] = Point{Threshold: t, Recall: r[0], AlertRate: r[1], AlertPrecision: r[2], BlockPrecision: rb[3], BlockRecall: rb[4]}
	}
	return pts
}

// Thresholds returns the swept thresholds.
func (e *Evaluation) Thresholds() []float64 { return slices.Clone(e.opts.Thresholds) }

// scoresByLabel returns the rows' scores for positives and negatives, for
// the score distributions.
func (e *Evaluation) scoresByLabel() (pos, neg []float64) {
	for _, r := range e.Rows {
		if r.Label.Positive() {
			pos = append(pos, r.Score)
		} else {
			neg = append(neg, r.Score)
		}
	}
	sort.Float64s(pos)
	sort.Float64s(neg)
	return pos, neg
}
