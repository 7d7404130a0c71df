package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Transliteration schemes.
//
// Cyrillic follows BGN/PCGN, the scheme closest to how Western lists
// romanize Russian names: е is "ye" at the start of a word and after a
// vowel or a soft or hard sign and "e" elsewhere (Евгений -> Yevgeniy,
// Сергеев -> Sergeyev), ё like е, ж zh, х kh, ц ts, ч ch, ш sh, щ shch,
// ы y, ю yu, я ya, й y, ь and ъ dropped. A text with Ukrainian or
// Belarusian letters (і ї є ґ ў) is read as such: г is "h" and Ukrainian и
// is "y" (Володимир -> Volodymyr). [Tokenize] gives variant keys that
// bridge the schemes (Yevgeniy = Evgeny = Evgenii).
//
// Greek follows ELOT 743 without accents: η i, υ y, χ ch, θ th, ου ou, αυ
// av, ευ ev, initial μπ b and ντ d, γγ and γκ ng.
//
// Arabic is consonantal: every consonant has one Latin spelling (ث th, ح h,
// خ kh, ذ dh, ش sh, ص s, ض d, ط t, ظ z, غ gh, ق q), alif is "a", waw and
// ya are "u" and "i" after a consonant and "w" and "y" elsewhere, ta
// marbuta and alif maqsura are "a", hamza is dropped and ayn is dropped
// next to a vowel letter and written "a" elsewhere. Short vowels, which
// Arabic script leaves out, are not guessed, except in a lexicon of common
// name words (محمد -> muhammad, عبد -> abd). The article ال is split off as
// a word "al".
//
// Hangul is romanized syllable by syllable (see korean.go).

// cyrillicLatin holds the context-free Cyrillic letters (lower case),
// indexed by code point from U+0400.
var cyrillicLatin = runeTable(0x400, 0x530, map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian and Belarusian.
	'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "w",
	// Serbian and Macedonian.
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj",
	'ќ': "kj", 'ѕ': "dz",
	// Kazakh, Kyrgyz, Uzbek, Tajik, Azerbaijani.
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ӣ': "i", 'ӯ': "u", 'ҷ': "j", 'ҝ': "g",
})

// runeTable returns the strings of m in a slice indexed by r-lo, for
// lo <= r < hi.
func runeTable(lo, hi rune, m map[rune]string) []string {
	t := make([]string, hi-lo)
	for r, s := range m {
		t[r-lo] = s
	}
	return t
}

// lookupRune returns t[r-lo] or "".
func lookupRune(t []string, lo, r rune) string {
	if i := int(r - lo); i >= 0 && i < len(t) {
		return t[i]
	}
	return ""
}

// isCyrillic reports whether r is in the Cyrillic blocks.
func isCyrillic(r rune) bool { return r >= 0x400 && r <= 0x52F }

// isUkrainianMarker reports letters only Ukrainian or Belarusian use.
func isUkrainianMarker(r rune) bool {
	switch r {
	case 'і', 'ї', 'є', 'ґ', 'ў', 'І', 'Ї', 'Є', 'Ґ', 'Ў':
		return true
	}
	return false
}

// isCyrillicVowel reports whether r (lower case) is a Cyrillic vowel or sign
// after which е is written "ye".
func isCyrillicVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ъ', 'ь', 'й':
		return true
	}
	return false
}

// cyrillicRune transliterates r (lower case) given the previous source rune
// of the same word (0 at the start of a word); ukr selects the Ukrainian
// reading of г and и.
func cyrillicRune(r, prev rune, ukr bool) string {
	switch r {
	case 'е', 'ё', 'є':
		if r == 'є' || prev == 0 || isCyrillicVowel(prev) {
			return "ye"
		}
		return "e"
	case 'г':
		if ukr {
			return "h"
		}
		return "g"
	case 'и':
		if ukr {
			return "y"
		}
		return "i"
	case 'й':
		if ukr && prev == 0 {
			return "y"
		}
	}
	return lookupRune(cyrillicLatin, 0x400, r)
}

// greekLatin holds Greek letters without accents (lower case), indexed by
// code point from U+0370.
var greekLatin = runeTable(0x370, 0x400, map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
})

// isGreek reports whether r is in the Greek blocks.
func isGreek(r rune) bool { return (r >= 0x370 && r <= 0x3FF) || (r >= 0x1F00 && r <= 0x1FFF) }

