package ident

import "strings"

// EmailKey returns the mailbox an e-mail address names, in the one form in
// which payscreen compares addresses — listed ones, payees' and those of
// one payroll run: trimmed and lower-cased, without a "+tag" in the local
// part and, at Gmail (googlemail.com is the same service), without the
// dots Gmail ignores, so that mailbox variants of one person compare
// equal. It returns "" when v is not local@domain. An indicator of a
// whole domain, "@domain", keeps its form lower-cased.
func EmailKey(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	at := strings.LastIndexByte(v, '@')
	if at < 0 || at == len(v)-1 {
		return ""
	}
	local, domain := v[:at], v[at+1:]
	if at == 0 {
		return v // a listed domain indicator
	}
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// EmailDomain returns "@domain" of [EmailKey](v), the form in which
// indicator feeds list a whole domain, or "" when v has none.
func EmailDomain(v string) string {
	k := EmailKey(v)
	if i := strings.LastIndexByte(k, '@'); i >= 0 {
		return k[i:]
	}
	return ""
}

// PhoneKey returns the digits of a phone number without leading zeros
// (so "+44 20 7946 0000" and "0044 20 7946 0000" agree), or "" when fewer
// than seven digits remain: too short to identify anyone. Listed numbers
// and payees' are compared by it exactly; a payroll run compares its
// payees' numbers by its last nine digits ([PhoneSuffix]).
func PhoneKey(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if c := v[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	k := strings.TrimLeft(b.String(), "0")
	if len(k) < 7 {
		return ""
	}
	return k
}

// PhoneSuffix returns the last nine digits of [PhoneKey](v) (all of them
// when it has fewer), so that a number written with and without its
// country code ("+1 555 010 7788", "(555) 010-7788") compares equal, or ""
// when PhoneKey gives none.
func PhoneSuffix(v string) string {
	k := PhoneKey(v)
	return k[max(0, len(k)-9):]
}
