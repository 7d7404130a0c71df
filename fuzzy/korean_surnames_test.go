package fuzzy

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestKoreanSurnameSpellings checks every spelling of the surname table
// (koreanSurnames, from the NIKL passport-spelling survey and the other
// sources named there) against the surname: its McCune–Reischauer and
// Revised spellings and each spelling in use share the surname's key, so
// that a payee written Rhee, Whang, Hahn, Sohn, Koh, Hur, Joe, Chung or Oo
// meets the listed RI, HWANG, HAN, SON, KO, HO, JO, JONG or U. A spelling
// marked '~' is the usual spelling of another surname and must keep that
// one's key; one marked '!' is an English word or Western name and must
// not be read as this surname.
func TestKoreanSurnameSpellings(t *testing.T) {
	none, _ := surnameSpellingKeys(func(string) (string, bool) { return "", false })
	n := 0
	for _, s := range koreanSurnames {
		if utf8.RuneCountInString(s.hangul) != 1 {
			// Two-syllable surnames: each spelling is one or two
			// syllables; check it is Korean-looking with a given name.
			for _, sp := range append([]string{s.mr, s.rr}, s.common...) {
				toks := Tokenize(sp + " Chol")
				if len(toks) < 2 || toks[len(toks)-1].Key == "" {
					t.Errorf("%s (%s): %q Chol is not read as a Korean name: %v", s.hangul, s.src, sp, toks)
				}
				n++
			}
			continue
		}
		want, _ := KoreanKey(s.hangul)
		for _, sp := range append([]string{s.mr, s.rr}, s.common...) {
			n++
			switch sp[0] {
			case '~':
				if got, ok := KoreanKey(sp[1:]); ok && got == want {
					t.Errorf("%s (%s): ambiguous %q has the key of %s; want the key of the surname it usually spells", s.hangul, s.src, sp[1:], s.hangul)
				}
			case '!':
				if _, ok := none[Normalize(sp[1:])]; ok {
					t.Errorf("%s (%s): English word %q is taken for the surname", s.hangul, s.src, sp[1:])
				}
			default:
				if _, ok := surnameOnlyKeys[Normalize(sp)]; ok {
					// Read as the surname where a surname stands.
					assert.Equal(t, want, Tokenize(sp + " Yong Chol")[0].Key, "%s (%s): %q Yong Chol: surname key", s.hangul, s.src, sp)
					continue
				}
				if got, ok := KoreanKey(sp); !ok || got != want {
					t.Errorf("%s (%s): KoreanKey(%q) = %q, %v; want %q (the key of %s)", s.hangul, s.src, sp, got, ok, want, s.hangul)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, n, 400, "spellings in the table: want the full table")
}

// TestKoreanSurnameNames checks whole names: a listed DPRK name meets the
// same person written with a passport or diaspora spelling of the surname.
func TestKoreanSurnameNames(t *testing.T) {
	tests := []struct{ listed, payee, reason string }{
		{"RI Chol Ho", "Rhee Chol Ho", "Rhee is 이/리"},
		{"HWANG Kyong Nam", "Whang Kyong Nam", "Whang is 황"},
		{"HAN Jang Su", "Hahn Jang Su", "Hahn is 한"},
		{"SON Jong Hyok", "Sohn Jong Hyok", "Sohn is 손"},
		{"KO Il Hwan", "Koh Il Hwan", "Koh is 고"},
		{"HO Yong Il", "Hur Yong Il", "Hur is 허"},
		{"JO Yong Chol", "Joe Yong Chol", "Joe is 조"},
		{"JONG Song Hwa", "Chung Song Hwa", "Chung is 정"},
		{"U Yong Su", "Oo Yong Su", "Oo is 우"},
		{"PAK Chol Min", "Park Chol Min", "Park is 박"},
		{"CHOE Chun Sik", "Choi Chun Sik", "Choi is 최"},
	}
	for _, tt := range tests {
		r := Compare(tt.payee, tt.listed)
		assert.GreaterOrEqual(t, r.Score, 0.9, "Compare(%q, %q) (%s)\n%v", tt.payee, tt.listed, tt.reason, r)
	}
}
