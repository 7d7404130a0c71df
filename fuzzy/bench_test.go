package fuzzy

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/xrash/smetrics"
)

var jwBenchPairs = [][2]string{
	{"muhammad", "mohammed"},
	{"kim", "gim"},
	{"khodorkovsky", "khordorovsky"},
	{"pyongyang", "university"},
}

func BenchmarkJaroWinkler(b *testing.B) {
	for _, p := range jwBenchPairs {
		b.Run(p[0]+"/"+p[1], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				JaroWinkler(p[0], p[1])
			}
		})
	}
}

func BenchmarkSmetricsJaroWinkler(b *testing.B) {
	for _, p := range jwBenchPairs {
		b.Run(p[0]+"/"+p[1], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				smetrics.JaroWinkler(p[0], p[1], 0.7, 4)
			}
		})
	}
}

var compareBenchPairs = [][2]string{
	{"Kim Jong Un", "KIM Jong-un"},
	{"Vladimir Putin", "PUTIN, Vladimir Vladimirovich"},
	{"ABDUL GHANI TURK", "ABDUL GHANI BARADAR ABDUL AHMAD TURK"},
	{"Emma Watson", "ACME TRADING LLC"},
}

func BenchmarkCompare(b *testing.B) {
	for _, p := range compareBenchPairs {
		b.Run(p[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compare(p[0], p[1])
			}
		})
	}
}

func BenchmarkCompareTokens(b *testing.B) {
	for _, p := range compareBenchPairs {
		q, l := Tokenize(p[0]), Tokenize(p[1])
		b.Run(p[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CompareTokens(q, l, nil)
			}
		})
	}
}

// bench100k returns about 100,000 names: the UN and OFAC names, then
// corrupted copies of them.
func bench100k(b *testing.B) []Entry {
	ec := loadEvalCorpus(b)
	entries := make([]Entry, 0, 100_000)
	for i, n := range ec.names {
		entries = append(entries, Entry{Ref: i, Name: n.Name})
	}
	r := rand.New(rand.NewPCG(1, 1))
	for len(entries) < 100_000 {
		entries = append(entries, Entry{Ref: len(entries), Name: corruptName(r, ec.names[r.IntN(len(ec.names))].Name)})
	}
	return entries
}

func BenchmarkNewIndex100k(b *testing.B) {
	entries := bench100k(b)
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	var ix *Index
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		ix = NewIndex(entries)
		runtime.GC()
		runtime.ReadMemStats(&ms1)
	}
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(1<<20), "MiB-retained")
	b.ReportMetric(float64(ix.Len()), "names")
}

// benchQueries are queries for the index: list names with a typo and
// ordinary names found on no list.
var benchQueries = []string{
	"Kim Jong Un", "Vladimir Pution", "Abdul Rahman Yasin", "Mohammed Ali",
	"Patricia Lucas Wheeler", "Isabella Joaquin Torres", "Ri Song Chol", "Banco Nacional de Cuba",
	"Anna Schmidt", "Mohammed Al Amin", "Tomasz Abdullah", "Ahmed Hassan",
}

func BenchmarkIndexSearch(b *testing.B) {
	ix := NewIndex(bench100k(b))
	for _, q := range benchQueries {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			var found int
			for b.Loop() {
				found = len(ix.Search(q, DefaultThreshold, 0))
			}
			b.ReportMetric(float64(found), "found")
			b.ReportMetric(float64(ix.candidates(q, DefaultThreshold)), "candidates")
		})
	}
}

// BenchmarkIndexSearchCold searches names the index has not seen before:
// each iteration a list name with a new typo, so that its tokens are
// looked up afresh rather than remembered.
func BenchmarkIndexSearchCold(b *testing.B) {
	entries := bench100k(b)
	ix := NewIndex(entries)
	r := rand.New(rand.NewPCG(9, 9))
	b.ReportAllocs()
	for b.Loop() {
		f := strings.Fields(entries[r.IntN(len(entries))].Name)
		k := r.IntN(len(f))
		if w := []byte(f[k]); len(w) > 2 {
			w[1+r.IntN(len(w)-2)] = byte('a' + r.IntN(26))
			f[k] = string(w)
		}
		ix.Search(strings.Join(f, " "), 0.8, 64)
	}
}

// BenchmarkExhaustiveSmetrics is the baseline the index replaces: every
// query token against every token of every name with smetrics.JaroWinkler.
func BenchmarkExhaustiveSmetrics(b *testing.B) {
	entries := bench100k(b)
	names := make([][]string, len(entries))
	for i, e := range entries {
		names[i] = strings.Fields(Normalize(e.Name))
	}
	for _, q := range benchQueries {
		qt := strings.Fields(Normalize(q))
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			var found int
			for b.Loop() {
				found = 0
				for _, n := range names {
					var sum float64
					for _, a := range qt {
						best := 0.0
						for _, t := range n {
							best = max(best, smetrics.JaroWinkler(a, t, 0.7, 4))
						}
						sum += best
					}
					if sum/float64(len(qt)) >= DefaultThreshold {
						found++
					}
				}
			}
			b.ReportMetric(float64(found), "found")
		})
	}
}

// BenchmarkExhaustiveCompareTokens scores every name with the scorer the
// index uses, without the index.
func BenchmarkExhaustiveCompareTokens(b *testing.B) {
	ix := NewIndex(bench100k(b))
	q := Tokenize("Vladimir Pution")
	b.ReportAllocs()
	s := new(searchScratch)
	ix.gather(q, 0, s)
	for b.Loop() {
		for i := range ix.Len() {
			ix.scoreName(q, uint32(i), s)
		}
	}
}
