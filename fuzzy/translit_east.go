package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// Han, kana, Hebrew and Thai.
//
// Han characters are read in Mandarin pinyin without tones, from the
// dictionary of github.com/mozillazg/go-pinyin (its PinyinDict, generated
// from the pinyin-data project's readings of the Unihan database and
// maintained upstream): one reading per character, the most common one,
// ü written u. A run of two to four Han characters is a Chinese personal
// name written as Chinese names are romanized in passports and on the
// sanctions lists, surname then given name in one word (习近平 -> Xi
// Jinping, 王伟 -> Wang Wei); a longer run (a company or place name) gives
// one word per character. A Han name may as well be Korean or Japanese,
// which pinyin does not read: [KoreanReading] and [JapaneseReading] give
// the readings a caller searches besides.
//
// Kana (hiragana and katakana) are written in Hepburn without macrons: a
// long vowel is written once (トウキョウ -> tokyo, タロウ -> taro, ー
// dropped), っ doubles the next consonant, ん is n.
//
// Hebrew is consonantal, like Arabic: every consonant has one Latin
// spelling (ש sh, צ ts, ח kh, כ k, ק k, ב v at the end of a word and after
// a vowel letter, b elsewhere...), ו and י between consonants are the
// vowels o and i, and a final ה is e; common given names, whose vowels the
// script leaves out, are spelled from a lexicon (משה -> moshe, דוד ->
// david).
//
// Thai follows the Royal Thai General System without tones: consonants
// have an initial and a final value (ย y/i, ว w/o, ร r/n), vowel signs
// written before their consonant are read after it, and two consonants
// with no vowel between them take the inherent vowel o (สมชาย -> somchai).

// isHan reports a Han ideograph.
func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F
}

// isKana reports a hiragana or katakana letter or the prolonged sound mark.
func isKana(r rune) bool { return r >= 0x3041 && r <= 0x30FC && r != 0x30FB }

// isHebrew reports a Hebrew letter or point.
func isHebrew(r rune) bool { return r >= 0x591 && r <= 0x5F4 }

// isThai reports a Thai letter or sign.
func isThai(r rune) bool { return r >= 0xE01 && r <= 0xE4E }

// isEastScript reports a rune of one of the scripts of this file.
func isEastScript(r rune) bool {
	return r >= 0x591 && (isHebrew(r) || isThai(r) || isKana(r) || isHan(r))
}

// eastWordEnd returns the end of the run of runes of the same script as
// the one at s[i] (marks of Hebrew and Thai included).
func eastWordEnd(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	same := isHan
	switch {
	case isKana(r):
		same = isKana
	case isHebrew(r):
		same = isHebrew
	case isThai(r):
		same = isThai
	}
	j := i + size
	for j < len(s) {
		r, size = utf8.DecodeRuneInString(s[j:])
		if !same(r) {
			break
		}
		j += size
	}
	return j
}

// eastScript returns the Script of a run starting with r.
func eastScript(r rune) Script {
	switch {
	case isKana(r):
		return Kana
	case isHebrew(r):
		return Hebrew
	case isThai(r):
		return Thai
	}
	return Han
}

// appendEastWords appends the lower-case transliteration of w, a run of one
// of the scripts of this file, to dst: words separated by single spaces.
func appendEastWords(dst []byte, w string) []byte {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case isKana(r):
		return appendKana(dst, w)
	case isHebrew(r):
		return appendHebrew(dst, w)
	case isThai(r):
		return appendThai(dst, w)
	}
	return appendHan(dst, w)
}

// hanSyllable returns the toneless pinyin of the Han character r, or "".
func hanSyllable(r rune) string {
	p, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return ""
	}
	if i := strings.IndexByte(p, ','); i >= 0 {
		p = p[:i]
	}
	var b []byte
	for _, c := range norm.NFD.String(p) {
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, byte(c))
		case c == 'ü' || c == 'v':
			b = append(b, 'u')
		}
	}
	return string(b)
}

// appendHan appends the pinyin of a run of Han characters.
func appendHan(dst []byte, w string) []byte {
	n := utf8.RuneCountInString(w)
	i := 0
	for _, r := range w {
		s := hanSyllable(r)
		if s == "" {
			continue
		}
		if len(dst) > 0 && dst[len(dst)-1] != ' ' && (n > 4 || i <= 1) {
			dst = append(dst, ' ')
		}
		dst = append(dst, s...)
		i++
	}
	return dst
}

