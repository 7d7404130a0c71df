package fuzzy

import "fmt"

// Script is the writing system a token was written in before it was
// transliterated to Latin.
type Script uint8

// Scripts.
const (
	Latin Script = iota
	Hangul
	Cyrillic
	Greek
	Arabic
	Han
	OtherScript
	Kana
	Hebrew
	Thai
)

var scriptNames = [...]string{"Latin", "Hangul", "Cyrillic", "Greek", "Arabic", "Han", "Other", "Kana", "Hebrew", "Thai"}

// String returns the English name of the script.
func (s Script) String() string {
	if int(s) < len(scriptNames) {
		return scriptNames[s]
	}
	return fmt.Sprintf("Script(%d)", uint8(s))
}

// Token is one word of a normalized name.
type Token struct {
	// Text is the normalized Latin form: lower-case ASCII letters and
	// digits, e.g. "chol" for "CH'OL" or "Чол", "kim" for "김".
	Text string
	// Key is an equivalence key: two tokens with the same non-empty Key
	// are spellings of the same name part (Korean romanizations such as
	// ri/lee/yi/rhee, or variants such as mohammed/muhammad). Empty when
	// the token has no known equivalents.
	Key string
	// Script is the script the token was written in; Latin unless it was
	// transliterated.
	Script Script
	// Weak marks legal-form words, honorifics and particles (llc, ltd,
	// gmbh, jsc, ooo, mr, dr, al, and, of, the...): they count for little
	// in a score but are not dropped.
	Weak bool
	// Joined marks a token that [Tokenize] split off the end of the
	// previous token's word (Abdullah -> abd, ullah; Jongun -> jong, un):
	// the two tokens are one word of the name, and a score counts them as
	// one word where it counts words.
	Joined bool
}

// MatchKind says how a query token met a listed token.
type MatchKind uint8

// Match kinds, from strongest to weakest.
const (
	Unmatched      MatchKind = iota // no counterpart
	Exact                           // same normalized text
	Equivalent                      // same romanization or variant key (Pak/Park, Mohammed/Muhammad)
	Transliterated                  // equal once one side was transliterated from another script
	Fuzzy                           // similar spelling (Jaro-Winkler)
	Initial                         // an initial met a word starting with it
	Abbreviation                    // an abbreviation met the word it shortens (Tech, Technology; Intl, International)
)

var matchKindNames = [...]string{"unmatched", "exact", "equivalent", "transliterated", "fuzzy", "initial", "abbreviation"}

// String returns the lower-case name of k.
func (k MatchKind) String() string {
	if int(k) < len(matchKindNames) {
		return matchKindNames[k]
	}
	return fmt.Sprintf("MatchKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k MatchKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }
