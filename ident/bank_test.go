package ident

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseIBAN(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		err    error
		reason string
	}{
		{"GB29NWBK60161331926819", "GB29NWBK60161331926819", nil, "SWIFT registry example"},
		{"gb29 nwbk 6016 1331 9268 19", "GB29NWBK60161331926819", nil, "paper format in lower case is normalized"},
		{"DE89370400440532013000", "DE89370400440532013000", nil, "German example"},
		{"DE89370400440532013001", "", ErrChecksum, "last digit changed breaks mod-97"},
		{"GB29NWBK6016133192681X", "", ErrFormat, "letter where the GB BBAN needs a digit"},
		{"ZZ29NWBK60161331926819", "", ErrCountry, "ZZ is no IBAN country"},
		{"KP12345678901234", "", ErrCountry, "North Korea has no IBAN"},
		{"GB29NWBK601613319268", "", ErrLength, "two characters short for GB"},
		{"", "", ErrEmpty, "empty input"},
		{"GB29NWBK6016133192681€", "", ErrChars, "non-ASCII character"},
		{"GBXXNWBK60161331926819", "", ErrFormat, "check digits must be digits"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseIBAN(tt.in)
			require.ErrorIs(t, err, tt.err, "ParseIBAN(%q) (%s)", tt.in, tt.reason) // a nil tt.err wants no error
			assert.Equal(t, tt.want, string(got), "ParseIBAN(%q) = %q (%s)", tt.in, got, tt.reason)
		})
	}
}

func TestIBANParts(t *testing.T) {
	i, err := ParseIBAN("GB29NWBK60161331926819")
	require.NoError(t, err)
	assert.Equal(t, "GB", i.Country(), "parts of %s", i)
	assert.Equal(t, "NWBK60161331926819", i.BBAN(), "parts of %s", i)
	assert.Equal(t, "GB29 NWBK 6016 1331 9268 19", i.Paper(), "parts of %s", i)
	assert.True(t, i.IsSEPA(), "parts of %s", i)
}

// TestIBANSharedExamples validates every valid IBAN example of the shared
// vectors (one file per country plus the SWIFT registry examples).
func TestIBANSharedExamples(t *testing.T) {
	dir := sharedVectors(t, "iban-examples")
	files, err := filepath.Glob(filepath.Join(dir, "*-ibans"))
	require.NoError(t, err, "no example files in %s", dir)
	require.NotEmpty(t, files, "no example files in %s", dir)
	files = append(files, sharedVectors(t, "iban_valid_swift_registry_examples.txt"))
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			n++
			_, err := ParseIBAN(line)
			assert.NoError(t, err, "%s: valid example %q rejected", filepath.Base(f), line)
		}
	}
	assert.Greater(t, n, 1000, "examples read")
}

// TestIBANRegistryMatchesShared checks the generated registry table
// against the shared registry it was generated from.
func TestIBANRegistryMatchesShared(t *testing.T) {
	rows := readTSV(t, "iban_registry.tsv")
	seen := 0
	for _, r := range rows {
		if r[0] == "country" {
			continue
		}
		seen++
		c, ok := ibanCountries[r[0]]
		n, _ := strconv.Atoi(r[1])
		if !ok || c.length != n || c.bban != r[2] || c.sepa != (r[3] == "Y") {
			t.Errorf("registry %s: have %+v, shared %v", r[0], c, r[:4])
		}
	}
	assert.Equal(t, len(ibanCountries), seen)
}

// TestBankVectors runs the IBAN, ABA and BIC rows of the shared
// bank_vectors.tsv (UK sort codes are not validated by this package).
func TestBankVectors(t *testing.T) {
	for _, r := range readTSV(t, "bank_vectors.tsv") {
		scheme, value, expect, detail := r[0], r[1], r[2], r[3]
		var err error
		switch scheme {
		case "IBAN":
			_, err = ParseIBAN(value)
		case "ABA":
			_, err = ParseABA(value)
		case "BIC":
			_, err = ParseBIC(value)
		default:
			continue
		}
		// ParseIBAN upper-cases its input, so the row that is valid only
		// after upper-casing is expected to pass.
		want := expect == "true" || strings.HasSuffix(expect, "true(after uppercasing)")
		if (err == nil) != want {
			t.Errorf("%s %q: err = %v, want valid=%v (%s)", scheme, value, err, want, detail)
		}
	}
}

