package ident

import (
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/crypto/sha3"
)

// CryptoFormat is the encoding of a crypto-currency address.
type CryptoFormat uint8

// Address formats, detected from the address itself, never from a tag.
const (
	CryptoUnknown     CryptoFormat = iota
	CryptoBase58Check              // Bitcoin-family legacy P2PKH/P2SH (BTC, BCH/BSV legacy, LTC, DASH, ZEC t-addr, BTG, DOGE/XVG)
	CryptoSegwit                   // BIP-173 bech32 (v0) and BIP-350 bech32m (v1+) segwit addresses
	CryptoBech32                   // other bech32 addresses (BNB Beacon Chain)
	CryptoEVM                      // Ethereum and EVM chains, 0x + 40 hex, EIP-55 checksum when mixed case
	CryptoTron                     // Tron, Base58Check with version 0x41
	CryptoCashAddr                 // Bitcoin Cash CashAddr
	CryptoMonero                   // Monero standard, subaddress and integrated addresses
	CryptoXRP                      // XRP Ledger classic address (Ripple Base58Check)
	CryptoSolana                   // Solana: Base58 of a 32-byte public key, no checksum
)

var cryptoFormatNames = [...]string{"unknown", "base58check", "segwit", "bech32", "evm", "tron", "cashaddr", "monero", "xrp", "solana"}

// String returns the lower-case name of f.
func (f CryptoFormat) String() string {
	if int(f) < len(cryptoFormatNames) {
		return cryptoFormatNames[f]
	}
	return fmt.Sprintf("CryptoFormat(%d)", uint8(f))
}

// MarshalText implements encoding.TextMarshaler.
func (f CryptoFormat) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// CryptoAddress is a crypto-currency address as detected and normalized.
type CryptoAddress struct {
	Format CryptoFormat
	// Tags lists the currency tags (as OFAC writes them: XBT, ETH, USDT,
	// TRX, ...) whose addresses take this form; one EVM address is the
	// same account on every EVM chain.
	Tags []string
	// Key is the form two addresses are compared in: EVM addresses in
	// lower case (one key across EVM chains), bech32 and CashAddr in
	// lower case (CashAddr without its prefix), Base58 formats exactly as
	// written. For a string that is not a valid address, Key is the string
	// with surrounding spaces removed (EVM-looking strings lower-cased), so
	// that listed strings that fail validation still match exactly.
	Key string
}

// Addresses of one EVM account are listed under any of these tags.
var evmTags = []string{"ETH", "ETC", "BSC", "ARB", "USDT", "USDC", "BNB", "MATIC", "OP", "AVAX"}

// ParseCryptoAddress detects the format of a crypto-currency address and
// validates it: Base58Check (with its version bytes), bech32/bech32m
// segwit (BIP-173/350), EIP-55, Tron, CashAddr, Monero, XRP and Solana.
// A currency tag is not needed and not trusted: OFAC itself lists Tron
// addresses under XBT. On failure the returned address still carries a
// Key for exact matching, and the error is an [*Error] wrapping
// [ErrEmpty], [ErrFormat] or [ErrChecksum].
func ParseCryptoAddress(s string) (CryptoAddress, error) {
	s = strings.TrimSpace(s)
	fail := func(err error, detail string) (CryptoAddress, error) {
		return CryptoAddress{Key: CryptoKey(s)}, &Error{Kind: "crypto address", Err: err, Detail: detail}
	}
	if s == "" {
		return fail(ErrEmpty, "")
	}
	if isEVMShape(s) {
		a := CryptoAddress{Format: CryptoEVM, Tags: evmTags, Key: strings.ToLower(s)}
		if !eip55OK(s[2:]) {
			return CryptoAddress{Format: CryptoEVM, Tags: evmTags, Key: a.Key}, &Error{Kind: "crypto address", Err: ErrChecksum, Detail: "EIP-55 mixed-case checksum fails"}
		}
		return a, nil
	}
	if a, ok, err := parseCashAddr(s); ok {
		return a, err
	}
	if hrp, data, c := bech32Decode(s); c != 0 {
		return parseBech32(s, hrp, data, c)
	}
	if (len(s) == 95 || len(s) == 106) && (s[0] == '4' || s[0] == '8') {
		if b, ok := moneroBase58Decode(s); ok {
			if moneroOK(b) {
				return CryptoAddress{Format: CryptoMonero, Tags: []string{"XMR"}, Key: s}, nil
			}
			return fail(ErrChecksum, "Monero checksum fails")
		}
	}
	if s[0] == 'r' && len(s) >= 25 && len(s) <= 35 {
		if p, decoded, ok := base58Check(s, rippleAlphabet); decoded && len(p) == 21 && p[0] == 0 {
			if !ok {
				return fail(ErrChecksum, "XRP checksum fails")
			}
			return CryptoAddress{Format: CryptoXRP, Tags: []string{"XRP"}, Key: s}, nil
		}
	}
	if p, decoded, ok := base58Check(s, bitcoinAlphabet); decoded && (len(p) == 21 || len(p) == 22) {
		tags, format := base58Version(p)
		if format != CryptoUnknown {
			if !ok {
				return fail(ErrChecksum, format.String()+" checksum fails")
			}
			return CryptoAddress{Format: format, Tags: tags, Key: s}, nil
		}
	}
	if len(s) >= 32 && len(s) <= 44 {
		if b, ok := base58Decode(s, bitcoinAlphabet); ok && len(b) == 32 {
			return CryptoAddress{Format: CryptoSolana, Tags: []string{"SOL", "USDC", "USDT"}, Key: s}, nil
		}
	}
	return fail(ErrFormat, "not an address of any known format")
}