// greekRune transliterates the base letter r (lower case, accents removed)
// at position pos of a word, given its neighbours (0 at the edges).
func greekRune(r, prev, next rune, pos int) string {
	switch r {
	case 'υ':
		switch prev {
		case 'ο':
			return "u"
		case 'α', 'ε', 'η':
			return "v"
		}
	case 'μ':
		if prev == 0 && next == 'π' {
			return "b"
		}
	case 'ν':
		if prev == 0 && next == 'τ' {
			return "d"
		}
	case 'π':
		if prev == 'μ' && pos == 1 {
			return "" // initial μπ is b
		}
	case 'τ':
		if prev == 'ν' && pos == 1 {
			return "" // initial ντ is d
		}
	case 'γ':
		switch next {
		case 'γ', 'κ', 'ξ', 'χ':
			return "n"
		}
	}
	return lookupRune(greekLatin, 0x370, r)
}

// arabicLatin holds the Arabic (and Persian, Urdu) letters, indexed by
// code point from U+0600.
var arabicLatin = runeTable(0x600, 0x700, map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ء': "", 'ؤ': "", 'ئ': "",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d",
	'ط': "t", 'ظ': "z", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l",
	'م': "m", 'ن': "n", 'ه': "h", 'ة': "a", 'ى': "a",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ڤ': "v", 'ٹ': "t",
	'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ھ': "h", 'ہ': "h", 'ۃ': "a", 'ے': "e",
	'ۓ': "e", 'ە': "a",
})

// isArabic reports whether r is in the Arabic blocks.
func isArabic(r rune) bool {
	return (r >= 0x600 && r <= 0x6FF) || (r >= 0x750 && r <= 0x77F) || (r >= 0x8A0 && r <= 0x8FF)
}

// isArabicVowelLetter reports alif, waw, ya and their variants.
func isArabicVowelLetter(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'و', 'ي', 'ى', 'ی', 'ے':
		return true
	}
	return false
}

// arabicRune transliterates r given its neighbours in the word (0 at the
// edges).
func arabicRune(r, prev, next rune) string {
	switch r {
	case 'و':
		if prev != 0 && !isArabicVowelLetter(prev) && prev != 'ع' && !isArabicVowelLetter(next) {
			return "u"
		}
		if prev == 'ع' && (next == 0 || !isArabicVowelLetter(next)) {
			return "u"
		}
		return "w"
	case 'ي', 'ی':
		if prev != 0 && !isArabicVowelLetter(prev) && !isArabicVowelLetter(next) {
			return "i"
		}
		if prev == 'ع' && (next == 0 || !isArabicVowelLetter(next)) {
			return "i"
		}
		return "y"
	case 'ع':
		if isArabicVowelLetter(prev) || isArabicVowelLetter(next) {
			return ""
		}
		return "a"
	}
	if r >= '٠' && r <= '٩' {
		return digitStrings[r-'٠']
	}
	if r >= '۰' && r <= '۹' {
		return digitStrings[r-'۰']
	}
	return lookupRune(arabicLatin, 0x600, r)
}

