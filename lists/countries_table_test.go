package lists

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCountryCodeTwoLetterTable checks that the table answering
// two-letter values gives what the full lookup gives, in any case.
func TestCountryCodeTwoLetterTable(t *testing.T) {
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for _, v := range []string{string([]rune{a, b}), string([]rune{a + 32, b + 32}), string([]rune{a, b + 32}), " " + string([]rune{a, b}) + " "} {
				wc, wok := countryCode(strings.TrimSpace(v))
				gc, gok := CountryCode(v)
				assert.Equal(t, wc, gc, "code of %q", v)
				assert.Equal(t, wok, gok, "found %q", v)
			}
		}
	}
	got, ok := CountryCode("UK")
	assert.True(t, ok, "UK is the United Kingdom's common code")
	assert.Equal(t, "GB", got)
}

func BenchmarkCountryCodeTwoLetter(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		CountryCode("de")
	}
}
