package ident

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// BIC is a validated ISO 9362 Business Identifier Code (SWIFT code), in
// upper case, 8 or 11 characters as given.
type BIC string

// ParseBIC validates s as a BIC: four letters for the institution (the
// ISO 9362:2014 rule also used by SWIFT), a country code that is an
// ISO 3166-1 country (XK for Kosovo accepted), two alphanumerics for the
// location and optionally three for the branch. Spaces are removed and
// letters upper-cased. The error is an [*Error].
func ParseBIC(s string) (BIC, error) {
	e := func(err error, detail string, args ...any) (BIC, error) {
		return "", &Error{Kind: "BIC", Err: err, Detail: fmt.Sprintf(detail, args...)}
	}
	v := compactUpper(s)
	switch {
	case v == "":
		return e(ErrEmpty, "")
	case len(v) != 8 && len(v) != 11:
		return e(ErrLength, "%d characters, a BIC has 8 or 11", len(v))
	}
	for i := 0; i < len(v); i++ {
		if !isAlnum(v[i]) {
			return e(ErrChars, "character %d is not a letter or digit", i+1)
		}
	}
	for i := 0; i < 4; i++ {
		if v[i] < 'A' || v[i] > 'Z' {
			return e(ErrFormat, "institution code must be four letters")
		}
	}
	if !isCountry(v[4:6]) {
		return e(ErrCountry, "%q is not a country code", v[4:6])
	}
	return BIC(v), nil
}

// Institution returns the four-letter institution (bank) code.
func (b BIC) Institution() string { return string(b[:4]) }

// Country returns the ISO 3166-1 alpha-2 country code in characters 5–6.
func (b BIC) Country() string { return string(b[4:6]) }

// Location returns the two-character location code.
func (b BIC) Location() string { return string(b[6:8]) }

// Branch returns the branch code, "XXX" for the primary office (and for a
// BIC8).
func (b BIC) Branch() string {
	if len(b) == 11 {
		return string(b[8:])
	}
	return "XXX"
}

// BIC8 returns the first eight characters: the institution's head office.
func (b BIC) BIC8() string { return string(b[:8]) }

// BIC11 returns the 11-character form, with branch "XXX" for a BIC8.
func (b BIC) BIC11() string { return b.BIC8() + b.Branch() }

// String returns the BIC as given (8 or 11 characters).
func (b BIC) String() string { return string(b) }

// Same reports whether b and o identify the same office: a BIC8 and the
// same BIC with branch XXX are the same.
func (b BIC) Same(o BIC) bool { return b.BIC11() == o.BIC11() }

func isCountry(code string) bool {
	if code == "XK" {
		return true
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && strings.EqualFold(r.String(), code)
}
