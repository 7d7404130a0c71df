package fuzzy

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xrash/smetrics"
)

func TestJaroWinklerKnownValues(t *testing.T) {
	tests := []struct {
		a, b   string
		want   float64
		reason string
	}{
		{"", "", 1, "two empty strings are equal"},
		{"abc", "", 0, "an empty string shares nothing"},
		{"martha", "martha", 1, "equal strings"},
		{"martha", "marhta", 0.9611111111111111, "the textbook transposition example"},
		{"dixon", "dicksonx", 0.8133333333333332, "the textbook insertion example"},
		{"abc", "xyz", 0, "no common character"},
		{"a", "a", 1, "one equal byte: the match window is clamped to zero"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			assert.InDelta(t, tt.want, JaroWinkler(tt.a, tt.b), 1e-12, tt.reason)
		})
	}
}

// jwAdversarial are pairs chosen to exercise the edges of the Jaro
// algorithm: window bounds, repeated letters (greedy matching),
// transpositions, the 64-byte switch to the long path, and multi-byte runes
// (smetrics compares bytes).
func jwAdversarial() [][2]string {
	long := strings.Repeat("ab", 40)
	pairs := [][2]string{
		{"", "x"}, {"x", ""}, {"a", "b"}, {"ab", "ba"}, {"aa", "a"}, {"abcd", "dcba"},
		{"aaaa", "aaab"}, {"abab", "baba"}, {"crate", "trace"}, {"dwayne", "duane"},
		{"kim", "gim"}, {"lee", "ri"}, {"park", "pak"}, {"mohammed", "muhammad"},
		{strings.Repeat("a", 64), strings.Repeat("a", 63) + "b"},
		{strings.Repeat("a", 64), strings.Repeat("a", 65)},
		{strings.Repeat("ab", 32), strings.Repeat("ba", 32)},
		{long, long[1:]}, {long, strings.Repeat("ba", 40)},
		{"김정은", "김정일"}, {"Владимир", "Владимиp"}, {"محمد", "محمود"}, {"é", "e\u0301"},
		{"\xff\xfe", "\xfe\xff"}, {"a\x00b", "a\x00c"},
	}
	return pairs
}

func randomString(r *rand.Rand, alphabet []rune, maxLen int) string {
	n := r.IntN(maxLen + 1)
	var sb strings.Builder
	for range n {
		sb.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return sb.String()
}

// mutate applies a few random edits to s, so that random pairs are similar
// often enough to exercise the Winkler boost.
func mutate(r *rand.Rand, s string, alphabet []rune) string {
	b := []rune(s)
	for range r.IntN(4) {
		switch op := r.IntN(4); {
		case len(b) == 0 || op == 0:
			i := r.IntN(len(b) + 1)
			b = append(b[:i], append([]rune{alphabet[r.IntN(len(alphabet))]}, b[i:]...)...)
		case op == 1:
			i := r.IntN(len(b))
			b = append(b[:i], b[i+1:]...)
		case op == 2:
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		default:
			if len(b) > 1 {
				i := r.IntN(len(b) - 1)
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
	}
	return string(b)
}

func TestJaroWinklerEqualsSmetrics(t *testing.T) {
	check := func(a, b string) {
		t.Helper()
		got, want := JaroWinkler(a, b), smetrics.JaroWinkler(a, b, 0.7, 4)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("JaroWinkler(%q, %q) = %v, smetrics gives %v", a, b, got, want)
		}
	}
	for _, p := range jwAdversarial() {
		check(p[0], p[1])
		check(p[1], p[0])
	}
	alphabets := map[string][]rune{
		"small":   []rune("ab"),
		"latin":   []rune("abcdefghijklmnopqrstuvwxyz"),
		"names":   []rune("aeiouknmrsjgh "),
		"unicode": []rune("aeé김정은ВлдмирمحدΑλέξ\u0301"),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for name, alpha := range alphabets {
		for _, maxLen := range []int{4, 12, 70, 150} {
			for range 3000 {
				a := randomString(r, alpha, maxLen)
				b := mutate(r, a, alpha)
				if r.IntN(4) == 0 {
					b = randomString(r, alpha, maxLen)
				}
				check(a, b)
			}
		}
		_ = name
	}
}

// osaNaive is the textbook optimal string alignment distance.
func osaNaive(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditDistanceWithin(t *testing.T) {
	tests := []struct {
		a, b   string
		k      int
		want   int
		ok     bool
		reason string
	}{
		{"scholz", "scholze", 1, 1, true, "one insertion"},
		{"jonson", "johnson", 1, 1, true, "one insertion in the middle"},
		{"martha", "marhta", 1, 1, true, "an adjacent transposition is one edit"},
		{"zuckermann", "zuckerberg", 2, 0, false, "four substitutions"},
		{"", "abc", 3, 3, true, "insertions only"},
		{"abc", "abc", 0, 0, true, "equal strings"},
		{"ca", "abc", 3, 3, true, "OSA does not edit a transposed pair again"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			d, ok := editDistanceWithin(tt.a, tt.b, tt.k)
			if assert.Equal(t, tt.ok, ok, "within %d: %s", tt.k, tt.reason) && ok {
				assert.Equal(t, tt.want, d, "distance: %s", tt.reason)
			}
		})
	}
	r := rand.New(rand.NewPCG(3, 4))
	alpha := []rune("abcd")
	for range 20000 {
		a := randomString(r, alpha, 10)
		b := mutate(r, a, alpha)
		if r.IntN(3) == 0 {
			b = randomString(r, alpha, 10)
		}
		want := osaNaive(a, b)
		for k := range 5 {
			d, ok := editDistanceWithin(a, b, k)
			if ok != (want <= k) || (ok && d != want) {
				t.Fatalf("editDistanceWithin(%q, %q, %d) = %d, %v; OSA distance is %d", a, b, k, d, ok, want)
			}
		}
	}
}

func TestJaroWinklerAllocs(t *testing.T) {
	a, b := "muhammad", "mohammed"
	assert.Zero(t, testing.AllocsPerRun(100, func() { JaroWinkler(a, b) }), "JaroWinkler allocations per call on short ASCII strings")
	assert.Zero(t, testing.AllocsPerRun(100, func() { editDistanceWithin(a, b, 2) }), "editDistanceWithin allocations per call on short strings")
}