// kanaRomaji spells the hiragana from U+3041 to U+3096, indexed from
// U+3041; katakana U+30A1 to U+30F6 are read as the hiragana 0x60 below.
var kanaRomaji = [...]string{
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ぁあぃいぅうぇえぉお
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // かが...ご
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // さ...ぞ
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // た だ ち ぢ っ つ づ て で と ど
	"na", "ni", "nu", "ne", "no", // な...の
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", // は...ぽ
	"ma", "mi", "mu", "me", "mo", // ま...も
	"ya", "ya", "yu", "yu", "yo", "yo", // ゃやゅゆょよ
	"ra", "ri", "ru", "re", "ro", // ら...ろ
	"wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", // ゎわゐゑをんゔゕゖ
}

// appendKana appends the Hepburn spelling of a run of kana.
func appendKana(dst []byte, w string) []byte {
	start := len(dst)
	gem := false
	for _, r := range w {
		if r >= 0x30A1 && r <= 0x30F6 {
			r -= 0x60
		}
		switch {
		case r == 0x3063: // small tsu: double the next consonant
			gem = true
			continue
		case r == 0x30FC: // prolonged sound mark: the vowel is written once
			continue
		case r < 0x3041 || r > 0x3096:
			continue
		}
		s := kanaRomaji[r-0x3041]
		small := r == 0x3083 || r == 0x3085 || r == 0x3087 || (r <= 0x3049 && r&1 == 1)
		if small && len(dst) > start {
			// きゃ kya, しゃ sha, ちゃ cha, じゃ ja; ファ fa.
			last := dst[len(dst)-1]
			if s[0] == 'y' && last == 'i' {
				dst = dst[:len(dst)-1]
				if n := len(dst); n > start && (dst[n-1] == 'h' || dst[n-1] == 'j') {
					s = s[1:] // sha, cha, ja
				}
			} else if s[0] != 'y' && (last == 'u' || last == 'i') {
				dst = dst[:len(dst)-1]
			}
		}
		if gem && s != "" {
			if s[0] == 'c' {
				dst = append(dst, 't')
			} else {
				dst = append(dst, s[0])
			}
		}
		gem = false
		if s == "u" || s == "o" {
			// Long vowels ou, oo, uu are written once.
			if n := len(dst); n > start && (dst[n-1] == 'o' || dst[n-1] == 'u' && s == "u") {
				continue
			}
		}
		if s == "i" || s == "e" {
			if n := len(dst); n > start && dst[n-1] == s[0] {
				continue
			}
		}
		dst = append(dst, s...)
	}
	return dst
}

// hebrewLexicon spells common Hebrew given names and surnames in full;
// the consonantal reading leaves out vowels the script does not write.
var hebrewLexicon = map[string]string{
	"משה": "moshe", "דוד": "david", "אברהם": "avraham", "יצחק": "yitzhak", "יעקב": "yaakov",
	"שלמה": "shlomo", "יוסף": "yosef", "שמואל": "shmuel", "אהרן": "aharon", "אהרון": "aharon",
	"דניאל": "daniel", "מיכאל": "michael", "חיים": "haim", "שרה": "sarah", "רחל": "rachel",
	"לאה": "leah", "רבקה": "rivka", "מרים": "miriam", "אסתר": "esther", "יהודה": "yehuda",
	"בנימין": "binyamin", "נתניהו": "netanyahu", "כהן": "cohen", "לוי": "levi", "מזרחי": "mizrahi",
	"פרץ": "peretz", "ביטון": "biton", "אליהו": "eliyahu", "יונתן": "yonatan", "נתן": "natan",
	"אבי": "avi", "רון": "ron", "עמית": "amit", "אורי": "uri", "גיל": "gil", "נועה": "noa",
	"תמר": "tamar", "רות": "ruth", "חנה": "hana", "יעל": "yael", "שמעון": "shimon", "ראובן": "reuven",
}

// hebrewFinal maps the final forms to the ordinary letters.
var hebrewFinal = map[rune]rune{'ך': 'כ', 'ם': 'מ', 'ן': 'נ', 'ף': 'פ', 'ץ': 'צ'}

// hebrewLatin spells the Hebrew consonants.
var hebrewLatin = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z", 'ח': "kh", 'ט': "t",
	'י': "y", 'כ': "k", 'ל': "l", 'מ': "m", 'נ': "n", 'ס': "s", 'ע': "", 'פ': "p", 'צ': "ts",
	'ק': "k", 'ר': "r", 'ש': "sh", 'ת': "t",
}

