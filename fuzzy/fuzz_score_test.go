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

// fuzzIndexNames is a small corpus with the shapes that make retrieval
// hard: compounds, initials, repeated tokens, transliterations, legal forms.
var fuzzIndexNames = []string{
	"KIM JONG UN", "KIM YO JONG", "Ri Song Chol", "PAK, Pong-nam", "Lee Min Ho", "김정은",
	"PUTIN, Vladimir Vladimirovich", "Владимир Путин", "ABDUL RAHMAN YASIN", "Abdulrahman",
	"AL-QAIDA", "QUREN SALIH QUREN AL QADHAFI", "J M A", "A.B.C. COMPANY", "EMMA LLC",
	"ACME TRADING LLC", "Good Will Company", "MOHAMMED ALI", "Muhammad Ali Hassan Al-Tikriti",
	"Sergey Viktorovich LAVROV", "SIRAJUDDIN JALLALOUDINE HAQQANI", "HAN YU-RO", "X", "a b c d e f",
}

// FuzzIndexSearch checks that Search returns exactly the names an
// exhaustive scan with CompareTokens scores at or above the threshold.
func FuzzIndexSearch(f *testing.F) {
	entries := make([]Entry, len(fuzzIndexNames))
	for i, n := range fuzzIndexNames {
		entries[i] = Entry{Ref: i, Name: n}
	}
	ix := NewIndex(entries)
	for _, q := range []string{"Kim Jong-un", "VladimirPutin", "Abdul Rahman", "AlQaida", "J Smith", "Quren Salih", "Mohamed Aly", "Lavrov Sergey", "ABC Co"} {
		f.Add(q, uint8(68))
	}
	f.Fuzz(func(t *testing.T, q string, th uint8) {
		threshold := float64(th%101) / 100
		if threshold == 0 {
			threshold = 0.01
		}
		qt := Tokenize(q)
		got := make(map[int]float64)
		for _, c := range ix.Search(q, threshold, 0) {
			got[c.Entry] = c.Result.Score
		}
		for i := range entries {
			want := CompareTokens(qt, ix.Tokens(i), ix.Weights()).Score
			g, ok := got[i]
			switch {
			case want >= threshold && !ok:
				t.Fatalf("Search(%q, %v) missed %q (score %v)", q, threshold, fuzzIndexNames[i], want)
			case ok && g != want:
				t.Fatalf("Search(%q, %v) scored %q %v, CompareTokens %v", q, threshold, fuzzIndexNames[i], g, want)
			case ok && g < threshold:
				t.Fatalf("Search(%q, %v) returned %q below the threshold (%v)", q, threshold, fuzzIndexNames[i], g)
			}
		}
	})
}
