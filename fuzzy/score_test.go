package fuzzy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		query, listed string
		min, max      float64
		reason        string
	}{
		{"KIM JONG UN", "Kim Jong-un", 1, 1, "case and hyphens do not matter"},
		{"Jong Un Kim", "Kim Jong Un", 1, 1, "a rotation of the name order is in order"},
		{"KIM JONG UN", "KIM JONG MAN", 0.6, 0.7, "a conflicting given name costs a full token"},
		{"KIM JONG UN", "KIM YO JONG", 0.6, 0.7, "a conflicting token, the shared ones in rotated order"},
		{"KIM", "KIM JONG UN", 0, 0.6, "one shared word of three is weak evidence"},
		{"EMMA LLC", "ACME LLC", 0, 0.2, "sharing a legal form is next to nothing"},
		{"Vladimir Putin", "PUTIN, Vladimir Vladimirovich", 0.9, 1, "list order and an omitted patronymic"},
		{"Sergey Lavrov", "Sergey Viktorovich Lavrov", 0.9, 1, "an omitted middle name costs little"},
		{"Park Ji Sung", "Pak Chi Song", 0.9, 1, "Korean romanizations share keys"},
		{"Lee Min Ho", "Ri Min Ho", 0.9, 1, "Lee and Ri are one surname"},
		{"Gim Jong Un", "Kim Jong Un", 0.9, 1, "Gim and Kim are one surname: no first-letter gating"},
		{"김정은", "Kim Jong Un", 0.95, 1, "Hangul transliterated"},
		{"Владимир Путин", "Vladimir Putin", 0.95, 1, "Cyrillic transliterated"},
		{"Mohammed Ali", "Muhammad Ali", 0.85, 1, "transliteration variants share a key"},
		{"Olaf Scholze", "Olaf Scholz", 0.9, 1, "a typo in the surname"},
		{"Mark Zuckermann", "Mark Zuckerberg", 0, 0.6, "four edits are another surname"},
		{"Abdulah Anshori", "Abdullah Anshori", 0.9, 1, "a typo in a word the other name splits in two"},
		{"Abdulrahman Yasin", "Abdul Rahman Yasin", 0.95, 1, "two words written as one"},
		{"J Smith", "John Smith", 0.8, 0.95, "an initial agrees with the given name"},
		{"Arild Jenssen", "J M A", 0, 0.6, "initials alone are weak evidence"},
		{"William G Frost", "William W Frost", 0.6, 0.9, "different middle initials"},
		{"Salman bin Muhammad", "Muhammad bin Salman", 0.6, 0.99, "a pair out of order counts a quarter"},
		{"", "Kim", 0, 0, "an empty name matches nothing"},
		{"Kim", "", 0, 0, "an empty name matches nothing, either side"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.listed, func(t *testing.T) {
			r := Compare(tt.query, tt.listed)
			assert.GreaterOrEqual(t, r.Score, tt.min, "%s: %s", r, tt.reason)
			assert.LessOrEqual(t, r.Score, tt.max, "%s: %s", r, tt.reason)
			assert.Equal(t, r.Score, Compare(tt.listed, tt.query).Score, "Compare is not symmetric")
		})
	}
}

// TestCompareRules checks the rules that keep one shared word, initials,
// legal forms, patronymics and short syllables from making names alike, and
// those that let abbreviations and moved word breaks meet.
func TestCompareRules(t *testing.T) {
	tests := []struct {
		query, listed string
		min, max      float64
		reason        string
	}{
		{"Tomasz Abdullah", "ABDULLAH", 0, 0.79, "one listed word, split by Tokenize, is one shared word: the payee's other word costs more than an omission among agreeing words"},
		{"Mia Abdullah", "Abdullah", 0, 0.79, "the same with a short given name"},
		{"Abdullah", "Abd Allah", 0.9, 1, "the split word still meets its spelling in two words"},
		{"Petrova Systems S.r.l.", "PETROPARK S.R.L.", 0, 0.7, "S.R.L. is one weak legal form, not three agreeing letters"},
		{"Kuznetsova Systems LLC", "S. KUZNETSOV", 0, 0.79, "an initial covering a word is not an agreeing word"},
		{"Elena Petrova", "Elena Petrovna YERMAKOVA", 0, 0.5, "a patronymic is not a misspelt surname"},
		{"Dmitri Ivanov", "Dmitrij Ivanovitj Surovitj", 0, 0.5, "nor in its Swedish transliteration"},
		{"Chloe Wang", "CHOE Kwang Hyok", 0, 0.75, "Wang and Kwang are different syllables: their distance counts double"},
		{"Kim Pong-ryul", "Kim Pyong-ryul", 0.85, 1, "a syllable spelt differently still counts, for less"},
		{"Li Lee", "Nyi Nyi Swe", 0, 0.1, "Nyi is not a spelling of the syllable 이"},
		{"Min-jun Zhang", "ZHANG, Jian", 0, 0.7, "Jun and Jian share a variant key too coarse to count for short words"},
		{"Xiao Jung", "ZHANG, Xiaoming", 0, 0.3, "so do Jung and Zhang"},
		{"Mateo Choi", "CHO, Il Woo", 0, 0.4, "one syllable does not meet two (Choi is not Cho Il)"},
		{"Jonas Iyer", "JONIER", 0, 0.1, "two words written as one allow one edit fewer"},
		{"Korea Mangyongdae Computer Tech Corp", "Korea Mangyongdae Computer Technology Corporation", 0.9, 1, "Tech abbreviates Technology"},
		{"First Bank Int'l", "First International Bank", DefaultThreshold, 0.9, "Intl is a contraction of International"},
		{"Thomas A. Lind", "Thomas Lindemann", 0, 0.5, "Lind is too long a part of Lindemann to abbreviate it"},
		{"Arefullaha Ref Ghazi", "Arefullah Aref Ghazi", 0.9, 1, "the same letters with the word break moved"},
		{"AT and T Inc", "AT&T Inc.", 0.9, 1, "and is a weak particle"},
		{"Sergey Lavrov", "Sergey Viktorovich Lavrov", 0.9, 1, "two agreeing words make an omitted middle name cheap"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.listed, func(t *testing.T) {
			r := Compare(tt.query, tt.listed)
			assert.GreaterOrEqual(t, r.Score, tt.min, "%s: %s", r, tt.reason)
			assert.LessOrEqual(t, r.Score, tt.max, "%s: %s", r, tt.reason)
			assert.Equal(t, r.Score, Compare(tt.listed, tt.query).Score, "Compare is not symmetric")
		})
	}
}

