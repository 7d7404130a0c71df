package ident

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEmailKey(t *testing.T) {
	tests := []struct {
		in, want, domain, reason string
	}{
		{"John.Doe@Example.com", "john.doe@example.com", "@example.com", "case folds; dots stay outside Gmail"},
		{"  a@b.io ", "a@b.io", "@b.io", "surrounding space trimmed"},
		{"dev+payroll@acme.test", "dev@acme.test", "@acme.test", "a +tag names the same mailbox"},
		{"J.o.h.n+x@gmail.com", "john@gmail.com", "@gmail.com", "Gmail ignores dots and tags"},
		{"john@GoogleMail.com", "john@gmail.com", "@gmail.com", "googlemail.com is Gmail"},
		{"+tag@x.com", "+tag@x.com", "@x.com", "a local part that is only a tag keeps it"},
		{"@volasys.example", "@volasys.example", "@volasys.example", "a listed domain indicator keeps its form"},
		{"no-at-sign", "", "", "not an address"},
		{"trailing@", "", "", "no domain"},
		{"", "", "", "empty"},
		{"Ünïcode@Exämple.de", "ünïcode@exämple.de", "@exämple.de", "Unicode case folds"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, EmailKey(tt.in), "EmailKey(%q): %s", tt.in, tt.reason)
		assert.Equal(t, tt.domain, EmailDomain(tt.in), "EmailDomain(%q): %s", tt.in, tt.reason)
	}
}

func TestPhoneKey(t *testing.T) {
	tests := []struct {
		in, key, suffix, reason string
	}{
		{"+1 555 010 7788", "15550107788", "550107788", "country code kept in the key, cut from the suffix"},
		{"(555) 010-7788", "5550107788", "550107788", "same suffix as with the country code"},
		{"0044 20 7946 0000", "442079460000", "079460000", "leading zeros of an international prefix dropped"},
		{"+44 20 7946 0000", "442079460000", "079460000", "agrees with the 00 form"},
		{"12-34-56", "", "", "six digits are too short to identify anyone"},
		{"0000000", "", "", "nothing left without the zeros"},
		{"tel. ８５５ 123 4567", "1234567", "1234567", "only ASCII digits count"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.key, PhoneKey(tt.in), "PhoneKey(%q): %s", tt.in, tt.reason)
		assert.Equal(t, tt.suffix, PhoneSuffix(tt.in), "PhoneSuffix(%q): %s", tt.in, tt.reason)
	}
}

func FuzzContactKeys(f *testing.F) {
	for _, s := range []string{"J.o.h.n+x@gmail.com", "@d.example", "+1 555 010 7788", "a@", "０@０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		k := EmailKey(v)
		if k != "" {
			assert.Equal(t, k, EmailKey(k), "EmailKey is idempotent")
			assert.Contains(t, k, "@")
			assert.True(t, strings.HasSuffix(k, EmailDomain(v)), "the domain is the key's")
		}
		p := PhoneKey(v)
		assert.Equal(t, p, PhoneKey(p), "PhoneKey is idempotent")
		assert.False(t, strings.HasPrefix(p, "0"), "no leading zero")
		assert.LessOrEqual(t, len(PhoneSuffix(v)), 9)
		assert.True(t, strings.HasSuffix(p, PhoneSuffix(v)), "the suffix ends the key")
	})
}
