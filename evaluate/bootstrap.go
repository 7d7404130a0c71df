package evaluate

import (
	"math"
	"math/rand/v2"
	"slices"
)

// bootstrapStream2 is the second word of every bootstrap PCG state; the
// first is the seed, mixed with the group's stream number.
const bootstrapStream2 = 0x9e3779b97f4a7c15

// bootstrap returns the ratios point with percentile intervals from
// resamples resamples (with replacement) of the rows idx. Each group gets
// its own generator, seeded by seed and stream, so a group's intervals do
// not depend on which other groups were computed. With resamples ≤ 0 the
// intervals are the point values.
func bootstrap(ob []obs, idx []int, point [5]Ratio, resamples int, seed, stream uint64, confidence float64) [5]Estimate {
	var out [5]Estimate
	for k := range out {
		out[k] = Estimate{Ratio: point[k], Low: point[k].Value, High: point[k].Value}
	}
	n := len(idx)
	if resamples <= 0 || n == 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(seed^(stream*0xbf58476d1ce4e5b9), bootstrapStream2))
	var vals [5][]float64
	for k := range vals {
		vals[k] = make([]float64, 0, resamples)
	}
	for range resamples {
		var c counts
		for range n {
			c.add(ob[idx[rng.IntN(n)]])
		}
		for k, r := range c.ratios() {
			if r.Defined() {
				vals[k] = append(vals[k], r.Value)
			}
		}
	}
	alpha := (1 - confidence) / 2
	for k := range out {
		if !point[k].Defined() || len(vals[k]) == 0 {
			continue
		}
		slices.Sort(vals[k])
		out[k].Low = quantile(vals[k], alpha)
		out[k].High = quantile(vals[k], 1-alpha)
	}
	return out
}

// quantile returns the q-quantile of sorted values (linear interpolation
// between the closest ranks).
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(sorted)-1)
	f := pos - float64(lo)
	return sorted[lo]*(1-f) + sorted[hi]*f
}
