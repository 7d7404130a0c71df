package fuzzy

import (
	"math"
	"testing"

	"github.com/xrash/smetrics"
)

func FuzzCompare(f *testing.F) {
	for _, p := range [][2]string{
		{"Kim Jong Un", "KIM Jong-un"},
		{"PUTIN, Vladimir Vladimirovich", "Владимир Путин"},
		{"EMMA LLC", "ACME LLC"},
		{"Abdulrahman", "ABDUL RAHMAN"},
		{"J. C. Juncker", "Jean-Claude Juncker"},
		{"QUREN SALIH QUREN AL QADHAFI", "SALIH QUREN AL QADHAFI, QUREN"},
		{"a a a a a a a a a a a a a a", "a a a a a a a a a a a a a b"},
		{"김정은", "이민호"},
		{"", "x"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		r := Compare(a, b)
		if math.IsNaN(r.Score) || r.Score < 0 || r.Score > 1 {
			t.Fatalf("Compare(%q, %q) = %v, outside [0,1]", a, b, r.Score)
		}
		if rev := Compare(b, a); rev.Score != r.Score {
			t.Fatalf("Compare(%q, %q) = %v but reversed %v", a, b, r.Score, rev.Score)
		}
		if err := checkExplanation(Tokenize(a)[:min(len(Tokenize(a)), maxTokens)], Tokenize(b)[:min(len(Tokenize(b)), maxTokens)], r); err != "" {
			t.Fatalf("Compare(%q, %q): %s", a, b, err)
		}
		if a == b && len(Tokenize(a)) > 0 && r.Score != 1 {
			t.Fatalf("Compare(%q, itself) = %v, want 1", a, r.Score)
		}
	})
}

func FuzzJaroWinkler(f *testing.F) {
	for _, p := range jwAdversarial() {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		got, want := JaroWinkler(a, b), smetrics.JaroWinkler(a, b, 0.7, 4)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("JaroWinkler(%q, %q) = %v, smetrics gives %v", a, b, got, want)
		}
	})
}

func FuzzEditDistanceWithin(f *testing.F) {
	f.Add("martha", "marhta", 1)
	f.Add("ca", "abc", 3)
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		if len(a) > 40 || len(b) > 40 || k < 0 || k > 10 {
			return
		}
		want := osaNaive(a, b)
		d, ok := editDistanceWithin(a, b, k)
		if ok != (want <= k) || (ok && d != want) {
			t.Fatalf("editDistanceWithin(%q, %q, %d) = %d, %v; OSA distance is %d", a, b, k, d, ok, want)
		}
	})
}
