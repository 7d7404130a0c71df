package fuzzy

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Korean romanization.
//
// A Hangul syllable is decomposed arithmetically (U+AC00 + (initial*21 +
// medial)*28 + final) into its three jamo. Its Latin text follows the
// spelling the sanctions lists use for DPRK names: McCune–Reischauer
// without breves or apostrophes, with j for ㅈ ("Kim Jong Un", "Pak Pong
// Ju", "Choe Ryong Hae").
//
// Its key is built from equivalence classes of the three jamo, chosen so
// that every common romanization of the syllable yields the same key:
//
//   - initials: ㄱㄲㅋ k, ㄷㄸㅌ t, ㅂㅃㅍ p, ㅈㅉㅊ c, ㅅㅆ s, ㅎ h, ㅁ m,
//     ㄴㄹ n, ㅇ none; an initial ㄴ or ㄹ before an i or y vowel is dropped
//     (the South Korean initial-sound rule: 리 Ri = 이 Lee/Yi/I, 류 Ryu =
//     유 Yu, 렴 Ryom = 염 Yeom; 로 Ro = 노 No);
//   - vowels: ㅓㅗㅜㅡ o (eo, o, u, eu, ŏ, ŭ and the common oo, ou: Jong =
//     Jeong = Chung = Jung, Un = Eun), ㅕㅛㅠ yo (Hyok = Hyeok = Hyuk, Yong =
//     Young, Yun = Yoon), ㅐㅔ e, ㅒㅖ ye, ㅣㅢ i (Hee = Hui = Heui), ㅙㅚㅞ we (Choe =
//     Choi), and a, ya, wa, wo, wi;
//   - finals: k, n, t, l, m, p, ng as in Revised Romanization, with g, d,
//     b, r accepted for k, t, p, l;
//   - English-style spellings of surnames are aliases: Park, Oh, Roh, Noh,
//     Ahn, Chey.
//
// Different syllables can share a key (주 Ju and 조 Jo, 성 Seong and 송
// Song): the classes are as coarse as the spellings in use force them to
// be. Over-merging costs a little precision; missing a real variant would
// cost recall, which screening cannot afford.

const (
	hangulBase = 0xAC00
	hangulLast = 0xD7A3
	hangulMed  = 21
	hangulFin  = 28
)

// hangulInitText, hangulMedText and hangulFinText are the Latin spellings
// of the jamo in the lists' DPRK style.
var hangulInitText = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}

var hangulMedText = [hangulMed]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}

var hangulFinText = [hangulFin]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}

// Equivalence classes of the jamo (see the comment above).
var hangulInitKey = [19]string{"k", "k", "n", "t", "t", "n", "m", "p", "p", "s", "s", "", "c", "c", "c", "k", "t", "p", "h"}

var hangulMedKey = [hangulMed]string{"a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "o", "wo", "we", "wi", "yo", "o", "i", "i"}

var hangulFinKey = [hangulFin]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}

// isHangulSyllable reports whether r is a precomposed Hangul syllable.
func isHangulSyllable(r rune) bool { return r >= hangulBase && r <= hangulLast }

// hangulJamo splits a precomposed syllable into its initial, medial and
// final indexes.
func hangulJamo(r rune) (ini, med, fin int) {
	n := int(r - hangulBase)
	return n / (hangulMed * hangulFin), n % (hangulMed * hangulFin) / hangulFin, n % hangulFin
}

// appendHangulText appends the Latin spelling of the syllable r.
func appendHangulText(dst []byte, r rune) []byte {
	i, m, f := hangulJamo(r)
	dst = append(dst, hangulInitText[i]...)
	dst = append(dst, hangulMedText[m]...)
	return append(dst, hangulFinText[f]...)
}

// koreanKeyParts joins key classes, applying the initial-sound rule.
func koreanKeyParts(ini, med, fin string) string {
	if ini == "n" && (med[0] == 'i' || med[0] == 'y') {
		ini = ""
	}
	return koreanKeyIntern(ini, med, fin)
}

// koreanKeyIntern returns ini+med+fin without allocating for the keys in
// the precomputed table (all of them).
func koreanKeyIntern(ini, med, fin string) string {
	idx := koreanKeyIndex(ini, med, fin)
	if idx >= 0 {
		return koreanKeyTable[idx]
	}
	return ini + med + fin
}

