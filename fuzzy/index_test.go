package fuzzy

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func smallIndex() *Index {
	return NewIndex([]Entry{
		{Ref: 10, Name: "KIM JONG UN"},
		{Ref: 11, Name: "KIM YO JONG"},
		{Ref: 12, Name: "KIM JONG MAN"},
		{Ref: 20, Name: "PUTIN, Vladimir Vladimirovich"},
		{Ref: 30, Name: "ACME TRADING LLC"},
		{Ref: 31, Name: "EMMA LLC"},
		{Ref: 40, Name: "AL-QAIDA"},
		{Ref: 50, Name: "ABDUL RAHMAN YASIN"},
		{Ref: 60, Name: "KOREA MANGYONGDAE COMPUTER TECHNOLOGY CORPORATION"},
		{Ref: 61, Name: "ABDULLAH"},
	})
}

func TestIndexSearchSmall(t *testing.T) {
	ix := smallIndex()
	tests := []struct {
		query     string
		threshold float64
		want      []int // refs, best first
		reason    string
	}{
		{"Kim Jong Un", DefaultThreshold, []int{10}, "the exact name; KIM JONG MAN and KIM YO JONG conflict on a token"},
		{"Kim Jong Un", 0.5, []int{10, 11, 12}, "a lower threshold lets the conflicting names in, ranked below (tied, in entry order)"},
		{"Vladimir Putin", DefaultThreshold, []int{20}, "last name first and a patronymic omitted"},
		{"Vladimir Pution", DefaultThreshold, []int{20}, "a typo in a rare token"},
		{"Vladimir Vladimirovich Putin", DefaultThreshold, []int{20}, "the listed order rotated"},
		{"ACME LLC", 0.6, []int{30}, "EMMA LLC shares only the weak token"},
		{"AL QAIDA", DefaultThreshold, []int{40}, "one word written as two"},
		{"Abdulrahman Yasin", DefaultThreshold, []int{50}, "two words written as one"},
		{"Watson LLC", DefaultThreshold, nil, "shares only a weak token with two names"},
		{"Korea Mangyongdae Computer Tech Corp", 0.8, []int{60}, "abbreviations of listed words"},
		{"Tomasz Abdullah", 0.8, nil, "one word shared with a one-word listed name"},
		{"Abd Allah", 0.8, []int{61}, "the listed word written in two"},
		{"", DefaultThreshold, nil, "an empty query finds nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []int
			for _, c := range ix.Search(tt.query, tt.threshold, 0) {
				got = append(got, c.Ref)
				assert.Equal(t, ix.Entry(c.Entry).Name, c.Name, "candidate %+v: name of entry %d", c, c.Entry)
				assert.Equal(t, ix.Entry(c.Entry).Ref, c.Ref, "candidate %+v: ref of entry %d", c, c.Entry)
			}
			assert.Equal(t, tt.want, got, "Search(%q, %v) refs: %s", tt.query, tt.threshold, tt.reason)
		})
	}
}

func TestIndexSearchLimitAndOrder(t *testing.T) {
	ix := smallIndex()
	all := ix.Search("Kim Jong", 0.3, 0)
	require.GreaterOrEqual(t, len(all), 3, "Search(Kim Jong, 0.3): want the three KIMs")
	for k := 1; k < len(all); k++ {
		assert.LessOrEqual(t, all[k].Result.Score, all[k-1].Result.Score, "candidates not sorted by score at %d", k)
	}
	assert.Equal(t, all[:2], ix.Search("Kim Jong", 0.3, 2), "limit 2: want the first two")
	assert.Len(t, ix.Search("Kim Jong Un", 0, 0), ix.Len(), "threshold 0: want all names")
	assert.Nil(t, ix.Search("Kim Jong Un", 1.01, 0), "threshold above 1: want nothing")
}

// TestIndexSearchAllocs checks that a search finding nothing allocates
// nothing once its query tokens have been looked up.
func TestIndexSearchAllocs(t *testing.T) {
	ix := smallIndex()
	for _, q := range []string{"Anna Schmidt", "Kim Jong Il Sung", "Mohammed Al Amin"} {
		qt := Tokenize(q)
		require.Empty(t, ix.SearchTokens(qt, 0.8, 10), "SearchTokens(%q): the test needs a query that finds nothing", q)
		assert.Zero(t, testing.AllocsPerRun(50, func() { ix.SearchTokens(qt, 0.8, 10) }), "SearchTokens(%q) allocations", q)
	}
}

