package ident

import (
	"crypto/sha256"
	"math/big"
)

const (
	bitcoinAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	rippleAlphabet  = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
)

// base58Decode decodes s in the given alphabet, keeping leading zero bytes
// (one per leading first-alphabet character). ok is false on a character
// outside the alphabet.
func base58Decode(s, alphabet string) ([]byte, bool) {
	if s == "" {
		return nil, false
	}
	var idx [256]int8
	for i := range idx {
		idx[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		idx[alphabet[i]] = int8(i)
	}
	n := new(big.Int)
	radix := big.NewInt(58)
	zeros := 0
	for zeros < len(s) && s[zeros] == alphabet[0] {
		zeros++
	}
	for i := 0; i < len(s); i++ {
		v := idx[s[i]]
		if v < 0 {
			return nil, false
		}
		n.Mul(n, radix)
		n.Add(n, big.NewInt(int64(v)))
	}
	b := n.Bytes()
	out := make([]byte, zeros+len(b))
	copy(out[zeros:], b)
	return out, true
}

// base58Check decodes a Base58Check string and verifies its 4-byte
// double-SHA256 checksum, returning the payload (version bytes included).
func base58Check(s, alphabet string) (payload []byte, decoded bool, checksumOK bool) {
	b, ok := base58Decode(s, alphabet)
	if !ok || len(b) < 5 {
		return nil, ok, false
	}
	p, sum := b[:len(b)-4], b[len(b)-4:]
	h1 := sha256.Sum256(p)
	h2 := sha256.Sum256(h1[:])
	return p, true, string(h2[:4]) == string(sum)
}

// moneroBase58Decode decodes Monero's block-wise Base58: 8-byte blocks
// encoded as 11 characters, the last block shorter.
func moneroBase58Decode(s string) ([]byte, bool) {
	encodedSizes := []int{0, 2, 3, 5, 6, 7, 9, 10, 11}
	var out []byte
	for len(s) > 0 {
		n := min(11, len(s))
		block := s[:n]
		s = s[n:]
		size := -1
		for i, e := range encodedSizes {
			if e == n {
				size = i
			}
		}
		if size < 0 {
			return nil, false
		}
		v := new(big.Int)
		for i := 0; i < len(block); i++ {
			d := indexByte(bitcoinAlphabet, block[i])
			if d < 0 {
				return nil, false
			}
			v.Mul(v, big.NewInt(58))
			v.Add(v, big.NewInt(int64(d)))
		}
		b := v.Bytes()
		if len(b) > size {
			return nil, false
		}
		pad := make([]byte, size-len(b))
		out = append(out, pad...)
		out = append(out, b...)
	}
	return out, true
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