var koreanInitClasses = [...]string{"", "k", "n", "t", "m", "p", "s", "c", "h"}
var koreanMedClasses = [...]string{"a", "e", "ya", "ye", "o", "yo", "i", "wa", "we", "wi", "wo"}
var koreanFinClasses = [...]string{"", "k", "n", "t", "l", "m", "p", "ng"}

func classIndex(list []string, s string) int {
	for i, c := range list {
		if c == s {
			return i
		}
	}
	return -1
}

func koreanKeyIndex(ini, med, fin string) int {
	i, m, f := classIndex(koreanInitClasses[:], ini), classIndex(koreanMedClasses[:], med), classIndex(koreanFinClasses[:], fin)
	if i < 0 || m < 0 || f < 0 {
		return -1
	}
	return (i*len(koreanMedClasses)+m)*len(koreanFinClasses) + f
}

// koreanKeyTable holds every key string, so that keys are shared, not
// allocated per token. It is built once and never written afterwards.
var koreanKeyTable = func() []string {
	t := make([]string, len(koreanInitClasses)*len(koreanMedClasses)*len(koreanFinClasses))
	for i, a := range koreanInitClasses {
		for m, b := range koreanMedClasses {
			for f, c := range koreanFinClasses {
				t[(i*len(koreanMedClasses)+m)*len(koreanFinClasses)+f] = a + b + c
			}
		}
	}
	return t
}()

// koreanKeyIDs numbers the keys of koreanKeyTable from 1. Built once,
// read-only afterwards.
var koreanKeyIDs = func() map[string]uint16 {
	m := make(map[string]uint16, len(koreanKeyTable))
	for i, k := range koreanKeyTable {
		if _, ok := m[k]; !ok {
			m[k] = uint16(i + 1)
		}
	}
	return m
}()

// koreanKeyID returns the number of the Korean syllable key k, 0 when k is
// not one.
func koreanKeyID(k string) uint16 {
	return koreanKeyIDs[k]
}

// hangulKey returns the key of the syllable r.
func hangulKey(r rune) string {
	i, m, f := hangulJamo(r)
	return koreanKeyParts(hangulInitKey[i], hangulMedKey[m], hangulFinKey[f])
}

// korSpelling is a romanized spelling of an initial, a vowel or a final,
// with its class; koreanSpellings combines them into syllables.
type korSpelling struct {
	text, class string
	strict      bool // allowed inside a run-together word
}

// korInitSpellings are the romanized spellings of initials.
var korInitSpellings = []korSpelling{
	{"tch", "c", false},
	{"kk", "k", false}, {"gg", "k", false}, {"kh", "k", true},
	{"tt", "t", false}, {"th", "t", true},
	{"pp", "p", false}, {"bb", "p", false}, {"ph", "p", true},
	{"ss", "s", false}, {"sh", "s", true},
	{"jj", "c", false}, {"ch", "c", true},
	{"rh", "n", false}, {"lh", "n", false},
	{"g", "k", true}, {"k", "k", true},
	{"d", "t", true}, {"t", "t", true},
	{"b", "p", true}, {"p", "p", true},
	{"j", "c", true}, {"c", "c", false},
	{"s", "s", true}, {"h", "h", true}, {"m", "m", true},
	{"n", "n", true}, {"r", "n", true}, {"l", "n", true},
	{"", "", true},
}

// korMedSpellings are the romanized spellings of vowels.
var korMedSpellings = []korSpelling{
	{"yeo", "yo", true}, {"yoo", "yo", true}, {"you", "yo", true}, {"yae", "ye", true},
	{"eui", "i", true}, {"wae", "we", true}, {"weo", "wo", true}, {"woo", "o", true},
	{"wee", "wi", false},
	{"ae", "e", true}, {"ai", "e", false}, {"ay", "e", false}, {"ei", "e", false},
	{"ya", "ya", true}, {"ye", "ye", true}, {"yo", "yo", true}, {"yu", "yo", true}, {"yi", "i", true},
	{"eo", "o", true}, {"eu", "o", true}, {"oo", "o", true}, {"ou", "o", true},
	{"oe", "we", true}, {"oi", "we", true}, {"we", "we", true},
	{"wa", "wa", true}, {"wi", "wi", true}, {"wo", "wo", true},
	{"ui", "i", true}, {"ee", "i", true}, {"ie", "i", false},
	{"a", "a", true}, {"e", "e", true}, {"o", "o", true}, {"u", "o", true}, {"i", "i", true},
}

