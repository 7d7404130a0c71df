package ident

import (
	"fmt"
	"strings"
)

type ibanCountry struct {
	length int
	bban   string // SWIFT notation, e.g. "4!a14!n"
	sepa   bool
}

// IBAN is a validated International Bank Account Number in electronic
// format (upper case, no spaces).
type IBAN string

// Country returns the ISO 3166-1 alpha-2 country code of the IBAN.
func (i IBAN) Country() string { return string(i[:2]) }

// BBAN returns the Basic Bank Account Number part of the IBAN.
func (i IBAN) BBAN() string { return string(i[4:]) }

// String returns the IBAN in electronic format.
func (i IBAN) String() string { return string(i) }

// Paper returns the IBAN in groups of four characters, as printed.
func (i IBAN) Paper() string {
	var b strings.Builder
	for n := 0; n < len(i); n += 4 {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(i[n:min(n+4, len(i))]))
	}
	return b.String()
}

// ParseIBAN validates s as an IBAN: spaces (paper format) are removed and
// letters upper-cased, then the country must be in the IBAN registry, the
// length and BBAN structure must be the country's, and the mod-97 check
// digits must hold. The error is an [*Error] wrapping [ErrEmpty],
// [ErrCountry], [ErrLength], [ErrFormat], [ErrChars] or [ErrChecksum].
func ParseIBAN(s string) (IBAN, error) {
	e := func(err error, detail string, args ...any) (IBAN, error) {
		return "", &Error{Kind: "IBAN", Err: err, Detail: fmt.Sprintf(detail, args...)}
	}
	v := compactUpper(s)
	if v == "" {
		return e(ErrEmpty, "")
	}
	if len(v) < 5 {
		return e(ErrLength, "%d characters", len(v))
	}
	for i := 0; i < len(v); i++ {
		if !isAlnum(v[i]) {
			return e(ErrChars, "character %d is not a letter or digit", i+1)
		}
	}
	c, ok := lookupIBANCountry(v[:2])
	if !ok {
		return e(ErrCountry, "%q is not an IBAN country", v[:2])
	}
	if len(v) != c.length {
		return e(ErrLength, "%d characters, %s IBANs have %d", len(v), v[:2], c.length)
	}
	if !isDigit(v[2]) || !isDigit(v[3]) {
		return e(ErrFormat, "check digits are not digits")
	}
	if pos, ok := matchStructure(v[4:], c.bban); !ok {
		return e(ErrFormat, "BBAN character %d does not fit the %s structure %s", pos+1, v[:2], c.bban)
	}
	if mod97(v[4:]+v[:4]) != 1 {
		return e(ErrChecksum, "mod-97 check failed")
	}
	return IBAN(v), nil
}

// IsSEPA reports whether the IBAN's country is in the SEPA scheme.
func (i IBAN) IsSEPA() bool { c, _ := lookupIBANCountry(i.Country()); return c.sepa }

// matchStructure checks s against a SWIFT structure such as "4!a14!n" and
// returns the index of the first mismatch.
func matchStructure(s, structure string) (int, bool) {
	pos := 0
	for i := 0; i < len(structure); {
		n := 0
		for i < len(structure) && isDigit(structure[i]) {
			n = n*10 + int(structure[i]-'0')
			i++
		}
		if i < len(structure) && structure[i] == '!' {
			i++
		}
		if i >= len(structure) {
			return pos, false
		}
		class := structure[i]
		i++
		for k := 0; k < n; k++ {
			if pos >= len(s) {
				return pos, false
			}
			ch := s[pos]
			switch class {
			case 'n':
				if !isDigit(ch) {
					return pos, false
				}
			case 'a':
				if ch < 'A' || ch > 'Z' {
					return pos, false
				}
			case 'c':
				if !isAlnum(ch) {
					return pos, false
				}
			}
			pos++
		}
	}
	return pos, pos == len(s)
}

// mod97 computes the ISO 7064 MOD 97-10 remainder of s with letters
// expanded to two digits (A=10 ... Z=35).
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if isDigit(ch) {
			r = (r*10 + int(ch-'0')) % 97
		} else {
			v := int(ch-'A') + 10
			r = (r*100 + v) % 97
		}
	}
	return r
}

func compactUpper(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '-':
			continue
		case ch >= 'a' && ch <= 'z':
			ch -= 'a' - 'A'
		}
		b.WriteByte(ch)
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isDigit(c) || (c >= 'A' && c <= 'Z') }

// ibanNational lists countries whose banks issue IBANs that are not (yet)
// in the SWIFT registry, with the structure their central banks publish.
// They are validated the same way; IBANs from them do occur in payroll data.
var ibanNational = map[string]ibanCountry{
	"MG": {length: 27, bban: "23!n"}, // Madagascar (Banky Foiben'i Madagasikara)
}

func lookupIBANCountry(code string) (ibanCountry, bool) {
	if c, ok := ibanCountries[code]; ok {
		return c, true
	}
	c, ok := ibanNational[code]
	return c, ok
}
