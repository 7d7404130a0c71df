// Command dprkset generates a labelled set for "payscreen eval" from the
// real sanctions lists: DPRK-programme persons written the way payroll
// systems and their owners spell them, South Korean namesakes of those
// persons (negatives), and DPRK-programme organizations written with other
// word forms, legal forms and word breaks. It is not derived from the rows
// of the public evaluation sets.
//
// Usage:
//
//	go run ./scripts/eval/dprkset [-lists DIR]... [-seed N] -out FILE
//	payscreen eval --labels FILE --lists DIR... --max-age 0
//
// The default lists are the OFAC SDN 2025-12 and UN 2026-02 publications
// of ../shared/lists. Every entity of the lists marked DPRK (a DPRK
// programme) is a source; the output is deterministic for a seed.
//
// Rows, by category (column category):
//
//   - kr_passport_surname: a Korean-named person with the surname as South
//     Korean passports and the diaspora spell it (RI -> Lee, Rhee; PAK ->
//     Park; JONG -> Jung, Chung; CHOE -> Choi; HAN -> Hahn; SON -> Sohn;
//     KO -> Koh; HO -> Hur, Huh; JO -> Joe, Cho; U -> Woo, Oo; HWANG ->
//     Whang...), the spellings the National Institute of Korean Language
//     found most frequent in passport records after the official one;
//   - kr_rr_runtogether: the given name in Revised Romanization or in the
//     ad-hoc spellings South Koreans use (Jong Hyok -> Jeonghyeok, Kyong
//     Thaek -> Kyoungthaek), its syllables run together;
//   - kr_mr_apostrophe: McCune-Reischauer with the breves typed as
//     apostrophes and the given name hyphenated (Un Sok -> U'n-So'k; Chol ->
//     Ch'o'l);
//   - kr_case_order: the given name first, the surname last, odd casing
//     (YeONG-chol KIM);
//   - nonkr_burmese: a Burmese name with its honorific written another way
//     (U -> Oo, or dropped);
//   - nonkr_chinese: a Chinese name with its given name split or joined
//     (Xiaoming <-> Xiao Ming);
//   - nonkr_russian: a three-part Russian name in Western order with a
//     typo in the patronymic's suffix (Ivanovich -> Ivanovch);
//   - org_word_form: an organization's words in another form (Trading ->
//     Trade, Technology -> Tech, Corporation -> Corp, Company -> Co);
//   - org_legal_front: the legal form moved to the front, spelled out
//     (X JSC -> Joint Stock Company X; X Co., Ltd. -> Company Limited X);
//   - org_word_break: two words run together or a compound split (Way
//     Bank <-> Waybank);
//
// all of them expecting review with source and entity_id of the listed
// entry, and
//
//   - kr_namesake: a South Korean payee (country KR) sharing the surname
//     and a given-name syllable of a listed Korean person, with a syllable
//     or given name the listed person does not have and another birth
//     date (one or two years before the earliest listed year or after the
//     latest, ranges included, or any date when none is listed): expect
//     clear.
//
// A listed person with no date of birth yields no namesake with a
// contradicting date, only one with an arbitrary date. Names are those of
// the lists as published: primary names and strong aliases.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/payscreen/payscreen/lists"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var dirs multi
	flag.Var(&dirs, "lists", "list `directory` (repeatable); default OFAC SDN 2025-12 and UN 2026-02 of ../shared/lists")
	seed := flag.Uint64("seed", 11, "random `seed`")
	out := flag.String("out", "", "labels `file` to write")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if len(dirs) == 0 {
		dirs = multi{"../shared/lists/ofac/2025-12", "../shared/lists/un/2026-02"}
	}
	set, err := lists.LoadDirs(context.Background(), dirs, lists.LoadOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dprkset:", err)
		os.Exit(1)
	}
	g := &gen{rng: rand.New(rand.NewPCG(*seed, 0x5eed))}
	for _, l := range set.Lists {
		for i := range l.Entities {
			e := &l.Entities[i]
			if e.DPRK {
				g.entity(l.Source.String(), e)
			}
		}
	}
	if err := g.write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "dprkset:", err)
		os.Exit(1)
	}
	counts := map[string]int{}
	for _, r := range g.rows {
		counts[r.category]++
	}
	cats := make([]string, 0, len(counts))
	for c := range counts {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		fmt.Fprintf(os.Stderr, "%-22s %4d\n", c, counts[c])
	}
	fmt.Fprintf(os.Stderr, "%d rows written to %s\n", len(g.rows), *out)
}