// korFinSpellings are the romanized spellings of finals.
var korFinSpellings = []korSpelling{
	{"ng", "ng", true},
	{"k", "k", true}, {"g", "k", false},
	{"n", "n", true},
	{"t", "t", true}, {"d", "t", false},
	{"l", "l", true}, {"r", "l", false},
	{"m", "m", true},
	{"p", "p", true}, {"b", "p", false},
	{"", "", true},
}

// koreanAliases are whole-word spellings the grammar does not produce:
// English-style surnames.
var koreanAliases = map[string]string{
	"park": "pak", "bark": "pak", "chey": "cwe", "choy": "cwe", "rhyu": "yo",
	"lyu": "yo", "kwack": "kwak", "oh": "o", "roh": "no", "noh": "no", "ahn": "an",
}

// KoreanKey returns the romanization-equivalence key of one romanized
// Korean syllable (in any case, e.g. "Jeong", "CHONG", "jung") or the key
// of one Hangul syllable ("정"), and whether s is a known Korean syllable
// spelling. All spellings of a syllable share its key: KoreanKey("Ri"),
// KoreanKey("Lee"), KoreanKey("Yi") and KoreanKey("이") are equal. Breves
// and apostrophes are ignored ("Chŏng", "CH'OL"). The key format is not
// part of the contract beyond equality.
func KoreanKey(s string) (string, bool) {
	if r, ok := singleHangul(s); ok {
		return hangulKey(r), true
	}
	if !isLowerWord(s) {
		s = Normalize(s)
	}
	if s == "" || strings.IndexByte(s, ' ') >= 0 {
		return "", false
	}
	return koreanSyllableKey(s, false)
}

// singleHangul reports whether s is one Hangul syllable.
func singleHangul(s string) (rune, bool) {
	if len(s) != 3 {
		return 0, false
	}
	for _, r := range s {
		return r, isHangulSyllable(r)
	}
	return 0, false
}

// isLowerWord reports whether s has only a-z.
func isLowerWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// koreanSyllableKey returns the key of s (lower-case a-z) read as one
// romanized syllable. In strict mode (a syllable inside a run-together
// word) rare spellings, tense initials and the English-style aliases are
// refused.
func koreanSyllableKey(s string, strict bool) (string, bool) {
	e, ok := koreanSpellings()[s]
	if !ok {
		return "", false
	}
	if strict {
		return e.strictKey, e.strict
	}
	return e.key, true
}

// korSeg is a word split into Korean syllables.
type korSeg struct {
	n   int // 0: not Korean, 1: one syllable, 2: two syllables
	end [2]int
	key [2]string
}

// koreanSegment splits w into two syllables with strict spellings (a
// Korean given name has one or two syllables). A boundary between two
// equal consonants is refused (Anna, Hassan): Korean romanizations rarely
// double a letter, English spellings often do; so is a boundary between
// two vowels (Paul, Maria, Dino), which Korean spellings mark with a hyphen
// because it is ambiguous. Of several splits the one whose syllables are
// the more common in Korean given names wins, then the one with the longer
// first syllable: Jongun is jong-un, not jon-gun; Sunam is su-nam, not
// sun-am; Sunok is sun-ok, not su-nok.
func koreanSegment(w string) (korSeg, bool) {
	if len(w) < 2 || len(w) > 14 {
		return korSeg{}, false
	}
	spell := koreanSpellings()
	var best korSeg
	bestScore := 0
	for l1 := min(len(w)-1, 7); l1 >= 1; l1-- {
		e1, ok := spell[w[:l1]]
		if !ok || !e1.strict || geminate(w, l1) || isVowel(w[l1-1]) && isVowel(w[l1]) {
			continue
		}
		e2, ok := spell[w[l1:]]
		if !ok || !e2.strict {
			continue
		}
		if score := nameSyllableWeight(e1.strictKey) * nameSyllableWeight(e2.strictKey); score > bestScore {
			best = korSeg{n: 2, end: [2]int{l1, len(w)}, key: [2]string{e1.strictKey, e2.strictKey}}
			bestScore = score
		}
	}
	return best, bestScore > 0
}