var digitStrings = [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// arabicLexicon gives the usual full spelling of common name words that
// consonantal transliteration would leave without vowels. Keys are in
// Arabic script without diacritics, with hamza forms of alif written ا
// and the Persian ya written ي.
var arabicLexicon = map[string]string{
	"محمد": "muhammad", "احمد": "ahmad", "محمود": "mahmud", "علي": "ali",
	"حسن": "hasan", "حسين": "husayn", "عبد": "abd", "الله": "allah",
	"خالد": "khalid", "عمر": "umar", "عثمان": "uthman", "يوسف": "yusuf",
	"ابراهيم": "ibrahim", "اسماعيل": "ismail", "مصطفى": "mustafa",
	"عباس": "abbas", "سعيد": "said", "سعد": "saad", "صالح": "salih",
	"كريم": "karim", "رحمن": "rahman", "الرحمن": "al rahman", "الرحيم": "al rahim",
	"عزيز": "aziz", "العزيز": "al aziz", "حميد": "hamid", "مجيد": "majid",
	"ناصر": "nasir", "منصور": "mansur", "جمال": "jamal", "فاطمة": "fatima",
	"عائشة": "aisha", "زينب": "zaynab", "مريم": "maryam", "اسامة": "usama",
	"بن": "bin", "ابن": "ibn", "بنت": "bint", "ابو": "abu",
	"ابي": "abi", "حمد": "hamad", "راشد": "rashid",
	"سلمان": "salman", "سليمان": "sulayman", "طارق": "tariq", "نور": "nur",
	"الدين": "al din", "دين": "din", "قاسم": "qasim", "هاشم": "hashim",
	"جعفر": "jafar", "موسى": "musa", "عيسى": "isa", "يحيى": "yahya",
	"زكريا": "zakariya", "بكر": "bakr", "ابوبكر": "abu bakr", "عمار": "ammar",
	"ياسر": "yasir", "ياسين": "yasin", "حمزة": "hamza", "بلال": "bilal",
	"انور": "anwar", "سيف": "sayf", "فيصل": "faysal",
	"فهد": "fahd", "نايف": "nayif", "سلطان": "sultan", "عادل": "adil",
	"امين": "amin", "مهدي": "mahdi", "رضا": "rida",
	"جواد": "jawad", "حيدر": "haydar", "كاظم": "kazim", "جابر": "jabir",
	"شريف": "sharif", "وليد": "walid", "هادي": "hadi", "بشير": "bashir",
	"نبيل": "nabil", "عماد": "imad", "مروان": "marwan", "زياد": "ziyad",
	"رامي": "rami", "سامي": "sami", "القذافي": "al qadhafi", "قذافي": "qadhafi",
	"البغدادي": "al baghdadi", "ظواهري": "zawahiri", "الظواهري": "al zawahiri",
	"لادن": "ladin", "حافظ": "hafiz", "سعيدي": "saidi", "اسد": "asad",
	"الاسد": "al asad", "حسان": "hassan", "عثماني": "uthmani", "شاه": "shah",
}

// Transliterate converts Cyrillic, Greek, Arabic and Hangul text to Latin;
// other characters, Latin ones included, pass through unchanged. Case is
// kept for Cyrillic and Greek (Пак Чол -> Pak Chol); Hangul syllables are
// written as capitalized syllables separated by spaces (김정은 -> Kim Jong
// Un); Arabic has no case and comes out in lower case.
//
// Cyrillic follows BGN/PCGN (Евгений -> Yevgeniy, with the Ukrainian and
// Belarusian readings when the text has letters only those languages use:
// Віталій -> Vitaliy, Григорій -> Hryhoriy); Greek follows ELOT 743
// without accents; Arabic is consonantal (صفوان -> sfwan) except for a
// lexicon of common name words (محمد -> muhammad), with the article ال
// split off; Hangul is written as the sanctions lists write DPRK names
// (McCune–Reischauer without breves and apostrophes, j for ㅈ). [Normalize]
// applies the same schemes. Latin text is returned without allocating.
func Transliterate(s string) string {
	if !needsTransliteration(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	ukr := hasUkrainianMarker(s)
	var scratch []byte
	prevHangul := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHangulSyllable(r):
			if prevHangul {
				b.WriteByte(' ')
			}
			scratch = appendHangulText(scratch[:0], r)
			if len(scratch) > 0 {
				scratch[0] = upperASCII(scratch[0])
			}
			b.Write(scratch)
			prevHangul = true
			i += size
			continue
		case isCyrillic(r), isGreek(r), isArabic(r):
			end := scriptWordEnd(s, i)
			scratch = appendScriptWord(scratch[:0], s[i:end], ukr, true)
			b.Write(scratch)
			i = end
		case isEastScript(r):
			end := eastWordEnd(s, i)
			scratch = appendEastWords(scratch[:0], s[i:end])
			// Capitalize each word: 习近平 -> Xi Jinping.
			for k := range scratch {
				if k == 0 || scratch[k-1] == ' ' {
					scratch[k] = upperASCII(scratch[k])
				}
			}
			b.Write(scratch)
			i = end
		default:
			b.WriteRune(r)
			i += size
		}
		prevHangul = false
	}
	return b.String()
}

// needsTransliteration reports whether s has a rune Transliterate changes.
func needsTransliteration(s string) bool {
	for _, r := range s {
		if r >= 0x370 && (isCyrillic(r) || isGreek(r) || isArabic(r) || isHangulSyllable(r) || isEastScript(r)) {
			return true
		}
	}
	return false
}

// hasUkrainianMarker reports whether s contains a Ukrainian or Belarusian
// letter.
func hasUkrainianMarker(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x52F && isUkrainianMarker(r) {
			return true
		}
	}
	return false
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// scriptOf returns the script of a letter r for the transliterated scripts
// and Latin otherwise.
func scriptOf(r rune) Script {
	switch {
	case r < 0x370:
		return Latin
	case isCyrillic(r):
		return Cyrillic
	case isGreek(r):
		return Greek
	case isArabic(r):
		return Arabic
	case isHangulSyllable(r):
		return Hangul
	}
	return Latin
}

// scriptWordEnd returns the end of the run of letters and marks of the same
// script as the rune at s[i].
func scriptWordEnd(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	sc := scriptOf(r)
	j := i + size
	for j < len(s) {
		r, size = utf8.DecodeRuneInString(s[j:])
		if isMark(r) || r == 0x640 /* tatweel */ {
			j += size
			continue
		}
		if scriptOf(r) != sc || !isScriptLetter(r) && !(sc == Arabic && unicode.IsDigit(r)) {
			break
		}
		j += size
	}
	return j
}

