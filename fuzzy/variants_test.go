package fuzzy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// variantKey returns the variant key of the normalized word w.
func variantKey(w string) string { return string(appendVariantKey(nil, w)) }

func TestVariantKeyEqual(t *testing.T) {
	tests := []struct {
		words  []string
		reason string
	}{
		{[]string{"mohammed", "muhammad", "mohamed", "mohamad", "muhammed", "mohammad", "muhamad", "mohd", "mehmet"}, "Muhammad: vowels vary, doubled m, Malaysian Mohd, Turkish Mehmet"},
		{[]string{"yevgeniy", "evgeniy", "evgeny", "yevgeny", "evgenii", "yevgenii", "jewgeni"}, "Yevgeniy: initial ye, final -iy/-y/-ii, German Jewgeni"},
		{[]string{"aleksandr", "alexander", "alexandr", "aleksander", "oleksandr"}, "Aleksandr: x = ks, -er, Ukrainian Oleksandr"},
		{[]string{"ivanov", "ivanoff"}, "-ov = -off"},
		{[]string{"sergeyev", "sergeev"}, "y between vowels"},
		{[]string{"sergey", "sergei", "sergej", "serguei", "serhiy"}, "Sergey"},
		{[]string{"yuri", "yury", "iouri", "youri", "yuriy", "iurii"}, "Yuri"},
		{[]string{"hussein", "husayn", "hussain", "husein", "hossein", "husain"}, "Husayn: diphthong kept as y"},
		{[]string{"osama", "usama"}, "initial vowel"},
		{[]string{"qadhafi", "gaddafi", "kadhafi", "qaddafi", "gadhafi", "kadafi"}, "Qadhafi: table"},
		{[]string{"abu", "abou"}, "Abu: fixed key"},
		{[]string{"bin", "ibn", "ben"}, "bin = ibn = ben"},
		{[]string{"abdul", "abdel", "abdal", "abd", "abdur"}, "abd with its article"},
		{[]string{"allah", "ullah", "ulla", "illah"}, "Allah"},
		{[]string{"vladimir", "wladimir", "volodymyr"}, "Vladimir: w = v, Ukrainian form"},
		{[]string{"mikhail", "mihail", "michail"}, "Mikhail: kh = h"},
		{[]string{"khalid", "khaled", "halid"}, "Khalid"},
		{[]string{"mahmoud", "mahmud", "mahmood"}, "Mahmoud"},
		{[]string{"omar", "umar", "omer"}, "Umar"},
		{[]string{"yusuf", "yousef", "youssef", "yousif", "jusuf"}, "Yusuf"},
		{[]string{"ahmed", "ahmad"}, "Ahmad"},
		{[]string{"abdullah", "abdulla"}, "final h after a vowel"},
		{[]string{"dmitry", "dmitriy", "dmitri", "dmitrii"}, "Dmitry"},
		{[]string{"tatyana", "tatiana"}, "y after a consonant is a vowel"},
		{[]string{"zhukov", "joukov"}, "zh = j"},
		{[]string{"ahmadinejad", "ahmadinezhad"}, "Persian zh = j"},
		{[]string{"qasim", "kasim"}, "q = k"},
		{[]string{"philip", "filip"}, "ph = f"},
		{[]string{"rouhani", "rohani"}, "ou = o"},
	}
	for _, tt := range tests {
		want := variantKey(tt.words[0])
		if !assert.NotEmpty(t, want, "%q has no variant key (%s)", tt.words[0], tt.reason) {
			continue
		}
		for _, w := range tt.words[1:] {
			assert.Equal(t, want, variantKey(w), "variant key of %q, want that of %q (%s)", w, tt.words[0], tt.reason)
		}
	}
}

func TestVariantKeyDistinct(t *testing.T) {
	tests := []struct {
		a, b   string
		reason string
	}{
		{"muhammad", "mahmoud", "Muhammad and Mahmoud differ by a vowel slot between h and m"},
		{"hassan", "hussein", "Hassan and Husayn: the diphthong is kept"},
		{"ahmed", "mohammed", "different names"},
		{"ivanov", "ivanova", "the feminine form keeps its final vowel"},
		{"omar", "amir", "different consonants"},
		{"salman", "sultan", "different consonants"},
		{"khalid", "walid", "different first consonant"},
	}
	for _, tt := range tests {
		assert.NotEqual(t, variantKey(tt.a), variantKey(tt.b), "variant keys of %q and %q (%s)", tt.a, tt.b, tt.reason)
	}
}

