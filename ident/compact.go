package ident

import "strings"

// Compact returns v in upper case with everything but ASCII letters and
// digits removed: the form in which document, account and registration
// numbers are compared ("AB 12-34" is "AB1234").
func Compact(v string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(v) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
