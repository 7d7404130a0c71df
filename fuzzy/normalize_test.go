package fuzzy

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
)

// normShared returns the path of rel under ../shared (see [sharedtest.Path]).
func normShared(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, rel)
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{"KIM Jong-Un", "kim jong un", "case folded, hyphen splits"},
		{"CH'OL", "chol", "straight apostrophe of the lists' DPRK spelling is removed"},
		{"CH’O’L", "chol", "curly apostrophes (U+2019) too"},
		{"Ch‘ŏl", "chol", "left quote (U+2018) and breve"},
		{"HYOʼK", "hyok", "modifier letter apostrophe (U+02BC)"},
		{"MYOʻNG", "myong", "modifier letter turned comma (U+02BB)"},
		{"KYˈONG", "kyong", "modifier letter vertical line (U+02C8)"},
		{"Chŏng Ŭn", "chong un", "breves removed"},
		{"HYO´K", "hyok", "spacing acute used as an apostrophe: not split by NFKC"},
		{"Cho˘ng", "chong", "spacing breve typed after the vowel"},
		{"HYO′K", "hyok", "prime used as an apostrophe"},
		{"Kim Jong‐Un", "kim jong un", "Unicode hyphen (U+2010)"},
		{"Kim Jong–Un", "kim jong un", "en dash"},
		{"U'N", "un", "DPRK U'N"},
		{"  Kim   Jong \t Un  ", "kim jong un", "whitespace collapsed and trimmed"},
		{"Kim\u00a0Jong\u2003Un", "kim jong un", "no-break and em spaces"},
		{"Kim\nJong\r\nUn", "kim jong un", "line breaks"},
		{"Пак Чол", "pak chol", "Cyrillic transliterated"},
		{"ООО «Ромашка»", "ooo romashka", "Cyrillic legal form and guillemets"},
		{"리 원호", "ri won ho", "each Hangul syllable a word"},
		{"김정은", "kim jong un", "Hangul name written together"},
		{"김정은 KIM", "kim jong un kim", "mixed Hangul and Latin"},
		{"محمد علي", "muhammad ali", "Arabic through the lexicon"},
		{"Αλέξανδρος", "alexandros", "Greek with an accent"},
		{"José María Aznar", "jose maria aznar", "acute accents"},
		{"Straße", "strasse", "sharp s"},
		{"Ørsted Ærø", "orsted aero", "Danish letters without decomposition"},
		{"Łukasz Żółć", "lukasz zolc", "Polish"},
		{"İstanbul", "istanbul", "Turkish dotted capital I"},
		{"ısık", "isik", "Turkish dotless i"},
		{"ＫＩＭ", "kim", "fullwidth letters (NFKC)"},
		{"ﬁnance", "finance", "ligature (NFKC)"},
		{"e\u0301", "e", "decomposed accent"},
		{"Андреи\u0306", "andrey", "decomposed й composed first, not read as и"},
		{"O'Brien", "obrien", "apostrophe joins"},
		{"AL-QAIDA", "al qaida", "hyphen splits"},
		{"Co., Ltd.", "co ltd", "punctuation separates"},
		{"Agent 007", "agent 007", "digits kept"},
		{"١٢٣", "123", "Arabic-Indic digits"},
		{"ʿAbd al-ʿAzīz", "abd al aziz", "ayn and hamza signs of scholarly transliteration are apostrophes"},
		{"山田", "shan tian", "Han in pinyin"},
		{"ᚠᚢ", "u16a0 u16a2", "untransliterated script: one word per character"},
		{"Ⅻ", "xii", "Roman numeral (NFKC)"},
		{"", "", "empty"},
		{" -- ", "", "only punctuation"},
		{"kim jong un", "kim jong un", "already normal"},
		{"\xff\xfeKim", "kim", "invalid UTF-8 is a separator"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Normalize(tt.in)
			assert.Equal(t, tt.want, got, "Normalize(%q) (%s)", tt.in, tt.reason)
			assert.Equal(t, got, Normalize(got), "Normalize(%q) not idempotent", got)
		})
	}
}

