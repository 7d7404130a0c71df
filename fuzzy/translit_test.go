package fuzzy

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
	"unicode"
)

func TestTransliterate(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{"Пак Чол", "Pak Chol", "case kept"},
		{"ЕВГЕНИЙ", "YEVGENIY", "all capitals stay capitals; initial е is ye"},
		{"Евгений Сергеевич", "Yevgeniy Sergeyevich", "BGN/PCGN: е after a vowel is ye"},
		{"Фёдор", "Fedor", "ё after a consonant like е"},
		{"Хрущёв", "Khrushchev", "х kh, щ shch"},
		{"Цой", "Tsoy", "ц ts, й y"},
		{"Объект", "Obyekt", "е after the hard sign is ye"},
		{"Ильич", "Ilich", "soft sign dropped"},
		{"Володимир Зеленський", "Volodimir Zelenskiy", "no Ukrainian-only letter: read as Russian"},
		{"Віталій Кличко", "Vitaliy Klychko", "Ukrainian letter і: и is y"},
		{"Григорій", "Hryhoriy", "Ukrainian: г is h"},
		{"Олександр Лукашэнка ў", "Oleksandr Lukashenka w", "Belarusian ў: Ukrainian/Belarusian reading"},
		{"Αλέξανδρος", "Alexandros", "Greek, accent removed"},
		{"Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos", "Greek ου"},
		{"Μπαμπης", "Bampis", "initial μπ is b"},
		{"Ευάγγελος", "Evangelos", "ευ ev, γγ ng"},
		{"محمد", "muhammad", "Arabic lexicon"},
		{"صفوان", "sfwan", "Arabic consonantal: و before alif is w"},
		{"مخلوف", "mkhluf", "و between consonants is u"},
		{"الرحمن", "al rahman", "article split off"},
		{"عبدالعزيز", "abd al aziz", "run-together abd and article"},
		{"김정은", "Kim Jong Un", "Hangul syllables capitalized and spaced"},
		{"리 원호", "Ri Won Ho", "Hangul with a space"},
		{"Kim 정은", "Kim Jong Un", "mixed"},
		{"Smith", "Smith", "Latin passes through"},
		{"习近平", "Xi Jinping", "Han in pinyin: surname, then the given name in one word"},
		{"王伟", "Wang Wei", "Han two-character name"},
		{"やまだ たろう", "Yamada Taro", "hiragana in Hepburn, long vowel ou written o"},
		{"トウキョウ", "Tokyo", "katakana, long vowels"},
		{"キャッシュ", "Kyasshu", "small ya and small tsu"},
		{"משה", "Moshe", "Hebrew lexicon"},
		{"ברק", "Brk", "Hebrew consonantal"},
		{"สมชาย", "Somchai", "Thai inherent o, final ย is i"},
		{"ᚠ", "ᚠ", "an untransliterated script passes through"},
		{"", "", "empty"},
	}
	for _, tt := range tests {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q; want %q (%s)", tt.in, got, tt.want, tt.reason)
		}
	}
}

// TestTransliterateAllocs checks that Latin input is returned as is.
func TestTransliterateAllocs(t *testing.T) {
	if got := testing.AllocsPerRun(100, func() { Transliterate("José María Aznar") }); got != 0 {
		t.Errorf("Transliterate of Latin text allocates %v times; want 0", got)
	}
}

// tokensMeet reports whether every token of a meets a token of b by text,
// key or consonant skeleton (for Arabic script), and returns the first
// that does not.
func tokensMeet(a, b []Token) (string, bool) {
	for i := range a {
		met := false
		for j := range b {
			if a[i].Text == b[j].Text || a[i].Key != "" && a[i].Key == b[j].Key || transliteratedMatch(&a[i], &b[j]) {
				met = true
				break
			}
		}
		if !met {
			return a[i].Text, false
		}
	}
	return "", len(a) > 0
}

// TestCrossScriptPairs checks every pair of cross_script_pairs.csv: once
// transliterated, each token of the other side meets a token of the Latin
// side by text or key, and the other way round, except for the pairs
// listed in crossScriptMisses, which must still miss (so that the list
// stays true).
func TestCrossScriptPairs(t *testing.T) {
	// crossScriptMisses are the pairs Han and kana transliteration cannot
	// reach, with the reason.
	crossScriptMisses := map[string]string{
		"金正恩":  "a Korean name in Hanja is read in Mandarin (jin zhengen), not in its Korean reading",
		"山田太郎": "a Japanese name in kanji is read in Mandarin; only kana are read in Japanese",
		"田中花子": "a Japanese name in kanji is read in Mandarin; only kana are read in Japanese",
	}
	f, err := os.Open(normShared(t, "eval-public/cross_script_pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	checked, skipped := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec) < 2 {
			continue
		}
		other, latin := rec[0], rec[1]
		a, b := Tokenize(other), Tokenize(latin)
		_, miss1 := tokensMeet(a, b)
		_, miss2 := tokensMeet(b, a)
		met := miss1 && miss2
		if reason, ok := crossScriptMisses[other]; ok {
			skipped++
			if met {
				t.Errorf("%q (%q) now meets %q: remove it from crossScriptMisses (%s)", other, Normalize(other), latin, reason)
			}
			continue
		}
		checked++
		if miss, ok := tokensMeet(a, b); !ok {
			t.Errorf("%q (%q) and %q: token %q meets no token", other, Normalize(other), latin, miss)
		}
		if miss, ok := tokensMeet(b, a); !ok {
			t.Errorf("%q and %q (%q): token %q meets no token", latin, other, Normalize(other), miss)
		}
	}
	if checked != 19 || skipped != 3 {
		t.Errorf("checked %d pairs and %d known misses; the file has 19 and 3", checked, skipped)
	}
	t.Logf("%d pairs checked, %d known misses", checked, skipped)
}