type row struct {
	name, typ, dob, country, expect, source, entityID, category string
}

type gen struct {
	rng  *rand.Rand
	rows []row
	seen map[string]bool
}

func (g *gen) add(r row) {
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	k := r.category + "\x00" + r.name + "\x00" + r.entityID
	if g.seen[k] || strings.TrimSpace(r.name) == "" {
		return
	}
	g.seen[k] = true
	g.rows = append(g.rows, r)
}

func (g *gen) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write([]string{"id", "name", "type", "dob", "country", "expect", "source", "entity_id", "category"})
	for i, r := range g.rows {
		_ = w.Write([]string{fmt.Sprintf("dprk-%04d", i+1), r.name, r.typ, r.dob, r.country, r.expect, r.source, r.entityID, r.category})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pick returns one element of s.
func pick[T any](g *gen, s []T) T { return s[g.rng.IntN(len(s))] }

// latinNames returns the entity's Latin primary name and strong aliases.
func latinNames(e *lists.Entity) []string {
	var out []string
	for _, n := range e.Names {
		if n.Script != "" || n.Strength == lists.Weak || !isLatin(n.Full) {
			continue
		}
		out = append(out, n.Full)
	}
	return out
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func (g *gen) entity(src string, e *lists.Entity) {
	names := latinNames(e)
	if len(names) == 0 {
		return
	}
	switch e.Type {
	case lists.Person:
		for k, n := range names {
			if k > 1 {
				break // the primary name and one alias
			}
			g.person(src, e, n)
		}
	case lists.Organization:
		for k, n := range names {
			if k > 1 {
				break
			}
			g.organization(src, e, n)
		}
	}
}

// splitPerson returns the surname and given-name words of a listed person
// name: "KIM, Jong Un" or "KIM JONG UN" (surname first).
func splitPerson(n string) (string, []string) {
	n = strings.Join(strings.Fields(strings.NewReplacer(".", " ", "\"", " ").Replace(n)), " ")
	if i := strings.Index(n, ","); i > 0 {
		return strings.TrimSpace(n[:i]), strings.FieldsFunc(n[i+1:], func(r rune) bool { return r == ' ' || r == '-' || r == ',' })
	}
	w := strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' })
	if len(w) < 2 {
		return "", nil
	}
	return w[0], w[1:]
}

// passportSurnames are South Korean passport and diaspora spellings of the
// surnames as the DPRK entries of the lists write them.
var passportSurnames = map[string][]string{
	"KIM": {"Gim", "Kym"}, "RI": {"Lee", "Rhee", "Yi", "Rhie"}, "YI": {"Lee", "Rhee"},
	"PAK": {"Park", "Bak"}, "CHOE": {"Choi", "Choy"}, "JONG": {"Jung", "Chung", "Jeong"},
	"CHONG": {"Jung", "Chung", "Jeong"}, "HAN": {"Hahn"}, "SON": {"Sohn"}, "KO": {"Koh", "Go"},
	"HO": {"Hur", "Huh", "Heo"}, "JO": {"Joe", "Cho"}, "CHO": {"Joe", "Jo"}, "U": {"Woo", "Oo"},
	"HWANG": {"Whang"}, "KANG": {"Gang", "Kahng"}, "YUN": {"Yoon", "Youn"}, "CHANG": {"Jang"},
	"JANG": {"Chang"}, "SIN": {"Shin"}, "MUN": {"Moon"}, "AN": {"Ahn"}, "O": {"Oh"},
	"RYU": {"Yoo", "Yu", "Ryoo"}, "YU": {"Yoo"}, "PAEK": {"Baek", "Paik"}, "CHON": {"Jeon", "Chun"},
	"JON": {"Jeon", "Chun"}, "HYON": {"Hyun"}, "SIM": {"Shim"}, "SO": {"Seo", "Suh"}, "SONG": {"Soung"},
	"NAM": {"Nahm"}, "KWON": {"Kweon", "Gwon"}, "HONG": {"Houng"}, "YANG": {"Ryang"}, "CHU": {"Joo"},
	"JU": {"Joo", "Choo"}, "RIM": {"Lim", "Im", "Yim"}, "IM": {"Lim", "Yim"}, "RYOM": {"Yeom", "Youm"},
	"PANG": {"Bang"}, "CHA": {"Chah"}, "MIN": {"Minn"}, "KIL": {"Gil"}, "TONG": {"Dong"}, "PYON": {"Byun"},
}

// rrSyllables give Revised Romanization and ad-hoc South Korean spellings
// of given-name syllables as the DPRK entries write them.
var rrSyllables = map[string][]string{
	"chol": {"cheol", "chul"}, "jong": {"jeong", "jung"}, "hyok": {"hyeok", "hyuk"}, "myong": {"myeong", "myung"},
	"yong": {"yeong", "young"}, "song": {"seong", "sung"}, "sok": {"seok", "suk"}, "chon": {"cheon", "chun"},
	"hyon": {"hyeon", "hyun"}, "kyong": {"gyeong", "kyoung", "kyung"}, "un": {"eun"}, "kwang": {"gwang"},
	"ryong": {"ryeong", "ryung"}, "thae": {"tae"}, "kuk": {"guk", "kook"}, "ki": {"gi", "kee"},
	"hui": {"hee", "heui"}, "yon": {"yeon", "youn"}, "pong": {"bong"}, "pok": {"bok"}, "tok": {"deok", "duk"},
	"tong": {"dong"}, "pyong": {"byeong", "byung"}, "chun": {"jun", "joon"}, "su": {"soo"}, "u": {"woo"},
	"ho": {"ho"}, "il": {"il"}, "nam": {"nam"}, "chang": {"chang", "jang"}, "sun": {"soon"}, "min": {"min"},
	"gil": {"gil"}, "kil": {"gil"}, "kun": {"geun", "keun"}, "sop": {"seop", "sub"}, "thaek": {"taek", "thaek"},
	"chu": {"ju", "joo"}, "ju": {"joo"}, "hwan": {"hwan"}, "sik": {"sik", "shik"}, "o": {"oh"}, "hak": {"hak"},
	"tae": {"dae"}, "kang": {"gang"}, "kon": {"geon", "gun"}, "chae": {"jae"}, "ryol": {"ryeol", "yeol"},
	"mun": {"moon"}, "hun": {"hoon"}, "sam": {"sam"}, "san": {"san"}, "hak-": {"hak"}, "won": {"won"},
}

// mrBreve gives the McCune-Reischauer spelling of a syllable with its
// breves typed as apostrophes, and its aspirated initial marked.
var mrBreve = map[string]string{
	"chol": "ch'o'l", "jong": "cho'ng", "hyok": "hyo'k", "myong": "myo'ng", "yong": "yo'ng",
	"song": "so'ng", "sok": "so'k", "chon": "ch'o'n", "hyon": "hyo'n", "kyong": "kyo'ng", "un": "u'n",
	"kun": "ku'n", "thae": "t'ae", "thaek": "t'aek", "chang": "ch'ang", "chun": "ch'un", "ryong": "ryo'ng",
	"yon": "yo'n", "pyong": "p'yo'ng", "tok": "to'k", "hui": "hu'i", "chu": "ch'u", "kon": "ko'n", "ryol": "ryo'l",
}

// isKoreanPerson reports whether the surname is a DPRK surname spelling
// and the given name one or two romanized syllables (words of at most six
// letters).
func isKoreanPerson(sur string, given []string) bool {
	if _, ok := passportSurnames[strings.ToUpper(sur)]; !ok {
		return false
	}
	if len(given) == 0 || len(given) > 3 {
		return false
	}
	for _, w := range given {
		if len(w) > 6 || strings.ContainsAny(strings.ToLower(w), "fqvxz") {
			return false
		}
	}
	return true
}

func title(s string) string {
	s = strings.ToLower(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *gen) person(src string, e *lists.Entity, n string) {
	sur, given := splitPerson(n)
	pos := func(cat, name string) {
		g.add(row{name: name, typ: "person", expect: "review", source: src, entityID: e.ID, category: cat})
	}
	switch {
	case sur != "" && isKoreanPerson(sur, given):
		low := make([]string, len(given))
		for i, w := range given {
			low[i] = strings.ToLower(w)
		}
		givenTitle := title(strings.Join(low, " "))
		// Passport surname.
		pos("kr_passport_surname", pick(g, passportSurnames[strings.ToUpper(sur)])+" "+givenTitle)
		// Revised / ad-hoc given name, run together.
		rr := make([]string, len(low))
		changed := false
		for i, s := range low {
			rr[i] = s
			if v, ok := rrSyllables[s]; ok {
				rr[i] = pick(g, v)
				changed = changed || rr[i] != s
			}
		}
		if changed || len(low) > 1 {
			pos("kr_rr_runtogether", title(sur)+" "+title(strings.Join(rr, "")))
		}
		// McCune-Reischauer with apostrophes.
		mr := make([]string, len(low))
		changed = false
		for i, s := range low {
			mr[i] = s
			if v, ok := mrBreve[s]; ok {
				mr[i], changed = v, true
			}
		}
		if changed {
			pos("kr_mr_apostrophe", strings.ToUpper(sur)+" "+title(strings.Join(mr, "-")))
		}
		// Given name first, odd casing.
		cased := make([]string, len(rr))
		for i, s := range rr {
			cased[i] = oddCase(g, s)
		}
		pos("kr_case_order", strings.Join(cased, "-")+" "+strings.ToUpper(sur))
		// Namesakes.
		g.namesakes(e, sur, low)
	case hasNationality(e, "MM") || sur == "U" || sur == "Daw":
		// Burmese: the honorific written another way or dropped.
		words := strings.Fields(strings.ReplaceAll(n, ",", " "))
		var out []string
		for _, w := range words {
			switch strings.ToUpper(w) {
			case "U":
				out = append(out, pick(g, []string{"Oo", ""}))
			case "DAW":
				out = append(out, "")
			default:
				out = append(out, title(w))
			}
		}
		pos("nonkr_burmese", strings.Join(strings.Fields(strings.Join(out, " ")), " "))
	case hasNationality(e, "CN") && len(given) >= 1:
		if len(given) == 1 && len(given[0]) >= 5 {
			if a, b, ok := splitPinyin(strings.ToLower(given[0])); ok {
				pos("nonkr_chinese", title(sur)+" "+title(a)+" "+title(b))
			}
		} else if len(given) == 2 {
			pos("nonkr_chinese", title(given[0])+title(strings.ToLower(given[1]))+" "+title(sur))
		}
	case (hasNationality(e, "RU") || hasNationality(e, "BY") || hasNationality(e, "UA")) && len(given) == 2:
		p := strings.ToLower(given[1])
		for _, suf := range []string{"ovich", "evich", "ovna", "evna"} {
			if strings.HasSuffix(p, suf) {
				typo := p[:len(p)-len(suf)] + map[string]string{"ovich": "ovch", "evich": "evitch", "ovna": "ovan", "evna": "evan"}[suf]
				pos("nonkr_russian", title(given[0])+" "+title(typo)+" "+title(sur))
			}
		}
	}
}

// splitPinyin splits a run-together pinyin given name in two syllables.
func splitPinyin(w string) (string, string, bool) {
	for i := len(w) - 2; i >= 2; i-- {
		a, b := w[:i], w[i:]
		if pinyinSyllable(a) && pinyinSyllable(b) {
			return a, b, true
		}
	}
	return "", "", false
}

func pinyinSyllable(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	vowel := strings.IndexAny(s, "aeiouv")
	if vowel < 0 || vowel > 2 {
		return false
	}
	rest := s[vowel:]
	return strings.Trim(rest, "aeiouv") == "" || strings.HasSuffix(rest, "n") || strings.HasSuffix(rest, "ng")
}

func hasNationality(e *lists.Entity, c string) bool {
	for _, v := range append(append([]string{}, e.Nationalities...), e.Citizenships...) {
		if v == c {
			return true
		}
	}
	return false
}

func oddCase(g *gen, s string) string {
	b := []byte(s)
	for i := range b {
		if g.rng.IntN(2) == 0 && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// extraSyllables are common South Korean given-name syllables.
var extraSyllables = []string{"Min", "Ji", "Seo", "Ha", "Yun", "Woo", "Jun", "Hyun", "Soo", "Eun", "Jin", "Hee", "Yeon", "Bin", "Na", "Ye"}

func (g *gen) namesakes(e *lists.Entity, sur string, given []string) {
	surname := pick(g, append([]string{title(sur)}, passportSurnames[strings.ToUpper(sur)]...))
	neg := func(name, dob string) {
		g.add(row{name: name, typ: "person", dob: dob, country: "KR", expect: "clear", category: "kr_namesake"})
	}
	// Another birth date: one or two years before the earliest listed
	// year or after the latest (ranges included), so that it differs from
	// every listed date.
	lo, hi := 0, 0
	for _, b := range e.BirthDates {
		from, to := b.From.Year, b.From.Year
		if b.IsRange() {
			to = b.To.Year
		}
		if from > 1900 && (lo == 0 || from < lo) {
			lo = from
		}
		if to > hi {
			hi = to
		}
	}
	dob := func() string {
		if lo > 0 {
			y := lo - 1 - g.rng.IntN(2)
			if g.rng.IntN(2) == 0 {
				y = hi + 1 + g.rng.IntN(2)
			}
			return fmt.Sprintf("%04d-%02d-%02d", y, 1+g.rng.IntN(12), 1+g.rng.IntN(28))
		}
		return fmt.Sprintf("%04d-%02d-%02d", 1950+g.rng.IntN(50), 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	}
	// The listed name with a given name added.
	neg(surname+" "+title(strings.Join(given, ""))+" "+pick(g, extraSyllables)+pick(g, []string{"", "na", "ri", "hoon"}), dob())
	// The surname and one shared syllable with another.
	shared := title(pick(g, given))
	other := pick(g, extraSyllables)
	for strings.EqualFold(other, shared) {
		other = pick(g, extraSyllables)
	}
	if g.rng.IntN(2) == 0 {
		neg(surname+" "+shared+"-"+strings.ToLower(other), dob())
	} else {
		neg(surname+" "+other+"-"+strings.ToLower(shared), dob())
	}
}

// Organization word forms.
var wordForms = map[string][]string{
	"TRADING": {"Trade"}, "TECHNOLOGY": {"Tech"}, "CORPORATION": {"Corp"}, "COMPANY": {"Co"},
	"INTERNATIONAL": {"Intl"}, "DEVELOPMENT": {"Dev"}, "INDUSTRIAL": {"Industries"}, "LIMITED": {"Ltd"},
	"ENTERPRISE": {"Enterprises"}, "TECHNOLOGIES": {"Technology"}, "GROUP": {"Grp"},
}

// legalSpelled spells legal forms out, to move them to the front.
var legalSpelled = map[string]string{
	"JSC": "Joint Stock Company", "LLC": "Limited Liability Company", "LTD": "Company Limited",
	"CO LTD": "Company Limited", "CO": "Company", "CORP": "Corporation", "INC": "Incorporated",
	"COMPANY": "Company", "CORPORATION": "Corporation", "LIMITED": "Limited", "CO LIMITED": "Company Limited",
}

func (g *gen) organization(src string, e *lists.Entity, n string) {
	pos := func(cat, name string) {
		g.add(row{name: name, typ: "organization", expect: "review", source: src, entityID: e.ID, category: cat})
	}
	words := strings.Fields(strings.NewReplacer(",", " ", ".", " ", "(", " ", ")", " ", "\"", " ").Replace(n))
	if len(words) < 2 {
		return
	}
	up := make([]string, len(words))
	for i, w := range words {
		up[i] = strings.ToUpper(w)
	}
	// Word forms.
	var wf []string
	changed := false
	for i, w := range up {
		if v, ok := wordForms[w]; ok {
			wf = append(wf, pick(g, v))
			changed = true
		} else {
			wf = append(wf, title(words[i]))
		}
	}
	if changed {
		pos("org_word_form", strings.Join(wf, " "))
	}
	// Legal form to the front.
	for k := 2; k >= 1; k-- {
		if len(up) > k {
			tail := strings.Join(up[len(up)-k:], " ")
			if sp, ok := legalSpelled[tail]; ok {
				rest := make([]string, 0, len(words)-k)
				for _, w := range words[:len(words)-k] {
					rest = append(rest, title(w))
				}
				pos("org_legal_front", sp+" "+strings.Join(rest, " "))
				break
			}
		}
	}
	// Word break: join two adjacent distinctive words, or split a compound.
	for i := 0; i+1 < len(up); i++ {
		_, l1 := legalSpelled[up[i]]
		_, l2 := legalSpelled[up[i+1]]
		if !l1 && !l2 && len(up[i]) >= 3 && len(up[i+1]) >= 3 && up[i] != "OF" && up[i+1] != "OF" && up[i] != "THE" {
			out := make([]string, 0, len(words))
			for j := 0; j < len(words); j++ {
				if j == i {
					out = append(out, title(words[i])+strings.ToLower(words[i+1]))
					j++
					continue
				}
				out = append(out, title(words[j]))
			}
			pos("org_word_break", strings.Join(out, " "))
			break
		}
	}
	for i, w := range up {
		for _, part := range []string{"BANK", "TRADE", "STAR", "TECH", "SHIP", "LINE", "NET", "SOFT"} {
			if len(w) > len(part)+2 && strings.HasSuffix(w, part) {
				out := make([]string, 0, len(words)+1)
				for j := range words {
					if j == i {
						out = append(out, title(w[:len(w)-len(part)]), title(part))
					} else {
						out = append(out, title(words[j]))
					}
				}
				pos("org_word_break", strings.Join(out, " "))
			}
		}
	}
}