// TestIndexConcurrentDistinct searches many distinct names from several
// goroutines at once, so that they look up and remember new query tokens
// concurrently: each must find what a search alone finds.
func TestIndexConcurrentDistinct(t *testing.T) {
	var names []string
	for _, a := range []string{"Kim", "Pak", "Vladimir", "Abdul", "Acme", "Emma", "Mohammed", "Korea"} {
		for _, b := range []string{"Jong Un", "Putin", "Rahman", "Trading", "Yasin", "Computer Tech", "Al Qaida", "Llc"} {
			names = append(names, a+" "+b)
		}
	}
	want := make([][]Candidate, len(names))
	ref := smallIndex()
	for i, n := range names {
		want[i] = ref.Search(n, 0.5, 0)
	}
	ix := smallIndex()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range names {
				i := (k*7 + g*13) % len(names)
				got := ix.Search(names[i], 0.5, 0)
				if len(got) != len(want[i]) {
					t.Errorf("Search(%q) found %d names concurrently, %d alone", names[i], len(got), len(want[i]))
					return
				}
				for c := range got {
					if got[c].Entry != want[i][c].Entry || got[c].Result.Score != want[i][c].Result.Score {
						t.Errorf("Search(%q) = %v concurrently, %v alone", names[i], got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestIndexConcurrent(t *testing.T) {
	ix := smallIndex()
	want := ix.Search("Kim Jong Un", 0.5, 0)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got := ix.Search("Kim Jong Un", 0.5, 0)
				if len(got) != len(want) || got[0].Ref != want[0].Ref || got[0].Result.Score != want[0].Result.Score {
					t.Errorf("concurrent search returned %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// corruptName applies one of the changes people make when typing a listed
// name: a typo, a dropped or added token, tokens swapped, two tokens joined,
// a token reduced to its initial.
func corruptName(r *rand.Rand, name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return name
	}
	i := r.IntN(len(f))
	switch r.IntN(6) {
	case 0: // typo
		b := []byte(f[i])
		if len(b) > 1 {
			k := r.IntN(len(b) - 1)
			switch r.IntN(3) {
			case 0:
				b[k], b[k+1] = b[k+1], b[k]
			case 1:
				b = append(b[:k], b[k+1:]...)
			default:
				b[k] = "aeiouy"[r.IntN(6)]
			}
		}
		f[i] = string(b)
	case 1: // dropped token
		if len(f) > 1 {
			f = append(f[:i], f[i+1:]...)
		}
	case 2: // added token
		f = append(f, []string{"Mohammed", "Ali", "Kim", "Ivanovich", "Trading"}[r.IntN(5)])
	case 3: // swapped tokens
		r.Shuffle(len(f), func(a, b int) { f[a], f[b] = f[b], f[a] })
	case 4: // joined tokens
		if i+1 < len(f) {
			f[i] += f[i+1]
			f = append(f[:i+1], f[i+2:]...)
		}
	default: // initial
		if len(f[i]) > 0 {
			f[i] = f[i][:1]
		}
	}
	return strings.Join(f, " ")
}

// recallQueries returns realistic queries: corrupted list names, names
// made of a word of one list name and a word of another (as payroll names
// share given names and surnames with listed ones), and names of the
// public evaluation sets.
func recallQueries(tb testing.TB, ec *evalCorpus, n int) []string {
	r := rand.New(rand.NewPCG(7, 8))
	var qs []string
	for range n / 3 {
		qs = append(qs, corruptName(r, ec.names[r.IntN(len(ec.names))].Name))
	}
	for len(qs) < n/2 {
		a := strings.Fields(ec.names[r.IntN(len(ec.names))].Name)
		b := strings.Fields(ec.names[r.IntN(len(ec.names))].Name)
		qs = append(qs, a[0]+" "+b[len(b)-1])
	}
	var pool []string
	pool = append(pool, loadFullNames(tb, "positives_un_treated.csv")...)
	pool = append(pool, loadFullNames(tb, "negatives_global.csv")...)
	pool = append(pool, loadFullNames(tb, "negatives_us.csv")...)
	for _, c := range loadBenchCases(tb) {
		pool = append(pool, c.name1, c.name2)
	}
	for range n - n/2 {
		qs = append(qs, pool[r.IntN(len(pool))])
	}
	return qs
}

// TestIndexRecall compares Search with an exhaustive scan scoring every
// indexed name with CompareTokens: the index must miss nothing the scan
// finds at the threshold.
func TestIndexRecall(t *testing.T) {
	ec := loadEvalCorpus(t)
	ix := ec.index
	n := 300
	if testing.Short() {
		n = 60
	}
	queries := recallQueries(t, ec, n)
	w := ix.Weights()
	tokens := make([][]Token, ix.Len())
	infos := make([][]tokInfo, ix.Len())
	for i := range tokens {
		tokens[i] = ix.Tokens(i)
		infos[i] = appendTokInfos(nil, tokens[i], w)
	}
	thresholds := []float64{0.6, DefaultThreshold, 0.8}
	found := make([]int, len(thresholds))
	wanted := make([]int, len(thresholds))
	var sc scorer
	for qi, q := range queries {
		qt := Tokenize(q)
		qt = qt[:min(len(qt), maxTokens)]
		qinf := appendTokInfos(nil, qt, w)
		scores := make([]float64, len(tokens))
		for i, lt := range tokens {
			scores[i] = sc.score(qt, lt, qinf, infos[i])
		}
		for k, th := range thresholds {
			got := make(map[int]float64)
			for _, c := range ix.Search(q, th, 0) {
				got[c.Entry] = c.Result.Score
			}
			for i, s := range scores {
				if s < th {
					continue
				}
				wanted[k]++
				gs, ok := got[i]
				if !ok {
					t.Errorf("query %d at %.2f: the index missed entry %d (score %.3f)", qi, th, i, s)
					continue
				}
				found[k]++
				assert.Equal(t, s, gs, "query %d: index score vs exhaustive for entry %d", qi, i)
				if qi%50 == 0 { // the exhaustive scorer is CompareTokens
					assert.Equal(t, s, CompareTokens(qt, tokens[i], w).Score, "query %d: CompareTokens vs the scan", qi)
				}
			}
		}
	}
	for k, th := range thresholds {
		recall := float64(found[k]) / float64(max(1, wanted[k]))
		t.Logf("threshold %.2f: %d queries, %d names above it by exhaustive scan, %d found by the index: recall %.4f", th, len(queries), wanted[k], found[k], recall)
		assert.GreaterOrEqual(t, recall, 0.999, "threshold %.2f: recall", th)
	}
}