func TestVariantKeyNone(t *testing.T) {
	tests := []struct {
		w      string
		reason string
	}{
		{"a", "one letter"},
		{"ola", "one consonant: too weak"},
		{"007", "digits"},
		{"x", "one letter"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "too long for the buffer and no consonant"},
	}
	for _, tt := range tests {
		assert.Empty(t, variantKey(tt.w), "variant key of %q (%s)", tt.w, tt.reason)
	}
}

func TestWeakWords(t *testing.T) {
	tests := []struct {
		a, b   string
		reason string
	}{
		{"ltd", "limited", "same legal form"},
		{"llc", "ooo", "Russian ООО is an LLC"},
		{"ooo", "tov", "Ukrainian ТОВ is an LLC"},
		{"jsc", "ao", "АО is a joint-stock company"},
		{"ojsc", "oao", "open joint-stock company"},
		{"cjsc", "zao", "closed joint-stock company"},
		{"pjsc", "pao", "public joint-stock company"},
		{"corp", "corporation", "same form"},
		{"co", "company", "same form"},
		{"inc", "incorporated", "same form"},
		{"sheikh", "shaykh", "honorific variants"},
		{"haji", "hajji", "honorific variants"},
		{"al", "el", "the Arabic article"},
		{"obshchestvo", "company", "Общество spelled out"},
		{"ogranichennoy", "limited", "ограниченной spelled out (13 letters)"},
		{"otvetstvennostyu", "liability", "ответственностью spelled out (16 letters)"},
	}
	for _, tt := range tests {
		ka, oka := weakKey(tt.a)
		kb, okb := weakKey(tt.b)
		if !oka || !okb || ka != kb {
			t.Errorf("weakKey(%q) = %q, %v; weakKey(%q) = %q, %v; want the same weak key (%s)", tt.a, ka, oka, tt.b, kb, okb, tt.reason)
		}
	}
	for _, w := range []string{"kim", "mohammed", "alpha", "bank", "bin"} {
		_, ok := weakKey(w)
		assert.False(t, ok, "weakKey(%q) reports a weak word", w)
	}
}

func TestSplitAbd(t *testing.T) {
	tests := []struct {
		w      string
		want   int
		reason string
	}{
		{"abdullah", 3, "abd + ullah"},
		{"abdallah", 3, "abd + allah"},
		{"abdulla", 3, "abd + ulla"},
		{"abdulrahman", 5, "abdul + rahman"},
		{"abdurrahman", 5, "abdur + rahman (assimilated article)"},
		{"abdelaziz", 5, "abdel + aziz"},
		{"abdelkader", 5, "abdel + kader"},
		{"abdulqadir", 5, "abdul + qadir"},
		{"abdolhossein", 0, "Husayn is not a name of God"},
		{"abdiel", 0, "not a theophoric name"},
		{"abdul", 0, "nothing after the article"},
		{"abd", 0, "too short"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, splitAbd(tt.w), "splitAbd(%q) (%s)", tt.w, tt.reason)
	}
}

func TestTransliteratedMatch(t *testing.T) {
	tests := []struct {
		arabic, latin string
		want          bool
		reason        string
	}{
		{"صفوان", "Safwan", true, "sfwan: vowels left out by the script"},
		{"مخلوف", "Makhlouf", true, "mkhluf"},
		{"قطان", "Qattan", true, "qtan, doubled t"},
		{"نزيه", "Nazih", true, "final h"},
		{"صفوان", "Sofian", false, "different consonants"},
		{"حسن", "Husayn", false, "Hasan is not Husayn"},
	}
	for _, tt := range tests {
		a, b := Tokenize(tt.arabic), Tokenize(tt.latin)
		require.Len(t, a, 1, "%q: want one token", tt.arabic)
		require.Len(t, b, 1, "%q: want one token", tt.latin)
		assert.Equal(t, tt.want, transliteratedMatch(&a[0], &b[0]), "transliteratedMatch(%q (%s), %q) (%s)", tt.arabic, a[0].Text, tt.latin, tt.reason)
		assert.Equal(t, tt.want, transliteratedMatch(&b[0], &a[0]), "transliteratedMatch is not symmetric for %q, %q", tt.arabic, tt.latin)
	}
	// Two Latin tokens never match this way: their vowels are known.
	a, b := Tokenize("Safwan"), Tokenize("Sofwen")
	assert.False(t, transliteratedMatch(&a[0], &b[0]), "transliteratedMatch of two Latin tokens")
}