// TestEUListOriginalScripts reads the EU list, where a person's names come
// in several scripts, and counts the names in Hangul, Cyrillic and Arabic
// whose every token meets a token of one of the person's Latin names.
func TestEUListOriginalScripts(t *testing.T) {
	f, err := os.Open(normShared(t, "lists/eu/2024-01/eu_csl.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	idc, typc, namec := col["Entity_LogicalId"], col["Entity_SubjectType_ClassificationCode"], col["NameAlias_WholeName"]
	names := map[string]map[string]bool{}
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec[typc] != "person" || rec[namec] == "" {
			continue
		}
		id := rec[idc]
		if names[id] == nil {
			names[id] = map[string]bool{}
			order = append(order, id)
		}
		names[id][strings.TrimSpace(rec[namec])] = true
	}
	type tally struct{ names, met int }
	by := map[Script]*tally{Hangul: {}, Cyrillic: {}, Arabic: {}}
	for _, id := range order {
		var latin [][]Token
		for n := range names[id] {
			if firstScript(n) == Latin {
				latin = append(latin, Tokenize(n))
			}
		}
		for n := range names[id] {
			sc := firstScript(n)
			tl := by[sc]
			if tl == nil || len(latin) == 0 {
				continue
			}
			tl.names++
			toks := Tokenize(n)
			for _, l := range latin {
				if _, ok := tokensMeet(toks, l); ok {
					tl.met++
					break
				}
			}
		}
	}
	// Floors below the measured rates (Hangul 64/67, Cyrillic 2212/2487,
	// Arabic 361/528): the misses are other-language forms of a name
	// (Belarusian Uladzimir for Vladimir), typos in the list and Persian
	// names whose vowels Arabic script does not write.
	floors := map[Script]float64{Hangul: 0.94, Cyrillic: 0.87, Arabic: 0.65}
	for sc, tl := range by {
		if tl.names == 0 {
			t.Fatalf("no %v names read", sc)
		}
		rate := float64(tl.met) / float64(tl.names)
		t.Logf("%v: %d of %d person names meet a Latin name of the person (%.1f%%)", sc, tl.met, tl.names, 100*rate)
		if rate < floors[sc] {
			t.Errorf("%v: %.3f of names meet a Latin name; want at least %.2f", sc, rate, floors[sc])
		}
	}
}

// firstScript returns the script of the first letter of s outside Latin,
// or Latin.
func firstScript(s string) Script {
	for _, r := range s {
		if r > 0x24F && unicode.IsLetter(r) {
			return scriptOf(r)
		}
	}
	return Latin
}

// TestDPRKNetworkHangul reads the DPRK IT-worker network file, where OFAC
// gives some persons' names in Hangul beside their Latin names, and checks
// that every Hangul person name meets one of the Latin names of its entry
// token by token.
func TestDPRKNetworkHangul(t *testing.T) {
	b, err := os.ReadFile(normShared(t, "dprk/ofac_it_worker_network.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Entries []struct {
			Names []struct {
				Name string `json:"name"`
			} `json:"names"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range doc.Entries {
		var latin [][]Token
		var hangul []string
		for _, n := range e.Names {
			switch firstScript(n.Name) {
			case Latin:
				latin = append(latin, Tokenize(n.Name))
			case Hangul:
				if toks := Tokenize(n.Name); len(toks) <= 4 && !strings.HasSuffix(n.Name, "회사") {
					hangul = append(hangul, n.Name) // a person, not a company (회사)
				}
			}
		}
		for _, h := range hangul {
			checked++
			met := false
			for _, l := range latin {
				if _, ok := tokensMeet(Tokenize(h), l); ok {
					met = true
					break
				}
			}
			if !met {
				t.Errorf("%q (%q) meets none of the Latin names of its entry", h, Normalize(h))
			}
		}
	}
	if checked < 5 {
		t.Errorf("checked %d Hangul person names; want at least 5", checked)
	}
	t.Logf("%d Hangul person names checked", checked)
}