func TestCompareExplanation(t *testing.T) {
	tests := []struct {
		query, listed string
		want          []TokenMatch
		reason        string
	}{
		{"Pak J Un", "Park Jong", []TokenMatch{
			{Query: "pak", Listed: "park", QueryIndex: 0, ListedIndex: 0, Kind: Equivalent, Score: simEquivalent},
			{Query: "j", Listed: "jong", QueryIndex: 1, ListedIndex: 1, Kind: Initial, Score: simInitial},
			{Query: "un", QueryIndex: 2, ListedIndex: -1, Kind: Unmatched},
		}, "one entry per query token, in order"},
		{"Scholz", "Olaf Scholze", []TokenMatch{
			{Query: "scholz", Listed: "scholze", QueryIndex: 0, ListedIndex: 1, Kind: Fuzzy},
			{Listed: "olaf", QueryIndex: -1, ListedIndex: 0, Kind: Unmatched},
		}, "unmatched listed tokens follow"},
		{"Abdulrahman", "ABDUL RAHMAN", []TokenMatch{
			{Query: "abdul", Listed: "abdul", QueryIndex: 0, ListedIndex: 0, Kind: Exact, Score: 1},
			{Query: "rahman", Listed: "rahman", QueryIndex: 1, ListedIndex: 1, Kind: Exact, Score: 1},
		}, "Tokenize splits the known compound itself"},
		{"Putin Vladimirovich", "Путин Владимирович", []TokenMatch{
			{Query: "putin", Listed: "putin", QueryIndex: 0, ListedIndex: 0, Kind: Transliterated, Score: simTransliterated},
			{Query: "vladimirovich", Listed: "vladimirovich", QueryIndex: 1, ListedIndex: 1, Kind: Transliterated, Score: simTransliterated},
		}, "same text from Cyrillic"},
		{"Goodwill Trading", "Good Will Trading", []TokenMatch{
			{Query: "goodwill", Listed: "good will", QueryIndex: 0, ListedIndex: 0, Kind: Exact, Score: 1},
			{Query: "trading", Listed: "trading", QueryIndex: 1, ListedIndex: 2, Kind: Exact, Score: 1},
		}, "a query word meeting two listed words names both"},
		{"Acme Tech Intl", "ACME TECHNOLOGY INTERNATIONAL", []TokenMatch{
			{Query: "acme", Listed: "acme", QueryIndex: 0, ListedIndex: 0, Kind: Exact, Score: 1},
			{Query: "tech", Listed: "technology", QueryIndex: 1, ListedIndex: 1, Kind: Abbreviation, Score: simAbbreviation},
			{Query: "intl", Listed: "international", QueryIndex: 2, ListedIndex: 2, Kind: Abbreviation, Score: simAbbreviation},
		}, "a prefix and a contraction"},
		{"Arefullaha Ref", "Arefullah Aref", []TokenMatch{
			{Query: "arefullaha", Listed: "arefullah aref", QueryIndex: 0, ListedIndex: 0, Kind: Fuzzy, Score: simSplit},
			{Query: "ref", Listed: "arefullah aref", QueryIndex: 1, ListedIndex: 0, Kind: Fuzzy, Score: simSplit},
		}, "two words split elsewhere name both on each side"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := Compare(tt.query, tt.listed).Matches
			require.Len(t, got, len(tt.want), "Compare(%q, %q) matches: %s", tt.query, tt.listed, tt.reason)
			for k, w := range tt.want {
				g := got[k]
				if g.Query != w.Query || g.Listed != w.Listed || g.QueryIndex != w.QueryIndex || g.ListedIndex != w.ListedIndex || g.Kind != w.Kind {
					t.Errorf("match %d = %+v, want %+v: %s", k, g, w, tt.reason)
				}
				if w.Score != 0 {
					assert.Equal(t, w.Score, g.Score, "match %d score: %s", k, tt.reason)
				}
				if w.Kind == Fuzzy && (g.Score <= 0.4 || g.Score >= 1) {
					t.Errorf("fuzzy match %d score %v, want in (0.4, 1): %s", k, g.Score, tt.reason)
				}
				assert.Positive(t, g.Weight, "match %d weight", k)
			}
		})
	}
}