// appendHebrew appends the transliteration of a run of Hebrew letters.
func appendHebrew(dst []byte, w string) []byte {
	rs := make([]rune, 0, len(w)/2)
	for _, r := range w {
		if r >= 0x5D0 && r <= 0x5EA {
			if f, ok := hebrewFinal[r]; ok {
				r = f
			}
			rs = append(rs, r)
		}
	}
	if s, ok := hebrewLexicon[string(rs)]; ok {
		return append(dst, s...)
	}
	for i, r := range rs {
		first, last := i == 0, i == len(rs)-1
		s := hebrewLatin[r]
		switch r {
		case 'ו':
			if !first && !(i+1 < len(rs) && rs[i+1] == 'ו') {
				s = "o"
			}
			if i > 0 && rs[i-1] == 'ו' {
				s = ""
			}
		case 'י':
			if !first && !last {
				s = "i"
			} else if last {
				s = "i"
			}
		case 'ה':
			if last {
				s = "e"
			}
		case 'ב', 'כ', 'פ':
			if !first {
				s = map[rune]string{'ב': "v", 'כ': "kh", 'פ': "f"}[r]
			}
		case 'א', 'ע':
			if first || last {
				s = "a"
			}
		}
		dst = append(dst, s...)
	}
	return dst
}

// thaiInitial and thaiFinal spell the Thai consonants U+0E01 to U+0E2E at
// the start and at the end of a syllable (RTGS).
var thaiInitial = [...]string{
	"k", "kh", "kh", "kh", "kh", "kh", "ng", "ch", "ch", "ch", "s", "ch", "y", "d", "t",
	"th", "th", "th", "n", "d", "t", "th", "th", "th", "n", "b", "p", "ph", "f", "ph",
	"f", "ph", "m", "y", "r", "rue", "l", "lue", "w", "s", "s", "s", "h", "l", "", "h",
}
var thaiFinal = [...]string{
	"k", "k", "k", "k", "k", "k", "ng", "t", "t", "t", "t", "t", "n", "t", "t",
	"t", "t", "t", "n", "t", "t", "t", "t", "t", "n", "p", "p", "p", "p", "p",
	"p", "p", "m", "i", "n", "rue", "n", "lue", "o", "t", "t", "t", "", "n", "", "",
}

// isThaiConsonant reports a Thai consonant.
func isThaiConsonant(r rune) bool { return r >= 0xE01 && r <= 0xE2E }

// appendThai appends the RTGS spelling of a run of Thai.
func appendThai(dst []byte, w string) []byte {
	rs := make([]rune, 0, len(w)/3)
	for _, r := range w {
		if r >= 0xE48 && r <= 0xE4C || r == 0xE47 {
			continue // tone marks, thanthakhat, maitaikhu
		}
		rs = append(rs, r)
	}
	// Leading vowels are read after the consonant that follows them.
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] >= 0xE40 && rs[i] <= 0xE44 && isThaiConsonant(rs[i+1]) {
			rs[i], rs[i+1] = rs[i+1], rs[i]
			i++
		}
	}
	isVowel := func(i int) bool { return i < len(rs) && !isThaiConsonant(rs[i]) }
	for i := 0; i < len(rs); {
		r := rs[i]
		if !isThaiConsonant(r) {
			dst = appendThaiVowel(dst, r)
			i++
			continue
		}
		// r begins a syllable.
		dst = append(dst, thaiInitial[r-0xE01]...)
		i++
		switch {
		case isVowel(i):
			for isVowel(i) {
				dst = appendThaiVowel(dst, rs[i])
				i++
			}
		case i < len(rs) && isVowel(i+1):
			dst = append(dst, 'a') // open syllable: สบาย sabai
			continue
		case i < len(rs):
			dst = append(dst, 'o') // inherent vowel: สม som
		default:
			dst = append(dst, 'o')
			continue
		}
		// A consonant not followed by a vowel closes the syllable.
		if i < len(rs) && isThaiConsonant(rs[i]) && !isVowel(i+1) {
			dst = append(dst, thaiFinal[rs[i]-0xE01]...)
			i++
		}
	}
	return dst
}

// appendThaiVowel appends the spelling of the Thai vowel sign r.
func appendThaiVowel(dst []byte, r rune) []byte {
	switch r {
	case 0xE30, 0xE31, 0xE32: // ะ ั า
		return append(dst, 'a')
	case 0xE33: // ำ
		return append(dst, "am"...)
	case 0xE34, 0xE35:
		return append(dst, 'i')
	case 0xE36, 0xE37:
		return append(dst, "ue"...)
	case 0xE38, 0xE39:
		return append(dst, 'u')
	case 0xE40:
		return append(dst, 'e')
	case 0xE41:
		return append(dst, "ae"...)
	case 0xE42:
		return append(dst, 'o')
	case 0xE43, 0xE44:
		return append(dst, "ai"...)
	}
	return dst
}

// eastLetter reports whether r is a letter of these scripts rather than a
// punctuation mark (the katakana middle dot separates words).
func eastLetter(r rune) bool {
	return isEastScript(r) && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == 0x30FC)
}