func TestParseBIC(t *testing.T) {
	tests := []struct {
		in, want, country, branch string
		err                       error
		reason                    string
	}{
		{"KKBCKPPY", "KKBCKPPY", "KP", "XXX", nil, "Korea Kwangson Banking Corp, listed by OFAC by BIC"},
		{"deutdeff500", "DEUTDEFF500", "DE", "500", nil, "lower case is upper-cased"},
		{"DEUT DE FF", "DEUTDEFF", "DE", "XXX", nil, "spaces removed"},
		{"DEUTDEFF50", "", "", "", ErrLength, "10 characters"},
		{"A2CDBEB1", "", "", "", ErrFormat, "digit in the institution code"},
		{"ABCDZZB1", "", "", "", ErrCountry, "ZZ is not a country"},
		{"ABCDXKB1", "ABCDXKB1", "XK", "XXX", nil, "Kosovo is used in BICs"},
		{"", "", "", "", ErrEmpty, "empty"},
		{"DEUTDEFF_00", "", "", "", ErrChars, "underscore"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBIC(tt.in)
			require.ErrorIs(t, err, tt.err, "ParseBIC(%q) (%s)", tt.in, tt.reason) // a nil tt.err wants no error
			require.Equal(t, tt.want, string(got), "ParseBIC(%q) = %q (%s)", tt.in, got, tt.reason)
			if err == nil && (got.Country() != tt.country || got.Branch() != tt.branch) {
				t.Errorf("ParseBIC(%q): country %s branch %s, want %s %s (%s)", tt.in, got.Country(), got.Branch(), tt.country, tt.branch, tt.reason)
			}
		})
	}
	a, _ := ParseBIC("KKBCKPPY")
	b, _ := ParseBIC("KKBCKPPYXXX")
	assert.True(t, a.Same(b), "BIC8 and its XXX branch must be the same office")
}

func TestParseABA(t *testing.T) {
	tests := []struct {
		in     string
		err    error
		reason string
	}{
		{"011000015", nil, "Federal Reserve Bank of Boston"},
		{"021000021", nil, "JPMorgan Chase"},
		{"0210-0002-1", nil, "hyphens removed"},
		{"021000022", ErrChecksum, "last digit changed"},
		{"000000000", ErrFormat, "all zeros"},
		{"991000021", ErrFormat, "prefix 99 is not a routing symbol"},
		{"02100002", ErrLength, "eight digits"},
		{"02100002A", ErrChars, "letter"},
		{"", ErrEmpty, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseABA(tt.in)
			assert.ErrorIs(t, err, tt.err, "ParseABA(%q) (%s)", tt.in, tt.reason) // a nil tt.err wants no error
		})
	}
}

func TestErrorsDoNotLeakValue(t *testing.T) {
	const secret = "GB29NWBK6016133192681X"
	_, err := ParseIBAN(secret)
	assert.Error(t, err)
	assert.NotContains(t, err.Error(), "NWBK6016")
}

func FuzzParseIBAN(f *testing.F) {
	for _, s := range []string{"GB29NWBK60161331926819", "DE89370400440532013000", "", "ZZ", "GB29 nwbk 6016"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, err := ParseIBAN(s)
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			return
		}
		// A valid IBAN round-trips through its paper form.
		j, err := ParseIBAN(i.Paper())
		require.NoError(t, err, "round trip of %q via %q", i, i.Paper())
		require.Equal(t, i, j, "round trip of %q via %q", i, i.Paper())
	})
}

func FuzzParseBIC(f *testing.F) {
	for _, s := range []string{"KKBCKPPY", "DEUTDEFF500", "", "A2CDBEB1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBIC(s)
		if err == nil {
			if len(b) != 8 && len(b) != 11 || b.BIC11()[:8] != b.BIC8() {
				t.Fatalf("bad BIC %q accepted", b)
			}
		}
	})
}

func FuzzParseABA(f *testing.F) {
	for _, s := range []string{"011000015", "000000000", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, err := ParseABA(s); err == nil && len(a) != 9 {
			t.Fatalf("bad ABA %q accepted", a)
		}
	})
}
