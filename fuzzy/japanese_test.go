package fuzzy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJapaneseReading(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
		reason   string
	}{
		{"山田太郎", "ヤマダ タロウ", true, "surname and given name of the dictionary"},
		{"田中花子", "タナカ ハナコ", true, "a female given name"},
		{"鈴木 一郎", "スズキ イチロウ", true, "a space between the words is allowed"},
		{"田中はなこ", "タナカ はなこ", true, "a given name in kana is kept as it is"},
		{"三菱商事株式会社", "三菱商事株式会社", false, "a company, not a personal name"},
		{"习近平", "习近平", false, "a simplified Chinese character the dictionary does not know"},
		{"金정은", "金정은", false, "Hangul: a Korean name"},
		{"Yamada Taro", "Yamada Taro", false, "no Han character"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := JapaneseReading(tt.in)
			assert.Equal(t, tt.want, got, tt.reason)
			assert.Equal(t, tt.ok, ok, tt.reason)
		})
	}
}

func TestJapaneseReadingMatchesRomanized(t *testing.T) {
	tests := []struct {
		kanji, listed, reason string
	}{
		{"山田太郎", "Yamada Taro", "タロウ is taro in Hepburn without macrons"},
		{"田中花子", "Tanaka Hanako", "ハナコ hanako"},
		{"鈴木一郎", "Suzuki Ichiro", "イチロウ ichiro"},
	}
	for _, tt := range tests {
		t.Run(tt.kanji, func(t *testing.T) {
			assert.Less(t, Compare(tt.kanji, tt.listed).Score, 0.8, "pinyin alone misses: %s", tt.reason)
			r, ok := JapaneseReading(tt.kanji)
			assert.True(t, ok)
			assert.GreaterOrEqual(t, Compare(r, tt.listed).Score, 0.95, tt.reason)
		})
	}
}