// nameSyllableWeight says how common the syllable key k is in Korean given
// names: 10, 3 or 1.
func nameSyllableWeight(k string) int {
	if w := koreanNameSyllables[k]; w > 0 {
		return int(w)
	}
	return 1
}

// koreanNameSyllables weighs syllable keys by how common they are in
// Korean given names, North and South: the most common ones (counted on
// the DPRK names of the UN and OFAC lists, and the usual South Korean
// ones) weigh 10, other usual ones 3.
var koreanNameSyllables = func() map[string]uint8 {
	m := make(map[string]uint8)
	for _, tier := range []struct {
		syllables string
		weight    uint8
	}{
		{"봉국길근택덕범환규인예나자춘섭송학산삼금향심복련란화애단도원훈주지재태상우연윤하혜미아세기만식석선빈건표청림균", 3},
		{"철영정성일호명진경남혁광수민현은준용룡희순옥숙동평", 10},
	} {
		for _, r := range tier.syllables {
			m[hangulKey(r)] = tier.weight
		}
	}
	return m
}()

// geminate reports whether w has the same consonant on both sides of i,
// other than a final ng before an initial g (Myunggi, Yeonggil: 명기,
// 영길), which Korean names often have and English words rarely.
func geminate(w string, i int) bool {
	return w[i-1] == w[i] && !isVowel(w[i]) && !(w[i] == 'g' && i >= 2 && w[i-2] == 'n')
}

// korSpell is a romanized syllable spelling: its key in any position and,
// if allowed, inside a run-together word.
type korSpell struct {
	key, strictKey string
	ok, strict     bool
}

// koreanSpellings maps every romanized syllable spelling the grammar
// above produces to its key. Built on first use, read-only afterwards.
var koreanSpellings = sync.OnceValue(func() map[string]korSpell {
	m := make(map[string]korSpell, 16384)
	add := func(text, key string, strict bool) {
		e := m[text]
		if !e.ok {
			e.key, e.ok = key, true
		}
		if strict && !e.strict {
			e.strictKey, e.strict = key, true
		}
		m[text] = e
	}
	// The spellings are cut from one string, so that building the map
	// allocates little more than the map.
	var all []byte
	var ends []int
	for _, in := range korInitSpellings {
		for _, md := range korMedSpellings {
			for _, fn := range korFinSpellings {
				all = append(append(append(all, in.text...), md.text...), fn.text...)
				ends = append(ends, len(all))
			}
		}
	}
	texts := string(all)
	k, start := 0, 0
	for _, in := range korInitSpellings {
		for _, md := range korMedSpellings {
			for _, fn := range korFinSpellings {
				text := texts[start:ends[k]]
				start = ends[k]
				k++
				if md.text == "yi" && in.text != "" {
					continue // yi spells 이 or 의 alone: Nyi, Ryi are not Korean
				}
				add(text, koreanKeyParts(in.class, md.class, fn.class), in.strict && md.strict && fn.strict)
			}
		}
	}
	for a, k := range koreanAliases {
		m[a] = korSpell{key: k, ok: true}
	}
	grammar := func(w string) (string, bool) {
		e, ok := m[w]
		return e.key, ok
	}
	unknown, _ := surnameSpellingKeys(grammar)
	for a, k := range unknown {
		m[a] = korSpell{key: k, ok: true}
	}
	return m
})

// koreanSurnameKeys are the keys of common Korean surnames (both Koreas).
var koreanSurnameKeys = func() map[string]bool {
	m := make(map[string]bool)
	for _, s := range []string{
		"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황",
		"안", "송", "전", "홍", "유", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하",
		"곽", "성", "차", "주", "우", "구", "민", "나", "진", "지", "엄", "채", "원", "천", "방", "공",
		"현", "함", "변", "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표",
		"명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편",
		"용", "예", "경", "봉", "사", "부", "계", "태", "피", "두", "감", "동", "범", "승", "상",
	} {
		r, _ := utf8.DecodeRuneInString(s)
		m[hangulKey(r)] = true
	}
	return m
}()
