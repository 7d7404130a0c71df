package fuzzy

import "testing"

// BenchmarkKoreanReading reads a Han name in Sino-Korean (a binary search
// per character).
func BenchmarkKoreanReading(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		KoreanReading("金正恩")
	}
}

// BenchmarkJapaneseReading reads a kanji name with the IPA dictionary,
// loaded before the timer starts.
func BenchmarkJapaneseReading(b *testing.B) {
	if _, err := japaneseTokenizer(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		JapaneseReading("山田太郎")
	}
}

// BenchmarkReadingsLatin is the cost the readings add to a name without Han
// characters: one scan of the name each.
func BenchmarkReadingsLatin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		KoreanReading("Kim Jong Un")
		JapaneseReading("Kim Jong Un")
	}
}
