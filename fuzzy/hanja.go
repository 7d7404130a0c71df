package fuzzy

import (
	"sort"
	"strings"
)

// Sino-Korean readings.
//
// Korean names have a Han spelling (Hanja) besides their Hangul one: 金正恩
// is 김정은, Kim Jong Un. Pinyin reads those characters in Mandarin (jin
// zheng en), which no Korean romanization resembles, so a Han-script payee
// is also read in Korean: every character is replaced by its Hangul
// syllable from the kHangul field of the Unicode Han Database
// (Unihan_Readings.txt, generated into hanja_table.go by scripts/gen/hanja),
// and the Hangul is then romanized and keyed like any Hangul name. Of the
// readings of a character the table keeps the one used in personal names
// when the usual one is not (金 김, not 금), else the usual one.

// hanjaReading returns the Hangul syllable of the Han character r, or 0.
func hanjaReading(r rune) rune {
	t := hanjaHangul[:]
	i := sort.Search(len(t), func(i int) bool { return rune(t[i]>>14) >= r })
	if i == len(t) || rune(t[i]>>14) != r {
		return 0
	}
	return hangulBase + rune(t[i]&(1<<14-1))
}

// KoreanReading returns s with each Han character replaced by its
// Sino-Korean reading in Hangul (金正恩 -> 김정은), and true, when s has Han
// characters and every one of them has a reading; otherwise it returns s
// and false. Other characters are kept as they are. A caller screening a
// Han-script name searches both s, which [Tokenize] reads in pinyin, and
// its Korean reading, which it reads as Korean.
func KoreanReading(s string) (string, bool) {
	han := false
	for _, r := range s {
		if isHan(r) {
			if hanjaReading(r) == 0 {
				return s, false
			}
			han = true
		}
	}
	if !han {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isHan(r) {
			r = hanjaReading(r)
		}
		b.WriteRune(r)
	}
	return b.String(), true
}
