package ident

import "fmt"

// ABA is a validated US ABA routing transit number (nine digits).
type ABA string

// ParseABA validates s as an ABA routing number: nine digits, a first two
// digits in the Federal Reserve ranges (00–12, 21–32, 61–72 or 80) and
// the 3-7-1 weighted checksum. An all-zero number is rejected. Spaces and
// hyphens are removed. The error is an [*Error].
func ParseABA(s string) (ABA, error) {
	e := func(err error, detail string, args ...any) (ABA, error) {
		return "", &Error{Kind: "ABA routing number", Err: err, Detail: fmt.Sprintf(detail, args...)}
	}
	v := compactUpper(s)
	if v == "" {
		return e(ErrEmpty, "")
	}
	if len(v) != 9 {
		return e(ErrLength, "%d characters, a routing number has 9 digits", len(v))
	}
	sum := 0
	weights := [9]int{3, 7, 1, 3, 7, 1, 3, 7, 1}
	for i := 0; i < 9; i++ {
		if !isDigit(v[i]) {
			return e(ErrChars, "character %d is not a digit", i+1)
		}
		sum += int(v[i]-'0') * weights[i]
	}
	if v == "000000000" {
		return e(ErrFormat, "all zeros")
	}
	p := int(v[0]-'0')*10 + int(v[1]-'0')
	if !(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80) {
		return e(ErrFormat, "prefix %02d is not a Federal Reserve routing symbol", p)
	}
	if sum%10 != 0 {
		return e(ErrChecksum, "3-7-1 check failed")
	}
	return ABA(v), nil
}
