package fuzzy

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// fuzzNormSeeds are the seeds of the normalization fuzz targets.
var fuzzNormSeeds = []string{
	"", " ", "KIM Jong-Un", "CH'OL", "CH’O’L", "HYOʼK", "Chŏng", "U'N", "Пак Чол", "리 원호", "김정은",
	"Kim Jongun", "Евгений Сергеевич", "Володимир Зеленський", "محمد علي", "عبدالله", "Αλέξανδρος",
	"金正恩", "ООО Ромашка", "José María", "Straße", "ＫＩＭ", "ﬁnance", "e\u0301", "и\u0306",
	"Abdulrahman", "\xff\xfe", "a\u0000b", "١٢٣", "ʿAbd al-ʿAzīz", "Kim\u00a0Jong", "ℌ𝔢𝔩𝔩𝔬", "ǅ",
	"각", "ㄱ", "Ⅻ", "İstanbul", "Ωmega", "X Æ A-12",
}

// FuzzNormalize checks that Normalize never panics, is idempotent and
// returns only lower-case ASCII letters, digits and single spaces.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzNormSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		require.Empty(t, checkNormalForm(n), "Normalize(%q) = %q is not in normal form", s, n)
		require.Equal(t, n, Normalize(n), "Normalize not idempotent on Normalize(%q)", s)
		if tr := Transliterate(s); utf8.ValidString(s) && !utf8.ValidString(tr) {
			t.Fatalf("Transliterate(%q) = %q is not valid UTF-8", s, tr)
		}
	})
}

// FuzzTokenize checks that the tokens are non-empty, in normal form, and
// spell Normalize(s) without its spaces.
func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzNormSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		var b strings.Builder
		for _, tk := range toks {
			require.NotEmpty(t, tk.Text, "Tokenize(%q) has an empty token: %+v", s, toks)
			if strings.IndexByte(tk.Text, ' ') >= 0 || checkNormalForm(tk.Text) != "" {
				t.Fatalf("Tokenize(%q): token %q is not one normalized word", s, tk.Text)
			}
			require.LessOrEqual(t, tk.Script, OtherScript, "Tokenize(%q): token %q has an unknown script", s, tk.Text)
			b.WriteString(tk.Text)
		}
		require.Equal(t, strings.ReplaceAll(Normalize(s), " ", ""), b.String(), "Tokenize(%q) spells Normalize without spaces", s)
	})
}

// checkNormalForm returns what is wrong with n as a normal form, or "".
func checkNormalForm(n string) string {
	for i := 0; i < len(n); i++ {
		c := n[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ':
			if i == 0 || i == len(n)-1 || n[i-1] == ' ' {
				return "space at an edge or doubled"
			}
		default:
			return "byte outside [a-z0-9 ]"
		}
	}
	return ""
}