// CryptoKey returns the comparison key of an address string without
// validating it (see [CryptoAddress.Key]).
func CryptoKey(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case isEVMShape(s):
		return strings.ToLower(s)
	case len(s) > 12 && strings.EqualFold(s[:12], "bitcoincash:"):
		return strings.ToLower(s[12:])
	case isBech32Shape(s):
		return strings.ToLower(s)
	case isCashAddrShape(s):
		return strings.ToLower(s)
	}
	return s
}

func isEVMShape(s string) bool {
	if len(s) != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return false
	}
	for i := 2; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// isBech32Shape reports whether s looks like a bech32 string in one case:
// a known human-readable part, "1", then charset characters.
func isBech32Shape(s string) bool {
	l := strings.ToLower(s)
	if l != s && strings.ToUpper(s) != s {
		return false
	}
	for _, hrp := range []string{"bc1", "tb1", "ltc1", "bnb1", "bcrt1"} {
		if strings.HasPrefix(l, hrp) {
			for i := len(hrp); i < len(l); i++ {
				if indexByte(bech32Charset, l[i]) < 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

func isCashAddrShape(s string) bool {
	l := strings.ToLower(s)
	if (l != s && strings.ToUpper(s) != s) || len(l) != 42 || (l[0] != 'q' && l[0] != 'p') {
		return false
	}
	for i := 0; i < len(l); i++ {
		if indexByte(bech32Charset, l[i]) < 0 {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// eip55OK checks the EIP-55 mixed-case checksum of 40 hex digits. All
// lower-case or all upper-case carries no checksum and is accepted.
func eip55OK(h string) bool {
	lower := strings.ToLower(h)
	if h == lower || h == strings.ToUpper(h) {
		return true
	}
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(lower))
	sum := k.Sum(nil)
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c >= '0' && c <= '9' {
			continue
		}
		nibble := sum[i/2]
		if i%2 == 0 {
			nibble >>= 4
		}
		upper := c >= 'A' && c <= 'F'
		if upper != (nibble&0x0f >= 8) {
			return false
		}
	}
	return true
}

func moneroOK(b []byte) bool {
	if len(b) != 69 && len(b) != 77 {
		return false
	}
	switch b[0] {
	case 0x12, 0x2a, 0x13: // standard, subaddress, integrated (mainnet)
	default:
		return false
	}
	k := sha3.NewLegacyKeccak256()
	k.Write(b[:len(b)-4])
	return string(k.Sum(nil)[:4]) == string(b[len(b)-4:])
}

// base58Version classifies a Base58Check payload by its version bytes.
func base58Version(p []byte) ([]string, CryptoFormat) {
	if len(p) == 22 {
		switch hex.EncodeToString(p[:2]) {
		case "1cb8", "1cbd": // Zcash transparent t1 / t3
			return []string{"ZEC"}, CryptoBase58Check
		}
		return nil, CryptoUnknown
	}
	switch p[0] {
	case 0x00, 0x05:
		return []string{"XBT", "BCH", "BSV", "USDT", "LTC"}, CryptoBase58Check
	case 0x30, 0x32:
		return []string{"LTC"}, CryptoBase58Check
	case 0x4c, 0x10:
		return []string{"DASH"}, CryptoBase58Check
	case 0x26, 0x17:
		return []string{"BTG"}, CryptoBase58Check
	case 0x1e, 0x16:
		return []string{"XVG", "DOGE"}, CryptoBase58Check
	case 0x41:
		return []string{"TRX", "USDT", "USDC"}, CryptoTron
	case 0x6f, 0xc4:
		return []string{"XBT"}, CryptoBase58Check // testnet
	}
	return nil, CryptoUnknown
}

// parseBech32 validates a decoded bech32 string as a segwit address
// (BIP-173/350) or a BNB Beacon Chain address.
func parseBech32(s, hrp string, data []byte, constant uint32) (CryptoAddress, error) {
	key := strings.ToLower(s)
	fail := func(err error, detail string) (CryptoAddress, error) {
		return CryptoAddress{Key: key}, &Error{Kind: "crypto address", Err: err, Detail: detail}
	}
	switch hrp {
	case "bc", "tb", "bcrt", "ltc", "tltc":
		if len(data) < 1 {
			return fail(ErrFormat, "empty segwit data")
		}
		version := data[0]
		prog, ok := convertBits(data[1:], 5, 8, false)
		switch {
		case !ok:
			return fail(ErrFormat, "bad segwit padding")
		case version > 16:
			return fail(ErrFormat, "segwit version above 16")
		case len(prog) < 2 || len(prog) > 40:
			return fail(ErrFormat, "segwit program length out of range")
		case version == 0 && len(prog) != 20 && len(prog) != 32:
			return fail(ErrFormat, "segwit v0 program must be 20 or 32 bytes")
		case version == 0 && constant != bech32Const:
			return fail(ErrChecksum, "segwit v0 must use bech32")
		case version != 0 && constant != bech32mConst:
			return fail(ErrChecksum, "segwit v1+ must use bech32m")
		}
		tags := []string{"XBT"}
		if strings.HasPrefix(hrp, "ltc") || hrp == "tltc" {
			tags = []string{"LTC"}
		}
		return CryptoAddress{Format: CryptoSegwit, Tags: tags, Key: key}, nil
	case "bnb":
		prog, ok := convertBits(data, 5, 8, false)
		if !ok || len(prog) != 20 || constant != bech32Const {
			return fail(ErrFormat, "BNB address must be bech32 of 20 bytes")
		}
		return CryptoAddress{Format: CryptoBech32, Tags: []string{"BNB"}, Key: key}, nil
	}
	return fail(ErrFormat, "unknown bech32 prefix")
}

// parseCashAddr reports ok when s is CashAddr-shaped (with or without the
// bitcoincash: prefix) and then validates it.
func parseCashAddr(s string) (CryptoAddress, bool, error) {
	body := s
	if len(s) > 12 && strings.EqualFold(s[:12], "bitcoincash:") {
		body = s[12:]
		if s[:12] != strings.ToLower(s[:12]) && s[:12] != strings.ToUpper(s[:12]) {
			return CryptoAddress{}, false, nil
		}
	} else if !isCashAddrShape(s) {
		return CryptoAddress{}, false, nil
	}
	key := strings.ToLower(body)
	if key != body && strings.ToUpper(body) != body {
		return CryptoAddress{Key: key}, true, &Error{Kind: "crypto address", Err: ErrFormat, Detail: "mixed case CashAddr"}
	}
	values := make([]byte, 0, 12+len(key))
	for _, c := range []byte("bitcoincash") {
		values = append(values, c&31)
	}
	values = append(values, 0)
	for i := 0; i < len(key); i++ {
		d := indexByte(bech32Charset, key[i])
		if d < 0 {
			return CryptoAddress{Key: key}, true, &Error{Kind: "crypto address", Err: ErrFormat, Detail: "character outside the CashAddr set"}
		}
		values = append(values, byte(d))
	}
	if cashAddrPolymod(values) != 0 {
		return CryptoAddress{Key: key}, true, &Error{Kind: "crypto address", Err: ErrChecksum, Detail: "CashAddr checksum fails"}
	}
	return CryptoAddress{Format: CryptoCashAddr, Tags: []string{"BCH"}, Key: key}, true, nil
}
