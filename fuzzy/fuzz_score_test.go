package fuzzy

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
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
		require.Equal(t, r.Score, Compare(b, a).Score, "Compare(%q, %q) reversed", a, b)
		require.Empty(t, checkExplanation(Tokenize(a)[:min(len(Tokenize(a)), maxTokens)], Tokenize(b)[:min(len(Tokenize(b)), maxTokens)], r), "Compare(%q, %q): explanation", a, b)
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

// fuzzIndexParts are name parts, many of them sharing spellings, keys and
// letters, from which fuzzIndexCorpus builds names common enough for a
// search to skip some of their texts.
var fuzzIndexParts = strings.Fields(`kim jong un ri song chol pak park lee
	mohammed muhammad mohamed ahmed ahmad ali al abd abdullah abdul rahman hassan hussain
	husayn omar umar anna ana hanna schmidt schmid ivan ivanov ivanova petrov petrovich
	petrovna sergey sergei jean jan jun jian chen cheng wang kwang choe choi chloe
	tech technology intl international corp corporation co company llc ltd trading s a`)

// fuzzIndexCorpus returns fuzzIndexNames and 3,000 names of two to four
// parts of fuzzIndexParts, some with a typo.
func fuzzIndexCorpus() []string {
	r := rand.New(rand.NewPCG(3, 4))
	names := slices.Clone(fuzzIndexNames)
	for range 3000 {
		f := make([]string, 2+r.IntN(3))
		for k := range f {
			f[k] = fuzzIndexParts[r.IntN(len(fuzzIndexParts))]
		}
		if r.IntN(4) == 0 {
			names = append(names, corruptName(r, strings.Join(f, " ")))
		} else {
			names = append(names, strings.Join(f, " "))
		}
	}
	return names
}

// FuzzIndexSearch checks that Search returns exactly the names an
// exhaustive scan with CompareTokens scores at or above the threshold, on
// names sharing enough words that searches skip the commonest.
func FuzzIndexSearch(f *testing.F) {
	names := fuzzIndexCorpus()
	entries := make([]Entry, len(names))
	for i, n := range names {
		entries[i] = Entry{Ref: i, Name: n}
	}
	ix := NewIndex(entries)
	listed := make([][]Token, len(entries))
	for i := range entries {
		listed[i] = ix.Tokens(i)
	}
	for _, q := range []string{"Kim Jong-un", "VladimirPutin", "Abdul Rahman", "AlQaida", "J Smith", "Quren Salih", "Mohamed Aly", "Lavrov Sergey", "ABC Co",
		"Anna Schmidt", "Mohammed Al Ahmed", "Tomasz Abdullah", "Chloe Wang", "Jean Ivanova", "Kim Tech Corp", "S. Petrov"} {
		f.Add(q, uint8(68))
		f.Add(q, uint8(80))
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
			want := CompareTokens(qt, listed[i], ix.Weights()).Score
			g, ok := got[i]
			switch {
			case want >= threshold && !ok:
				t.Fatalf("Search(%q, %v) missed %q (score %v)", q, threshold, names[i], want)
			case ok && g != want:
				t.Fatalf("Search(%q, %v) scored %q %v, CompareTokens %v", q, threshold, names[i], g, want)
			case ok && g < threshold:
				t.Fatalf("Search(%q, %v) returned %q below the threshold (%v)", q, threshold, names[i], g)
			}
		}
	})
}
