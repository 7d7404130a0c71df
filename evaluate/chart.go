package evaluate

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Chart colours: the Okabe-Ito palette, readable with colour blindness
// and in grey print.
const (
	colBlue   = "#0072B2"
	colRed    = "#D55E00"
	colGreen  = "#009E73"
	colPurple = "#CC79A7"
	colOrange = "#E69F00"
	colGrey   = "#555555"
)

// svgChart is a chart ready for the report template: every coordinate is
// computed here, the template only writes elements.
type svgChart struct {
	ID, Title, Desc string
	W, H            int
	X0, Y0, X1, Y1  float64 // plot area
	PW, PH          float64 // its width and height
	XMid, YMid      float64 // its centre, for the axis labels
	XLabel, YLabel  string
	XTicks, YTicks  []svgTick
	Lines           []svgLine
	Bars            []svgBar
	Markers         []svgMarker
	Legend          []svgLegend
}

type svgTick struct {
	Pos   float64
	Label string
}

type svgLine struct {
	Name, Color, Dash string
	Points            string // "x,y x,y ..."
	Dots              []svgDot
}

type svgDot struct {
	X, Y  float64
	Title string
}

type svgBar struct {
	X, Y, W, H float64
	Color      string
	Title      string
}

type svgMarker struct {
	X          float64
	Label      string
	Color      string
	Dash       string
	LabelY     float64
	LabelAnchr string
}

type svgLegend struct {
	X, Y        float64 // top left of the key
	X2, LY      float64 // end and height of a line key
	TX, TY      float64 // the name's position
	Color, Name string
	Dash        string
	Box         bool
}

// chartFrame maps data coordinates to the plot area: x in [xmin,xmax],
// y in [ymin,ymax], or log10 of y in [ymin,ymax] when ylog is set.
type chartFrame struct {
	c          *svgChart
	xmin, xmax float64
	ymin, ymax float64
	ylog       bool
}

