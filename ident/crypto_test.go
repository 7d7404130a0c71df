package ident

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCryptoVectors checks every row of the shared crypto and segwit
// vectors: valid addresses parse, invalid ones are rejected.
func TestCryptoVectors(t *testing.T) {
	rows := readTSV(t, "crypto_address_vectors.tsv")
	for _, r := range rows {
		tag, addr, want, detail := r[0], r[1], r[2] == "true", r[3]
		a, err := ParseCryptoAddress(addr)
		if (err == nil) != want {
			t.Errorf("%s %s: err = %v, want valid=%v (%s)", tag, addr, err, want, detail)
			continue
		}
		if err == nil && !containsTag(a.Tags, tag) {
			t.Errorf("%s %s: detected %s with tags %v, want %s among them (%s)", tag, addr, a.Format, a.Tags, tag, detail)
		}
	}
	for _, r := range readTSV(t, "segwit_bip173_bip350.tsv") {
		addr, want, note := r[0], r[1] == "true", r[2]
		_, err := ParseCryptoAddress(addr)
		if (err == nil) != want {
			t.Errorf("segwit %s: err = %v, want valid=%v (%s)", addr, err, want, note)
		}
	}
}

func containsTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

func TestCryptoKey(t *testing.T) {
	tests := []struct {
		a, b   string
		same   bool
		reason string
	}{
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", true, "EVM compares case-insensitively"},
		{"0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", true, "upper-case 0X prefix"},
		{"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true, "bech32 compares in lower case"},
		{"bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", true, "CashAddr prefix is optional"},
		{"1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "1d6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", false, "Base58 is case-sensitive"},
		{" TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM ", "TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM", true, "surrounding spaces are ignored"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.same, CryptoKey(tt.a) == CryptoKey(tt.b), "CryptoKey(%q) == CryptoKey(%q) (%s)", tt.a, tt.b, tt.reason)
		pa, _ := ParseCryptoAddress(tt.a)
		assert.Equal(t, CryptoKey(tt.a), pa.Key, "ParseCryptoAddress(%q).Key: they must agree", tt.a)
	}
}

// TestOFACDPRKAddresses parses every digital currency address OFAC lists on
// DPRK-related entries: each is detected independently of its tag, and the
// tag-mismatch OFAC published (a Tron address under XBT) is recognized.
func TestOFACDPRKAddresses(t *testing.T) {
	p := strings.Replace(sharedVectors(t, "README.md"), "vectors/README.md", "dprk/ofac_dprk_crypto_addresses.csv", 1)
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	formats := map[CryptoFormat]int{}
	for _, r := range rows[1:] {
		a, err := ParseCryptoAddress(r[1])
		if err != nil {
			t.Errorf("%s %s (uid %s): %v", r[0], r[1], r[2], err)
			continue
		}
		formats[a.Format]++
	}
	if len(rows)-1 != 118 {
		t.Errorf("%d addresses, want 118", len(rows)-1)
	}
	t.Logf("formats of the %d listed DPRK addresses: %v", len(rows)-1, formats)
	assert.NotZero(t, formats[CryptoTron], "Tron, EVM and Base58Check addresses expected among %v", formats)
	assert.NotZero(t, formats[CryptoEVM], "Tron, EVM and Base58Check addresses expected among %v", formats)
	assert.NotZero(t, formats[CryptoBase58Check], "Tron, EVM and Base58Check addresses expected among %v", formats)
}

func TestParseCryptoAddressErrors(t *testing.T) {
	tests := []struct {
		in     string
		err    error
		reason string
	}{
		{"", ErrEmpty, "empty"},
		{"hello world", ErrFormat, "not an address"},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", ErrChecksum, "EIP-55 case flipped"},
		{"1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfK", ErrChecksum, "Base58Check checksum"},
		{"5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320", ErrFormat, "64 hex digits are not an address (OFAC lists one under XMR)"},
	}
	for _, tt := range tests {
		a, err := ParseCryptoAddress(tt.in)
		assert.ErrorIs(t, err, tt.err, "ParseCryptoAddress(%q) error (%s)", tt.in, tt.reason)
		assert.Equal(t, CryptoKey(tt.in), a.Key, "ParseCryptoAddress(%q).Key", tt.in)
	}
}

func FuzzParseCryptoAddress(f *testing.F) {
	for _, s := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM",
		"qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
		"44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseCryptoAddress(s)
		require.Equal(t, CryptoKey(s), a.Key)
		if err == nil && (a.Format == CryptoUnknown || len(a.Tags) == 0) {
			t.Fatalf("valid address %q without format or tags", s)
		}
	})
}

func BenchmarkParseCryptoAddress(b *testing.B) {
	for _, s := range []string{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"} {
		b.Run(s[:6], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ParseCryptoAddress(s)
			}
		})
	}
}
