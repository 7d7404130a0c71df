package fuzzy

import (
	"encoding/csv"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The romanization systems, written out independently of korean.go so that
// the tests check the key classes against the systems themselves.

// Revised Romanization (2000), syllable by syllable.
var (
	rrInitials = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	rrVowels   = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	rrFinals   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// McCune–Reischauer (1939): voiceless initials at the start of a word,
// voiced ones inside a name (Kim Chŏng-il, but Chŏngil -> -gil), aspirates
// with an apostrophe, ŏ and ŭ with a breve.
var (
	mrInitials      = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"}
	mrVoicedInitial = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "tch", "ch'", "k'", "t'", "p'", "h"}
	mrVowels        = [21]string{"a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"}
	mrFinals        = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// The DPRK's own system (1992) and the lists' spelling of it: kh, th, ph
// for aspirates, j for ㅈ, and a breve written as an apostrophe after the
// vowel (MYO'NG, CHO'NG, U'N) or after the y (KY'ONG).
var (
	dprkInitials = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"}
	dprkVowels   = [21]string{"a", "ae", "ya", "yae", "o'", "e", "yo'", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo'", "we", "wi", "yu", "u'", "u'i", "i"}
)

// Common spellings outside the systems, by vowel and initial.
var (
	commonVowels = map[string][]string{
		"eo":  {"o", "u"},                // Jong, Jung (정)
		"yeo": {"yo", "yu", "you", "yu"}, // Hyok, Hyuk (혁), Young (영)
		"eu":  {"u"},                     // Un (은)
		"u":   {"oo"},                    // Yoo, Joo, Moon
		"yu":  {"yoo", "you"},            // Yoo (유)
		"i":   {"ee"},                    // Lee
		"ui":  {"eui", "ee", "i"},        // Hee (희), Eui
		"oe":  {"oi", "we"},              // Choi (최)
		"ae":  {"e", "ai"},               // Tai
		"e":   {"ae"},
		"wo":  {"weo"},
		"wae": {"we"},
	}
	commonInitials = map[string][]string{
		"g": {"k"}, "k": {"g", "kh"}, "d": {"t"}, "t": {"d", "th"}, "b": {"p"}, "p": {"b", "ph"},
		"j": {"ch"}, "ch": {"j"}, "kk": {"k", "g"}, "tt": {"t", "d"}, "pp": {"p", "b"}, "jj": {"j", "ch"},
		"ss": {"s"},
	}
)

// testRomanizations returns the spellings of the Hangul syllable r that
// should all share its key.
func testRomanizations(r rune) []string {
	i, m, f := hangulJamo(r)
	set := map[string]bool{}
	add := func(ini, med, fin string) { set[ini+med+fin] = true }
	rrMed := rrVowels[m]
	meds := []string{rrMed, mrVowels[m], dprkVowels[m], strings.NewReplacer("ŏ", "o", "ŭ", "u").Replace(mrVowels[m])}
	meds = append(meds, commonVowels[rrMed]...)
	inis := []string{rrInitials[i], mrInitials[i], mrVoicedInitial[i], dprkInitials[i]}
	inis = append(inis, commonInitials[rrInitials[i]]...)
	switch rrInitials[i] {
	case "s":
		if rrMed == "i" || rrMed == "wi" || strings.HasPrefix(rrMed, "y") {
			inis = append(inis, "sh") // Shin (신)
		}
	case "r":
		inis = append(inis, "l", "n", "rh") // Lim, No (로), Rhee
		if rrMed[0] == 'i' || rrMed[0] == 'y' {
			inis = append(inis, "") // initial-sound rule: Lee = I = Yi
		}
	case "n":
		if rrMed[0] == 'i' || rrMed[0] == 'y' {
			inis = append(inis, "") // 녀 = 여
		}
	}
	if rrInitials[i] == "" && rrMed == "i" {
		meds = append(meds, "yi") // Yi (이)
	}
	if rrInitials[i] == "" && rrMed == "u" {
		meds = append(meds, "woo") // Woo (우)
	}
	fins := []string{rrFinals[f], mrFinals[f]}
	switch rrFinals[f] {
	case "k":
		fins = append(fins, "g") // Seog (석)
	case "l":
		fins = append(fins, "r")
	case "p":
		fins = append(fins, "b")
	}
	for _, a := range inis {
		for _, b := range meds {
			for _, c := range fins {
				add(a, b, c)
			}
		}
	}
	switch r {
	case '오':
		set["oh"] = true
	case '노', '로':
		set["roh"], set["noh"] = true, true
	case '안':
		set["ahn"] = true
	case '박':
		set["park"] = true
	case '최':
		set["choi"], set["chey"] = true, true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestKoreanKeyAllSyllables checks, for every one of the 11,172 Hangul
// syllables, that its own Latin text and all its spellings under Revised
// Romanization, McCune–Reischauer (with and without breves and
// apostrophes, voiced and voiceless), the DPRK system and the common
// variants are known and share the syllable's key.
func TestKoreanKeyAllSyllables(t *testing.T) {
	bySpelling := map[string]bool{}
	failures := 0
	total := 0
	for r := rune(hangulBase); r <= hangulLast; r++ {
		want := hangulKey(r)
		got, ok := KoreanKey(string(r))
		require.True(t, ok, "KoreanKey(%q) not Korean", string(r))
		require.Equal(t, want, got, "KoreanKey(%q)", string(r))
		own := string(appendHangulText(nil, r))
		got, ok = KoreanKey(own)
		assert.True(t, ok && got == want, "KoreanKey(%q) (text of %c) = %q, %v; want %q", own, r, got, ok, want)
		for _, sp := range testRomanizations(r) {
			total++
			got, ok := KoreanKey(sp)
			if !ok || got != want {
				failures++
				if failures <= 20 {
					t.Errorf("KoreanKey(%q) = %q, %v; want %q, the key of %c", sp, got, ok, want, r)
				}
				continue
			}
			bySpelling[Normalize(sp)] = true
		}
	}
	assert.Zero(t, failures, "spellings failed of %d", total)
	keys := map[string]bool{}
	for r := rune(hangulBase); r <= hangulLast; r++ {
		keys[hangulKey(r)] = true
	}
	// The classes merge syllables: log how much.
	t.Logf("%d spellings of 11172 syllables checked (%d distinct); the syllables have %d distinct keys", total, len(bySpelling), len(keys))
}

// TestKoreanKeyPairs checks pairs of spellings of one syllable taken from
// the lists and from common usage.
func TestKoreanKeyPairs(t *testing.T) {
	tests := []struct {
		a, b   string
		reason string
	}{
		{"Ri", "Lee", "이/리: DPRK Ri, South Korean Lee"},
		{"Ri", "Yi", "이: Yi is a common South Korean spelling"},
		{"Ri", "Rhee", "이: Syngman Rhee"},
		{"Ri", "I", "이: Revised Romanization of the surname"},
		{"Ri", "Rhie", "이: a rarer spelling"},
		{"Ri", "이", "Hangul against Latin"},
		{"Ri", "리", "Hangul DPRK form"},
		{"Pak", "Park", "박: the English-style spelling"},
		{"Pak", "Bak", "박: Revised Romanization"},
		{"Pak", "박", "Hangul"},
		{"Choe", "Choi", "최: DPRK Choe, South Korean Choi"},
		{"Choe", "Chey", "최: Chey is a known variant"},
		{"CH'OE", "Choe", "최: MR with apostrophe"},
		{"Jong", "Jeong", "정: DPRK and RR"},
		{"Jong", "Chong", "정: MR voiceless"},
		{"Jong", "Jung", "정: common South Korean spelling"},
		{"Jong", "Chung", "정: common spelling"},
		{"Jong", "Cheong", "정: RR-like with ch"},
		{"CHO'NG", "Jong", "정: the lists' breve as apostrophe"},
		{"Chŏng", "Jong", "정: MR with breve"},
		{"Kim", "Gim", "김: RR"},
		{"Ryu", "Yu", "류/유: initial-sound rule"},
		{"Ryu", "Yoo", "유: common spelling"},
		{"Rim", "Lim", "림/임"},
		{"Rim", "Im", "림/임: initial-sound rule"},
		{"Chol", "Cheol", "철: RR"},
		{"Chol", "Chul", "철: common spelling"},
		{"CH'O'L", "Chol", "철: the lists' MR"},
		{"Hyok", "Hyeok", "혁: RR"},
		{"Hyok", "Hyuk", "혁: common spelling"},
		{"HYO'K", "Hyok", "혁: the lists' MR"},
		{"Song", "Seong", "성: RR"},
		{"Song", "Sung", "성: common spelling"},
		{"Un", "Eun", "은: RR"},
		{"U'N", "Un", "은: the lists' MR"},
		{"Kang", "Gang", "강: RR"},
		{"Ko", "Go", "고: RR"},
		{"Han", "한", "한: Hangul"},
		{"Hwang", "황", "황: Hangul"},
		{"Kwon", "Gwon", "권: RR"},
		{"Kwon", "Kweon", "권: RR-like variant"},
		{"Sin", "Shin", "신: common spelling"},
		{"Yun", "Yoon", "윤: common spelling"},
		{"Jo", "Cho", "조"},
		{"O", "Oh", "오: silent h"},
		{"Ryom", "Yeom", "렴/염: initial-sound rule"},
		{"Ju", "Joo", "주"},
		{"Ju", "Chu", "주: MR voiceless"},
		{"Kwang", "Gwang", "광"},
		{"Myong", "Myeong", "명: RR"},
		{"Myong", "Myung", "명: common spelling"},
		{"MYO'NG", "Myong", "명: the lists' MR"},
		{"Yong", "Yeong", "영: RR"},
		{"Yong", "Young", "영: common spelling"},
		{"Hyon", "Hyeon", "현: RR"},
		{"Hyon", "Hyun", "현: common spelling"},
		{"Sok", "Seok", "석: RR"},
		{"Sok", "Suk", "석: common spelling"},
		{"Sok", "Seog", "석: final g"},
		{"KY'ONG", "Kyong", "경: apostrophe after the y"},
		{"Kyong", "Kyung", "경: common spelling"},
		{"Kyong", "Gyeong", "경: RR"},
		{"Hui", "Hee", "희: common spelling"},
		{"Hui", "Heui", "희"},
		{"Ro", "No", "노/로: initial-sound rule"},
		{"Ro", "Roh", "노: Roh Moo-hyun"},
		{"Ahn", "An", "안: silent h"},
		{"Moon", "Mun", "문"},
		{"Woo", "U", "우"},
		{"Jae", "Chae", "재: MR"},
		{"Tae", "Dae", "태/대 share a class"},
		{"Pom", "Bom", "범: UN list KPi.016"},
		{"Kuk", "Guk", "국: UN list KPi.018"},
		{"Chin", "Jin", "진: UN list KPi.007"},
		{"Ryong", "Yong", "룡/용: initial-sound rule"},
		{"Ryang", "Yang", "량/양"},
		{"Ra", "Na", "라/나: initial-sound rule"},
		{"Pyong", "Byeong", "병"},
	}
	for _, tt := range tests {
		ka, oka := KoreanKey(tt.a)
		kb, okb := KoreanKey(tt.b)
		assert.True(t, oka && okb, "KoreanKey(%q), KoreanKey(%q): want both Korean (%s)", tt.a, tt.b, tt.reason)
		assert.Equal(t, ka, kb, "KoreanKey(%q), KoreanKey(%q): want equal keys (%s)", tt.a, tt.b, tt.reason)
	}
}

// TestKoreanKeyDistinct checks that different syllables keep different
// keys where the spellings in use allow it.
func TestKoreanKeyDistinct(t *testing.T) {
	tests := []struct {
		a, b   string
		reason string
	}{
		{"Kim", "Pak", "different surnames"},
		{"Chol", "Jin", "KIM SOK JIN vs KIM SOK CHOL: different given names"},
		{"Myong", "Hyok", "CHU MYO'NG vs CHU HYO'K"},
		{"Jong", "Yong", "정 and 영 differ by the initial"},
		{"Kwang", "Kang", "광 and 강 differ by the w"},
		{"Sik", "Man", "KIM JONG MAN vs KIM JONG SIK"},
		{"Song", "Son", "final ng and n differ"},
		{"Ri", "Ryu", "이 and 유 differ by the vowel"},
		{"Choe", "Cho", "최 and 조 differ by the vowel"},
		{"Hwa", "Ha", "HWANG SOK-HWA vs HWANG SOK HA: 화 and 하"},
	}
	for _, tt := range tests {
		ka, _ := KoreanKey(tt.a)
		kb, _ := KoreanKey(tt.b)
		assert.NotEqual(t, ka, kb, "KoreanKey(%q), KoreanKey(%q): want different keys (%s)", tt.a, tt.b, tt.reason)
	}
}

// TestKoreanKeyUnknown checks that words that are not Korean syllables are
// refused.
func TestKoreanKeyUnknown(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"", "empty"},
		{"Hassan", "two syllables at most, and not one"},
		{"Smith", "consonant cluster"},
		{"Jongun", "two syllables"},
		{"kim jong", "two words"},
		{"김정", "two Hangul syllables"},
		{"x", "no vowel"},
		{"Wei", "no Korean syllable is spelled wei"},
		{"123", "digits"},
	}
	for _, tt := range tests {
		k, ok := KoreanKey(tt.in)
		assert.False(t, ok, "KoreanKey(%q) = %q (%s)", tt.in, k, tt.reason)
	}
}

// keySeq returns the keys of toks, or their texts where they have none,
// sorted.
func keySeq(toks []Token) []string {
	out := make([]string, len(toks))
	for i, tk := range toks {
		out[i] = tk.Key
		if out[i] == "" {
			out[i] = "=" + tk.Text
		}
	}
	sort.Strings(out)
	return out
}

// isKoreanName reports whether every token of toks has a Korean key.
func isKoreanName(toks []Token) bool {
	for _, tk := range toks {
		if k, ok := KoreanKey(tk.Text); !ok || k != tk.Key {
			return false
		}
	}
	return len(toks) > 0
}

// TestNameBenchKorean reads the Korean rows of name_bench_cases.csv (both
// names read as Korean) and checks that no pair labelled a non-match has
// the same keys: the key classes do not merge the given names the bench
// takes for different people (KIM SOK JIN / KIM SOK CHOL, CHU MYO'NG / CHU
// HYO'K...). Pairs labelled a match that differ only in romanization must
// have the same keys.
func TestNameBenchKorean(t *testing.T) {
	f, err := os.Open(normShared(t, "eval-public/name_bench_cases.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	mustEqual := map[string]string{ // romanization variants labelled a match
		"Kim Jong On": "Kim Jong Un",
		"Kim Jong-un": "Kim Jong Un",
	}
	// Accepted merges: the lists' spelling without breves cannot tell
	// these syllables apart, so neither can the keys.
	accepted := map[[2]string]string{
		{"김종은", "김정은"}: "종 and 정 are both Jong once the breve of Chŏng is dropped",
	}
	korean, equal := 0, 0
	for _, row := range rows[1:] {
		a, b, match := row[2], row[3], row[4] == "true"
		ta, tb := Tokenize(a), Tokenize(b)
		if !isKoreanName(ta) || !isKoreanName(tb) {
			continue
		}
		korean++
		same := slices.Equal(keySeq(ta), keySeq(tb))
		if same {
			equal++
		}
		if same && !match && accepted[[2]string{a, b}] == "" {
			t.Errorf("%q and %q are labelled different people but have the same keys %q", a, b, keySeq(ta))
		}
		if mustEqual[a] == b && !same {
			t.Errorf("%q and %q: keys %q and %q; want equal", a, b, keySeq(ta), keySeq(tb))
		}
	}
	assert.GreaterOrEqual(t, korean, 30, "Korean rows in the bench")
	t.Logf("%d Korean rows, %d with equal keys", korean, equal)
}