func TestResultString(t *testing.T) {
	got := Compare("Kim Jong Un", "KIM JONG MAN").String()
	assert.Equal(t, "0.67: kim=kim exact, jong=jong exact, +un, -man", got)
}

func TestWeights(t *testing.T) {
	var names [][]Token
	for range 3000 {
		names = append(names, Tokenize("Mohammed Ali"))
	}
	names = append(names, Tokenize("Muhammad Zuhair"), Tokenize("ACME Trading LLC"))
	w := NewWeights(names)
	tests := []struct {
		token    string
		min, max float64
		reason   string
	}{
		{"Zuhair", 1, 1, "found in one name of 3,002"},
		{"Nobody", 1, 1, "absent from the corpus"},
		{"Muhammad", 0.2233, 0.2234, "its key is in 3,001 names, counted against at least 30,000: ln(30000/3001)/ln(30000)"},
		{"LLC", 0.15, 0.15, "weak, and rare"},
		{"J", 0.35, 0.35, "an initial"},
	}
	for _, tt := range tests {
		tok := Tokenize(tt.token)[0]
		assert.InDelta(t, (tt.min+tt.max)/2, w.Weight(tok), (tt.max-tt.min)/2+1e-12, "Weight(%q): %s", tt.token, tt.reason)
	}
	assert.Equal(t, 3001, w.Frequency(Tokenize("Mohamed")[0]), "Frequency(Mohamed): Mohammed and Muhammad share its key")
	var nilW *Weights
	assert.Equal(t, 1.0, nilW.Weight(Tokenize("Kim")[0]), "nil Weights")
}

// TestCompareSymmetricBench checks symmetry and range on the public
// benchmark pairs and on random corruptions of them.
func TestCompareSymmetricBench(t *testing.T) {
	cases := loadBenchCases(t)
	r := rand.New(rand.NewPCG(5, 6))
	var w *Weights
	if !testing.Short() {
		w = loadEvalCorpus(t).index.Weights()
	}
	for _, c := range cases {
		for _, pair := range [][2]string{{c.name1, c.name2}, {corruptName(r, c.name1), c.name2}} {
			a, b := Tokenize(pair[0]), Tokenize(pair[1])
			x, y := CompareTokens(a, b, w), CompareTokens(b, a, w)
			assert.Equal(t, x.Score, y.Score, "CompareTokens(%q, %q) reversed", pair[0], pair[1])
			assert.True(t, x.Score >= 0 && x.Score <= 1, "CompareTokens(%q, %q) = %v, outside [0,1]", pair[0], pair[1], x.Score)
			assert.Empty(t, checkExplanation(a, b, x), "CompareTokens(%q, %q) explanation", pair[0], pair[1])
		}
	}
}

// checkExplanation returns what is wrong with r as the explanation of q
// against l: each query token must have one entry, in order, and each
// listed token must be covered once, by a pair or as unmatched.
func checkExplanation(q, l []Token, r Result) string {
	covered := make([]int, len(l))
	next := 0
	for _, m := range r.Matches {
		if m.QueryIndex >= 0 {
			if m.QueryIndex != next || m.Query != q[next].Text {
				return fmt.Sprintf("entry %+v out of order (want query token %d)", m, next)
			}
			next++
		}
		if m.ListedIndex < 0 {
			continue
		}
		words := strings.Fields(m.Listed)
		for k, w := range words {
			j := m.ListedIndex + k
			if j >= len(l) || l[j].Text != w {
				return fmt.Sprintf("entry %+v names listed tokens that are not there", m)
			}
			covered[j]++
		}
	}
	if next != len(q) {
		return fmt.Sprintf("%d query tokens explained, want %d", next, len(q))
	}
	// A listed token met by two query tokens written as one word is named
	// by both entries.
	for j, c := range covered {
		if c == 0 {
			return fmt.Sprintf("listed token %d (%s) not explained", j, l[j].Text)
		}
	}
	return ""
}

func TestScoreNameAllocs(t *testing.T) {
	ix := smallIndex()
	q := Tokenize("Vladimir Putin")
	s := ix.getScratch()
	ix.gather(q, DefaultThreshold, s)
	for id := range ix.Len() {
		ix.scoreName(q, uint32(id), s)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		for id := range ix.Len() {
			ix.scoreName(q, uint32(id), s)
		}
	}), "allocations of scoring a candidate")
}
