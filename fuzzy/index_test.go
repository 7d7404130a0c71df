package fuzzy

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
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
				if c.Name != ix.Entry(c.Entry).Name || c.Ref != ix.Entry(c.Entry).Ref {
					t.Errorf("candidate %+v does not match entry %d", c, c.Entry)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %v) refs = %v, want %v: %s", tt.query, tt.threshold, got, tt.want, tt.reason)
			}
		})
	}
}

func TestIndexSearchLimitAndOrder(t *testing.T) {
	ix := smallIndex()
	all := ix.Search("Kim Jong", 0.3, 0)
	if len(all) < 3 {
		t.Fatalf("Search(Kim Jong, 0.3) found %d names, want the three KIMs", len(all))
	}
	for k := 1; k < len(all); k++ {
		if all[k].Result.Score > all[k-1].Result.Score {
			t.Errorf("candidates not sorted by score: %v before %v", all[k-1].Result.Score, all[k].Result.Score)
		}
	}
	if got := ix.Search("Kim Jong", 0.3, 2); len(got) != 2 || got[0].Entry != all[0].Entry || got[1].Entry != all[1].Entry {
		t.Errorf("limit 2 returned %v, want the first two of %v", got, all)
	}
	if got := ix.Search("Kim Jong Un", 0, 0); len(got) != ix.Len() {
		t.Errorf("threshold 0 returned %d names, want all %d", len(got), ix.Len())
	}
	if got := ix.Search("Kim Jong Un", 1.01, 0); got != nil {
		t.Errorf("threshold above 1 returned %v, want nothing", got)
	}
}

// TestIndexSearchAllocs checks that a search finding nothing allocates
// nothing once its query tokens have been looked up.
func TestIndexSearchAllocs(t *testing.T) {
	ix := smallIndex()
	for _, q := range []string{"Anna Schmidt", "Kim Jong Il Sung", "Mohammed Al Amin"} {
		qt := Tokenize(q)
		if got := ix.SearchTokens(qt, 0.8, 10); len(got) != 0 {
			t.Fatalf("SearchTokens(%q) found %v; the test needs a query that finds nothing", q, got)
		}
		if n := testing.AllocsPerRun(50, func() { ix.SearchTokens(qt, 0.8, 10) }); n != 0 {
			t.Errorf("SearchTokens(%q) allocates %v times, want 0", q, n)
		}
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
				if gs != s {
					t.Errorf("query %d: index score %v, exhaustive %v for entry %d", qi, gs, s, i)
				}
				if qi%50 == 0 { // the exhaustive scorer is CompareTokens
					if cs := CompareTokens(qt, tokens[i], w).Score; cs != s {
						t.Errorf("query %d: CompareTokens gives %v, the scan %v", qi, cs, s)
					}
				}
			}
		}
	}
	for k, th := range thresholds {
		recall := float64(found[k]) / float64(max(1, wanted[k]))
		t.Logf("threshold %.2f: %d queries, %d names above it by exhaustive scan, %d found by the index: recall %.4f", th, len(queries), wanted[k], found[k], recall)
		if recall < 0.999 {
			t.Errorf("threshold %.2f: recall %.4f, want at least 0.999", th, recall)
		}
	}
}
