package fuzzy

import (
	"strings"
	"sync"
	"unicode"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Japanese readings.
//
// A Japanese name in kanji has no reading that follows from its
// characters: 山田太郎 is Yamada Tarō, which neither pinyin (shan tian tai
// lang) nor the characters' dictionary readings one by one give. The
// readings come from the IPA dictionary of the morphological analyzer
// github.com/ikawaha/kagome (module github.com/ikawaha/kagome-dict/ipa),
// whose proper-noun entries carry the readings of Japanese surnames and
// given names in katakana; kana are then written in Hepburn like any kana.
//
// The dictionary costs about 13 MB of binary and, once loaded, about 90 MB
// of memory and a second or two: it is loaded on the first name that needs
// it, never for names without Han characters.

// japaneseTokenizer is the IPA-dictionary analyzer, loaded once.
var japaneseTokenizer = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	return tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
})

// JapaneseReading returns the reading in katakana of s, a Japanese
// personal name written in kanji (山田太郎 -> ヤマダ タロウ), words separated
// by spaces, and true; [Tokenize] writes it in Hepburn (yamada taro). It
// returns s and false unless s has Han characters and no Hangul, and every
// word of s is a surname or given name of the dictionary or kana.
func JapaneseReading(s string) (string, bool) {
	han := false
	for _, r := range s {
		switch {
		case isHangulSyllable(r):
			return s, false
		case isHan(r):
			han = true
		}
	}
	if !han {
		return s, false
	}
	tk, err := japaneseTokenizer()
	if err != nil {
		return s, false
	}
	var b strings.Builder
	words, prevKana := 0, false
	for _, t := range tk.Tokenize(s) {
		w := t.Surface
		if strings.TrimFunc(w, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
			prevKana = false
			continue
		}
		reading, kana := w, kanaOnly(w)
		if !kana {
			f := t.Features()
			r, ok := t.Reading()
			if !ok || r == "" || r == "*" || len(f) < 3 || f[1] != "固有名詞" || f[2] != "人名" {
				return s, false
			}
			reading = r
		}
		if words > 0 && !(kana && prevKana) {
			b.WriteByte(' ') // a run of kana the analyzer split is one word
		}
		b.WriteString(reading)
		words++
		prevKana = kana
	}
	if words == 0 {
		return s, false
	}
	return b.String(), true
}

// kanaOnly reports whether w has only kana.
func kanaOnly(w string) bool {
	for _, r := range w {
		if !isKana(r) {
			return false
		}
	}
	return w != ""
}