// TestNormalizeAllocs checks the ASCII fast path: no allocation for a name
// already in normal form, only the result otherwise.
func TestNormalizeAllocs(t *testing.T) {
	tests := []struct {
		in     string
		max    float64
		reason string
	}{
		{"kim jong un", 0, "already normal: returned as is"},
		{"KIM Jong-Un", 1, "ASCII: only the result"},
		{"MUN CHO'NG-CH'O'L", 1, "ASCII with apostrophes: only the result"},
		{"Mohammed bin Salman Al Saud", 1, "ASCII: only the result"},
		{"Пак Чол", 1, "Cyrillic: only the result"},
		{"김정은", 1, "Hangul: only the result"},
	}
	for _, tt := range tests {
		assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { Normalize(tt.in) }), tt.max, "Normalize(%q) allocations (%s)", tt.in, tt.reason)
	}
	// Tokenize: the normalized text, the tokens and the variant keys.
	for _, in := range []string{"KIM Jong-Un", "Mohammed bin Salman Al Saud"} {
		assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { Tokenize(in) }), 3.0, "Tokenize(%q) allocations", in)
	}
}

// TestNormalizeLong checks names longer than the normalizer's inline
// buffers (192 bytes, 24 words).
func TestNormalizeLong(t *testing.T) {
	in := strings.Repeat("KIM Jong-Un, ", 40)
	want := strings.TrimSpace(strings.Repeat("kim jong un ", 40))
	assert.Equal(t, want, Normalize(in), "Normalize of a %d-byte name", len(in))
	toks := Tokenize(in)
	require.Len(t, toks, 120, "Tokenize of 120 words")
	assert.Equal(t, want, strings.Join(tokenTexts(toks), " "), "Tokenize of a long name")
	in = strings.Repeat("Ж", 200)
	assert.Equal(t, strings.Repeat("zh", 200), Normalize(in), "Normalize of 200 Ж")
}

// tokenTexts returns the texts of toks.
func tokenTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, tk := range toks {
		out[i] = tk.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in     string
		want   string // texts, space separated; a * after a text marks a weak token
		script Script // script of every non-weak token
		reason string
	}{
		{"KIM Jong-Un", "kim jong un", Latin, "plain DPRK name"},
		{"Kim Jongun", "kim jong un", Latin, "run-together given name split after the surname Kim"},
		{"Jongun Kim", "jong un kim", Latin, "surname last"},
		{"Kim Yojong", "kim yo jong", Latin, "Yojong is yo-jong"},
		{"Pang Sunam", "pang su nam", Latin, "su-nam: both common name syllables (not sun-am)"},
		{"Choe Sunok", "choe sun ok", Latin, "sun-ok: ok is common (not su-nok)"},
		{"Cho Yongwon", "cho yong won", Latin, "UN list alias of JO YONG-WON"},
		{"김정은", "kim jong un", Hangul, "Hangul syllables are tokens"},
		{"Hassan Kim", "hassan kim", Latin, "ha-ssan refused: doubled consonant"},
		{"Anna Kim", "anna kim", Latin, "an-na refused: doubled consonant"},
		{"Maria Kim", "maria kim", Latin, "three syllables, and ma-ria between two vowels"},
		{"Paul Kim", "paul kim", Latin, "pa-ul refused: between two vowels"},
		{"Dongguan Trading Co Ltd", "dongguan trading* co* ltd*", Latin, "company: no Korean split"},
		{"Hong Kong Mining Limited", "hong kong mining limited*", Latin, "company with a Korean surname: no split"},
		{"Jongun", "jongun", Latin, "a lone word is not a Korean name"},
		{"The Base", "the* base", Latin, "the is a weak particle, not taken for the surname 태"},
		{"Hilda I", "hilda i", Latin, "a single letter is not taken for the surname 이"},
		{"Abdullah", "abd ullah", Latin, "theophoric name split after abd"},
		{"Abdulrahman al-Rashid", "abdul rahman al* rashid", Latin, "abdul + rahman; al is a weak particle"},
		{"Abdelaziz Bouteflika", "abdel aziz bouteflika", Latin, "abdel + aziz"},
		{"Abdiel Smith", "abdiel smith", Latin, "not followed by a name of God: kept whole"},
		{"ООО Ромашка", "ooo* romashka", Cyrillic, "Cyrillic legal form is weak"},
		{"Mr John Smith", "mr* john smith", Latin, "honorific is weak"},
		{"Sheikh Isa Bin Tarif", "sheikh* isa bin tarif", Latin, "sheikh is weak, bin is not"},
		{"Alpha Trading LLC", "alpha trading* llc*", Latin, "legal form and trading are weak"},
		{"PETROPARK S.R.L.", "petropark srl*", Latin, "a legal form written as letters is one weak token"},
		{"FABERLIC EUROPE Sp. z o.o.", "faberlic europe spzoo*", Latin, "so is Sp. z o.o."},
		{"Mendez Nederland, B.V.", "mendez nederland bv*", Latin, "and B.V."},
		{"A.B.C. Company", "a b c company*", Latin, "letters that are not a legal form stay initials"},
		{"J M A", "j m a", Latin, "so do letters spelling no legal form"},
		{"AT and T Inc", "at* and* t inc*", Latin, "and is a weak particle (at is the Ukrainian legal form АТ)"},
		{"محمد علي", "muhammad ali", Arabic, "Arabic"},
		{"عبدالله", "abd allah", Arabic, "run-together Arabic abd"},
		{"", "", Latin, "empty: no tokens"},
		{"...", "", Latin, "no letters: no tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := Tokenize(tt.in)
			var got []string
			for _, tk := range toks {
				s := tk.Text
				if tk.Weak {
					s += "*"
				} else {
					assert.Equal(t, tt.script, tk.Script, "token %q script (%s)", tk.Text, tt.reason)
				}
				got = append(got, s)
			}
			assert.Equal(t, tt.want, strings.Join(got, " "), "Tokenize(%q) (%s)", tt.in, tt.reason)
			if tt.want == "" {
				assert.Nil(t, toks, "Tokenize(%q)", tt.in)
			}
		})
	}
}