// appendScriptWord appends the transliteration of w, a word of Cyrillic,
// Greek or Arabic letters (with combining marks), to dst. With keepCase the
// capitalization of a Cyrillic or Greek word is kept; otherwise the output
// is lower case.
func appendScriptWord(dst []byte, w string, ukr, keepCase bool) []byte {
	var buf [32]rune
	rs := buf[:0]
	upper := 0
	for _, r := range w {
		if isMark(r) || r == 0x640 {
			continue
		}
		if isGreek(r) {
			// Remove accents: ά -> α.
			if d := norm.NFD.PropertiesString(string(r)).Decomposition(); len(d) > 0 {
				r, _ = utf8.DecodeRune(d)
			}
		}
		lr := toLowerScript(r)
		if lr != r {
			upper++
		}
		rs = append(rs, lr)
	}
	if len(rs) == 0 {
		return dst
	}
	start := len(dst)
	switch sc := scriptOf(rs[0]); sc {
	case Arabic:
		dst = appendArabicWord(dst, rs)
	case Greek:
		for i, r := range rs {
			var prev, next rune
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			dst = append(dst, greekRune(r, prev, next, i)...)
		}
	default:
		for i, r := range rs {
			var prev rune
			if i > 0 {
				prev = rs[i-1]
			}
			dst = append(dst, cyrillicRune(r, prev, ukr)...)
		}
	}
	if keepCase && upper > 0 && len(dst) > start {
		if upper == len(rs) && len(rs) > 1 {
			for i := start; i < len(dst); i++ {
				dst[i] = upperASCII(dst[i])
			}
		} else {
			dst[start] = upperASCII(dst[start])
		}
	}
	return dst
}

// appendArabicWord appends the transliteration of the Arabic word rs.
func appendArabicWord(dst []byte, rs []rune) []byte {
	// Hamza forms of alif and the Persian ya are folded for the lexicon.
	for i, r := range rs {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			if i > 0 {
				rs[i] = 'ا'
			}
		case 'ی':
			rs[i] = 'ي'
		}
	}
	if s, ok := arabicLexiconRunes(rs); ok {
		return append(dst, s...)
	}
	if len(rs) > 4 && rs[0] == 'ع' && rs[1] == 'ب' && rs[2] == 'د' {
		// A run-together theophoric name: عبدالله -> abd allah.
		dst = append(dst, "abd "...)
		rs = rs[3:]
		if s, ok := arabicLexiconRunes(rs); ok {
			return append(dst, s...)
		}
	}
	if len(rs) > 3 && (rs[0] == 'ا' || rs[0] == 'أ') && rs[1] == 'ل' {
		// The article: الرحمن -> al rahman.
		dst = append(dst, "al "...)
		rs = rs[2:]
		if s, ok := arabicLexiconRunes(rs); ok {
			return append(dst, s...)
		}
	}
	for i, r := range rs {
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		dst = append(dst, arabicRune(r, prev, next)...)
	}
	return dst
}

// arabicLexiconWords holds the words of the lexicon's spellings.
var arabicLexiconWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, v := range arabicLexicon {
		for _, w := range strings.Fields(v) {
			m[w] = true
		}
	}
	delete(m, "al")
	return m
}()

// arabicLexiconRunes looks the word rs up in arabicLexicon, folding an
// initial hamza form of alif.
func arabicLexiconRunes(rs []rune) (string, bool) {
	var kb [64]byte
	key := kb[:0]
	for i, r := range rs {
		if i == 0 && (r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ') {
			r = 'ا'
		}
		key = utf8.AppendRune(key, r)
	}
	s, ok := arabicLexicon[string(key)]
	return s, ok
}

// isMark reports a nonspacing combining mark, quickly for the common
// combining diacritics.
func isMark(r rune) bool {
	if r >= 0x300 && r < 0x370 {
		return true
	}
	return r >= 0x483 && unicode.Is(unicode.Mn, r)
}

// isScriptLetter reports whether r is a letter, quickly for Cyrillic.
func isScriptLetter(r rune) bool {
	if r >= 0x400 && r < 0x530 {
		return r < 0x482 || r > 0x489
	}
	return unicode.IsLetter(r)
}

// toLowerScript lower-cases r, quickly for Russian letters.
func toLowerScript(r rune) rune {
	switch {
	case r >= 0x430 && r < 0x460:
		return r
	case r >= 0x410 && r < 0x430:
		return r + 0x20
	case r >= 0x400 && r < 0x410:
		return r + 0x50
	case r >= 0x600 && r < 0x700:
		return r // Arabic has no case
	}
	return unicode.ToLower(r)
}
