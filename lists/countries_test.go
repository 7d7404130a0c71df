package lists

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountryCode(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{"Korea, North", "KP", "OFAC's name for North Korea"},
		{"Democratic People's Republic of Korea", "KP", "UN's name"},
		{"Korea, Democratic People’s Republic of", "KP", "curly apostrophe, inverted"},
		{"KOREA, SOUTH", "KR", "upper case"},
		{"Iran (Islamic Republic of)", "IR", "UN parenthesised form"},
		{"FRANCE", "FR", "not the retired FX (Metropolitan France)"},
		{"Burkina Faso", "BF", "not the retired HV (Upper Volta)"},
		{"Panama", "PA", "not the retired PZ (Panama Canal Zone)"},
		{"Côte d'Ivoire", "CI", "accents and apostrophe"},
		{"Antigua and Barbuda", "AG", "CLDR writes &"},
		{"China, Hong Kong Special Administrative Region", "HK", "UN name for Hong Kong"},
		{"Burma", "MM", "OFAC's name for Myanmar"},
		{"Russia", "RU", "short name"},
		{"Türkiye", "TR", "new official name"},
		{"former Soviet Union", "SU", "UN writes 'former'"},
		{"DE", "DE", "alpha-2 code"},
		{"DEU", "DE", "alpha-3 code"},
		{"British", "GB", "demonym in a nationality field"},
	}
	for _, tt := range tests {
		got, ok := CountryCode(tt.in)
		assert.True(t, ok, "CountryCode(%q) (%s)", tt.in, tt.reason)
		assert.Equal(t, tt.want, got, "CountryCode(%q) (%s)", tt.in, tt.reason)
	}
	for _, in := range []string{"", "na", "Korea", "Region: Kafia Kingi", "Moscow"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q, want no country: ambiguous or not a country", in, got)
		}
	}
}

func TestCountryCodes(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		ok     bool
		reason string
	}{
		{"(1) Russia (2) Israel", []string{"RU", "IL"}, true, "UK numbered list"},
		{"Estonia, Russia", []string{"EE", "RU"}, true, "comma-separated"},
		{"Germany. Russia", []string{"DE", "RU"}, true, "full stop separated"},
		{"Russia", []string{"RU"}, true, "single country"},
		{"(1) Russia (2) Atlantis", []string{"RU"}, false, "an unknown part is reported"},
	}
	for _, tt := range tests {
		got, ok := CountryCodes(tt.in)
		if ok != tt.ok || len(got) != len(tt.want) {
			t.Errorf("CountryCodes(%q) = %v, %v; want %v, %v (%s)", tt.in, got, ok, tt.want, tt.ok, tt.reason)
			continue
		}
		for i := range got {
			assert.Equal(t, tt.want[i], got[i], "CountryCodes(%q) = %v, want %v (%s)", tt.in, got, tt.want, tt.reason)
		}
	}
}

func TestIsDPRKProgram(t *testing.T) {
	for _, p := range []string{"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA", "PRK", "Democratic People's Republic of Korea", "Democratic People’s Republic of Korea"} {
		assert.True(t, IsDPRKProgram(p), "IsDPRKProgram(%q) = false", p)
	}
	for _, p := range []string{"SDGT", "RUSSIA-EO14024", "IRAN", "Korea, South", "NPWMD", "CYBER2"} {
		if IsDPRKProgram(p) {
			t.Errorf("IsDPRKProgram(%q) = true, want false", p)
		}
	}
}