func TestTokenizeJoined(t *testing.T) {
	tests := []struct {
		in     string
		want   string // texts, space separated; a + before a text marks a Joined token
		reason string
	}{
		{"Abdullah", "abd +ullah", "ullah was split from abdullah"},
		{"Abd Allah", "abd allah", "two words: nothing joined"},
		{"Kim Jongun", "kim jong +un", "un was split from jongun"},
		{"Kim Jong Un", "kim jong un", "three words"},
		{"김정은", "kim jong un", "each Hangul syllable is a word"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range Tokenize(tt.in) {
			if tk.Joined {
				got = append(got, "+"+tk.Text)
			} else {
				got = append(got, tk.Text)
			}
		}
		assert.Equal(t, tt.want, strings.Join(got, " "), "Tokenize(%q): %s", tt.in, tt.reason)
	}
}

// TestTokenizeKeys checks that tokens of two spellings of a name share
// their keys, position by position.
func TestTokenizeKeys(t *testing.T) {
	tests := []struct {
		a, b   string
		reason string
	}{
		{"Kim Jong Un", "김정은", "Latin and Hangul"},
		{"Kim Jong Un", "Kim Jeong-eun", "DPRK and Revised Romanization"},
		{"Kim Jong Un", "KIM Jongun", "run-together given name"},
		{"Ri Won Ho", "Lee Won-ho", "Ri = Lee"},
		{"Ri Won Ho", "리원호", "Hangul"},
		{"Park Ji Sung", "박지성", "Park = Pak (박)"},
		{"Lee Min Ho", "이민호", "Lee = I (이)"},
		{"Choe Ryong Hae", "Choi Ryong-hae", "Choe = Choi"},
		{"MUN CHO'NG-CH'O'L", "Mun Chong-Chol", "UN list KPi.012 alias"},
		{"KIM YONG CHOL", "Kim Young-Cheol", "UN list KPi.024 alias"},
		{"CHANG MYONG-CHIN", "Jang Myong-Jin", "UN list KPi.007 alias"},
		{"RA KY'ONG-SU", "Ra Kyung-Su", "UN list KPi.008 alias"},
		{"JON MYONG GUK", "Cho’n Myo’ng-kuk", "UN list KPi.018 alias, curly apostrophes"},
		{"KIM JUNG JONG", "Kim Chung Chong", "UN list KPi.021 alias"},
		{"HYON KWANG IL", "Hyon Gwang Il", "UN list KPi.015 alias"},
		{"JANG BOM SU", "Jang Pom Su", "UN list KPi.016 alias"},
		{"CHO IL U", "Cho Il Woo", "UN list KPi.040 alias"},
		{"MIN BYONG CHOL", "Min Pyo’ng-ch’o’l", "UN list KPi.047 alias"},
		{"PAK TO CHUN", "Pak To’-Ch’un", "UN list KPi.050 alias"},
		{"RI JAE IL", "RI Chae-Il", "UN list KPi.051 alias"},
		{"JO YONG-WON", "Cho Yongwon", "UN list KPi.043 alias, run-together"},
		{"YUN HO-JIN", "Yun Ho-chin", "UN list KPi.001 alias"},
		{"Mohammed Hussein", "Muhammad Husayn", "Arabic variants"},
		{"Mohamed bin Salman", "Mohammed ibn Salman", "bin = ibn"},
		{"Osama bin Laden", "Usama bin Laden", "Osama = Usama"},
		{"Muammar Qaddafi", "Moammar Gaddafi", "Qaddafi = Gaddafi"},
		{"Yevgeniy Prigozhin", "Evgeny Prigozhin", "Yevgeniy = Evgeny"},
		{"Евгений Пригожин", "Yevgeniy Prigozhin", "Cyrillic, BGN/PCGN"},
		{"Aleksandr Ivanov", "Alexander Ivanoff", "Aleksandr = Alexander, -ov = -off"},
		{"Sergei Lavrov", "Sergey Lavrov", "Sergei = Sergey"},
		{"Yuri Andropov", "Iouri Andropov", "Yuri = Iouri"},
		{"Abdullah", "Abd Allah", "split theophoric name"},
		{"عبد الله", "Abdullah", "Arabic script and run-together Latin"},
		{"ООО Ромашка", "LLC Romashka", "ООО = LLC"},
		{"Alpha Limited", "Alpha Ltd", "limited = ltd"},
		{"김", "Kim", "a lone Hangul syllable keeps its Korean key"},
		{"정 Smith", "Jong Smith", "Hangul syllable in a name that is not Korean-looking"},
	}
	for _, tt := range tests {
		a, b := Tokenize(tt.a), Tokenize(tt.b)
		if !assert.Len(t, b, len(a), "Tokenize(%q) = %q, Tokenize(%q): lengths differ (%s)", tt.a, tokenTexts(a), tt.b, tt.reason) {
			continue
		}
		for i := range a {
			if a[i].Text != b[i].Text && (a[i].Key == "" || a[i].Key != b[i].Key) {
				t.Errorf("%q and %q: token %d, %q (key %q) and %q (key %q), neither text nor key equal (%s)",
					tt.a, tt.b, i, a[i].Text, a[i].Key, b[i].Text, b[i].Key, tt.reason)
			}
		}
	}
}

// TestTokenizeHangulKey checks that a Hangul syllable has its Korean key
// even where the name is not Korean-looking (one word, or mixed).
func TestTokenizeHangulKey(t *testing.T) {
	for _, in := range []string{"김", "김 Smith", "Smith 김"} {
		for _, tk := range Tokenize(in) {
			if tk.Script != Hangul {
				continue
			}
			want, _ := KoreanKey("Gim")
			assert.Equal(t, want, tk.Key, "Tokenize(%q): %q: want the key of Gim", in, tk.Text)
		}
	}
}

// TestTokenizeConsistent checks that the tokens spell the normal form.
func TestTokenizeConsistent(t *testing.T) {
	for _, s := range fuzzNormSeeds {
		var b strings.Builder
		for _, tk := range Tokenize(s) {
			b.WriteString(tk.Text)
		}
		assert.Equal(t, strings.ReplaceAll(Normalize(s), " ", ""), b.String(), "Tokenize(%q) spells Normalize without spaces", s)
	}
}

// unNameXML reads the names of individuals from the UN consolidated list.
type unNameXML struct {
	Individuals []struct {
		Ref     string   `xml:"REFERENCE_NUMBER"`
		First   string   `xml:"FIRST_NAME"`
		Second  string   `xml:"SECOND_NAME"`
		Third   string   `xml:"THIRD_NAME"`
		Aliases []string `xml:"INDIVIDUAL_ALIAS>ALIAS_NAME"`
	} `xml:"INDIVIDUALS>INDIVIDUAL"`
}

// TestTokenizeUNDPRK reads the DPRK individuals of the real UN list and
// checks that their names are read as Korean: every token has the key of
// its Korean syllable. The only exceptions are Chinese names.
func TestTokenizeUNDPRK(t *testing.T) {
	b, err := os.ReadFile(normShared(t, "lists/un/2026-02/consolidated.xml"))
	require.NoError(t, err)
	var doc unNameXML
	require.NoError(t, xml.Unmarshal(b, &doc))
	chinese := map[string]bool{ // names that are Chinese, not Korean
		"TSANG YUNG YUAN": true, "Jian Wenji": true, "Jiang Wen-ji": true, "Neil Tsang": true,
		"Yun Yuan Tsang": true, "Jin Tiesan (金铁三)": true, "Lui Wai Ming": true,
	}
	names, korean := 0, 0
	var missed []string
	for _, ind := range doc.Individuals {
		if !strings.HasPrefix(ind.Ref, "KPi.") {
			continue
		}
		all := append([]string{strings.Join(slices.DeleteFunc([]string{ind.First, ind.Second, ind.Third}, func(s string) bool { return s == "" }), " ")}, ind.Aliases...)
		for _, name := range all {
			names++
			ok := true
			for _, tk := range Tokenize(name) {
				if k, isKor := KoreanKey(tk.Text); !isKor || k != tk.Key {
					ok = false
				}
			}
			if ok {
				korean++
			} else if !chinese[name] {
				missed = append(missed, name)
			}
		}
	}
	require.GreaterOrEqual(t, names, 150, "DPRK names read from the UN list")
	assert.Empty(t, missed, "DPRK names not read as Korean")
	t.Logf("%d of %d DPRK names (primary and aliases) of the UN list read as Korean", korean, names)
}

func ExampleNormalize() {
	fmt.Println(Normalize("KIM Jong-Un"))
	fmt.Println(Normalize("MUN CHO'NG-CH'O'L"))
	fmt.Println(Normalize("Пак Чол"))
	fmt.Println(Normalize("리 원호"))
	fmt.Println(Normalize("José  María"))
	// Output:
	// kim jong un
	// mun chong chol
	// pak chol
	// ri won ho
	// jose maria
}

func ExampleTokenize() {
	a := Tokenize("Kim Jongun")
	b := Tokenize("김정은")
	for i := range a {
		fmt.Println(a[i].Text, b[i].Text, b[i].Script, a[i].Key == b[i].Key)
	}
	for _, tk := range Tokenize("ООО Ромашка") {
		fmt.Println(tk.Text, tk.Script, tk.Weak)
	}
	// Output:
	// kim kim Hangul true
	// jong jong Hangul true
	// un un Hangul true
	// ooo Cyrillic true
	// romashka Cyrillic false
}

// benchNames are typical inputs: a Latin name, a DPRK name with
// apostrophes, a Cyrillic name and a Hangul name.
var benchNames = []struct{ name, in string }{
	{"Latin", "Mohammed bin Salman Al Saud"},
	{"Payroll", "Anna Schmidt"},
	{"Korean", "KIM Jong-un"},
	{"KoreanSplit", "Kim Jongun"},
	{"AbdSplit", "Tomasz Abdullah"},
	{"LegalForm", "Petrova Systems S.r.l."},
	{"DPRK", "MUN CHO'NG-CH'O'L"},
	{"Cyrillic", "Евгений Викторович Прокопенко"},
	{"Hangul", "김정은"},
}

func BenchmarkNormalize(b *testing.B) {
	for _, bn := range benchNames {
		b.Run(bn.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Normalize(bn.in)
			}
		})
	}
}

// BenchmarkTokenizeSDN tokenizes every primary name of the real OFAC SDN
// list, as indexing a list does.
func BenchmarkTokenizeSDN(b *testing.B) {
	f, err := os.Open(normShared(b, "lists/ofac/2025-12/sdn.csv"))
	require.NoError(b, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var names []string
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if len(rec) > 1 {
			names = append(names, rec[1])
		}
	}
	require.GreaterOrEqual(b, len(names), 15000, "names read from sdn.csv")
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			Tokenize(n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/name")
}

func BenchmarkTokenize(b *testing.B) {
	for _, bn := range benchNames {
		b.Run(bn.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Tokenize(bn.in)
			}
		})
	}
}