// newChart starts a chart with x ticks every xstep and y ticks every
// ystep (for ylog: at the powers of ten).
func newChart(id, title, desc, xlabel, ylabel string, xmin, xmax, xstep, ymin, ymax, ystep float64, ylog bool) *chartFrame {
	c := &svgChart{ID: id, Title: title, Desc: desc, W: 860, H: 400, X0: 64, Y0: 60, X1: 540, Y1: 350, XLabel: xlabel, YLabel: ylabel}
	c.PW, c.PH, c.XMid, c.YMid = c.X1-c.X0, c.Y1-c.Y0, (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
	f := &chartFrame{c: c, xmin: xmin, xmax: xmax, ymin: ymin, ymax: ymax, ylog: ylog}
	if ylog {
		for e := math.Ceil(ymin); e <= ymax+1e-9; e++ {
			c.YTicks = append(c.YTicks, svgTick{Pos: f.yRaw(e), Label: fmt.Sprintf("%.0f", math.Pow(10, e))})
		}
	} else {
		for _, v := range ticks(ymin, ymax, ystep) {
			c.YTicks = append(c.YTicks, svgTick{Pos: f.y(v), Label: tickLabel(v, ystep)})
		}
	}
	for _, v := range ticks(xmin, xmax, xstep) {
		c.XTicks = append(c.XTicks, svgTick{Pos: f.x(v), Label: tickLabel(v, xstep)})
	}
	return f
}

// ticks returns the multiples of step in [lo, hi].
func ticks(lo, hi, step float64) []float64 {
	var out []float64
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+1e-9; i++ {
		out = append(out, i*step)
	}
	return out
}

// tickLabel formats v with as many decimals as step needs; never "-0".
func tickLabel(v, step float64) string {
	d := 1
	switch {
	case step < 0.01-1e-12:
		d = 3
	case step < 0.1-1e-12:
		d = 2
	}
	s := fmt.Sprintf("%.*f", d, v)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// niceStep returns the smallest of 0.001, 0.002, 0.005, 0.01, ... 0.5
// that cuts span into at most 10 steps.
func niceStep(span float64) float64 {
	for _, st := range []float64{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5} {
		if span/st <= 10+1e-9 {
			return st
		}
	}
	return 1
}

// shareRange returns a y range in [0,1] around the defined values, snapped
// to a nice step, and the step.
func shareRange(vals []float64) (lo, hi, step float64) {
	if len(vals) == 0 {
		return 0, 1, 0.1
	}
	mn, mx := slices.Min(vals), slices.Max(vals)
	pad := max((mx-mn)*0.1, 0.005)
	lo, hi = max(0, mn-pad), min(1, mx+pad)
	step = niceStep(hi - lo)
	lo = math.Floor(lo/step+1e-9) * step
	hi = math.Min(1, math.Ceil(hi/step-1e-9)*step)
	return lo, hi, step
}

func (f *chartFrame) x(v float64) float64 {
	return round2(f.c.X0 + (v-f.xmin)/(f.xmax-f.xmin)*(f.c.X1-f.c.X0))
}

// y maps a value (for ylog: a count) to its height.
func (f *chartFrame) y(v float64) float64 {
	if f.ylog {
		return f.yRaw(math.Log10(v))
	}
	return f.yRaw(v)
}

func (f *chartFrame) yRaw(v float64) float64 {
	return round2(f.c.Y1 - (v-f.ymin)/(f.ymax-f.ymin)*(f.c.Y1-f.c.Y0))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// line adds a series; points with ok false are gaps (undefined values).
func (f *chartFrame) line(name, color, dash string, xs []float64, ys []float64, ok []bool, titles []string) {
	l := svgLine{Name: name, Color: color, Dash: dash}
	var b strings.Builder
	for i := range xs {
		if !ok[i] {
			continue
		}
		x, y := f.x(xs[i]), f.y(ys[i])
		fmt.Fprintf(&b, "%g,%g ", x, y)
		l.Dots = append(l.Dots, svgDot{X: x, Y: y, Title: titles[i]})
	}
	l.Points = strings.TrimSpace(b.String())
	f.c.Lines = append(f.c.Lines, l)
	f.legend(name, color, dash, false)
}

func (f *chartFrame) legend(name, color, dash string, box bool) {
	n := len(f.c.Legend)
	x, y := f.c.X1+16, f.c.Y0+8+float64(n)*22
	f.c.Legend = append(f.c.Legend, svgLegend{X: x, Y: y, X2: x + 22, LY: y + 5, TX: x + 28, TY: y + 9, Color: color, Name: name, Dash: dash, Box: box})
}

// marker adds a vertical line at x with a label; rows of labels are
// staggered so that close markers stay readable.
func (f *chartFrame) marker(x float64, label, color, dash string) {
	if x < f.xmin || x > f.xmax {
		return
	}
	n := len(f.c.Markers)
	anchor := "middle"
	switch px := f.x(x); {
	case px-f.c.X0 < 60:
		anchor = "start"
	case f.c.X1-px < 60:
		anchor = "end"
	}
	f.c.Markers = append(f.c.Markers, svgMarker{X: f.x(x), Label: label, Color: color, Dash: dash,
		LabelY: f.c.Y0 - 6 - float64(n)*13, LabelAnchr: anchor})
}

// sweepChart plots the ratios get returns against the swept thresholds,
// zoomed to their values.
func sweepChart(e *Evaluation, id, title, desc, xlabel string, series []sweepSeriesDef, markers []svgMarkerDef) *svgChart {
	ts := e.Thresholds()
	var vals []float64
	for _, sr := range series {
		for _, p := range e.Sweep {
			if r := sr.get(p); r.Defined() {
				vals = append(vals, r.Value)
			}
		}
	}
	lo, hi, ystep := shareRange(vals)
	xmin, xmax := ts[0], ts[len(ts)-1]
	f := newChart(id, title, desc, xlabel, "share", xmin, xmax, niceStep(xmax-xmin), lo, hi, ystep, false)
	for _, sr := range series {
		var xs, ys []float64
		var ok []bool
		var titles []string
		for _, p := range e.Sweep {
			r := sr.get(p)
			xs = append(xs, p.Threshold)
			ys = append(ys, r.Value)
			ok = append(ok, r.Defined())
			titles = append(titles, thresholdTitle(p.Threshold, sr.name, r))
		}
		f.line(sr.name, sr.color, sr.dash, xs, ys, ok, titles)
	}
	for _, m := range markers {
		f.marker(m.x, m.label, m.color, m.dash)
	}
	return f.c
}

type sweepSeriesDef struct {
	name, color, dash string
	get               func(Point) Ratio
}

type svgMarkerDef struct {
	x                  float64
	label, color, dash string
}

// thresholdMarkers marks the policy's threshold and the suggested one.
func thresholdMarkers(what string, policy float64, suggested *float64) []svgMarkerDef {
	m := []svgMarkerDef{{policy, fmt.Sprintf("policy %s %.2f", what, policy), colGrey, "4 4"}}
	if suggested != nil && *suggested != policy {
		m = append(m, svgMarkerDef{*suggested, fmt.Sprintf("suggested %s %.2f", what, *suggested), colPurple, ""})
	}
	return m
}

// alertCharts plot recall and alert precision, then the alert rate on
// non-matches, against the review threshold.
func alertCharts(e *Evaluation, s *Suggestion) []*svgChart {
	var sug *float64
	if s != nil {
		sug = &s.Review
	}
	recall := sweepChart(e, "recall", "Recall against the review threshold",
		"Recall of true matches and the share of alerts that are true matches, as the review threshold moves (the y axis is zoomed to the values).",
		"review threshold (name score)", []sweepSeriesDef{
			{"recall of true matches", colBlue, "", func(p Point) Ratio { return p.Recall }},
			{"alert precision", colGreen, "2 3", func(p Point) Ratio { return p.AlertPrecision }},
		}, thresholdMarkers("review", e.Policy.Review, sug))
	alerts := sweepChart(e, "alert-rate", "Alert rate against the review threshold",
		"The share of non-matches that alert, as the review threshold moves (the y axis is zoomed to the values). Alerts from flags alone, which no threshold moves, keep it above zero.",
		"review threshold (name score)", []sweepSeriesDef{
			{"alert rate on non-matches", colRed, "", func(p Point) Ratio { return p.AlertRate }},
		}, thresholdMarkers("review", e.Policy.Review, sug))
	return []*svgChart{recall, alerts}
}

// blockChart plots block precision and recall against the block
// threshold.
func blockChart(e *Evaluation, s *Suggestion) *svgChart {
	var sug *float64
	if s != nil {
		sug = &s.Block
	}
	return sweepChart(e, "blocks", "Blocks against the block threshold",
		"Of the rows decided block, the share expected block (precision); of the rows expected block, the share decided block (recall), as the block threshold moves (the y axis is zoomed to the values).",
		"block threshold (name score)", []sweepSeriesDef{
			{"block precision", colOrange, "", func(p Point) Ratio { return p.BlockPrecision }},
			{"block recall", colBlue, "6 3", func(p Point) Ratio { return p.BlockRecall }},
		}, thresholdMarkers("block", e.Policy.Block, sug))
}

// thresholdTitle is a dot's tooltip.
func thresholdTitle(t float64, name string, r Ratio) string {
	if !r.Defined() {
		return fmt.Sprintf("threshold %.2f: %s undefined (0/0)", t, name)
	}
	return fmt.Sprintf("threshold %.2f: %s %.4f (%d/%d)", t, name, r.Value, r.Num, r.Den)
}

// prChart plots alert precision against recall, one point per review
// threshold.
func prChart(e *Evaluation) *svgChart {
	var xs, ys, xv, yv []float64
	var ok []bool
	var titles []string
	for _, p := range e.Sweep {
		d := p.Recall.Defined() && p.AlertPrecision.Defined()
		xs = append(xs, p.Recall.Value)
		ys = append(ys, p.AlertPrecision.Value)
		ok = append(ok, d)
		if d {
			xv, yv = append(xv, p.Recall.Value), append(yv, p.AlertPrecision.Value)
		}
		titles = append(titles, fmt.Sprintf("review threshold %.2f: recall %.4f, precision %.4f", p.Threshold, p.Recall.Value, p.AlertPrecision.Value))
	}
	xlo, xhi, xstep := shareRange(xv)
	ylo, yhi, ystep := shareRange(yv)
	f := newChart("pr", "Precision/recall curve",
		"Each point is one review threshold: the recall of true matches it gives and the share of its alerts that are true matches (both axes are zoomed to the values).",
		"recall of true matches", "alert precision", xlo, xhi, xstep, ylo, yhi, ystep, false)
	f.line("review threshold swept", colBlue, "", xs, ys, ok, titles)
	return f.c
}

// scoreChart draws the distributions of the rows' best name scores, true
// matches against non-matches, as counts of rows on a log scale. Rows with
// no name at or above the bottom of the sweep are counted in the legend.
func scoreChart(e *Evaluation, s *Suggestion) *svgChart {
	ts := e.Thresholds()
	floor := min(ts[0], minReview(&e.Policy))
	const width = 0.02
	lo := math.Floor(floor/width+1e-9) * width
	bins := int(math.Round((1-lo)/width)) + 1 // the last bin holds 1.00
	pos, neg := e.scoresByLabel()
	hist := func(scores []float64) (h []int, below int) {
		h = make([]int, bins)
		for _, v := range scores {
			if v < floor {
				below++
				continue
			}
			h[min(int(math.Floor((v-lo)/width+1e-9)), bins-1)]++
		}
		return h, below
	}
	hp, bp := hist(pos)
	hn, bn := hist(neg)
	top := 1
	for i := range bins {
		top = max(top, hp[i], hn[i])
	}
	f := newChart("scores", "Score distributions",
		fmt.Sprintf("Best name score of each row (of the entry the label names, if it names one), true matches against non-matches, in bins of %.2f; the y axis counts rows on a log scale. Rows with no name scoring %.2f or more are not drawn: the legend counts them.", width, floor),
		"best name score", "rows (log scale)", lo, 1+width, niceStep(1+width-lo), -0.3, math.Ceil(math.Log10(float64(top))+1e-9), 1, true)
	draw := func(h []int, total, below int, color, name string, half int) {
		for b, n := range h {
			if n == 0 {
				continue
			}
			x0 := lo + float64(b)*width
			bw := (f.x(x0+width) - f.x(x0)) / 2
			yTop := f.y(float64(n))
			f.c.Bars = append(f.c.Bars, svgBar{X: round2(f.x(x0) + float64(half)*bw), Y: yTop, W: round2(bw), H: round2(f.c.Y1 - yTop),
				Color: color, Title: fmt.Sprintf("%s, score %.2f–%.2f: %d of %d rows", name, x0, x0+width, n, total)})
		}
		f.legend(fmt.Sprintf("%s: %d rows, %d below %.2f", name, total, below, floor), color, "", true)
	}
	draw(hp, len(pos), bp, colBlue, "true matches", 0)
	draw(hn, len(neg), bn, colRed, "non-matches", 1)
	f.marker(e.Policy.Review, fmt.Sprintf("review %.2f", e.Policy.Review), colGrey, "4 4")
	f.marker(e.Policy.Block, fmt.Sprintf("block %.2f", e.Policy.Block), colGrey, "1 3")
	if s != nil && s.Review != e.Policy.Review {
		f.marker(s.Review, fmt.Sprintf("suggested review %.2f", s.Review), colPurple, "")
	}
	if s != nil && s.Block != e.Policy.Block {
		f.marker(s.Block, fmt.Sprintf("suggested block %.2f", s.Block), colPurple, "2 2")
	}
	return f.c
}
