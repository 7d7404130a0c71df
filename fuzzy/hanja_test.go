package fuzzy

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestKoreanReading(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
		reason   string
	}{
		{"金正恩", "김정은", true, "金 has the usual reading 금 and the name reading 김: names take 김"},
		{"朴正熙", "박정희", true, "every character has one reading"},
		{"李明", "리명", true, "李 reads 리 (이 in the South): the Korean key treats both alike"},
		{"崔 龍海", "최 룡해", true, "spaces and other characters are kept"},
		{"Kim 金", "Kim 김", true, "Latin beside Han is kept"},
		{"Kim Jong Un", "Kim Jong Un", false, "no Han character: nothing to read"},
		{"김정은", "김정은", false, "Hangul is already Korean"},
		{"山田ハナ", "산전ハナ", true, "kana are kept as they are"},
		{"金\U0002A6A5", "金\U0002A6A5", false, "a character without a Korean reading: no reading of the name"},
		{"", "", false, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := KoreanReading(tt.in)
			assert.Equal(t, tt.want, got, tt.reason)
			assert.Equal(t, tt.ok, ok, tt.reason)
		})
	}
}

func TestKoreanReadingMatchesRomanized(t *testing.T) {
	tests := []struct {
		han, listed string
		min         float64
		reason      string
	}{
		{"金正恩", "Kim Jong Un", 0.95, "the Hanja of a listed DPRK name meets its McCune–Reischauer spelling"},
		{"崔龍海", "Choe Ryong Hae", 0.95, "崔 최 Choe, 龍 룡 Ryong, 海 해 Hae"},
		{"朴奉珠", "Pak Pong Ju", 0.95, "朴 박 Pak"},
	}
	for _, tt := range tests {
		t.Run(tt.han, func(t *testing.T) {
			assert.Less(t, Compare(tt.han, tt.listed).Score, 0.8, "pinyin alone misses: %s", tt.reason)
			k, ok := KoreanReading(tt.han)
			assert.True(t, ok)
			assert.GreaterOrEqual(t, Compare(k, tt.listed).Score, tt.min, tt.reason)
		})
	}
}

func TestHanjaTable(t *testing.T) {
	assert.Greater(t, len(hanjaHangul), 8000, "Unihan 15.0 gives about 8,500 characters a kHangul reading")
	for i := 1; i < len(hanjaHangul); i++ {
		if !assert.Less(t, hanjaHangul[i-1]>>14, hanjaHangul[i]>>14, "sorted by code point, one reading each (entry %d)", i) {
			break
		}
	}
	for _, v := range hanjaHangul {
		assert.True(t, isHan(rune(v>>14)), "U+%04X is a Han character", v>>14)
		assert.True(t, isHangulSyllable(hangulBase+rune(v&(1<<14-1))), "U+%04X reads as a Hangul syllable", v>>14)
	}
}

func FuzzKoreanReading(f *testing.F) {
	for _, s := range []string{"金正恩", "Kim 金", "山田太郎", "김정은", "\xff金", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := KoreanReading(s)
		if !ok {
			if got != s {
				t.Fatalf("KoreanReading(%q) = %q, false: must return its input", s, got)
			}
			return
		}
		for _, r := range got {
			if isHan(r) {
				t.Fatalf("KoreanReading(%q) = %q keeps a Han character", s, got)
			}
		}
		if utf8.ValidString(s) && utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("KoreanReading(%q) = %q: one rune per rune", s, got)
		}
		if _, again := KoreanReading(got); again {
			t.Fatalf("KoreanReading(%q) = %q reads again", s, got)
		}
	})
}
